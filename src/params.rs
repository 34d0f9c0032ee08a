//! What every call takes besides the operation's own members (source credentials, where to send it,
//! `timeoutMs`), and the option names each operation accepts: unknown ones are reported, with a suggestion.

use crate::error::{Error, Result};
use crate::model::Operation;
use crate::secret::Secret;

/// The credentials that sign the request. A session token means temporary source credentials (role chaining).
#[derive(Debug, Clone, Default)]
pub struct SourceCredentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Option<Secret>,
    /// When temporary source credentials expire (ISO-8601), as our own results carry it: accepted so that a
    /// result can be passed straight back in, and checked so that stale credentials fail here, not at STS.
    pub expiration: Option<String>,
}

/// Where the request goes; resolved by `endpoint::resolve`.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub region: Option<String>,
    pub use_fips: bool,
    pub use_dual_stack: bool,
    pub endpoint: Option<String>,
}

/// Options every signed call accepts besides the operation's own members.
pub const SIGNED_CLIENT_OPTIONS: &[&str] = &[
    "accessKeyId",
    "secretAccessKey",
    "sessionToken",
    "expiration",
    "region",
    "useFips",
    "useDualStack",
    "endpoint",
    "timeoutMs",
    "fetch",
];
/// Unsigned calls (web identity, SAML) take no access keys: passing them is a mistake worth reporting.
pub const UNSIGNED_CLIENT_OPTIONS: &[&str] = &["region", "useFips", "useDualStack", "endpoint", "timeoutMs", "fetch"];

pub fn client_options(op: &Operation) -> &'static [&'static str] {
    if op.signed {
        SIGNED_CLIENT_OPTIONS
    } else {
        UNSIGNED_CLIENT_OPTIONS
    }
}

/// Every option name `op` accepts: the client's, then the model's members.
pub fn option_names(op: &Operation) -> impl Iterator<Item = &'static str> {
    client_options(op).iter().copied().chain(op.input.iter().map(|m| m.js))
}

/// Reject option names the call does not know, so a typo such as `rolearn` is reported instead of ignored.
pub fn check_known_options(keys: &[String], op: &Operation) -> Result<()> {
    let unsigned = (!op.signed).then_some(op.action);
    check_names(keys, &option_names(op).collect::<Vec<_>>(), "", unsigned)
}

/// Reject names not in `known` (a nested structure's keys, renderExports' options). `path` prefixes the
/// field (`tags[0].`); `unsigned_action` names an unsigned operation, to explain why access keys are refused.
pub fn check_names(keys: &[String], known: &[&str], path: &str, unsigned_action: Option<&str>) -> Result<()> {
    for key in keys {
        if known.contains(&key.as_str()) {
            continue;
        }
        let suggestion = known
            .iter()
            .find(|name| name.eq_ignore_ascii_case(key) || edit_distance(name, key) <= 2);
        let reason = match suggestion {
            Some(name) => format!("unknown option; did you mean `{name}`?"),
            // Access keys given to an unsigned call: say why they are not wanted rather than list names.
            None if unsigned_action.is_some() && SIGNED_CLIENT_OPTIONS.contains(&key.as_str()) => format!(
                "is not used: {} is unsigned (the token or assertion is the proof of identity), so it takes no access keys; remove it",
                unsigned_action.unwrap_or_default()
            ),
            None => {
                let names: Vec<&str> = known.iter().copied().filter(|n| *n != "fetch").collect();
                format!("unknown option; expected one of {}", names.join(", "))
            }
        };
        // Option names are short identifiers. Anything else is not echoed: a pasted secret used as a key
        // (`{ [secret]: … }`) must not come back in `field` or the message.
        let printable = key.len() <= 32 && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
        if !printable {
            let field = if path.is_empty() {
                "options".to_owned()
            } else {
                path.trim_end_matches('.').to_owned()
            };
            return Err(Error::invalid(field, format!("has an unknown option (its name is not shown: not an identifier or longer than 32 characters); {reason}")));
        }
        return Err(Error::invalid(format!("{path}{key}"), reason));
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

/// The AWS documentation's example keys, for tests across the crate.
#[cfg(test)]
pub(crate) fn example_source() -> SourceCredentials {
    SourceCredentials {
        access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_access_key: Secret::from("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        session_token: None,
        expiration: None,
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
        let role = crate::model::operation("AssumeRole").unwrap();
        let caller = crate::model::operation("GetCallerIdentity").unwrap();
        check_known_options(&["roleArn".into(), "region".into(), "expiration".into()], role).unwrap();
        let err = check_known_options(&["rolearn".into()], role).unwrap_err();
        assert_eq!(err.field(), Some("rolearn"));
        assert!(err.to_string().contains("did you mean `roleArn`"), "{err}");
        let err = check_known_options(&["roleArn".into()], caller).unwrap_err();
        assert_eq!(err.field(), Some("roleArn"), "GetCallerIdentity takes no roleArn");
        let secret_as_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".to_owned();
        let err = check_known_options(std::slice::from_ref(&secret_as_key), role).unwrap_err();
        assert_eq!(err.field(), Some("options"));
        assert!(!err.to_string().contains(&secret_as_key[..16]), "{err}");
        let err = check_known_options(&["zzzzzz".into()], caller).unwrap_err();
        assert!(err.to_string().contains("expected one of"), "{err}");
        let web = crate::model::operation("AssumeRoleWithWebIdentity").unwrap();
        let err = check_known_options(&["secretAccessKey".into()], web).unwrap_err();
        assert!(err.to_string().contains("unsigned"), "{err}");
    }
}
