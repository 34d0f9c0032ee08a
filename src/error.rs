//! The one error type. `Display` is hand-written so every message names the field or the STS code, says
//! what was expected and what to do, and never carries a secret (values of secret fields are never echoed).

use core::fmt;

/// Which STS operation a call performed: hints depend on it (AccessDenied means "trust policy" only for AssumeRole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    AssumeRole,
    GetCallerIdentity,
    GetSessionToken,
}

impl Operation {
    pub fn action(self) -> &'static str {
        match self {
            Operation::AssumeRole => "AssumeRole",
            Operation::GetCallerIdentity => "GetCallerIdentity",
            Operation::GetSessionToken => "GetSessionToken",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// An input failed validation; nothing was sent.
    InvalidParameter { field: String, reason: String },
    /// STS (or the emulator) answered with an error document.
    Sts {
        code: String,
        message: String,
        request_id: Option<String>,
        status: u16,
    },
    /// A body that is neither a result nor an error document (an HTML 502 from a proxy, a truncated body…).
    UnexpectedResponse { status: u16, snippet: String },
    /// The transport failed before a response arrived.
    Network { message: String },
    /// The call's deadline passed.
    Timeout { after_ms: u32 },
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidParameter {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// The string code JS callers switch on.
    pub fn code(&self) -> &str {
        match self {
            Error::InvalidParameter { .. } => "InvalidParameter",
            Error::Sts { code, .. } => code,
            Error::UnexpectedResponse { .. } => "UnexpectedResponse",
            Error::Network { .. } => "NetworkError",
            Error::Timeout { .. } => "Timeout",
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Sts { status, .. } | Error::UnexpectedResponse { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidParameter { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Sts { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// A sentence on how to fix it, where the fix is known.
    pub fn hint(&self, op: Operation, used_session_token: bool) -> Option<&'static str> {
        let Error::Sts { code, message, .. } = self else {
            return match self {
                Error::Timeout { .. } => Some("STS did not answer in time: check the network or endpoint, or raise timeoutMs."),
                Error::Network { .. } => Some("The request did not reach STS: check the endpoint URL and the network. In a browser, a custom endpoint must allow CORS."),
                Error::UnexpectedResponse { .. } => Some("Something other than STS answered: check the endpoint URL and any proxy in between."),
                _ => None,
            };
        };
        let lower = message.to_ascii_lowercase();
        Some(match code.as_str() {
            "AccessDenied" if op == Operation::AssumeRole => {
                "The role's trust policy must name your identity as a principal (and allow sts:AssumeRole, plus sts:TagSession or sts:SetSourceIdentity when you pass tags or a source identity), and your identity needs a policy allowing sts:AssumeRole on this role ARN. If the trust policy has a condition, pass the matching externalId or MFA serialNumber and tokenCode."
            }
            "AccessDenied" => "Your identity's policies do not allow this action; check its IAM permissions.",
            "SignatureDoesNotMatch" if lower.contains("expired") || lower.contains("not yet current") => {
                "Your computer's clock is off by more than 5 minutes: set it to the correct time (the call already retried once with the server's time)."
            }
            "RequestExpired" | "RequestTimeTooSkewed" => {
                "Your computer's clock is off by more than 5 minutes: set it to the correct time."
            }
            "SignatureDoesNotMatch" => "The secret access key does not belong to this access key ID: copy it again without spaces or line breaks.",
            "InvalidClientTokenId" if used_session_token => {
                "The session token is not valid here: temporary credentials from the global endpoint (sts.amazonaws.com) are rejected in opt-in regions, so get them from the regional endpoint, and check the token was copied whole and has not expired."
            }
            "InvalidClientTokenId" => "The access key ID is unknown to AWS: check it was copied whole and the key is active (IAM → Users → Security credentials). Temporary keys (ASIA…) also need their session token.",
            "ExpiredToken" | "ExpiredTokenException" => "The source credentials' session token has expired: get fresh credentials and try again.",
            "RegionDisabledException" => "STS is not activated in this region for your account: activate the region (Account settings → STS regions) or choose another region.",
            "MalformedPolicyDocument" | "MalformedPolicyDocumentException" => "The session policy is not a valid IAM policy document: check its JSON and its Version, Statement, Effect, Action and Resource elements.",
            "PackedPolicyTooLarge" | "PackedPolicyTooLargeException" => "The session policy, policy ARNs and tags together are too large once packed: shorten the policy or pass fewer tags.",
            "ValidationError" if lower.contains("durationseconds") || lower.contains("duration") => {
                "The duration exceeds what is allowed: a role's maximum session duration is set on the role (1 to 12 hours), and role chaining (temporary source credentials) is limited to 1 hour."
            }
            "Throttling" | "ThrottlingException" => "STS is throttling requests: wait a moment and try again.",
            _ => return None,
        })
    }

    /// Replace every occurrence of each secret in the message text with a marker, in case a server or a
    /// proxy echoed one back. Cheap, and the last line of defence: nothing we write contains secrets.
    pub fn scrub(&mut self, secrets: &[&str]) {
        let text = match self {
            Error::Sts { message, .. } => message,
            Error::UnexpectedResponse { snippet, .. } => snippet,
            Error::Network { message } => message,
            _ => return,
        };
        for secret in secrets.iter().filter(|s| s.len() >= 4) {
            if text.contains(secret) {
                *text = text.replace(secret, "** redacted **");
            }
            // Messages and snippets are cut to a length limit before this runs, so an echoed secret can
            // also survive as a cut-off copy at the very end (tests/hardening/secrets.test.mjs found a
            // long session token's first 600 characters that way): redact a tail that begins a secret.
            let end = text.trim_end_matches('…').len();
            let cut =
                (0..end.saturating_sub(3)).find(|&i| text.is_char_boundary(i) && secret.starts_with(&text[i..end]));
            if let Some(start) = cut {
                text.replace_range(start..end, "** redacted **");
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidParameter { field, reason } => write!(f, "{field}: {reason}"),
            Error::Sts {
                code, message, status, ..
            } => {
                // STS's own words; the code travels beside them (`code`), as the AWS SDKs do, so a UI
                // showing both does not say it twice.
                if message.is_empty() {
                    write!(f, "STS returned {code} (HTTP {status})")
                } else {
                    f.write_str(message)
                }
            }
            Error::UnexpectedResponse { status, snippet } => {
                write!(f, "Unexpected response from the endpoint (HTTP {status}): {snippet}")
            }
            Error::Network { message } => write!(f, "Network error: {message}"),
            Error::Timeout { after_ms } => write!(f, "No answer from STS within {after_ms} ms"),
        }
    }
}

pub type Result<T> = core::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    fn sts(code: &str, message: &str) -> Error {
        Error::Sts {
            code: code.into(),
            message: message.into(),
            request_id: Some("r-1".into()),
            status: 403,
        }
    }

    #[test]
    fn codes_and_display() {
        let e = Error::invalid("roleArn", "expected an IAM role ARN");
        assert_eq!(e.code(), "InvalidParameter");
        assert_eq!(e.field(), Some("roleArn"));
        assert_eq!(e.to_string(), "roleArn: expected an IAM role ARN");
        assert_eq!(sts("AccessDenied", "no").to_string(), "no");
        assert_eq!(
            sts("AccessDenied", "").to_string(),
            "STS returned AccessDenied (HTTP 403)"
        );
        assert_eq!(Error::Timeout { after_ms: 5 }.code(), "Timeout");
        assert_eq!(Error::Network { message: "x".into() }.code(), "NetworkError");
        assert_eq!(sts("X", "m").request_id(), Some("r-1"));
        assert_eq!(sts("X", "m").status(), Some(403));
    }

    #[test]
    fn hints_depend_on_operation_and_message() {
        let denied = sts("AccessDenied", "not authorized");
        assert!(denied
            .hint(Operation::AssumeRole, false)
            .unwrap()
            .contains("trust policy"));
        assert!(!denied
            .hint(Operation::GetCallerIdentity, false)
            .unwrap()
            .contains("trust policy"));
        let expired = sts(
            "SignatureDoesNotMatch",
            "Signature expired: 20261128T120000Z is now earlier than …",
        );
        assert!(expired.hint(Operation::AssumeRole, false).unwrap().contains("clock"));
        let wrong = sts(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match",
        );
        assert!(wrong
            .hint(Operation::AssumeRole, false)
            .unwrap()
            .contains("secret access key"));
        let token = sts(
            "InvalidClientTokenId",
            "The security token included in the request is invalid.",
        );
        assert!(token
            .hint(Operation::AssumeRole, true)
            .unwrap()
            .contains("regional endpoint"));
        assert!(sts("SomethingNew", "").hint(Operation::AssumeRole, false).is_none());
    }

    #[test]
    fn scrub_removes_a_secret_cut_off_at_the_end() {
        // Regression: STS messages are cut at 1024 characters, snippets at 160 (plus "…").
        let token = "FwoGZXIvYXdzHARDENlongTOKEN";
        let mut e = sts("X", "you sent FwoGZXIvYXdzHARDENlo");
        e.scrub(&[token]);
        assert_eq!(e.to_string(), "you sent ** redacted **");
        let mut e = Error::UnexpectedResponse {
            status: 400,
            snippet: "<a>FwoGZXIvYXdzHAR…".into(),
        };
        e.scrub(&["", token]);
        assert_eq!(
            e.to_string(),
            "Unexpected response from the endpoint (HTTP 400): <a>** redacted **…"
        );
        // Ordinary endings that merely share a letter or three with a secret stay.
        let mut e = sts("X", "token Fwo");
        e.scrub(&[token]);
        assert_eq!(e.to_string(), "token Fwo");
    }

    #[test]
    fn scrub_removes_echoed_secrets() {
        let mut e = sts("X", "your key wJalrXUtnFEMI/K7MDENG was wrong");
        e.scrub(&["wJalrXUtnFEMI/K7MDENG", ""]);
        assert_eq!(e.to_string(), "your key ** redacted ** was wrong");
    }
}
