//! Inputs of the three STS calls, the option names each accepts (unknown ones are reported, with a
//! suggestion), and `timeoutMs`. The rules for each value are in `validate`. Field names are the JS
//! option names, so errors point at what the caller wrote.

use crate::error::{Error, Result};
use crate::secret::Secret;

/// The credentials that sign the request. A session token means temporary source credentials (role chaining).
#[derive(Debug, Clone, Default)]
pub struct SourceCredentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Option<Secret>,
}

/// Where the request goes; resolved by `endpoint::resolve`.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub region: Option<String>,
    pub use_fips: bool,
    pub endpoint: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

/// AssumeRole parameters as the caller gave them. Numbers stay `f64` so that NaN, negative and fractional
/// values are judged here, by the same rules on every runtime.
#[derive(Debug, Clone, Default)]
pub struct AssumeRoleInput {
    pub role_arn: String,
    pub role_session_name: String,
    pub duration_seconds: Option<f64>,
    pub external_id: Option<String>,
    pub policy: Option<String>,
    pub policy_arns: Vec<String>,
    pub serial_number: Option<String>,
    pub token_code: Option<String>,
    pub tags: Vec<Tag>,
    pub transitive_tag_keys: Vec<String>,
    pub source_identity: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SessionTokenInput {
    pub duration_seconds: Option<f64>,
    pub serial_number: Option<String>,
    pub token_code: Option<String>,
}

/// One validated call, ready to be encoded.
#[derive(Debug, Clone)]
pub enum Call {
    AssumeRole(AssumeRoleInput),
    GetCallerIdentity,
    GetSessionToken(SessionTokenInput),
}

/// Option names accepted by every call.
pub const COMMON_OPTIONS: &[&str] = &[
    "accessKeyId",
    "secretAccessKey",
    "sessionToken",
    "region",
    "useFips",
    "endpoint",
    "timeoutMs",
    "fetch",
];
pub const ASSUME_ROLE_OPTIONS: &[&str] = &[
    "roleArn",
    "roleSessionName",
    "durationSeconds",
    "externalId",
    "policy",
    "policyArns",
    "serialNumber",
    "tokenCode",
    "tags",
    "transitiveTagKeys",
    "sourceIdentity",
];
pub const SESSION_TOKEN_OPTIONS: &[&str] = &["durationSeconds", "serialNumber", "tokenCode"];

/// Reject option names the call does not know, so a typo such as `rolearn` is reported instead of ignored.
pub fn check_known_options(keys: &[String], extra: &[&str]) -> Result<()> {
    let known = |k: &str| COMMON_OPTIONS.contains(&k) || extra.contains(&k);
    for key in keys {
        if known(key) {
            continue;
        }
        let suggestion = COMMON_OPTIONS
            .iter()
            .chain(extra)
            .find(|name| name.eq_ignore_ascii_case(key) || edit_distance(name, key) <= 2);
        let reason = match suggestion {
            Some(name) => format!("unknown option; did you mean `{name}`?"),
            None => {
                let mut names: Vec<&str> = COMMON_OPTIONS.iter().chain(extra).copied().collect();
                names.retain(|n| *n != "fetch");
                format!("unknown option; expected one of {}", names.join(", "))
            }
        };
        // Option names are short identifiers. Anything else is not echoed: a pasted secret used as a key
        // (`{ [secret]: … }`) must not come back in `field` or the message.
        let printable = key.len() <= 32 && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
        if !printable {
            return Err(Error::invalid("options", format!("has an unknown option (its name is not shown: not an identifier or longer than 32 characters); {reason}")));
        }
        return Err(Error::invalid(key.as_str(), reason));
    }
    Ok(())
}

/// Levenshtein distance, small strings only (option names).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().take(64).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Default for `timeoutMs`: the whole call, retries included.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// `timeoutMs`: a whole number of milliseconds from 1 ms to 10 minutes.
pub fn check_timeout(value: f64) -> Result<u32> {
    if !value.is_finite() || value.fract() != 0.0 || !(1.0..=600_000.0).contains(&value) {
        return Err(Error::invalid(
            "timeoutMs",
            "expected a whole number of milliseconds from 1 to 600000",
        ));
    }
    Ok(value as u32)
}

impl Call {
    pub fn validate(&self, source: &SourceCredentials) -> Result<()> {
        source.validate()?;
        match self {
            Call::AssumeRole(input) => input.validate(source.session_token.is_some()),
            Call::GetCallerIdentity => Ok(()),
            Call::GetSessionToken(input) => input.validate(source.session_token.is_some()),
        }
    }

    pub fn operation(&self) -> crate::error::Operation {
        use crate::error::Operation;
        match self {
            Call::AssumeRole(_) => Operation::AssumeRole,
            Call::GetCallerIdentity => Operation::GetCallerIdentity,
            Call::GetSessionToken(_) => Operation::GetSessionToken,
        }
    }
}

/// The AWS documentation's example keys, for tests across the crate.
#[cfg(test)]
pub(crate) fn example_source() -> SourceCredentials {
    SourceCredentials {
        access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_access_key: Secret::from("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        session_token: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts() {
        assert_eq!(check_timeout(2500.0).unwrap(), 2500);
        for bad in [0.0, -1.0, 1.5, f64::NAN, 600_001.0] {
            assert_eq!(check_timeout(bad).unwrap_err().field(), Some("timeoutMs"), "{bad}");
        }
    }

    #[test]
    fn unknown_options_are_reported_with_a_suggestion() {
        check_known_options(&["roleArn".into(), "region".into()], ASSUME_ROLE_OPTIONS).unwrap();
        let err = check_known_options(&["rolearn".into()], ASSUME_ROLE_OPTIONS).unwrap_err();
        assert_eq!(err.field(), Some("rolearn"));
        assert!(err.to_string().contains("did you mean `roleArn`"), "{err}");
        let err = check_known_options(&["roleArn".into()], &[]).unwrap_err();
        assert_eq!(err.field(), Some("roleArn"), "GetCallerIdentity takes no roleArn");
        let secret_as_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".to_owned();
        let err = check_known_options(std::slice::from_ref(&secret_as_key), ASSUME_ROLE_OPTIONS).unwrap_err();
        assert_eq!(err.field(), Some("options"));
        assert!(!err.to_string().contains(&secret_as_key[..16]), "{err}");
        let err = check_known_options(&["zzzzzz".into()], SESSION_TOKEN_OPTIONS).unwrap_err();
        assert!(err.to_string().contains("expected one of"), "{err}");
    }
}
