//! OIDC tokens: `jwt::decode_jwt_claims` with any token and any clock, and the JSON reader under it
//! checked against serde_json as an independent oracle.
//!
//! Input: byte 0 = mode (even: the rest after 8 clock bytes is a token; odd: the rest is JSON text for
//! `json::parse` alone), bytes 1-8 = `now_ms` (LE), then the text (invalid UTF-8 becomes U+FFFD).
#![no_main]

use assume_role_wasm::json_reader::{self as json, Value};
use assume_role_wasm::jwt::{self, decode_jwt_claims};
use assume_role_wasm::Error;
use libfuzzer_sys::fuzz_target;

/// Our value and serde_json's must mean the same document (numbers compared by text: we keep it).
fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    match (ours, theirs) {
        (Value::Null, serde_json::Value::Null) => true,
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::Number(_), serde_json::Value::Number(_)) => true,
        (Value::String(a), serde_json::Value::String(b)) => a == b,
        (Value::Array(a), serde_json::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), serde_json::Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        _ => false,
    }
}

fn check_json(text: &str) {
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(same(a, b), "{a:?} vs {b:?}"),
        // serde_json refuses numbers beyond f64 (`1e400`); we keep number text and accept them.
        (Ok(_), Err(e)) if e.to_string().contains("number out of range") => {}
        (Ok(a), Err(e)) => panic!("we accepted what serde_json refuses ({e}): {a:?}"),
        // We refuse more: duplicate names (serde keeps the last), depth over 32 (serde: 128), over
        // 4096 values.
        (Err(e), Ok(_)) => assert!(
            matches!(e.reason, "a member name appears twice" | "nested too deeply" | "too many values"),
            "serde_json accepted what we refused: {e:?}"
        ),
        (Err(e), Err(_)) => assert!(e.offset <= text.chars().count()),
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let now_ms = u64::from_le_bytes(data[1..9].try_into().unwrap_or_default());
    let text = String::from_utf8_lossy(&data[9..]);
    if data[0] % 2 == 1 {
        check_json(&text);
        return;
    }
    match decode_jwt_claims(&text, now_ms) {
        Ok(info) => {
            assert!(matches!(info.header, Value::Object(_)) && matches!(info.claims, Value::Object(_)));
            let now_s = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
            assert_eq!(info.expired, info.exp.map(|exp| exp <= now_s));
            let prefix = match info.expired {
                Some(true) => "expired ",
                Some(false) => "expires in ",
                None => "the token has no expiry",
            };
            assert!(info.expiry.starts_with(prefix), "{}", info.expiry);
            assert_eq!(info.iss.as_deref(), info.claims.get("iss").and_then(Value::as_str));
        }
        Err(Error::InvalidParameter { field, reason }) => {
            assert_eq!(field, jwt::FIELD);
            // Bounded and one line: it is shown under the input on the page.
            assert!(reason.chars().count() <= 200 && !reason.contains('\n'), "{reason}");
        }
        Err(other) => panic!("decode_jwt_claims returned {other:?}"),
    }
});
