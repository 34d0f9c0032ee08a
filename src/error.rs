//! The one error type. `Display` is hand-written so every message names the field or the STS code, says
//! what was expected and what to do, and never carries a secret (values of secret fields are never echoed).

use core::fmt;

pub use crate::model::Operation;

/// What a hint depends on besides the error: which operation, with what, after how many attempts.
#[derive(Debug, Clone, Copy)]
pub struct HintContext<'a> {
    pub action: &'a str,
    pub used_session_token: bool,
    pub attempts: u32,
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
    UnexpectedResponse {
        status: u16,
        snippet: String,
        /// The `x-amzn-RequestId` header, when the answer had one: proof that STS's front door answered.
        request_id: Option<String>,
    },
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
            Error::Sts { request_id, .. } | Error::UnexpectedResponse { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// A sentence on how to fix it, where the fix is known.
    pub fn hint(&self, ctx: &HintContext) -> Option<String> {
        let Error::Sts { code, message, .. } = self else {
            return match self {
                Error::Timeout { .. } => Some("STS did not answer in time: check the network or endpoint, or raise timeoutMs.".into()),
                Error::Network { .. } => Some("The request did not reach STS: check the endpoint URL and the network. In a browser, a custom endpoint must allow CORS.".into()),
                Error::UnexpectedResponse { status, request_id: Some(_), .. } if *status >= 500 => Some(format!(
                    "STS is unavailable (HTTP {status}); retried {} time{}. Wait a minute and try again, or use another region's endpoint; quote the request id if you contact AWS Support.",
                    ctx.attempts.saturating_sub(1),
                    if ctx.attempts == 2 { "" } else { "s" }
                )),
                Error::UnexpectedResponse { request_id: Some(_), .. } => Some("STS answered with something it does not normally send: check the endpoint URL and any proxy in between; quote the request id if you contact AWS Support.".into()),
                Error::UnexpectedResponse { .. } => Some("Something other than STS answered: check the endpoint URL and any proxy in between.".into()),
                _ => None,
            };
        };
        let lower = message.to_ascii_lowercase();
        let assumes_role = ctx.action.starts_with("AssumeRole");
        Some(match code.as_str() {
            // STS's wording for a wrong or reused MFA code, on GetSessionToken and AssumeRole alike.
            "AccessDenied" if lower.contains("multifactorauthentication") || lower.contains("mfa") => {
                "The MFA check failed: serialNumber must be the ARN of the MFA device registered to this user (IAM → Users → Security credentials), tokenCode the code it shows now (each code works once; wait for the next one), and the device's clock must be right."
            }
            "AccessDenied" if assumes_role => {
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
            "InvalidClientTokenId" if ctx.used_session_token => {
                "The session token is not valid here: temporary credentials from the global endpoint (sts.amazonaws.com) are rejected in opt-in regions, so get them from the regional endpoint, and check the token was copied whole and has not expired."
            }
            "InvalidClientTokenId" => "The access key ID is unknown to AWS: check it was copied whole and the key is active (IAM → Users → Security credentials). Temporary keys (ASIA…) also need their session token.",
            "ExpiredToken" | "ExpiredTokenException" if ctx.action == "AssumeRoleWithWebIdentity" || ctx.action == "AssumeRoleWithSAML" => {
                "The token or assertion has expired: get a fresh one from your identity provider and try again."
            }
            "ExpiredToken" | "ExpiredTokenException" => "The source credentials' session token has expired: get fresh credentials and try again.",
            "InvalidIdentityToken" | "InvalidIdentityTokenException" => "STS could not validate the token: the role's account needs an IAM OIDC identity provider for the token's issuer (iss) whose audience list includes the token's aud, and the token must be unexpired and signed by that issuer.",
            "IDPRejectedClaim" | "IDPRejectedClaimException" => "The identity provider's token or assertion was rejected: the role's trust policy must name that provider as a Federated principal, and its conditions (aud, sub) must match the token's claims.",
            "IDPCommunicationError" | "IDPCommunicationErrorException" => "STS could not reach your identity provider to fetch its keys: try again; if it persists, check the provider's JWKS endpoint is reachable from the internet.",
            "RegionDisabledException" => "STS is not activated in this region for your account: activate the region (Account settings → STS regions) or choose another region.",
            "MalformedPolicyDocument" | "MalformedPolicyDocumentException" => "The session policy is not a valid IAM policy document: check its JSON and its Version, Statement, Effect, Action and Resource elements.",
            "PackedPolicyTooLarge" | "PackedPolicyTooLargeException" => "The session policy, policy ARNs and tags together are too large once packed: shorten the policy or pass fewer tags.",
            "InvalidAuthorizationMessageException" => "The encoded message is not one AWS issued, or it was cut: copy the whole message that follows \"Encoded authorization failure message:\".",
            "ValidationError" if lower.contains("durationseconds") || lower.contains("duration") => {
                "The duration exceeds what is allowed: a role's maximum session duration is set on the role (1 to 12 hours), and role chaining (temporary source credentials) is limited to 1 hour."
            }
            "Throttling" | "ThrottlingException" => "STS is throttling requests: wait a moment and try again.",
            _ => return None,
        }.to_owned())
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
            Error::UnexpectedResponse { status, snippet, .. } => {
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
        let ctx = |action, used_session_token| HintContext {
            action,
            used_session_token,
            attempts: 1,
        };
        let hint = |e: &Error, action, token| e.hint(&ctx(action, token)).unwrap_or_default();
        let denied = sts("AccessDenied", "not authorized");
        assert!(hint(&denied, "AssumeRole", false).contains("trust policy"));
        assert!(!hint(&denied, "GetCallerIdentity", false).contains("trust policy"));
        let mfa = sts(
            "AccessDenied",
            "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
        );
        assert!(hint(&mfa, "GetSessionToken", false).contains("serialNumber"));
        let expired = sts(
            "SignatureDoesNotMatch",
            "Signature expired: 20261128T120000Z is now earlier than …",
        );
        assert!(hint(&expired, "AssumeRole", false).contains("clock"));
        let wrong = sts(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match",
        );
        assert!(hint(&wrong, "AssumeRole", false).contains("secret access key"));
        let token = sts(
            "InvalidClientTokenId",
            "The security token included in the request is invalid.",
        );
        assert!(hint(&token, "AssumeRole", true).contains("regional endpoint"));
        assert!(sts("SomethingNew", "").hint(&ctx("AssumeRole", false)).is_none());
        let unavailable = Error::UnexpectedResponse {
            status: 503,
            snippet: "(empty body)".into(),
            request_id: Some("r-9".into()),
        };
        let text = unavailable
            .hint(&HintContext {
                action: "AssumeRole",
                used_session_token: false,
                attempts: 3,
            })
            .unwrap();
        assert!(
            text.contains("STS is unavailable (HTTP 503); retried 2 times"),
            "{text}"
        );
        assert_eq!(unavailable.request_id(), Some("r-9"));
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
            request_id: None,
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
