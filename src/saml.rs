//! The roles a SAML response offers: the `https://aws.amazon.com/SAML/Attributes/Role` attribute, whose
//! values are `role ARN,provider ARN` pairs (either order, as AWS documents), so a user picks one
//! instead of typing two ARNs — what saml2aws and the AWS console's role picker do.
//!
//! Accepts what a user can copy: the base64 `SAMLResponse` form value as an IdP posts it (line breaks
//! and all, or still percent-encoded, or the whole `SAMLResponse=…&RelayState=…` body), or the XML.
//! Not verified: STS checks the signature. Bounded (STS's own size limit, depth, role count) and
//! panic-free; DTDs are refused. The assertion is a bearer credential, so no error echoes any of it.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::base64::{self, Alphabet, DecodeError};
use crate::error::{Error, Result};

/// The option name the assertion goes to STS under: errors name it.
pub const FIELD: &str = "samlAssertion";
pub const ROLE_ATTRIBUTE: &str = "https://aws.amazon.com/SAML/Attributes/Role";
/// STS's limit on `SAMLAssertion` (the model: 4..=100000 characters of base64).
pub const MAX_ASSERTION_CHARS: usize = 100_000;
/// What 100 000 base64 characters decode to: a larger XML could not be sent.
pub const MAX_XML_BYTES: usize = MAX_ASSERTION_CHARS / 4 * 3;
const MAX_DEPTH: usize = 64;
pub const MAX_ROLES: usize = 1000;
/// The model's limit on RoleArn and PrincipalArn.
const MAX_ARN: usize = 2048;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamlRole {
    pub role_arn: String,
    /// The SAML provider (the IdP registered in IAM): STS's `PrincipalArn`.
    pub principal_arn: String,
}

fn invalid(reason: impl Into<String>) -> Error {
    Error::invalid(FIELD, reason)
}

fn hex(c: u8) -> Option<u8> {
    char::from(c).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// `%2B` → `+` and so on, for a value copied from a raw form body; `+` stays `+` (in a form body it
/// would mean a space, but base64 has no spaces and browsers encode `+` as `%2B`).
fn percent_decode(s: &str) -> Result<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let pair = b
                .get(i + 1)
                .copied()
                .and_then(hex)
                .zip(b.get(i + 2).copied().and_then(hex));
            let Some((h, l)) = pair else {
                return Err(invalid(
                    "a `%` that is not followed by two hex digits (a truncated form value?)",
                ));
            };
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| invalid("percent-decoding gave bytes that are not UTF-8"))
}

/// The SAML response's XML from whatever form the user pasted.
pub fn to_xml(input: &str) -> Result<String> {
    let t = input.trim().trim_start_matches('\u{feff}');
    if t.is_empty() {
        return Err(invalid(
            "expected a SAML response (the base64 SAMLResponse your identity provider posts to AWS, or its XML), got nothing",
        ));
    }
    if t.starts_with('<') {
        if t.len() > MAX_XML_BYTES {
            return Err(invalid(format!(
                "the XML is {} bytes; base64-encoded it would exceed STS's limit of {MAX_ASSERTION_CHARS} characters",
                t.len()
            )));
        }
        return Ok(t.to_owned());
    }
    // A whole form body copied from the browser's network panel.
    let t = match t.strip_prefix("SAMLResponse=") {
        Some(rest) => rest.split('&').next().unwrap_or_default(),
        None => t,
    };
    let significant = t.bytes().filter(|c| !c.is_ascii_whitespace()).count();
    if significant > MAX_ASSERTION_CHARS * 3 {
        return Err(invalid(format!(
            "the value is far longer than STS's limit of {MAX_ASSERTION_CHARS} characters"
        )));
    }
    let decoded;
    let t = if t.contains('%') {
        decoded = percent_decode(t)?;
        decoded.as_str()
    } else {
        t
    };
    let significant = t.bytes().filter(|c| !c.is_ascii_whitespace()).count();
    if significant > MAX_ASSERTION_CHARS {
        return Err(invalid(format!(
            "the base64 is {significant} characters; STS accepts at most {MAX_ASSERTION_CHARS}"
        )));
    }
    let bytes = base64::decode(t, Alphabet::Standard, MAX_XML_BYTES).map_err(|e| match e {
        DecodeError::BadChar(i) => invalid(format!(
            "expected base64 (or XML starting with `<`): an unexpected character at position {}",
            i + 1
        )),
        DecodeError::BadLength | DecodeError::TooLong => {
            invalid("the base64 has an impossible length: was it copied whole?")
        }
    })?;
    let xml = String::from_utf8(bytes).map_err(|_| invalid("the base64 decodes to bytes that are not UTF-8 text"))?;
    let body = xml.trim_start_matches('\u{feff}').trim_start();
    if !body.starts_with('<') {
        return Err(invalid(
            "the base64 decodes to something other than XML: is this a SAML response?",
        ));
    }
    Ok(body.to_owned())
}

/// `arn:PARTITION:iam::ACCOUNT:KIND/NAME` → true when it has that shape and kind (`role`,
/// `saml-provider`). A light check: STS validates the ARN; this only sorts the pair.
fn is_iam_arn(s: &str, kind: &str) -> bool {
    let mut f = s.splitn(6, ':');
    let fields: [Option<&str>; 6] = core::array::from_fn(|_| f.next());
    let [Some("arn"), Some(partition), Some("iam"), Some(""), Some(account), Some(resource)] = fields else {
        return false;
    };
    let name = resource.strip_prefix(kind).and_then(|r| r.strip_prefix('/'));
    s.len() <= MAX_ARN
        && partition.starts_with("aws")
        && account.len() == 12
        && account.bytes().all(|c| c.is_ascii_digit())
        // IAM names and paths are printable ASCII: nothing invisible or direction-changing (U+202E) can
        // make one role read as another in a picker.
        && name.is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_graphic()))
}

/// One attribute value: `role,provider` or `provider,role`.
fn pair(value: &str) -> Option<SamlRole> {
    let mut parts = value.split(',').map(str::trim);
    let (a, b) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (role, provider) = if is_iam_arn(a, "role") { (a, b) } else { (b, a) };
    (is_iam_arn(role, "role") && is_iam_arn(provider, "saml-provider")).then(|| SamlRole {
        role_arn: role.to_owned(),
        principal_arn: provider.to_owned(),
    })
}

fn name_attribute(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "Name")
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn push_text(buf: &mut String, s: &str) -> Result<()> {
    if buf.len() + s.len() > 2 * MAX_ARN + 16 {
        return Err(invalid("a Role attribute value is longer than two ARNs can be"));
    }
    buf.push_str(s);
    Ok(())
}

/// The role/provider pairs of every `Role` attribute value, in document order, without repeats.
pub fn saml_roles(assertion: &str) -> Result<Vec<SamlRole>> {
    let xml = to_xml(assertion)?;
    let mut reader = Reader::from_str(&xml);
    let mut depth = 0usize;
    // Depth of the open Role <Attribute>, and whether an <AttributeValue> inside it is open.
    let mut role_attr: Option<usize> = None;
    let mut in_value = false;
    let mut value = String::new();
    let mut roles: Vec<SamlRole> = Vec::new();
    let (mut values, mut encrypted, mut seen_attr) = (0usize, false, false);
    let malformed = |pos: u64| invalid(format!("not well-formed XML (stopped near byte {pos})"));
    loop {
        let event = reader.read_event().map_err(|_| malformed(reader.error_position()))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(invalid(format!("the XML nests deeper than {MAX_DEPTH} levels")));
                }
                match e.local_name().as_ref() {
                    "EncryptedAssertion" => encrypted = true,
                    "Attribute" if role_attr.is_none() && name_attribute(&e).as_deref() == Some(ROLE_ATTRIBUTE) => {
                        role_attr = Some(depth);
                        seen_attr = true;
                    }
                    "AttributeValue" if role_attr.is_some() && depth == role_attr.unwrap_or(0) + 1 => {
                        in_value = true;
                        value.clear();
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                "EncryptedAssertion" => encrypted = true,
                "Attribute" if name_attribute(&e).as_deref() == Some(ROLE_ATTRIBUTE) => seen_attr = true,
                _ => {}
            },
            Event::Text(t) if in_value => push_text(&mut value, &t.xml10_content())?,
            Event::CData(t) if in_value => push_text(&mut value, &t.into_inner())?,
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten()
                } else {
                    quick_xml::escape::resolve_predefined_entity(&r).and_then(|s| s.chars().next())
                };
                let Some(c) = resolved else {
                    return Err(invalid(format!(
                        "an unknown entity or character reference (near byte {})",
                        reader.buffer_position()
                    )));
                };
                if in_value {
                    push_text(&mut value, c.encode_utf8(&mut [0; 4]))?;
                }
            }
            Event::End(e) => {
                if in_value && e.local_name().as_ref() == "AttributeValue" {
                    in_value = false;
                    values += 1;
                    if let Some(r) = pair(&value) {
                        if !roles.contains(&r) {
                            if roles.len() >= MAX_ROLES {
                                return Err(invalid(format!("more than {MAX_ROLES} roles")));
                            }
                            roles.push(r);
                        }
                    }
                }
                if role_attr == Some(depth) {
                    role_attr = None;
                }
                depth = depth.saturating_sub(1);
            }
            Event::DocType(_) => {
                return Err(invalid(
                    "the XML has a DOCTYPE: SAML messages never do, and this one is refused",
                ))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(invalid(
            "the XML ends before its elements are closed: was it copied whole?",
        ));
    }
    if roles.is_empty() {
        return Err(invalid(if values > 0 {
            format!(
                "the {ROLE_ATTRIBUTE} attribute has {values} value{} but none is a `role ARN,provider ARN` pair \
                 (arn:aws:iam::ACCOUNT:role/NAME and arn:aws:iam::ACCOUNT:saml-provider/NAME)",
                if values == 1 { "" } else { "s" }
            )
        } else if encrypted {
            "the assertion is encrypted, so its roles cannot be listed here (STS decrypts it): enter the role ARN and the SAML provider ARN yourself".to_owned()
        } else if seen_attr {
            format!("the {ROLE_ATTRIBUTE} attribute has no values")
        } else {
            format!(
                "no {ROLE_ATTRIBUTE} attribute: the identity provider's AWS application must send one \
                 (is this the response for AWS?)"
            )
        }));
    }
    Ok(roles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base64::encode_standard;

    const ROLE_A: &str = "arn:aws:iam::123456789012:role/example-role";
    const ROLE_B: &str = "arn:aws:iam::123456789012:role/saml/ReadOnly";
    const IDP: &str = "arn:aws:iam::123456789012:saml-provider/ExampleIdP";

    /// A response as Okta/ADFS/Entra shape it (namespaced, signed-looking, other attributes around).
    fn response(values: &[&str]) -> String {
        let vals: String = values
            .iter()
            .map(|v| format!("<saml2:AttributeValue xsi:type=\"xs:string\">{v}</saml2:AttributeValue>"))
            .collect();
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" Destination="https://signin.aws.amazon.com/saml" ID="id1" IssueInstant="2026-11-28T08:00:00Z" Version="2.0">
  <saml2:Issuer xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">http://www.okta.com/exk1</saml2:Issuer>
  <saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>
  <saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="id2" Version="2.0">
    <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>c2ln</ds:SignatureValue></ds:Signature>
    <saml2:Subject><saml2:NameID>bob@example.com</saml2:NameID></saml2:Subject>
    <saml2:AttributeStatement>
      <saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml2:AttributeValue>bob</saml2:AttributeValue></saml2:Attribute>
      <saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">{vals}</saml2:Attribute>
    </saml2:AttributeStatement>
  </saml2:Assertion>
</saml2p:Response>"#
        )
    }

    fn roles(input: &str) -> Vec<(String, String)> {
        saml_roles(input)
            .unwrap()
            .into_iter()
            .map(|r| (r.role_arn, r.principal_arn))
            .collect()
    }

    fn reason(input: &str) -> String {
        match saml_roles(input) {
            Err(Error::InvalidParameter { field, reason }) => {
                assert_eq!(field, FIELD);
                reason
            }
            other => panic!("expected InvalidParameter, got {other:?}"),
        }
    }

    fn wrap76(s: &str) -> String {
        s.as_bytes()
            .chunks(76)
            .map(|c| String::from_utf8_lossy(c) + "\r\n")
            .collect()
    }

    #[test]
    fn both_orders_raw_xml_and_base64() {
        let xml = response(&[&format!("{ROLE_A},{IDP}"), &format!("{IDP}, {ROLE_B}")]);
        let want = vec![(ROLE_A.to_owned(), IDP.to_owned()), (ROLE_B.to_owned(), IDP.to_owned())];
        assert_eq!(roles(&xml), want);
        let b64 = encode_standard(xml.as_bytes());
        assert_eq!(roles(&b64), want);
        assert_eq!(roles(&wrap76(&b64)), want, "line-wrapped as IdPs post it");
        let form = b64.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
        assert_eq!(roles(&form), want, "percent-encoded");
        assert_eq!(
            roles(&format!("SAMLResponse={form}&RelayState=x")),
            want,
            "a whole form body"
        );
    }

    #[test]
    fn other_partitions_entities_cdata_and_repeats() {
        let cn = "arn:aws-cn:iam::123456789012:role/cn";
        let cn_idp = "arn:aws-cn:iam::123456789012:saml-provider/idp";
        let xml = response(&[
            &format!("{cn}&#44;{cn_idp}"),
            &format!("<![CDATA[{ROLE_A},{IDP}]]>"),
            &format!("\n  {ROLE_A} ,\n {IDP}  "),
            "not-a-pair",
            &format!("{ROLE_A},{ROLE_B}"),
        ]);
        assert_eq!(
            roles(&xml),
            vec![(cn.to_owned(), cn_idp.to_owned()), (ROLE_A.to_owned(), IDP.to_owned())]
        );
    }

    #[test]
    fn separate_role_attributes_and_no_namespace_prefix() {
        let xml = format!(
            r#"<Response><Assertion><AttributeStatement>
            <Attribute Name="{ROLE_ATTRIBUTE}"><AttributeValue>{ROLE_A},{IDP}</AttributeValue></Attribute>
            <Attribute Name="other"><AttributeValue>{ROLE_B},{IDP}</AttributeValue></Attribute>
            <Attribute Name="{ROLE_ATTRIBUTE}"><AttributeValue>{ROLE_B},{IDP}</AttributeValue></Attribute>
            </AttributeStatement></Assertion></Response>"#
        );
        assert_eq!(roles(&xml).len(), 2);
    }

    #[test]
    fn says_why_there_are_no_roles() {
        assert!(reason("").contains("got nothing"));
        assert!(reason("<a/>").contains("no https://aws.amazon.com/SAML/Attributes/Role attribute"));
        assert!(reason(&response(&[])).contains("has no values"));
        assert!(reason(&response(&["x", "y"])).contains("2 values but none"));
        assert!(reason("<r><EncryptedAssertion>c2Vj</EncryptedAssertion></r>").contains("encrypted"));
        assert!(reason("hello!world").contains("position 6"));
        assert!(reason("aGVsbG8=").contains("other than XML"));
        assert!(reason("Zg").contains("other than XML"));
        assert!(reason("Z").contains("impossible length"));
        assert!(reason("/w==").contains("not UTF-8"));
        assert!(reason("%zz").contains("two hex digits"));
        assert!(reason("%ff").contains("not UTF-8"));
    }

    #[test]
    fn malformed_and_hostile_xml() {
        let role = format!("{ROLE_A},{IDP}");
        assert!(reason(&format!("<a><b>{role}</a>")).contains("not well-formed"));
        assert!(reason("<a>").contains("ends before"));
        assert!(reason("<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>").contains("DOCTYPE"));
        assert!(reason("<r>&x;</r>").contains("unknown entity"));
        assert!(reason("<r>&#0;</r>").contains("unknown entity"));
        let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        assert!(reason(&deep).contains("too long") || reason(&deep).contains("STS's limit"));
        let deep = format!("{}{}", "<a>".repeat(MAX_DEPTH + 1), "</a>".repeat(MAX_DEPTH + 1));
        assert!(reason(&deep).contains("nests deeper"));
        let long = response(&[&format!("{ROLE_A},{}", "x".repeat(5000))]);
        assert!(reason(&long).contains("longer than two ARNs"));
    }

    #[test]
    fn size_limits_are_stss() {
        let big_xml = format!("<r>{}</r>", " ".repeat(MAX_XML_BYTES));
        assert!(reason(&big_xml).contains("exceed STS's limit"));
        let big_b64 = "A".repeat(MAX_ASSERTION_CHARS + 4);
        assert!(reason(&big_b64).contains("at most 100000"));
        assert!(reason(&"A".repeat(MAX_ASSERTION_CHARS * 4)).contains("far longer"));
        // Whitespace does not count: a wrapped response near the limit still decodes.
        let xml = response(&[&format!("{ROLE_A},{IDP}")]);
        let padded = format!("{xml}{}", " ".repeat(MAX_XML_BYTES - xml.len() - 10));
        assert_eq!(roles(&wrap76(&encode_standard(padded.as_bytes()))).len(), 1);
    }

    #[test]
    fn arn_shapes() {
        assert!(is_iam_arn(ROLE_A, "role"));
        assert!(is_iam_arn(IDP, "saml-provider"));
        assert!(!is_iam_arn(IDP, "role"));
        assert!(!is_iam_arn("arn:aws:iam::12345678901:role/x", "role"));
        assert!(!is_iam_arn("arn:aws:sts::123456789012:role/x", "role"));
        assert!(!is_iam_arn("arn:aws:iam:us-east-1:123456789012:role/x", "role"));
        assert!(!is_iam_arn("arn:aws:iam::123456789012:role/", "role"));
        assert!(!is_iam_arn("arn:aws:iam::123456789012:rolex/y", "role"));
        assert!(!is_iam_arn("arn:aws:iam::123456789012:role/a b", "role"));
        assert!(!is_iam_arn("arn:aws:iam::123456789012:role/admin\u{202e}nimda", "role"));
        assert!(!is_iam_arn("arn:aws:iam::123456789012:role/caf\u{e9}", "role"));
        assert!(is_iam_arn("arn:aws:iam::123456789012:role/path/to/Name+=,.@_-", "role"));
        assert!(!is_iam_arn("arn:aws:iam::123456789012", "role"));
    }

    #[test]
    fn errors_never_echo_the_assertion() {
        for input in [
            "SECRETVALUE!".to_owned(),
            "<r>SECRETVALUE</x>".to_owned(),
            "<r>&SECRETVALUE;</r>".to_owned(),
            response(&["SECRETVALUE"]),
            encode_standard(b"SECRETVALUE"),
        ] {
            let e = saml_roles(&input).unwrap_err().to_string();
            assert!(!e.contains("SECRET"), "{e}");
        }
    }
}
