//! What an OIDC token says, for display and for errors — NOT verified. STS verifies the signature
//! against the issuer's keys; this only reads the claims so a person can see which issuer, audience and
//! subject they are about to present, and that it has expired before STS says `ExpiredTokenException`.
//!
//! Pure: the current time is an input. The token is a bearer credential, so no error echoes any of it.

use crate::base64::{self, Alphabet, DecodeError};
use crate::error::{Error, Result};
use crate::json_reader::{self as json, Value};
use crate::time;

/// The option name the token goes to STS under: errors name it.
pub const FIELD: &str = "webIdentityToken";
/// STS's limit on `WebIdentityToken` (the model: 4..=20000 characters).
pub const MAX_TOKEN_CHARS: usize = 20_000;
/// 10000-01-01T00:00:00Z: ISO-8601 dates past it need five-digit years.
const YEAR_10000_S: i64 = 253_402_300_800;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    /// The JOSE header (alg, kid, typ…), as parsed.
    pub header: Value,
    /// Every claim, as parsed.
    pub claims: Value,
    pub iss: Option<String>,
    /// `aud` as a list whether the token has a string or an array (RFC 7519 §4.1.3).
    pub aud: Vec<String>,
    pub sub: Option<String>,
    pub exp: Option<i64>,
    pub iat: Option<i64>,
    pub nbf: Option<i64>,
    /// `exp` as `YYYY-MM-DDTHH:MM:SSZ`, when it falls in years 1970..=9999.
    pub expires_at: Option<String>,
    /// `Some(true)` when `exp` is at or before `now`; `None` without a usable `exp`.
    pub expired: Option<bool>,
    /// "expired 4 minutes ago", "expires in 55 minutes", or why there is no expiry to show.
    pub expiry: String,
}

fn invalid(reason: impl Into<String>) -> Error {
    Error::invalid(FIELD, reason)
}

fn segment(seg: &str, which: &str) -> Result<Value> {
    let bytes = base64::decode(seg, Alphabet::UrlSafe, MAX_TOKEN_CHARS).map_err(|e| match e {
        DecodeError::BadChar(i) => invalid(format!(
            "the {which} is not base64url: an unexpected character at position {} of that part",
            i + 1
        )),
        DecodeError::BadLength | DecodeError::TooLong => invalid(format!(
            "the {which} is not base64url: its length is impossible (was the token cut short?)"
        )),
    })?;
    let text = core::str::from_utf8(&bytes).map_err(|_| invalid(format!("the {which} is not UTF-8 text")))?;
    let value = json::parse(text).map_err(|e| {
        invalid(format!(
            "the {which} is not valid JSON ({} at character {})",
            e.reason,
            e.offset + 1
        ))
    })?;
    if !matches!(value, Value::Object(_)) {
        return Err(invalid(format!("the {which} is JSON but not an object")));
    }
    Ok(value)
}

fn string_claim(claims: &Value, name: &str) -> Result<Option<String>> {
    match claims.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(invalid(format!("the `{name}` claim must be a string"))),
    }
}

fn date_claim(claims: &Value, name: &str) -> Result<Option<i64>> {
    match claims.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_seconds()
            .map(Some)
            .ok_or_else(|| invalid(format!("the `{name}` claim must be a NumericDate (seconds since 1970)"))),
    }
}

fn audience(claims: &Value) -> Result<Vec<String>> {
    let bad = || invalid("the `aud` claim must be a string or an array of strings");
    match claims.get("aud") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(bad))
            .collect(),
        Some(_) => Err(bad()),
    }
}

/// Decodes a JWT (three base64url parts) without verifying it. `now_ms` is the current Unix time in ms.
pub fn decode_jwt_claims(token: &str, now_ms: u64) -> Result<TokenInfo> {
    let token = token.trim();
    if token.is_empty() {
        return Err(invalid(
            "expected an OIDC token (a JWT: three base64url parts separated by dots), got nothing",
        ));
    }
    if token.len() > MAX_TOKEN_CHARS {
        return Err(invalid(format!(
            "the token is {} characters; STS accepts at most {MAX_TOKEN_CHARS}",
            token.chars().count()
        )));
    }
    if token.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("bearer ")) {
        return Err(invalid("remove the `Bearer ` prefix: STS wants the token itself"));
    }
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        3 => {}
        5 => {
            return Err(invalid(
                "this is an encrypted token (JWE, five parts): STS needs a signed ID token (JWS, three parts)",
            ))
        }
        n => {
            return Err(invalid(format!(
                "expected a JWT: three base64url parts separated by dots, found {n} part{}",
                if n == 1 { "" } else { "s" }
            )))
        }
    }
    let header = segment(parts[0], "header (first part)")?;
    let claims = segment(parts[1], "payload (second part)")?;
    if parts[2].is_empty() {
        return Err(invalid(
            "the token is unsigned (empty third part): STS accepts only signed tokens",
        ));
    }
    // The signature is not checked, but it must at least be base64url (a pasted token cut or joined
    // with another string fails here rather than at STS).
    base64::decode(parts[2], Alphabet::UrlSafe, MAX_TOKEN_CHARS)
        .map_err(|_| invalid("the signature (third part) is not base64url"))?;

    let exp = date_claim(&claims, "exp")?;
    let now_s = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
    let (expired, expiry) = match exp {
        None => (
            None,
            "the token has no expiry (`exp` claim); STS refuses tokens without one".to_owned(),
        ),
        Some(exp) if exp <= now_s => (
            Some(true),
            format!(
                "expired {} ago",
                time::describe_duration(now_s.abs_diff(exp).saturating_mul(1000))
            ),
        ),
        Some(exp) => (
            Some(false),
            format!(
                "expires in {}",
                time::describe_duration(exp.abs_diff(now_s).saturating_mul(1000))
            ),
        ),
    };
    Ok(TokenInfo {
        iss: string_claim(&claims, "iss")?,
        aud: audience(&claims)?,
        sub: string_claim(&claims, "sub")?,
        iat: date_claim(&claims, "iat")?,
        nbf: date_claim(&claims, "nbf")?,
        expires_at: exp
            .filter(|s| (0..YEAR_10000_S).contains(s))
            .map(|s| time::format_iso8601(s.unsigned_abs() * 1000)),
        exp,
        expired,
        expiry,
        header,
        claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base64::encode_standard;

    const NOW_MS: u64 = 1_795_867_200_000; // 2026-11-28T12:00:00Z

    fn b64url(s: &str) -> String {
        encode_standard(s.as_bytes())
            .trim_end_matches('=')
            .replace('+', "-")
            .replace('/', "_")
    }

    fn token(header: &str, claims: &str) -> String {
        format!("{}.{}.c2lnbmF0dXJl", b64url(header), b64url(claims))
    }

    fn gh(exp_offset: i64) -> String {
        let exp = 1_795_867_200 + exp_offset;
        token(
            r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#,
            &format!(
                r#"{{"iss":"https://token.actions.githubusercontent.com","aud":"sts.amazonaws.com","sub":"repo:o/r:ref:refs/heads/main","exp":{exp},"iat":{}}}"#,
                exp - 300
            ),
        )
    }

    fn reason(r: Result<TokenInfo>) -> String {
        match r {
            Err(Error::InvalidParameter { field, reason }) => {
                assert_eq!(field, FIELD);
                reason
            }
            other => panic!("expected InvalidParameter, got {other:?}"),
        }
    }

    #[test]
    fn github_actions_token() {
        let info = decode_jwt_claims(&gh(55 * 60), NOW_MS).unwrap();
        assert_eq!(info.iss.as_deref(), Some("https://token.actions.githubusercontent.com"));
        assert_eq!(info.aud, ["sts.amazonaws.com"]);
        assert_eq!(info.sub.as_deref(), Some("repo:o/r:ref:refs/heads/main"));
        assert_eq!(info.exp, Some(1_795_867_200 + 3300));
        assert_eq!(info.iat, Some(1_795_867_200 + 3000));
        assert_eq!(info.expired, Some(false));
        assert_eq!(info.expiry, "expires in 55 minutes");
        assert_eq!(info.expires_at.as_deref(), Some("2026-11-28T12:55:00Z"));
        assert_eq!(info.header.get("alg").and_then(Value::as_str), Some("RS256"));
    }

    #[test]
    fn expiry_in_words() {
        let words = |off: i64| decode_jwt_claims(&gh(off), NOW_MS).unwrap().expiry;
        assert_eq!(words(-4 * 60), "expired 4 minutes ago");
        assert_eq!(words(-4 * 60 - 59), "expired 4 minutes ago");
        assert_eq!(words(0), "expired 0 seconds ago");
        assert_eq!(words(1), "expires in 1 second");
        assert_eq!(words(90 * 60), "expires in 90 minutes");
        assert_eq!(words(-3 * 3600), "expired 3 hours ago");
        assert_eq!(words(-400 * 86_400), "expired 400 days ago");
        assert_eq!(decode_jwt_claims(&gh(0), NOW_MS).unwrap().expired, Some(true));
        // A time before 1970 or far in the future does not overflow.
        assert!(decode_jwt_claims(&gh(-1_795_867_200 * 2), NOW_MS).is_ok());
        assert!(decode_jwt_claims(&gh(-1), u64::MAX).is_ok());
        assert_eq!(decode_jwt_claims(&gh(-1_795_867_201), NOW_MS).unwrap().expires_at, None);
        assert_eq!(
            decode_jwt_claims(&gh(300_000_000_000), NOW_MS).unwrap().expires_at,
            None
        );
    }

    #[test]
    fn audience_as_array_and_missing_claims() {
        let t = token(r#"{"alg":"RS256"}"#, r#"{"aud":["a","b"],"exp":null}"#);
        let info = decode_jwt_claims(&t, NOW_MS).unwrap();
        assert_eq!(info.aud, ["a", "b"]);
        assert_eq!((info.iss, info.sub, info.exp, info.expired), (None, None, None, None));
        assert!(info.expiry.contains("no expiry"));
    }

    #[test]
    fn surrounding_whitespace_is_fine() {
        assert!(decode_jwt_claims(&format!("  {}\n", gh(60)), NOW_MS).is_ok());
    }

    #[test]
    fn wrong_shapes_say_what_is_wrong() {
        assert!(reason(decode_jwt_claims("", NOW_MS)).contains("got nothing"));
        assert!(reason(decode_jwt_claims("abc", NOW_MS)).contains("found 1 part"));
        assert!(reason(decode_jwt_claims("a.b.c.d.e", NOW_MS)).contains("JWE"));
        assert!(reason(decode_jwt_claims(&format!("Bearer {}", gh(1)), NOW_MS)).contains("Bearer"));
        let long = "a".repeat(MAX_TOKEN_CHARS + 1);
        assert!(reason(decode_jwt_claims(&long, NOW_MS)).contains("at most 20000"));
        let t = gh(1);
        let unsigned = &t[..t.rfind('.').unwrap() + 1];
        assert!(reason(decode_jwt_claims(unsigned, NOW_MS)).contains("unsigned"));
        assert!(reason(decode_jwt_claims(&format!("{t}!"), NOW_MS)).contains("signature"));
        assert!(reason(decode_jwt_claims(
            &format!("e*J.{}", &t[t.find('.').unwrap() + 1..]),
            NOW_MS
        ))
        .contains("position 2"));
    }

    #[test]
    fn bad_payloads_name_the_part_and_claim() {
        let r = |h: &str, c: &str| reason(decode_jwt_claims(&token(h, c), NOW_MS));
        assert!(r("[]", "{}").contains("header (first part) is JSON but not an object"));
        assert!(r("{}", "{\"exp\":1,}").contains("payload (second part) is not valid JSON"));
        assert!(r("{}", "{\"exp\":\"soon\"}").contains("`exp` claim must be a NumericDate"));
        assert!(r("{}", "{\"exp\":1e9}").contains("`exp`"));
        assert!(r("{}", "{\"iat\":true}").contains("`iat`"));
        assert!(r("{}", "{\"aud\":[1]}").contains("`aud`"));
        assert!(r("{}", "{\"aud\":{}}").contains("`aud`"));
        assert!(r("{}", "{\"iss\":5}").contains("`iss` claim must be a string"));
        // Two `iss` claims could show one issuer here and another to a different parser: refused.
        assert!(r("{}", "{\"iss\":\"a\",\"iss\":\"b\"}").contains("appears twice"));
        let not_utf8 = format!("{}.{}.c2ln", b64url("{}"), "_w");
        assert!(reason(decode_jwt_claims(&not_utf8, NOW_MS)).contains("not UTF-8"));
    }

    #[test]
    fn errors_never_echo_the_token() {
        let secretish = "eyJTOPSECRETPART";
        for t in [
            format!("{secretish}.{secretish}.{secretish}"),
            format!("{secretish}!.x.y"),
            secretish.to_string(),
            format!("Bearer {secretish}"),
        ] {
            let e = decode_jwt_claims(&t, NOW_MS).unwrap_err().to_string();
            assert!(!e.contains("SECRET"), "{e}");
        }
    }

    #[test]
    fn hostile_payloads_are_bounded() {
        let deep = token("{}", &format!("{{\"a\":{}}}", "[".repeat(5000)));
        assert!(reason(decode_jwt_claims(&deep, NOW_MS)).contains("nested too deeply"));
        let huge = token("{}", &format!("{{\"a\":\"{}\"}}", "x".repeat(20_000)));
        assert!(reason(decode_jwt_claims(&huge, NOW_MS)).contains("at most"));
    }
}
