//! STS XML → results or errors. Reads any operation's result by walking its output members in the
//! operation table, and both error shapes: the documented
//! `<ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>` and moto's/auth layer's
//! `<ErrorResponse><Errors><Error>…</Error></Errors></ErrorResponse>`. Bounded: depth, leaf count and size
//! are capped, so a hostile body costs little and never panics.

use quick_xml::events::Event;
use quick_xml::Reader;
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::model::{Member, Operation, Shape};
use crate::secret::Secret;
use crate::time;

const MAX_BODY: usize = 256 * 1024;
const MAX_DEPTH: usize = 12;
const MAX_LEAVES: usize = 128;
/// STS element names are short; each leaf's path repeats its ancestors' names, so long names would cost
/// (name length × leaves) of memory, ~16 MB for a 240 KB body, and wasm memory never shrinks.
const MAX_NAME: usize = 128;
const SNIPPET_CHARS: usize = 160;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Secret,
    /// ISO-8601 UTC, normalised to `YYYY-MM-DDTHH:MM:SSZ`.
    pub expiration: String,
}

/// One value of a result, shaped by the operation table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutValue {
    Str(String),
    Int(i64),
    Bool(bool),
    /// ISO-8601 UTC, normalised to `YYYY-MM-DDTHH:MM:SSZ`.
    Time(String),
    List(Vec<OutValue>),
    Struct(Vec<(&'static Member, OutValue)>),
    Map(Vec<(String, String)>),
}

impl OutValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            OutValue::Str(s) | OutValue::Time(s) => Some(s),
            _ => None,
        }
    }

    /// A member of a structure value by its model name.
    pub fn get(&self, name: &str) -> Option<&OutValue> {
        match self {
            OutValue::Struct(members) => members.iter().find(|(m, _)| m.name == name).map(|(_, v)| v),
            _ => None,
        }
    }

    fn wipe(&mut self) {
        match self {
            OutValue::Str(s) | OutValue::Time(s) => s.zeroize(),
            OutValue::List(items) => items.iter_mut().for_each(OutValue::wipe),
            OutValue::Struct(members) => members.iter_mut().for_each(|(_, v)| v.wipe()),
            OutValue::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
                k.zeroize();
                v.zeroize();
            }),
            OutValue::Int(_) | OutValue::Bool(_) => {}
        }
    }
}

/// A successful result: the operation's output members that the answer carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub op: &'static Operation,
    pub members: Vec<(&'static Member, OutValue)>,
    pub request_id: Option<String>,
}

/// Results hold new secret keys, session tokens and web identity tokens: wipe them when dropped.
impl Drop for Output {
    fn drop(&mut self) {
        self.members.iter_mut().for_each(|(_, v)| v.wipe());
    }
}

impl Output {
    pub fn get(&self, name: &str) -> Option<&OutValue> {
        self.members.iter().find(|(m, _)| m.name == name).map(|(_, v)| v)
    }

    /// The `Credentials` structure, for rendering exports.
    pub fn credentials(&self) -> Option<Credentials> {
        let c = self.get("Credentials")?;
        let field = |name: &str| c.get(name).and_then(OutValue::as_str).map(str::to_owned);
        Some(Credentials {
            access_key_id: field("AccessKeyId")?,
            secret_access_key: Secret::new(field("SecretAccessKey")?),
            session_token: Secret::new(field("SessionToken")?),
            expiration: field("Expiration")?,
        })
    }
}

/// An XML document flattened to its leaf elements: `("AssumeRoleResult/Credentials/AccessKeyId", "ASIA…")`.
struct Leaves {
    root: String,
    leaves: Vec<(String, String)>,
}

/// The leaves of a result hold the new secret key and session token: wipe them once read.
impl Drop for Leaves {
    fn drop(&mut self) {
        self.leaves.iter_mut().for_each(|(_, value)| value.zeroize());
    }
}

impl Leaves {
    fn get(&self, path: &str) -> Option<&str> {
        self.leaves.iter().find(|(p, _)| p == path).map(|(_, v)| v.trim())
    }

    /// First leaf whose path ends with `/suffix` (or is `suffix`): error documents nest differently.
    fn find(&self, suffix: &str) -> Option<&str> {
        self.leaves
            .iter()
            .find(|(p, _)| p == suffix || (p.ends_with(suffix) && p.as_bytes()[p.len() - suffix.len() - 1] == b'/'))
            .map(|(_, v)| v.trim())
    }
}

fn flatten(body: &str) -> Option<Leaves> {
    let mut reader = Reader::from_str(body);
    let mut stack: Vec<String> = Vec::new();
    let mut root = None;
    let mut leaves = Vec::new();
    let mut text = String::new();
    let mut has_child = Vec::<bool>::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return None;
                }
                let name = e.local_name().as_ref().to_owned();
                if name.len() > MAX_NAME {
                    return None;
                }
                if let Some(parent) = has_child.last_mut() {
                    *parent = true;
                }
                if root.is_none() {
                    root = Some(name.clone());
                } else if stack.is_empty() {
                    return None; // a second root element
                }
                stack.push(name);
                has_child.push(false);
                text.zeroize();
            }
            Event::Empty(e) => {
                if root.is_none() {
                    root = Some(e.local_name().as_ref().to_owned());
                }
            }
            Event::Text(t) => push_bounded(&mut text, &t.xml10_content()),
            Event::CData(t) => push_bounded(&mut text, &t.into_inner()),
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    quick_xml::escape::resolve_predefined_entity(&r).map(String::from)
                };
                push_bounded(&mut text, &resolved?);
            }
            Event::End(_) => {
                let leaf = !has_child.pop()?;
                if leaf && stack.len() > 1 {
                    if leaves.len() >= MAX_LEAVES {
                        return None;
                    }
                    leaves.push((stack[1..].join("/"), core::mem::take(&mut text)));
                }
                stack.pop()?;
                text.zeroize();
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return None; // truncated
    }
    Some(Leaves { root: root?, leaves })
}

fn push_bounded(text: &mut String, more: &str) {
    if text.len() + more.len() <= 32 * 1024 {
        text.push_str(more);
    }
}

/// A short, single-line, printable excerpt of a body for error messages.
pub fn snippet(body: &str) -> String {
    let mut out = String::new();
    let mut last_space = true;
    for c in body.chars() {
        if out.chars().count() >= SNIPPET_CHARS {
            out.push('…');
            break;
        }
        if c.is_whitespace() || c.is_control() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    let trimmed = out.trim_end().to_owned();
    if trimmed.is_empty() {
        "(empty body)".into()
    } else {
        trimmed
    }
}

/// Interpret an HTTP response to `op`. `header_request_id` is the `x-amzn-requestid` header, when present.
pub fn parse(op: &'static Operation, status: u16, body: &str, header_request_id: Option<&str>) -> Result<Output> {
    let header_id = header_request_id
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.len() <= 128);
    // Every failure keeps the header's request id: it proves STS (or its front door) answered, and AWS
    // support asks for it.
    let unexpected = |what: String| Error::UnexpectedResponse {
        status,
        snippet: what,
        request_id: header_id.map(str::to_owned),
    };
    if body.len() > MAX_BODY {
        return Err(unexpected(format!(
            "a {} KB body, far larger than any STS answer",
            body.len() / 1024
        )));
    }
    let Some(doc) = flatten(body) else {
        return Err(unexpected(snippet(body)));
    };
    if doc.root == "ErrorResponse" || (doc.root == "Response" && doc.find("Errors/Error/Code").is_some()) {
        let code = doc.find("Error/Code").filter(|c| !c.is_empty());
        let Some(code) = code else {
            return Err(unexpected(snippet(body)));
        };
        let request_id = doc.find("RequestId").or_else(|| doc.find("RequestID")).or(header_id);
        return Err(Error::Sts {
            code: code.chars().take(64).collect(),
            message: doc
                .find("Error/Message")
                .unwrap_or_default()
                .chars()
                .take(1024)
                .collect(),
            request_id: request_id.map(str::to_owned),
            status,
        });
    }
    let action = op.action;
    if doc.root.strip_suffix("Response") != Some(action) || !(200..300).contains(&status) {
        return Err(unexpected(snippet(body)));
    }
    let request_id = doc.get("ResponseMetadata/RequestId").or(header_id).map(str::to_owned);
    let result = format!("{action}Result");
    let members =
        read_struct(&doc, &result, op.output).map_err(|what| unexpected(format!("the {action} response {what}")))?;
    // The table marks what makes an answer an answer as required (the credentials and who they belong to,
    // or every top-level value of the other operations: scripts/gen-model.mjs), so `read_struct` has
    // refused an answer without them.
    let output = Output {
        op,
        members,
        request_id,
    };
    if let Some(credentials) = output.get("Credentials") {
        check_credential_alphabets(credentials).map_err(|what| unexpected(format!("the {action} response {what}")))?;
    }
    Ok(output)
}

/// No real STS answer has anything else in these fields, and exports quote them into shell lines and
/// files: a hostile endpoint's `'`, `$` or backquote there is refused, not rendered (issue 10).
fn check_credential_alphabets(credentials: &OutValue) -> core::result::Result<(), String> {
    let base64 = |b: u8| b.is_ascii_alphanumeric() || b"+/=".contains(&b);
    type Rule = (&'static str, fn(u8) -> bool, &'static str);
    let rules: [Rule; 3] = [
        (
            "AccessKeyId",
            |b| b.is_ascii_uppercase() || b.is_ascii_digit(),
            "upper-case letters and digits",
        ),
        ("SecretAccessKey", base64, "base64 characters"),
        ("SessionToken", base64, "base64 characters"),
    ];
    for (name, ok, what) in rules {
        let value = credentials.get(name).and_then(OutValue::as_str).unwrap_or_default();
        if !value.bytes().all(ok) {
            return Err(format!(
                "has a Credentials/{name} with characters other than {what}; refusing it"
            ));
        }
    }
    Ok(())
}

/// The members of a structure at `prefix`; a required member missing is an error naming its path.
fn read_struct(
    doc: &Leaves,
    prefix: &str,
    members: &'static [Member],
) -> core::result::Result<Vec<(&'static Member, OutValue)>, String> {
    let mut out = Vec::new();
    for member in members {
        let path = format!("{prefix}/{}", member.name);
        let value = read_value(doc, &path, member)?;
        match value {
            Some(v) => out.push((member, v)),
            None if member.required => {
                let relative = path.split_once('/').map_or(path.as_str(), |(_, rest)| rest);
                // A whole structure missing: name its last member, the one a reader looks for last.
                let last = match member.shape {
                    Shape::Struct(inner) => inner.last().map_or(String::new(), |m| format!("/{}", m.name)),
                    _ => String::new(),
                };
                return Err(format!("has no {relative}{last}"));
            }
            None => {}
        }
    }
    Ok(out)
}

fn read_value(doc: &Leaves, path: &str, member: &'static Member) -> core::result::Result<Option<OutValue>, String> {
    let relative = || path.split_once('/').map_or(path, |(_, rest)| rest).to_owned();
    Ok(match member.shape {
        Shape::Str(_) => doc
            .get(path)
            .filter(|v| !v.is_empty())
            .map(|v| OutValue::Str(v.to_owned())),
        Shape::Int { .. } => match doc.get(path).filter(|v| !v.is_empty()) {
            Some(v) => Some(OutValue::Int(
                v.parse()
                    .map_err(|_| format!("has a {} that is not a number", relative()))?,
            )),
            None => None,
        },
        Shape::Bool => doc.get(path).map(|v| OutValue::Bool(v == "true")),
        Shape::Timestamp => match doc.get(path).filter(|v| !v.is_empty()) {
            Some(v) => {
                let ms = time::parse_iso8601(v)
                    .ok_or_else(|| format!("has a {} that is not an ISO-8601 date", relative()))?;
                Some(OutValue::Time(time::format_iso8601(ms)))
            }
            None => None,
        },
        Shape::Struct(inner) => {
            let child = format!("{path}/");
            if !doc.leaves.iter().any(|(p, _)| p.starts_with(&child)) {
                None
            } else {
                Some(OutValue::Struct(read_struct(doc, path, inner)?))
            }
        }
        Shape::List {
            member: Shape::Str(_), ..
        } => {
            let item = format!("{path}/member");
            let items: Vec<OutValue> = doc
                .leaves
                .iter()
                .filter(|(p, _)| *p == item)
                .map(|(_, v)| OutValue::Str(v.trim().to_owned()))
                .collect();
            (!items.is_empty()).then_some(OutValue::List(items))
        }
        Shape::Map { .. } => {
            let (key, value) = (format!("{path}/entry/key"), format!("{path}/entry/value"));
            let mut pairs = Vec::new();
            let mut pending: Option<String> = None;
            for (p, v) in &doc.leaves {
                if *p == key {
                    pending = Some(v.trim().to_owned());
                } else if *p == value {
                    if let Some(k) = pending.take() {
                        pairs.push((k, v.trim().to_owned()));
                    }
                }
            }
            (!pairs.is_empty()).then_some(OutValue::Map(pairs))
        }
        // STS's outputs have no lists of structures; the generator would have to learn them first.
        Shape::List { .. } => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(action: &str) -> &'static Operation {
        crate::model::operation(action).unwrap()
    }

    fn text<'a>(out: &'a Output, path: &[&str]) -> &'a str {
        let mut v = out.get(path[0]).unwrap();
        for p in &path[1..] {
            v = v.get(p).unwrap();
        }
        v.as_str().unwrap()
    }

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn assume_role_result() {
        let out = parse(op("AssumeRole"), 200, &fixture("assume_role.xml"), None).unwrap();
        let c = out.credentials().unwrap();
        assert_eq!(c.access_key_id, "ASIAIOSFODNN7EXAMPLE");
        assert_eq!(
            c.secret_access_key.expose(),
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
        );
        assert!(c
            .session_token
            .expose()
            .starts_with("AQoDYXdzEPT//////////wEXAMPLEtc764"));
        assert_eq!(c.expiration, "2019-11-09T13:34:41Z");
        assert_eq!(
            text(&out, &["AssumedRoleUser", "Arn"]),
            "arn:aws:sts::123456789012:assumed-role/demo/TestAR"
        );
        assert_eq!(
            text(&out, &["AssumedRoleUser", "AssumedRoleId"]),
            "ARO123EXAMPLE123:TestAR"
        );
        assert_eq!(out.get("PackedPolicySize"), Some(&OutValue::Int(6)));
        assert_eq!(text(&out, &["SourceIdentity"]), "DevUser123");
        assert_eq!(out.request_id.as_deref(), Some("c6104cbe-af31-11e0-8154-cbc7ccf896c7"));
    }

    #[test]
    fn moto_assume_role_result() {
        let out = parse(op("AssumeRole"), 200, &fixture("moto_assume_role.xml"), None).unwrap();
        // Captured by tests/fixtures/capture_moto.py: keys and times differ per capture, shapes do not.
        assert_eq!(
            text(&out, &["AssumedRoleUser", "Arn"]),
            "arn:aws:sts::123456789012:assumed-role/example-role/s1"
        );
        assert!(text(&out, &["AssumedRoleUser", "AssumedRoleId"]).ends_with(":s1"));
        let c = out.credentials().unwrap();
        assert!(c.access_key_id.starts_with("ASIA"));
        let exp = &c.expiration;
        assert!(
            exp.len() == 20 && exp.ends_with('Z') && crate::time::parse_iso8601(exp).is_some(),
            "{exp}"
        );
        assert!(out.request_id.is_some());
    }

    #[test]
    fn moto_shapes() {
        let id = parse(
            op("GetCallerIdentity"),
            200,
            &fixture("moto_get_caller_identity.xml"),
            None,
        )
        .unwrap();
        assert_eq!(text(&id, &["Arn"]), "arn:aws:iam::123456789012:user/Bob");
        let st = parse(op("GetSessionToken"), 200, &fixture("moto_get_session_token.xml"), None).unwrap();
        assert!(st.credentials().is_some());
        let denied = parse(op("AssumeRole"), 403, &fixture("moto_access_denied.xml"), None).unwrap_err();
        assert_eq!((denied.code(), denied.request_id()), ("AccessDenied", None));
        let token = parse(op("GetCallerIdentity"), 403, &fixture("moto_invalid_token.xml"), None).unwrap_err();
        assert_eq!(token.code(), "InvalidClientTokenId");
    }

    #[test]
    fn caller_identity_and_session_token() {
        let id = parse(op("GetCallerIdentity"), 200, &fixture("get_caller_identity.xml"), None).unwrap();
        assert_eq!(
            (text(&id, &["Account"]), text(&id, &["Arn"]), text(&id, &["UserId"])),
            (
                "123456789012",
                "arn:aws:iam::123456789012:user/Bob",
                "AIDACKCEVSQ6C2EXAMPLE"
            )
        );
        let st = parse(
            op("GetSessionToken"),
            200,
            &fixture("get_session_token.xml"),
            Some("hdr"),
        )
        .unwrap();
        assert_eq!(st.credentials().unwrap().expiration, "2011-07-11T19:55:29Z");
        assert_eq!(st.request_id.as_deref(), Some("58c5dbae-abef-11e0-8cfe-09039844ac7d"));
    }

    #[test]
    fn every_operation_reads_its_documented_result() {
        // Shapes from the STS API reference's examples, one per operation moto lacks.
        let web = "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>\
            <SubjectFromWebIdentityToken>amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A</SubjectFromWebIdentityToken>\
            <Audience>client.5498841531868486423.1548@apps.example.com</Audience>\
            <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1</Arn>\
            <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:app1</AssumedRoleId></AssumedRoleUser>\
            <Credentials><SessionToken>AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE</SessionToken>\
            <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>\
            <Expiration>2014-10-24T23:00:23Z</Expiration><AccessKeyId>ASgeIAIOSFODNN7EXAMPLE</AccessKeyId></Credentials>\
            <SourceIdentity>SourceIdentityValue</SourceIdentity><Provider>www.amazon.com</Provider>\
            </AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>";
        // The documented example's key id has lower-case letters (ASgeI…): no real key does, and exports refuse them.
        let err = parse(op("AssumeRoleWithWebIdentity"), 200, web, None).unwrap_err();
        assert!(err.to_string().contains("Credentials/AccessKeyId"), "{err}");
        let web = web.replace("ASgeIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE");
        let out = parse(op("AssumeRoleWithWebIdentity"), 200, &web, None).unwrap();
        assert_eq!(text(&out, &["Provider"]), "www.amazon.com");
        assert_eq!(
            text(&out, &["SubjectFromWebIdentityToken"]),
            "amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A"
        );
        let decoded = "<DecodeAuthorizationMessageResponse><DecodeAuthorizationMessageResult>\
            <DecodedMessage>{&quot;allowed&quot;: &quot;false&quot;}</DecodedMessage>\
            </DecodeAuthorizationMessageResult></DecodeAuthorizationMessageResponse>";
        let out = parse(op("DecodeAuthorizationMessage"), 200, decoded, Some("rid-7")).unwrap();
        assert_eq!(text(&out, &["DecodedMessage"]), "{\"allowed\": \"false\"}");
        assert_eq!(out.request_id.as_deref(), Some("rid-7"));
        let empty = "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult/></GetAccessKeyInfoResponse>";
        let err = parse(op("GetAccessKeyInfo"), 200, empty, None).unwrap_err();
        assert!(err.to_string().contains("has no Account"), "{err}");
        let map = "<AssumeRoleWithSAMLResponse><AssumeRoleWithSAMLResult><Credentials><AccessKeyId>ASIAX</AccessKeyId>\
            <SecretAccessKey>s/+=</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2026-12-01T12:00:00.5Z</Expiration></Credentials>\
            <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROAX:s</AssumedRoleId></AssumedRoleUser>\
            <TrustedIdentityPropagationContext><TransactionContext><IdentityProvider><entry><key>k1</key><value>v1</value></entry>\
            </IdentityProvider></TransactionContext></TrustedIdentityPropagationContext></AssumeRoleWithSAMLResult></AssumeRoleWithSAMLResponse>";
        let out = parse(op("AssumeRoleWithSAML"), 200, map, None).unwrap();
        assert_eq!(out.credentials().unwrap().expiration, "2026-12-01T12:00:00Z");
        let ctx = out.get("TrustedIdentityPropagationContext").unwrap();
        assert_eq!(
            ctx.get("TransactionContext").unwrap().get("IdentityProvider"),
            Some(&OutValue::Map(vec![("k1".into(), "v1".into())]))
        );
    }

    #[test]
    fn hostile_credentials_are_refused() {
        // Issue 10: a quote or backquote in a token would reach the rendered .env / shell lines.
        for (field, value) in [
            ("SessionToken", "tok'`touch pwned`'"),
            ("SecretAccessKey", "a$HOME"),
            ("AccessKeyId", "ASIA\u{1b}]52;c;x"),
            ("SessionToken", "a b"),
        ] {
            let mut creds = [
                ("AccessKeyId", "ASIAIOSFODNN7EXAMPLE"),
                ("SecretAccessKey", "wJalrXUtnFEMI/K7MDENG"),
                ("SessionToken", "FwoGZXIvYXdz"),
                ("Expiration", "2026-12-01T12:00:00Z"),
            ];
            creds
                .iter_mut()
                .filter(|(k, _)| *k == field)
                .for_each(|(_, v)| *v = value);
            let inner: String = creds
                .iter()
                .map(|(k, v)| format!("<{k}>{}</{k}>", quick_xml::escape::escape(*v)))
                .collect();
            let body = format!("<GetSessionTokenResponse><GetSessionTokenResult><Credentials>{inner}</Credentials></GetSessionTokenResult></GetSessionTokenResponse>");
            let err = parse(op("GetSessionToken"), 200, &body, None).unwrap_err();
            assert_eq!(err.code(), "UnexpectedResponse", "{field}");
            assert!(err.to_string().contains(field), "{err}");
            assert!(!err.to_string().contains("pwned"), "{err}");
        }
    }

    #[test]
    fn documented_error_shape() {
        let err = parse(op("AssumeRole"), 403, &fixture("error_access_denied.xml"), None).unwrap_err();
        assert_eq!(err.code(), "AccessDenied");
        assert_eq!(err.request_id(), Some("4f1b2c43-example"));
        assert_eq!(err.status(), Some(403));
        assert!(err.to_string().contains("is not authorized to perform: sts:AssumeRole"));
    }

    #[test]
    fn moto_auth_error_shape_takes_the_header_request_id() {
        let err = parse(
            op("GetCallerIdentity"),
            403,
            &fixture("moto_signature_error.xml"),
            Some("hdr-1"),
        )
        .unwrap_err();
        assert_eq!(err.code(), "SignatureDoesNotMatch");
        assert_eq!(err.request_id(), Some("hdr-1"));
        assert!(err.to_string().starts_with("The request signature we calculated"));
    }

    #[test]
    fn long_element_names_are_refused() {
        // Regression (fuzz/response, memory): 127 leaves under a 120 KB name built 15 MB of paths.
        let name = "N".repeat(120_000);
        let body = format!(
            "<AssumeRoleResponse><{name}>{}</{name}></AssumeRoleResponse>",
            "<x></x>".repeat(127)
        );
        let err = parse(op("AssumeRole"), 200, &body, None).unwrap_err();
        assert_eq!(err.code(), "UnexpectedResponse");
        let fine = format!("<AssumeRoleResponse><{}/></AssumeRoleResponse>", "N".repeat(128));
        assert_eq!(
            parse(op("AssumeRole"), 200, &fine, None).unwrap_err().to_string(),
            "Unexpected response from the endpoint (HTTP 200): the AssumeRole response has no Credentials/Expiration"
        );
    }

    #[test]
    fn entities_are_decoded() {
        let body = "<ErrorResponse><Error><Code>ValidationError</Code><Message>a &lt;b&gt; &amp; &#x41;&#66; &quot;</Message></Error></ErrorResponse>";
        let err = parse(op("AssumeRole"), 400, body, None).unwrap_err();
        assert_eq!(err.to_string(), "a <b> & AB \"");
    }

    #[test]
    fn error_body_with_status_200_is_still_an_error() {
        let err = parse(op("AssumeRole"), 200, &fixture("error_access_denied.xml"), None).unwrap_err();
        assert_eq!((err.code(), err.status()), ("AccessDenied", Some(200)));
    }

    #[test]
    fn unexpected_bodies() {
        let cases: &[(u16, &str, &str)] = &[
            (
                502,
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
            ),
            (200, "", "(empty body)"),
            (
                200,
                "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>AS",
                "<AssumeRoleResponse>",
            ),
            (200, "<GetCallerIdentityResponse/>", "has no"),
            (
                200,
                "<AssumeRoleResponse><AssumeRoleResult></AssumeRoleResult></AssumeRoleResponse>",
                "has no Credentials/Expiration",
            ),
            (
                200,
                "<ErrorResponse><Error><Message>no code</Message></Error></ErrorResponse>",
                "<ErrorResponse>",
            ),
            (200, "not xml at all", "not xml at all"),
            (200, "<a></a><b></b>", "<a>"),
        ];
        for (status, body, expect) in cases {
            let action = if body.contains("GetCallerIdentity") {
                op("GetCallerIdentity")
            } else {
                op("AssumeRole")
            };
            let err = parse(action, *status, body, None).unwrap_err();
            assert_eq!(err.code(), "UnexpectedResponse", "{body}");
            assert!(err.to_string().contains(expect), "{body}: {err}");
        }
    }

    #[test]
    fn hostile_bodies_are_bounded() {
        let deep = "<a>".repeat(10_000);
        assert_eq!(
            parse(op("AssumeRole"), 200, &deep, None).unwrap_err().code(),
            "UnexpectedResponse"
        );
        let huge = format!("<AssumeRoleResponse>{}</AssumeRoleResponse>", "x".repeat(MAX_BODY));
        assert!(parse(op("AssumeRole"), 200, &huge, None)
            .unwrap_err()
            .to_string()
            .contains("KB body"));
        let many = format!("<ErrorResponse>{}</ErrorResponse>", "<x>1</x>".repeat(1000));
        assert_eq!(
            parse(op("AssumeRole"), 200, &many, None).unwrap_err().code(),
            "UnexpectedResponse"
        );
        let snip = snippet(&"é\n".repeat(500));
        assert!(snip.chars().count() <= SNIPPET_CHARS + 1 && !snip.contains('\n'));
    }
}
