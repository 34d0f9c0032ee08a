//! The rules AWS documents but its model does not carry, each with its source. Everything else about a
//! value (lengths, characters, ranges, required members) comes from the model (`input`). A rule belongs
//! here only when AWS's documentation states it: a stricter local rule refuses input AWS would accept.

use crate::error::{Error, Result};
use crate::input::{Input, Value};
use crate::model::{self, Member};
use crate::params::SourceCredentials;
use crate::time;

/// Checks that give a better message than the model's when they run first (a pasted role name should hear
/// "expected an ARN", not "has 12 characters").
pub fn before_model(input: &Input) -> Result<()> {
    // ARNs: the model only says "20 to 2048 printable characters"; the API reference documents each as the
    // ARN of a role, a SAML provider or a managed policy (AssumeRole, AssumeRoleWithSAML, PolicyDescriptorType).
    if let Some(arn) = input.str("RoleArn") {
        check_arn(
            "roleArn",
            arn,
            Some("role"),
            "arn:aws:iam::123456789012:role/example-role",
        )?;
    }
    if let Some(arn) = input.str("PrincipalArn") {
        check_arn(
            "principalArn",
            arn,
            Some("saml-provider"),
            "arn:aws:iam::123456789012:saml-provider/MyIdP",
        )?;
    }
    if let (Some(Value::List(items)), Some(member)) = (input.get("PolicyArns"), member(input, "PolicyArns")) {
        // API reference (AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity, GetFederationToken),
        // PolicyArns: "You can provide up to 10 managed policy ARNs." The model has no maximum.
        if items.len() > 10 {
            return Err(Error::invalid(
                "policyArns",
                format!(
                    "has {} ARNs; at most 10 managed session policies are allowed",
                    items.len()
                ),
            ));
        }
        let members = struct_members(member);
        for (i, item) in items.iter().enumerate() {
            if let Some(arn) = item.member(members, "arn").and_then(Value::as_str) {
                check_arn(
                    &format!("policyArns[{i}]"),
                    arn,
                    Some("policy"),
                    "arn:aws:iam::aws:policy/ReadOnlyAccess",
                )?;
            }
        }
    }
    if let (Some(task), Some(member)) = (input.get("TaskPolicyArn"), member(input, "TaskPolicyArn")) {
        if let Some(arn) = task.member(struct_members(member), "arn").and_then(Value::as_str) {
            check_arn(
                "taskPolicyArn",
                arn,
                Some("policy"),
                "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials",
            )?;
        }
    }
    Ok(())
}

/// Rules that need the whole, model-valid input and the source credentials.
pub fn after_model(input: &Input, source: &SourceCredentials) -> Result<()> {
    let action = input.op.action;
    let chained = source.session_token.is_some();
    if chained && matches!(action, "GetSessionToken" | "GetFederationToken") {
        // API reference, GetSessionToken and GetFederationToken: "You must call the … operation using the
        // long-term security credentials of an IAM user."
        return Err(Error::invalid(
            "sessionToken",
            format!(
                "{action} needs long-term IAM user keys (AKIA…), not temporary credentials; remove the session token"
            ),
        ));
    }
    if let (true, "AssumeRole", Some(Value::Num(d))) = (chained, action, input.get("DurationSeconds")) {
        // IAM User Guide, "Role chaining": "Role chaining limits your … role session to a maximum of one hour."
        if *d > 3600.0 && d.is_finite() {
            return Err(Error::invalid(
                "durationSeconds",
                format!(
                    "is {}; expected 900 to 3600 seconds (role chaining with temporary source credentials allows at most one hour)",
                    *d as i64
                ),
            ));
        }
    }
    if let Some(source_identity) = input.str("SourceIdentity") {
        // API reference, AssumeRole SourceIdentity: "You cannot use a value that begins with the text aws:."
        if source_identity.to_ascii_lowercase().starts_with("aws:") {
            return Err(Error::invalid(
                "sourceIdentity",
                "must not start with aws:, which AWS reserves",
            ));
        }
    }
    if let Some(policy) = input.str("Policy") {
        // API reference: "An IAM policy in JSON format"; catch a pasted ARN or YAML before STS does.
        if !policy.trim_start().starts_with('{') {
            return Err(Error::invalid(
                "policy",
                "expected a JSON policy document starting with {",
            ));
        }
    }
    check_tags(input)
}

/// IAM User Guide, "Passing session tags in AWS STS": tag keys cannot begin with `aws:`, and "you cannot
/// pass session tags that have the same key … even with different case".
fn check_tags(input: &Input) -> Result<()> {
    let (Some(Value::List(tags)), Some(member)) = (input.get("Tags"), member(input, "Tags")) else {
        return Ok(());
    };
    let members = struct_members(member);
    let key_of = |tag: &Value| {
        tag.member(members, "Key")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    // ASCII case folding: exact for the `aws:` prefix (no other character lowercases to a, w, s or :), and for
    // duplicates it catches every key of ASCII letters, the only kind the docs' examples show. Keys differing
    // in the case of other letters (Ä/ä) go to STS, which judges them: Unicode's case tables would cost 10 KB
    // gzipped of the wasm every user downloads (BENCHMARKS.md, issue 15).
    let fold = |key: &str| key.to_ascii_lowercase();
    for (i, tag) in tags.iter().enumerate() {
        let key = key_of(tag);
        if fold(&key).starts_with("aws:") {
            return Err(Error::invalid(
                format!("tags[{i}].key"),
                "must not start with aws:, which AWS reserves",
            ));
        }
        if tags[..i].iter().any(|t| fold(&key_of(t)) == fold(&key)) {
            return Err(Error::invalid(
                format!("tags[{i}].key"),
                "repeats an earlier tag key (keys are case-insensitive)",
            ));
        }
    }
    Ok(())
}

fn member(input: &Input, name: &str) -> Option<&'static Member> {
    input.op.input.iter().find(|m| m.name == name)
}

fn struct_members(member: &Member) -> &'static [Member] {
    match member.shape {
        model::Shape::Struct(members) => members,
        model::Shape::List {
            member: model::Shape::Struct(members),
            ..
        } => members,
        _ => &[],
    }
}

/// `arn:PARTITION:iam::ACCOUNT:KIND/PATH/NAME`, with the partition one AWS has (from its partition data).
fn check_arn(field: &str, arn: &str, kind: Option<&str>, example: &str) -> Result<()> {
    let what = kind.map_or("an ARN".to_owned(), |k| format!("an IAM {} ARN", k.replace('-', " ")));
    if arn.is_empty() {
        return Err(Error::invalid(
            field,
            format!("is empty; expected {what} like {example}"),
        ));
    }
    if arn.chars().count() > 2048 {
        return Err(Error::invalid(field, "is longer than 2048 characters"));
    }
    let bad = |why: &str| Error::invalid(field, format!("{why}; expected {what} like {example}"));
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() != 6 || parts[0] != "arn" {
        return Err(bad("is not an ARN"));
    }
    if model::partition(parts[1]).is_none() {
        return Err(bad("has an unknown partition"));
    }
    let Some(kind) = kind else { return Ok(()) };
    if parts[2] != "iam" || !parts[3].is_empty() {
        return Err(bad("is not an IAM ARN"));
    }
    let account_ok = parts[4].len() == 12 && parts[4].bytes().all(|b| b.is_ascii_digit());
    // AWS managed policies live in the pseudo-account `aws`.
    if !(account_ok || (kind == "policy" && parts[4] == "aws")) {
        return Err(bad("needs a 12-digit account ID"));
    }
    let Some(rest) = parts[5].strip_prefix(kind).and_then(|r| r.strip_prefix('/')) else {
        return Err(bad(&format!("does not name a {}", kind.replace('-', " "))));
    };
    let name = rest.rsplit('/').next().unwrap_or_default();
    let name_ok = |c: char| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c);
    if name.is_empty() || name.chars().count() > 128 || !name.chars().all(name_ok) {
        return Err(bad(&format!("has an invalid {} name", kind.replace('-', " "))));
    }
    if !rest.chars().all(|c| c == '/' || c.is_ascii_graphic()) {
        return Err(bad("has an invalid path"));
    }
    Ok(())
}

impl SourceCredentials {
    /// The signing keys. Their format is not part of the STS API (they travel in the signature), so only
    /// what would certainly break signing is refused: emulators use keys such as `test` / `test`.
    pub fn validate(&self, now_ms: u64) -> Result<()> {
        let id = &self.access_key_id;
        if id.is_empty() {
            return Err(Error::invalid(
                "accessKeyId",
                "is empty; expected an access key ID such as AKIAIOSFODNN7EXAMPLE",
            ));
        }
        if id.chars().count() > 128 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(Error::invalid(
                "accessKeyId",
                "expected an access key ID such as AKIAIOSFODNN7EXAMPLE: letters and digits only, at most 128",
            ));
        }
        let secret = self.secret_access_key.expose();
        if secret.is_empty() {
            return Err(Error::invalid(
                "secretAccessKey",
                "is empty; paste the secret access key issued with the access key ID",
            ));
        }
        if let Some((pos, c)) = secret.chars().enumerate().find(|(_, c)| !c.is_ascii_graphic()) {
            return Err(Error::invalid(
                "secretAccessKey",
                format!(
                    "has {} at position {}, which is not allowed; copy the key exactly as issued, without spaces or line breaks",
                    crate::input::describe_char(c),
                    pos + 1
                ),
            ));
        }
        match &self.session_token {
            Some(token) => {
                // AWS: "We recommend that you don't assume a maximum size" for tokens; only the characters
                // are checked (a header value cannot carry spaces or line breaks unchanged).
                if let Some((pos, c)) = token.expose().chars().enumerate().find(|(_, c)| !c.is_ascii_graphic()) {
                    return Err(Error::invalid(
                        "sessionToken",
                        format!(
                            "has {} at position {}, which is not allowed; copy the token exactly as issued, without spaces or line breaks",
                            crate::input::describe_char(c),
                            pos + 1
                        ),
                    ));
                }
            }
            // IAM User Guide, "Temporary security credentials": temporary keys (ASIA…) are valid only with
            // their session token.
            None if id.starts_with("ASIA") => {
                return Err(Error::invalid(
                    "sessionToken",
                    "is missing; temporary access keys (ASIA…) only work together with their session token",
                ))
            }
            None => {}
        }
        if let Some(expiration) = &self.expiration {
            let Some(ms) = time::parse_iso8601(expiration) else {
                return Err(Error::invalid(
                    "expiration",
                    "expected an ISO-8601 date such as 2026-12-01T12:00:00Z",
                ));
            };
            if ms <= now_ms {
                return Err(Error::invalid(
                    "expiration",
                    format!(
                        "says these credentials expired {} ago ({expiration}); get fresh credentials (assume the role again) and retry",
                        time::describe_duration(now_ms - ms)
                    ),
                ));
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::operation;
    use crate::params::example_source as source;
    use crate::secret::Secret;

    fn role(arn: &str) -> Input {
        Input::new(operation("AssumeRole").unwrap())
            .with("RoleArn", Value::Str(arn.into()))
            .with("RoleSessionName", Value::Str("s1".into()))
    }

    #[test]
    fn arns() {
        before_model(&role("arn:aws:iam::123456789012:role/x")).unwrap();
        let arn = || Value::Struct(vec![(0, Value::Str("arn:aws:iam::aws:policy/ReadOnlyAccess".into()))]);
        let eleven = role("arn:aws:iam::123456789012:role/x").with("PolicyArns", Value::List(vec![arn(); 11]));
        assert_eq!(before_model(&eleven).unwrap_err().field(), Some("policyArns"));
        before_model(&role("arn:aws-eusc:iam::123456789012:role/x")).unwrap();
        before_model(&role("arn:aws-iso-f:iam::123456789012:role/path/x")).unwrap();
        for (bad, why) in [
            ("example-role", "is not an ARN"),
            ("arn:aws-mars:iam::123456789012:role/x", "unknown partition"),
            ("arn:aws:iam::123456789012:user/Bob", "does not name a role"),
            ("arn:aws:s3:::bucket/role/x", "is not an IAM ARN"),
            ("arn:aws:iam::12345:role/x", "12-digit"),
        ] {
            let err = before_model(&role(bad)).unwrap_err();
            assert_eq!(err.field(), Some("roleArn"));
            assert!(err.to_string().contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn documented_rules() {
        let mut chained = source();
        chained.session_token = Some(Secret::from("FwoGZXIvYXdzEXAMPLE"));
        let long = role("arn:aws:iam::123456789012:role/x").with("DurationSeconds", Value::Num(7200.0));
        after_model(&long, &source()).unwrap();
        let err = after_model(&long, &chained).unwrap_err();
        assert!(err.to_string().contains("role chaining"), "{err}");
        let gst = Input::new(operation("GetSessionToken").unwrap());
        assert_eq!(after_model(&gst, &chained).unwrap_err().field(), Some("sessionToken"));
        let aws = role("arn:aws:iam::123456789012:role/x").with("SourceIdentity", Value::Str("AWS:x".into()));
        assert_eq!(
            after_model(&aws, &source()).unwrap_err().field(),
            Some("sourceIdentity")
        );
        let tag = |k: &str| Value::Struct(vec![(0, Value::Str(k.into())), (1, Value::Str("v".into()))]);
        let dup = role("arn:aws:iam::123456789012:role/x").with("Tags", Value::List(vec![tag("Team"), tag("TEAM")]));
        assert_eq!(after_model(&dup, &source()).unwrap_err().field(), Some("tags[1].key"));
        let reserved = role("arn:aws:iam::123456789012:role/x").with("Tags", Value::List(vec![tag("aws:x")]));
        assert_eq!(
            after_model(&reserved, &source()).unwrap_err().field(),
            Some("tags[0].key")
        );
        // Not documented, so not refused: transitive keys not among the tags, MFA code without serial.
        let loose = role("arn:aws:iam::123456789012:role/x")
            .with("TransitiveTagKeys", Value::List(vec![Value::Str("Other".into())]))
            .with("TokenCode", Value::Str("123456".into()));
        after_model(&loose, &source()).unwrap();
    }

    #[test]
    fn source_credentials() {
        let now = 1_800_000_000_000;
        source().validate(now).unwrap();
        let emulator = SourceCredentials {
            access_key_id: "test".into(),
            secret_access_key: Secret::from("test"),
            ..Default::default()
        };
        emulator.validate(now).unwrap();
        let mut expired = source();
        expired.expiration = Some(time::format_iso8601(now - 4 * 60_000));
        let err = expired.validate(now).unwrap_err();
        assert_eq!(err.field(), Some("expiration"));
        assert!(err.to_string().contains("expired 4 minutes ago"), "{err}");
        let mut spaced = source();
        spaced.secret_access_key = Secret::from("abc def");
        let err = spaced.validate(now).unwrap_err();
        assert!(
            err.to_string().contains("a space at position 4") && !err.to_string().contains("abc"),
            "{err}"
        );
        let asia = SourceCredentials {
            access_key_id: "ASIAIOSFODNN7EXAMPLE".into(),
            ..source()
        };
        assert_eq!(asia.validate(now).unwrap_err().field(), Some("sessionToken"));
    }
}
