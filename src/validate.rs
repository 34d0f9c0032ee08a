//! Validation of each input against the STS API reference's constraints (lengths, character sets,
//! ranges, required pairs), so that a bad value is reported, naming its option, before anything is sent.

use crate::error::{Error, Result};
use crate::params::{AssumeRoleInput, SessionTokenInput, SourceCredentials};

// ---- character classes from the STS API reference ----

/// `[\w+=,.@-]`: role session names, source identities.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)
}
const NAME_CHARS: &str = "letters, digits and _+=,.@-";

/// Tag keys and values: Unicode letters, digits, spaces and _.:/=+-@.
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == ' ' || "_.:/=+-@".contains(c)
}
const TAG_CHARS: &str = "letters, digits, spaces and _.:/=+-@";

fn check_length(field: &str, value: &str, min: usize, max: usize, what: &str) -> Result<()> {
    let len = value.chars().count();
    if len == 0 && min > 0 {
        return Err(Error::invalid(field, format!("is empty; expected {what}")));
    }
    if len < min || len > max {
        return Err(Error::invalid(
            field,
            format!("has {len} characters; expected {min} to {max} ({what})"),
        ));
    }
    Ok(())
}

/// Name the first character that is not allowed (by position, and by value unless the field is secret).
fn check_chars(field: &str, value: &str, allowed: fn(char) -> bool, what: &str, secret: bool) -> Result<()> {
    if let Some((pos, c)) = value.chars().enumerate().find(|(_, c)| !allowed(*c)) {
        let shown = if secret || c.is_control() || c.is_whitespace() {
            describe_char(c)
        } else {
            format!("'{c}'")
        };
        return Err(Error::invalid(
            field,
            format!("has {shown} at position {}, which is not allowed; use {what}", pos + 1),
        ));
    }
    Ok(())
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\n' | '\r' => "a line break".into(),
        '\t' => "a tab".into(),
        c if c.is_whitespace() => "a whitespace character".into(),
        c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
        _ => "a character".into(),
    }
}

fn check_duration(field: &str, value: f64, min: u32, max: u32, why: &str) -> Result<u32> {
    if !value.is_finite() || value.fract() != 0.0 {
        return Err(Error::invalid(
            field,
            format!("expected a whole number of seconds from {min} to {max}"),
        ));
    }
    if value < f64::from(min) || value > f64::from(max) {
        // Printed through i64, not f64: `f64: Display` costs ~20 KB of wasm (float formatting). Whole
        // numbers up to 2^53 print the same either way; beyond that no exact digits are worth showing.
        let shown = if value.abs() <= 9_007_199_254_740_992.0 {
            (value as i64).to_string()
        } else {
            "out of range".to_owned()
        };
        return Err(Error::invalid(
            field,
            format!("is {shown}; expected {min} to {max} seconds ({why})"),
        ));
    }
    Ok(value as u32)
}
impl SourceCredentials {
    pub fn validate(&self) -> Result<()> {
        let id = &self.access_key_id;
        check_length(
            "accessKeyId",
            id,
            16,
            128,
            "an access key ID such as AKIAIOSFODNN7EXAMPLE",
        )?;
        check_chars(
            "accessKeyId",
            id,
            |c| c.is_ascii_alphanumeric() || c == '_',
            "letters and digits only",
            false,
        )?;
        let secret = self.secret_access_key.expose();
        check_length("secretAccessKey", secret, 16, 128, "the 40-character secret access key")?;
        check_chars(
            "secretAccessKey",
            secret,
            |c| c.is_ascii_graphic(),
            "the key exactly as issued, without spaces or line breaks",
            true,
        )?;
        if let Some(token) = &self.session_token {
            check_length(
                "sessionToken",
                token.expose(),
                16,
                16384,
                "the session token issued with temporary credentials",
            )?;
            check_chars(
                "sessionToken",
                token.expose(),
                |c| c.is_ascii_graphic(),
                "the token exactly as issued, without spaces or line breaks",
                true,
            )?;
        } else if id.starts_with("ASIA") {
            return Err(Error::invalid(
                "sessionToken",
                "is missing; temporary access keys (ASIA…) only work together with their session token",
            ));
        }
        Ok(())
    }

    /// The secret strings, for scrubbing error text.
    pub fn secrets(&self) -> [&str; 2] {
        [
            self.secret_access_key.expose(),
            self.session_token.as_ref().map_or("", |t| t.expose()),
        ]
    }
}

/// `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME` (or `policy/...` for policy ARNs).
fn check_iam_arn(field: &str, arn: &str, kind: &str, example: &str) -> Result<()> {
    if arn.is_empty() {
        return Err(Error::invalid(
            field,
            format!("is empty; expected an IAM {kind} ARN like {example}"),
        ));
    }
    // Shape before length: a pasted bare role name should hear "expected an ARN", not a character count.
    if arn.chars().count() > 2048 {
        return Err(Error::invalid(field, "is longer than 2048 characters"));
    }
    let bad = |why: &str| Error::invalid(field, format!("{why}; expected an IAM {kind} ARN like {example}"));
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() != 6 || parts[0] != "arn" {
        return Err(bad("is not an ARN"));
    }
    if !matches!(parts[1], "aws" | "aws-cn" | "aws-us-gov") && !parts[1].starts_with("aws-iso") {
        return Err(bad("has an unknown partition"));
    }
    if parts[2] != "iam" || !parts[3].is_empty() {
        return Err(bad("is not an IAM ARN"));
    }
    let account_ok = parts[4].len() == 12 && parts[4].bytes().all(|b| b.is_ascii_digit());
    // AWS managed policies live in the pseudo-account `aws`.
    let aws_managed = kind == "policy" && parts[4] == "aws";
    if !(account_ok || aws_managed) {
        return Err(bad("needs a 12-digit account ID"));
    }
    let Some(rest) = parts[5].strip_prefix(kind).and_then(|r| r.strip_prefix('/')) else {
        return Err(bad(&format!("does not name a {kind}")));
    };
    let name = rest.rsplit('/').next().unwrap_or_default();
    let name_ok = |c: char| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c);
    if name.is_empty() || name.chars().count() > 128 || !name.chars().all(name_ok) {
        return Err(bad(&format!("has an invalid {kind} name")));
    }
    if !rest.chars().all(|c| c == '/' || c.is_ascii_graphic()) {
        return Err(bad("has an invalid path"));
    }
    Ok(())
}

fn check_mfa(serial: &Option<String>, code: &Option<String>) -> Result<()> {
    if let Some(serial) = serial {
        check_length("serialNumber", serial, 9, 256, "an MFA device ARN or serial number")?;
        check_chars(
            "serialNumber",
            serial,
            |c| c.is_ascii_alphanumeric() || "_+=/:,.@-".contains(c),
            "an MFA device ARN such as arn:aws:iam::123456789012:mfa/user",
            false,
        )?;
    }
    match (serial, code) {
        (Some(_), None) => Err(Error::invalid(
            "tokenCode",
            "is missing; an MFA serialNumber needs the current 6-digit code from that device",
        )),
        (None, Some(_)) => Err(Error::invalid(
            "serialNumber",
            "is missing; a tokenCode needs the serialNumber (ARN) of the MFA device it came from",
        )),
        (_, Some(code)) if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) => Err(Error::invalid(
            "tokenCode",
            "expected the 6-digit code shown by the MFA device",
        )),
        _ => Ok(()),
    }
}

impl AssumeRoleInput {
    /// `chained`: the source credentials are temporary, which caps the duration at one hour.
    pub fn validate(&self, chained: bool) -> Result<()> {
        check_iam_arn(
            "roleArn",
            &self.role_arn,
            "role",
            "arn:aws:iam::123456789012:role/example-role",
        )?;
        check_length("roleSessionName", &self.role_session_name, 2, 64, NAME_CHARS)?;
        check_chars(
            "roleSessionName",
            &self.role_session_name,
            is_name_char,
            NAME_CHARS,
            false,
        )?;
        if let Some(d) = self.duration_seconds {
            // Role chaining caps the session at one hour; say so here rather than let STS refuse it.
            let (max, why) = if chained {
                (
                    3600,
                    "role chaining with temporary source credentials allows at most one hour",
                )
            } else {
                (43200, "up to the role's maximum session duration, at most 12 hours")
            };
            check_duration("durationSeconds", d, 900, max, why)?;
        }
        if let Some(id) = &self.external_id {
            check_length("externalId", id, 2, 1224, "the external ID the role's owner gave you")?;
            check_chars(
                "externalId",
                id,
                |c| c.is_ascii_alphanumeric() || "_+=,.@:/-".contains(c),
                "letters, digits and _+=,.@:/-",
                false,
            )?;
        }
        if let Some(policy) = &self.policy {
            check_length("policy", policy, 1, 2048, "an IAM policy document in JSON")?;
            let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{ff}');
            check_chars("policy", policy, allowed, "printable characters", false)?;
            if !policy.trim_start().starts_with('{') {
                return Err(Error::invalid(
                    "policy",
                    "expected a JSON policy document starting with {",
                ));
            }
        }
        if self.policy_arns.len() > 10 {
            return Err(Error::invalid(
                "policyArns",
                format!(
                    "has {} ARNs; at most 10 managed session policies are allowed",
                    self.policy_arns.len()
                ),
            ));
        }
        for (i, arn) in self.policy_arns.iter().enumerate() {
            let field = format!("policyArns[{i}]");
            check_iam_arn(&field, arn, "policy", "arn:aws:iam::aws:policy/ReadOnlyAccess")?;
        }
        check_mfa(&self.serial_number, &self.token_code)?;
        self.validate_tags()?;
        if let Some(source) = &self.source_identity {
            check_length("sourceIdentity", source, 2, 64, NAME_CHARS)?;
            check_chars("sourceIdentity", source, is_name_char, NAME_CHARS, false)?;
            if source.to_ascii_lowercase().starts_with("aws:") {
                return Err(Error::invalid(
                    "sourceIdentity",
                    "must not start with aws:, which AWS reserves",
                ));
            }
        }
        Ok(())
    }

    fn validate_tags(&self) -> Result<()> {
        if self.tags.len() > 50 {
            return Err(Error::invalid(
                "tags",
                format!("has {} tags; at most 50 session tags are allowed", self.tags.len()),
            ));
        }
        for (i, tag) in self.tags.iter().enumerate() {
            let key_field = format!("tags[{i}].key");
            check_length(&key_field, &tag.key, 1, 128, TAG_CHARS)?;
            check_chars(&key_field, &tag.key, is_tag_char, TAG_CHARS, false)?;
            if tag.key.to_ascii_lowercase().starts_with("aws:") {
                return Err(Error::invalid(
                    key_field,
                    "must not start with aws:, which AWS reserves",
                ));
            }
            let value_field = format!("tags[{i}].value");
            check_length(&value_field, &tag.value, 0, 256, TAG_CHARS)?;
            check_chars(&value_field, &tag.value, is_tag_char, TAG_CHARS, false)?;
            // STS treats tag keys case-insensitively: two keys differing only in case are one duplicate.
            if self.tags[..i].iter().any(|t| t.key.eq_ignore_ascii_case(&tag.key)) {
                return Err(Error::invalid(
                    key_field,
                    "repeats an earlier tag key (keys are case-insensitive)",
                ));
            }
        }
        if self.transitive_tag_keys.len() > 50 {
            return Err(Error::invalid("transitiveTagKeys", "has more than 50 keys"));
        }
        for (i, key) in self.transitive_tag_keys.iter().enumerate() {
            let field = format!("transitiveTagKeys[{i}]");
            check_length(&field, key, 1, 128, TAG_CHARS)?;
            if !self.tags.iter().any(|t| t.key.eq_ignore_ascii_case(key)) {
                return Err(Error::invalid(
                    field,
                    "names a key that is not among the session tags; add the tag or remove the key",
                ));
            }
        }
        Ok(())
    }
}

impl SessionTokenInput {
    pub fn validate(&self, has_session_token: bool) -> Result<()> {
        if has_session_token {
            // STS refuses GetSessionToken signed with temporary credentials; say so before calling.
            return Err(Error::invalid(
                "sessionToken",
                "GetSessionToken needs long-term IAM user keys (AKIA…), not temporary credentials; remove the session token",
            ));
        }
        if let Some(d) = self.duration_seconds {
            check_duration("durationSeconds", d, 900, 129600, "15 minutes to 36 hours")?;
        }
        check_mfa(&self.serial_number, &self.token_code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Tag;
    use crate::secret::Secret;

    use crate::params::example_source as source;

    fn role() -> AssumeRoleInput {
        AssumeRoleInput {
            role_arn: "arn:aws:iam::123456789012:role/example-role".into(),
            role_session_name: "session-1".into(),
            ..Default::default()
        }
    }

    fn field_of(r: Result<()>) -> String {
        match r {
            Err(Error::InvalidParameter { field, .. }) => field,
            other => panic!("expected InvalidParameter, got {other:?}"),
        }
    }

    #[test]
    fn valid_inputs_pass() {
        source().validate().unwrap();
        role().validate(false).unwrap();
        let full = AssumeRoleInput {
            role_arn: "arn:aws-cn:iam::123456789012:role/path/to/Admin+x".into(),
            duration_seconds: Some(43200.0),
            external_id: Some("ext:123/abc".into()),
            policy: Some(r#"{"Version":"2012-10-17","Statement":[]}"#.into()),
            policy_arns: vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".into()],
            serial_number: Some("arn:aws:iam::123456789012:mfa/bob".into()),
            token_code: Some("123456".into()),
            tags: vec![Tag {
                key: "Project".into(),
                value: "Ünïcode ok".into(),
            }],
            transitive_tag_keys: vec!["project".into()],
            source_identity: Some("bob@example.com".into()),
            ..role()
        };
        full.validate(false).unwrap();
        SessionTokenInput {
            duration_seconds: Some(129600.0),
            ..Default::default()
        }
        .validate(false)
        .unwrap();
    }

    /// Each case: (what is wrong, the field the error must name).
    #[test]
    fn invalid_inputs_name_their_field() {
        type Case = (&'static str, fn(&mut AssumeRoleInput), &'static str);
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("empty arn", |r| r.role_arn.clear(), "roleArn"),
            ("not an arn", |r| r.role_arn = "example-role-name-long-enough".into(), "roleArn"),
            ("user arn", |r| r.role_arn = "arn:aws:iam::123456789012:user/Bob".into(), "roleArn"),
            ("short account", |r| r.role_arn = "arn:aws:iam::1234:role/example-role".into(), "roleArn"),
            ("sts service", |r| r.role_arn = "arn:aws:sts::123456789012:role/example-role".into(), "roleArn"),
            ("bad partition", |r| r.role_arn = "arn:azure:iam::123456789012:role/x".into(), "roleArn"),
            ("space in name", |r| r.role_arn = "arn:aws:iam::123456789012:role/my role".into(), "roleArn"),
            ("short session", |r| r.role_session_name = "a".into(), "roleSessionName"),
            ("long session", |r| r.role_session_name = "a".repeat(65), "roleSessionName"),
            ("space session", |r| r.role_session_name = "my session".into(), "roleSessionName"),
            ("short duration", |r| r.duration_seconds = Some(899.0), "durationSeconds"),
            ("long duration", |r| r.duration_seconds = Some(43201.0), "durationSeconds"),
            ("fraction", |r| r.duration_seconds = Some(1000.5), "durationSeconds"),
            ("nan", |r| r.duration_seconds = Some(f64::NAN), "durationSeconds"),
            ("negative", |r| r.duration_seconds = Some(-900.0), "durationSeconds"),
            ("infinite", |r| r.duration_seconds = Some(f64::INFINITY), "durationSeconds"),
            ("short external id", |r| r.external_id = Some("x".into()), "externalId"),
            ("external id chars", |r| r.external_id = Some("a b".into()), "externalId"),
            ("policy not json", |r| r.policy = Some("Allow all".into()), "policy"),
            ("policy too long", |r| r.policy = Some(format!("{{{}}}", " ".repeat(2048))), "policy"),
            ("policy arns", |r| r.policy_arns = vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".into(); 11], "policyArns"),
            ("policy arn role", |r| r.policy_arns = vec!["arn:aws:iam::123456789012:role/example-role".into()], "policyArns[0]"),
            ("code without serial", |r| r.token_code = Some("123456".into()), "serialNumber"),
            ("serial without code", |r| r.serial_number = Some("arn:aws:iam::123456789012:mfa/bob".into()), "tokenCode"),
            ("5-digit code", |r| { r.serial_number = Some("arn:aws:iam::123456789012:mfa/bob".into()); r.token_code = Some("12345".into()); }, "tokenCode"),
            ("letters in code", |r| { r.serial_number = Some("arn:aws:iam::123456789012:mfa/bob".into()); r.token_code = Some("12a456".into()); }, "tokenCode"),
            ("51 tags", |r| { r.tags = (0..51) .map(|i| Tag { key: format!("k{i}"), value: "v".into(), }) .collect() }, "tags"),
            ("empty tag key", |r| r.tags = vec![Tag::default()], "tags[0].key"),
            ("aws: tag key", |r| { r.tags = vec![Tag { key: "aws:x".into(), value: "v".into(), }] }, "tags[0].key"),
            ("tag value chars", |r| { r.tags = vec![Tag { key: "k".into(), value: "a;b".into(), }] }, "tags[0].value"),
            ("duplicate tag", |r| { r.tags = vec![ Tag { key: "K".into(), value: "1".into(), }, Tag { key: "k".into(), value: "2".into(), }, ] }, "tags[1].key"),
            ("transitive unknown", |r| r.transitive_tag_keys = vec!["nope".into()], "transitiveTagKeys[0]"),
            ("source aws:", |r| r.source_identity = Some("aws:me".into()), "sourceIdentity"),
            ("source chars", |r| r.source_identity = Some("me you".into()), "sourceIdentity"),
        ];
        for (what, mutate, field) in cases {
            let mut input = role();
            mutate(&mut input);
            assert_eq!(field_of(input.validate(false)), *field, "case: {what}");
        }
    }

    #[test]
    fn a_bare_role_name_is_told_what_an_arn_looks_like() {
        let input = AssumeRoleInput {
            role_arn: "example-role".into(),
            ..role()
        };
        let err = input.validate(false).unwrap_err().to_string();
        assert!(
            err.contains("expected an IAM role ARN like arn:aws:iam::123456789012:role/example-role"),
            "{err}"
        );
    }

    #[test]
    fn chaining_caps_duration_at_one_hour() {
        let input = AssumeRoleInput {
            duration_seconds: Some(3601.0),
            ..role()
        };
        input.validate(false).unwrap();
        let err = input.validate(true).unwrap_err();
        assert!(err.to_string().contains("one hour"), "{err}");
    }

    #[test]
    fn source_credentials_rules() {
        let mut s = source();
        s.access_key_id = "AKIA 1234567890123".into();
        assert_eq!(field_of(s.validate()), "accessKeyId");
        let mut s = source();
        s.secret_access_key = Secret::from("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        let err = s.validate().unwrap_err();
        assert_eq!(err.field(), Some("secretAccessKey"));
        assert!(err.to_string().contains("line break"));
        let mut s = source();
        s.secret_access_key = Secret::from("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\u{e9}");
        assert!(
            !s.validate().unwrap_err().to_string().contains('\u{e9}'),
            "secret characters are never echoed"
        );
        let mut s = source();
        s.access_key_id = "ASIAIOSFODNN7EXAMPLE".into();
        assert_eq!(field_of(s.validate()), "sessionToken");
    }

    #[test]
    fn session_token_rules() {
        let long = SessionTokenInput {
            duration_seconds: Some(129601.0),
            ..Default::default()
        };
        assert_eq!(field_of(long.validate(false)), "durationSeconds");
        assert_eq!(field_of(SessionTokenInput::default().validate(true)), "sessionToken");
    }
}
