//! STS response bodies: `response::parse` for each operation with any status, body and request-id header,
//! then what the transport does with a failure: `retry::decide` with the (garbage or not) `Date` header.
//!
//! Input: byte 0 = operation (index into the operation table, mod its length), bytes 1-2 = HTTP status (LE, mod 1000), then fields
//! `Date header 0x1F x-amzn-requestid header 0x1F body` (a body may contain 0x1F). An empty header field
//! means the header is absent.
#![no_main]

use assume_role_wasm::model;
use assume_role_wasm::response::{self, Credentials};
use assume_role_wasm::{retry, time, Error};
use assume_role_wasm_fuzz::fields;
use libfuzzer_sys::fuzz_target;

fn check_credentials(c: &Credentials) {
    // Whatever precision or zone the server used, callers get exactly `YYYY-MM-DDTHH:MM:SSZ`.
    assert_eq!(c.expiration.len(), 20, "{:?}", c.expiration);
    let ms = time::parse_iso8601(&c.expiration).expect("normalised expiration parses");
    assert_eq!(time::format_iso8601(ms), c.expiration);
    assert!(!c.access_key_id.is_empty() && !c.secret_access_key.expose().is_empty());
    // Only the alphabets real keys and tokens use reach the export renderers (issue 10).
    assert!(c
        .access_key_id
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
    for secret in [c.secret_access_key.expose(), c.session_token.expose()] {
        assert!(secret.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let op = &model::OPERATIONS[usize::from(data[0]) % model::OPERATIONS.len()];
    let status = u16::from_le_bytes([data[1], data[2]]) % 1000;
    let f = fields(&data[3..], 3);
    let date = Some(f[0].as_str()).filter(|s| !s.is_empty());
    let request_id = Some(f[1].as_str()).filter(|s| !s.is_empty());
    let body = &f[2];

    match response::parse(op, status, body, request_id) {
        Ok(out) => {
            assert!((200..300).contains(&status), "a result from HTTP {status}");
            assert_eq!(out.op, op, "{} produced the output of another operation", op.action);
            // Every member the table calls required is there; credential operations carry credentials.
            for m in op.output.iter().filter(|m| m.required) {
                assert!(out.get(m.name).is_some(), "{} without {}", op.action, m.name);
            }
            match out.credentials() {
                Some(c) => check_credentials(&c),
                None => assert!(!op.credentials, "{} without credentials", op.action),
            }
        }
        Err(err) => {
            // Error text is bounded whatever the body: it ends up in a JS Error message and on screens.
            match &err {
                Error::Sts { code, message, .. } => {
                    assert!(!code.is_empty() && code.chars().count() <= 64);
                    assert!(message.chars().count() <= 1024);
                }
                Error::UnexpectedResponse { snippet, .. } => {
                    assert!(snippet.chars().count() <= 161, "{} chars", snippet.len());
                    assert!(!snippet.contains(['\n', '\r']), "a snippet is one line");
                }
                other => panic!("parse returned {other:?}"),
            }
            assert_eq!(err.status(), Some(status));
            // The transport's next step with the same inputs: bounded delay, a sane clock correction.
            for attempt in 1..=retry::MAX_ATTEMPTS {
                for corrected in [false, true] {
                    let local = 1_795_867_200_000;
                    match retry::decide(&err, attempt, corrected, date, local, 0.999) {
                        retry::Next::Stop => {}
                        retry::Next::Retry { delay_ms, skew_ms } => {
                            assert!(delay_ms <= 20_000);
                            assert!(attempt < retry::MAX_ATTEMPTS || skew_ms.is_some());
                            if let Some(skew) = skew_ms {
                                assert!(!corrected, "corrected the clock twice");
                                // The server time is a real date in 1970..=9999.
                                let server = local as i64 + skew;
                                assert!((0..=253_402_300_800_000).contains(&server));
                            }
                        }
                    }
                }
            }
        }
    }
    // The date parsers on their own, on the header and on the body (messages carry SigV4 dates).
    for s in [f[0].as_str(), body.as_str()] {
        for ms in [
            time::parse_http_date(s),
            time::parse_amz_date(s),
            time::parse_iso8601(s),
        ]
        .into_iter()
        .flatten()
        {
            assert!(time::parse_iso8601(&time::format_iso8601(ms)).is_some());
        }
    }
});
