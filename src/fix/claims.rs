//! The claims a fix needs (`iss`, `aud`, `sub`, `exp`) read out of a web identity token, unverified: they
//! only say what the trust policy must match, and are treated as hostile text like any message. A JWT's
//! payload is base64url JSON, read with the crate's own decoder and JSON reader (the ones `jwt` uses).

use super::TokenClaims;
use crate::base64::{self, Alphabet};
use crate::json_reader::{self, Value};
use crate::jwt::MAX_TOKEN_CHARS;

/// Owned claims; `as_claims()` lends them as `RequestFacts::web_identity`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnedClaims {
    pub iss: Option<String>,
    pub aud: Option<String>,
    pub sub: Option<String>,
    pub exp: Option<i64>,
}

impl OwnedClaims {
    /// The claims of a compact JWT (`header.payload.signature`); `None` when it is not one. Lenient where
    /// `jwt::decode_jwt_claims` (for display) is strict: a fix wants whatever it can read.
    pub fn from_jwt(token: &str) -> Option<OwnedClaims> {
        let mut parts = token.trim().split('.');
        let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
        let bytes = base64::decode(payload, Alphabet::UrlSafe, MAX_TOKEN_CHARS).ok()?;
        let claims = json_reader::parse(core::str::from_utf8(&bytes).ok()?).ok()?;
        if !matches!(claims, Value::Object(_)) {
            return None;
        }
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
        Some(OwnedClaims {
            iss: text(claims.get("iss")),
            // An array of audiences: the first is what the role's condition usually names.
            aud: match claims.get("aud") {
                Some(Value::Array(items)) => text(items.iter().find(|v| v.as_str().is_some())),
                other => text(other),
            },
            sub: text(claims.get("sub")),
            exp: claims.get("exp").and_then(Value::as_seconds),
        })
    }

    pub fn as_claims(&self) -> TokenClaims<'_> {
        TokenClaims {
            iss: self.iss.as_deref(),
            aud: self.aud.as_deref(),
            sub: self.sub.as_deref(),
            exp: self.exp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64url(bytes: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    fn jwt(payload: &str) -> String {
        format!("{}.{}.sig", b64url(br#"{"alg":"RS256"}"#), b64url(payload.as_bytes()))
    }

    #[test]
    fn reads_the_claims_a_fix_needs() {
        let t = jwt(
            r#"{"jti":"x","sub":"repo:o/r:ref:refs/heads/main","aud":"sts.amazonaws.com","nested":{"a":[1,{"b":null}],"c":true},"exp":1795867500,"iss":"https://token.actions.githubusercontent.com","iat":1.5e9}"#,
        );
        let c = OwnedClaims::from_jwt(&t).unwrap();
        assert_eq!(c.iss.as_deref(), Some("https://token.actions.githubusercontent.com"));
        assert_eq!(c.aud.as_deref(), Some("sts.amazonaws.com"));
        assert_eq!(c.sub.as_deref(), Some("repo:o/r:ref:refs/heads/main"));
        assert_eq!(c.exp, Some(1_795_867_500));
        assert_eq!(c.as_claims().exp, Some(1_795_867_500));
    }

    #[test]
    fn arrays_escapes_and_garbage() {
        let c = OwnedClaims::from_jwt(&jwt(r#"{"aud":["a\u00e9\ud83d\ude00",2],"iss":"x\"y\n"}"#)).unwrap();
        assert_eq!(c.aud.as_deref(), Some("aé😀"));
        assert_eq!(
            c.iss.as_deref(),
            Some("x\"y\n"),
            "kept as text; fix.rs decides what it may print"
        );
        for bad in [
            "",
            "a.b",
            "a.!!!.c",
            &jwt("[1]"),
            &jwt(r#"{"iss":}"#),
            &jwt(r#"{"iss":"x""#),
        ] {
            assert_eq!(OwnedClaims::from_jwt(bad), None, "{bad}");
        }
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(OwnedClaims::from_jwt(&jwt(&format!(r#"{{"x":{deep}}}"#))), None);
    }
}
