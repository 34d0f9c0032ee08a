//! The form-encoded POST body of each call (the AWS Query protocol), in the order botocore writes it.

use crate::params::Call;

pub const API_VERSION: &str = "2011-06-15";
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// RFC 3986 percent-encoding: everything but unreserved characters, upper-case hex, as SigV4 expects.
pub fn percent_encode(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

struct Form(String);

impl Form {
    fn pair(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(name);
        self.0.push('=');
        percent_encode(value, &mut self.0);
    }

    fn opt(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.pair(name, v);
        }
    }

    fn duration(&mut self, value: Option<f64>) {
        // Validation guarantees a whole number in range, so the integer print is exact.
        if let Some(d) = value {
            self.pair("DurationSeconds", &(d as u32).to_string());
        }
    }
}

/// Encode a validated call. The caller must have run `Call::validate` first.
pub fn form_body(call: &Call) -> String {
    let mut form = Form(String::with_capacity(256));
    let action = match call {
        Call::AssumeRole(_) => "AssumeRole",
        Call::GetCallerIdentity => "GetCallerIdentity",
        Call::GetSessionToken(_) => "GetSessionToken",
    };
    form.pair("Action", action);
    form.pair("Version", API_VERSION);
    match call {
        Call::AssumeRole(r) => {
            form.pair("RoleArn", &r.role_arn);
            form.pair("RoleSessionName", &r.role_session_name);
            for (i, arn) in r.policy_arns.iter().enumerate() {
                form.pair(&format!("PolicyArns.member.{}.arn", i + 1), arn);
            }
            form.opt("Policy", r.policy.as_deref());
            form.duration(r.duration_seconds);
            for (i, tag) in r.tags.iter().enumerate() {
                form.pair(&format!("Tags.member.{}.Key", i + 1), &tag.key);
                form.pair(&format!("Tags.member.{}.Value", i + 1), &tag.value);
            }
            for (i, key) in r.transitive_tag_keys.iter().enumerate() {
                form.pair(&format!("TransitiveTagKeys.member.{}", i + 1), key);
            }
            form.opt("ExternalId", r.external_id.as_deref());
            form.opt("SerialNumber", r.serial_number.as_deref());
            form.opt("TokenCode", r.token_code.as_deref());
            form.opt("SourceIdentity", r.source_identity.as_deref());
        }
        Call::GetCallerIdentity => {}
        Call::GetSessionToken(s) => {
            form.duration(s.duration_seconds);
            form.opt("SerialNumber", s.serial_number.as_deref());
            form.opt("TokenCode", s.token_code.as_deref());
        }
    }
    form.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{AssumeRoleInput, SessionTokenInput, Tag};

    #[test]
    fn caller_identity() {
        assert_eq!(
            form_body(&Call::GetCallerIdentity),
            "Action=GetCallerIdentity&Version=2011-06-15"
        );
    }

    #[test]
    fn assume_role_with_everything() {
        let call = Call::AssumeRole(AssumeRoleInput {
            role_arn: "arn:aws:iam::123456789012:role/example-role".into(),
            role_session_name: "s@1".into(),
            duration_seconds: Some(3600.0),
            external_id: Some("ext/1".into()),
            policy: Some(r#"{"Version": "2012-10-17"}"#.into()),
            policy_arns: vec!["arn:aws:iam::aws:policy/A".into(), "arn:aws:iam::aws:policy/B".into()],
            serial_number: Some("arn:aws:iam::123456789012:mfa/bob".into()),
            token_code: Some("123456".into()),
            tags: vec![Tag {
                key: "Team Name".into(),
                value: "ü+".into(),
            }],
            transitive_tag_keys: vec!["Team Name".into()],
            source_identity: Some("bob".into()),
        });
        assert_eq!(
            form_body(&call),
            "Action=AssumeRole&Version=2011-06-15\
             &RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fexample-role&RoleSessionName=s%401\
             &PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FA&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FB\
             &Policy=%7B%22Version%22%3A%20%222012-10-17%22%7D&DurationSeconds=3600\
             &Tags.member.1.Key=Team%20Name&Tags.member.1.Value=%C3%BC%2B&TransitiveTagKeys.member.1=Team%20Name\
             &ExternalId=ext%2F1&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fbob&TokenCode=123456&SourceIdentity=bob"
        );
    }

    #[test]
    fn session_token() {
        let call = Call::GetSessionToken(SessionTokenInput {
            duration_seconds: Some(900.0),
            ..Default::default()
        });
        assert_eq!(
            form_body(&call),
            "Action=GetSessionToken&Version=2011-06-15&DurationSeconds=900"
        );
    }
}
