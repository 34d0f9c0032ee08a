//! STS XML → results or errors. Handles the three result documents and both error shapes: the documented
//! `<ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>` and moto's/auth layer's
//! `<ErrorResponse><Errors><Error>…</Error></Errors></ErrorResponse>`. Bounded: depth, leaf count and size
//! are capped, so a hostile body costs little and never panics.

use quick_xml::events::Event;
use quick_xml::Reader;
use zeroize::Zeroize;

use crate::error::{Error, Operation, Result};
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssumeRoleOutput {
    pub credentials: Credentials,
    pub assumed_role_arn: String,
    pub assumed_role_id: String,
    pub packed_policy_size: Option<u32>,
    pub source_identity: Option<String>,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionTokenOutput {
    pub credentials: Credentials,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    AssumeRole(AssumeRoleOutput),
    CallerIdentity(CallerIdentity),
    SessionToken(SessionTokenOutput),
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

fn unexpected(status: u16, what: impl Into<String>) -> Error {
    Error::UnexpectedResponse {
        status,
        snippet: what.into(),
    }
}

/// Interpret an HTTP response to `op`. `header_request_id` is the `x-amzn-requestid` header, when present.
pub fn parse(op: Operation, status: u16, body: &str, header_request_id: Option<&str>) -> Result<Output> {
    if body.len() > MAX_BODY {
        return Err(unexpected(
            status,
            format!("a {} KB body, far larger than any STS answer", body.len() / 1024),
        ));
    }
    let Some(doc) = flatten(body) else {
        return Err(unexpected(status, snippet(body)));
    };
    let header_id = header_request_id.map(str::trim).filter(|s| !s.is_empty());
    if doc.root == "ErrorResponse" || (doc.root == "Response" && doc.find("Errors/Error/Code").is_some()) {
        let code = doc.find("Error/Code").filter(|c| !c.is_empty());
        let Some(code) = code else {
            return Err(unexpected(status, snippet(body)));
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
    let expected_root = format!("{}Response", op.action());
    if doc.root != expected_root || !(200..300).contains(&status) {
        return Err(unexpected(status, snippet(body)));
    }
    let request_id = doc.get("ResponseMetadata/RequestId").or(header_id).map(str::to_owned);
    let result = format!("{}Result", op.action());
    let field = |name: &str| -> Result<String> {
        let path = format!("{result}/{name}");
        doc.get(&path)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| unexpected(status, format!("the {} response has no {name}", op.action())))
    };
    let credentials = || -> Result<Credentials> {
        let expiration = field("Credentials/Expiration")?;
        let ms = time::parse_iso8601(&expiration)
            .ok_or_else(|| unexpected(status, "the credentials' Expiration is not an ISO-8601 date"))?;
        Ok(Credentials {
            access_key_id: field("Credentials/AccessKeyId")?,
            secret_access_key: Secret::new(field("Credentials/SecretAccessKey")?),
            session_token: Secret::new(field("Credentials/SessionToken")?),
            expiration: time::format_iso8601(ms),
        })
    };
    Ok(match op {
        Operation::AssumeRole => Output::AssumeRole(AssumeRoleOutput {
            credentials: credentials()?,
            assumed_role_arn: field("AssumedRoleUser/Arn")?,
            assumed_role_id: field("AssumedRoleUser/AssumedRoleId")?,
            packed_policy_size: field("PackedPolicySize").ok().and_then(|s| s.parse().ok()),
            source_identity: field("SourceIdentity").ok(),
            request_id,
        }),
        Operation::GetCallerIdentity => Output::CallerIdentity(CallerIdentity {
            account: field("Account")?,
            arn: field("Arn")?,
            user_id: field("UserId")?,
            request_id,
        }),
        Operation::GetSessionToken => Output::SessionToken(SessionTokenOutput {
            credentials: credentials()?,
            request_id,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn assume_role_result() {
        let Output::AssumeRole(out) = parse(Operation::AssumeRole, 200, &fixture("assume_role.xml"), None).unwrap()
        else {
            panic!()
        };
        assert_eq!(out.credentials.access_key_id, "ASIAIOSFODNN7EXAMPLE");
        assert_eq!(
            out.credentials.secret_access_key.expose(),
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
        );
        assert!(out
            .credentials
            .session_token
            .expose()
            .starts_with("AQoDYXdzEPT//////////wEXAMPLEtc764"));
        assert_eq!(out.credentials.expiration, "2019-11-09T13:34:41Z");
        assert_eq!(
            out.assumed_role_arn,
            "arn:aws:sts::123456789012:assumed-role/demo/TestAR"
        );
        assert_eq!(out.assumed_role_id, "ARO123EXAMPLE123:TestAR");
        assert_eq!(out.packed_policy_size, Some(6));
        assert_eq!(out.source_identity.as_deref(), Some("DevUser123"));
        assert_eq!(out.request_id.as_deref(), Some("c6104cbe-af31-11e0-8154-cbc7ccf896c7"));
    }

    #[test]
    fn moto_assume_role_result() {
        let Output::AssumeRole(out) =
            parse(Operation::AssumeRole, 200, &fixture("moto_assume_role.xml"), None).unwrap()
        else {
            panic!()
        };
        // Captured by tests/fixtures/capture_moto.py: keys and times differ per capture, shapes do not.
        assert_eq!(
            out.assumed_role_arn,
            "arn:aws:sts::123456789012:assumed-role/example-role/s1"
        );
        assert!(out.assumed_role_id.ends_with(":s1"));
        assert!(out.credentials.access_key_id.starts_with("ASIA"));
        let exp = &out.credentials.expiration;
        assert!(
            exp.len() == 20 && exp.ends_with('Z') && crate::time::parse_iso8601(exp).is_some(),
            "{exp}"
        );
        assert!(out.request_id.is_some());
    }

    #[test]
    fn moto_shapes() {
        let Output::CallerIdentity(id) = parse(
            Operation::GetCallerIdentity,
            200,
            &fixture("moto_get_caller_identity.xml"),
            None,
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(id.arn, "arn:aws:iam::123456789012:user/Bob");
        assert!(matches!(
            parse(
                Operation::GetSessionToken,
                200,
                &fixture("moto_get_session_token.xml"),
                None
            ),
            Ok(Output::SessionToken(_))
        ));
        let denied = parse(Operation::AssumeRole, 403, &fixture("moto_access_denied.xml"), None).unwrap_err();
        assert_eq!((denied.code(), denied.request_id()), ("AccessDenied", None));
        let token = parse(
            Operation::GetCallerIdentity,
            403,
            &fixture("moto_invalid_token.xml"),
            None,
        )
        .unwrap_err();
        assert_eq!(token.code(), "InvalidClientTokenId");
    }

    #[test]
    fn caller_identity_and_session_token() {
        let Output::CallerIdentity(id) = parse(
            Operation::GetCallerIdentity,
            200,
            &fixture("get_caller_identity.xml"),
            None,
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(
            (id.account.as_str(), id.arn.as_str(), id.user_id.as_str()),
            (
                "123456789012",
                "arn:aws:iam::123456789012:user/Bob",
                "AIDACKCEVSQ6C2EXAMPLE"
            )
        );
        let Output::SessionToken(st) = parse(
            Operation::GetSessionToken,
            200,
            &fixture("get_session_token.xml"),
            Some("hdr"),
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(st.credentials.expiration, "2011-07-11T19:55:29Z");
        assert_eq!(st.request_id.as_deref(), Some("58c5dbae-abef-11e0-8cfe-09039844ac7d"));
    }

    #[test]
    fn documented_error_shape() {
        let err = parse(Operation::AssumeRole, 403, &fixture("error_access_denied.xml"), None).unwrap_err();
        assert_eq!(err.code(), "AccessDenied");
        assert_eq!(err.request_id(), Some("4f1b2c43-example"));
        assert_eq!(err.status(), Some(403));
        assert!(err.to_string().contains("is not authorized to perform: sts:AssumeRole"));
    }

    #[test]
    fn moto_auth_error_shape_takes_the_header_request_id() {
        let err = parse(
            Operation::GetCallerIdentity,
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
        let err = parse(Operation::AssumeRole, 200, &body, None).unwrap_err();
        assert_eq!(err.code(), "UnexpectedResponse");
        let fine = format!("<AssumeRoleResponse><{}/></AssumeRoleResponse>", "N".repeat(128));
        assert_eq!(
            parse(Operation::AssumeRole, 200, &fine, None).unwrap_err().to_string(),
            "Unexpected response from the endpoint (HTTP 200): the AssumeRole response has no Credentials/Expiration"
        );
    }

    #[test]
    fn entities_are_decoded() {
        let body = "<ErrorResponse><Error><Code>ValidationError</Code><Message>a &lt;b&gt; &amp; &#x41;&#66; &quot;</Message></Error></ErrorResponse>";
        let err = parse(Operation::AssumeRole, 400, body, None).unwrap_err();
        assert_eq!(err.to_string(), "a <b> & AB \"");
    }

    #[test]
    fn error_body_with_status_200_is_still_an_error() {
        let err = parse(Operation::AssumeRole, 200, &fixture("error_access_denied.xml"), None).unwrap_err();
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
            let op = if body.contains("GetCallerIdentity") {
                Operation::GetCallerIdentity
            } else {
                Operation::AssumeRole
            };
            let err = parse(op, *status, body, None).unwrap_err();
            assert_eq!(err.code(), "UnexpectedResponse", "{body}");
            assert!(err.to_string().contains(expect), "{body}: {err}");
        }
    }

    #[test]
    fn hostile_bodies_are_bounded() {
        let deep = "<a>".repeat(10_000);
        assert_eq!(
            parse(Operation::AssumeRole, 200, &deep, None).unwrap_err().code(),
            "UnexpectedResponse"
        );
        let huge = format!("<AssumeRoleResponse>{}</AssumeRoleResponse>", "x".repeat(MAX_BODY));
        assert!(parse(Operation::AssumeRole, 200, &huge, None)
            .unwrap_err()
            .to_string()
            .contains("KB body"));
        let many = format!("<ErrorResponse>{}</ErrorResponse>", "<x>1</x>".repeat(1000));
        assert_eq!(
            parse(Operation::AssumeRole, 200, &many, None).unwrap_err().code(),
            "UnexpectedResponse"
        );
        let snip = snippet(&"é\n".repeat(500));
        assert!(snip.chars().count() <= SNIPPET_CHARS + 1 && !snip.contains('\n'));
    }
}
