//! Every parameter validator, for every operation of the table: option names, source credentials, the
//! model's member rules and the documented ones, region / FIPS / dual-stack / custom endpoint, timeoutMs;
//! then, for inputs that pass, the form body and the signature.
//!
//! Input: byte 0 = operation (index into the operation table, mod its length), byte 1 = flags (bit 0
//! useFips, bit 1 sessionToken present, bit 2 useDualStack), bytes 2-3 = which members are present (LE bit
//! mask, bit i = input member i), then fields:
//!   0 option names (list)   1 accessKeyId   2 secretAccessKey   3 sessionToken   4 region   5 endpoint
//!   6.. the operation's input members in model order (a number is f64 text: "900", "NaN", "1e3"; a list
//!       separates items with 0x1E; a structure separates its members' values with 0x1D)
//!   20 timeoutMs   21 signing time in ms (clamped to the years the transport can produce)
#![no_main]

use assume_role_wasm::input::{Input, Value};
use assume_role_wasm::model::{self, Shape};
use assume_role_wasm::params::{self, SourceCredentials, Target};
use assume_role_wasm::plan::Plan;
use assume_role_wasm::secret::Secret;
use assume_role_wasm::{endpoint, request, Error};
use assume_role_wasm_fuzz::{fields, list, PAIR};
use libfuzzer_sys::fuzz_target;

/// Latest instant the transport can sign at: `time` parses server dates up to 9999-12-31.
const MAX_SIGN_MS: u64 = 253_402_300_799_999;

/// Same length and character classes, different graphic characters: validation must not be able to tell
/// the two apart, or else it would be echoing (or branching on) the secret's content.
fn twin(secret: &str) -> String {
    secret
        .chars()
        .map(|c| match c {
            '!'..='}' => char::from(c as u8 + 1),
            '~' => '!',
            c => c,
        })
        .collect()
}

fn message(r: &Result<Plan, Error>) -> Option<String> {
    r.as_ref().err().map(|e| format!("{e} {:?}", e.field()))
}

/// Independent looks at a resolved URL: the `http` crate (what the signer parses) must accept it, and where
/// the WHATWG parser (`url`, what fetch follows) accepts it, it must see a loopback host for plain http.
/// (WHATWG reads `127.0.00.50` as 127.0.0.50, so IPv4 is judged by its parser, not by Rust's stricter one.)
fn check_url(url: &str) {
    let uri: http::Uri = url.parse().expect("a resolved endpoint is a URI");
    // No user info (it would go to another host in some parsers), query or fragment; `@` in a path is fine.
    let authority = uri.authority().expect("an authority").as_str();
    assert!(!authority.contains('@') && uri.query().is_none() && !url.contains('#'));
    // A URL fetch cannot parse fails safely at send time (NetworkError); the property that matters is
    // where a parsable one goes.
    let Ok(parsed) = url::Url::parse(url) else {
        return;
    };
    assert!(parsed.username().is_empty() && parsed.password().is_none());
    match parsed.scheme() {
        "https" => {}
        "http" => {
            let loopback = match parsed.host() {
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                // Exactly `localhost`: `*.localhost` goes through DNS (issue 10).
                Some(url::Host::Domain(d)) => d == "localhost",
                None => false,
            };
            assert!(loopback, "plain http to {:?}", parsed.host());
        }
        other => panic!("scheme {other:?}"),
    }
}

/// A field's text as a value of `shape`.
fn value(shape: &'static Shape, text: &str) -> Value {
    let number = |s: &str| s.trim().parse::<f64>().unwrap_or(f64::NAN);
    match shape {
        Shape::Int { .. } => Value::Num(number(text)),
        Shape::Bool => Value::Bool(text == "true"),
        Shape::List { member, .. } => Value::List(list(text).iter().map(|item| value(member, item)).collect()),
        Shape::Struct(members) => Value::Struct(
            text.split(PAIR)
                .zip(members.iter())
                .enumerate()
                .map(|(i, (part, m))| (i, value(m.shape, part)))
                .collect(),
        ),
        Shape::Map { .. } => Value::Map(
            list(text)
                .iter()
                .map(|kv| {
                    let (k, v) = kv.split_once(PAIR).unwrap_or((kv, ""));
                    (k.to_owned(), v.to_owned())
                })
                .collect(),
        ),
        Shape::Str(_) | Shape::Timestamp => Value::Str(text.to_owned()),
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let op = &model::OPERATIONS[usize::from(data[0]) % model::OPERATIONS.len()];
    let (flags, mask) = (data[1], u16::from_le_bytes([data[2], data[3]]));
    let f = fields(&data[4..], 22);
    let number = |s: &str| s.trim().parse::<f64>().unwrap_or(f64::NAN);

    if let Err(e) = params::check_known_options(&list(&f[0]), op) {
        let field = e.field().expect("names the option");
        // Either the offending key itself (a short identifier) or "options" when the name is not echoed.
        assert!(field == "options" || (field.len() <= 32 && list(&f[0]).iter().any(|k| k == field)));
    }
    if let Ok(ms) = params::check_timeout(number(&f[20])) {
        assert!((1..=600_000).contains(&ms));
    }

    let source = |secret: &str, token: Option<&str>| SourceCredentials {
        access_key_id: f[1].clone(),
        secret_access_key: Secret::from(secret),
        session_token: token.map(Secret::from),
        expiration: None,
    };
    let token = (flags & 2 != 0).then_some(f[3].as_str());
    let target = Target {
        region: (!f[4].is_empty()).then(|| f[4].clone()),
        use_fips: flags & 1 != 0,
        use_dual_stack: flags & 4 != 0,
        endpoint: (!f[5].is_empty()).then(|| f[5].clone()),
    };
    match endpoint::resolve(&target) {
        Ok(ep) => {
            check_url(&ep.url);
            assert!(!ep.signing_region.is_empty());
        }
        Err(e) => assert!(matches!(
            e.field(),
            Some("region" | "endpoint" | "useFips" | "useDualStack")
        )),
    }
    let input = || {
        let mut input = Input::new(op);
        for (i, member) in op.input.iter().enumerate().take(14) {
            if mask & (1 << i) != 0 {
                input.members.push((i, value(member.shape, &f[6 + i])));
            }
        }
        input
    };
    const NOW: u64 = 1_800_000_000_000;
    let planned = Plan::new(input(), Some(source(&f[2], token)), &target, NOW);
    let twin_token = token.map(twin);
    let twinned = Plan::new(input(), Some(source(&twin(&f[2]), twin_token.as_deref())), &target, NOW);
    assert_eq!(
        message(&planned),
        message(&twinned),
        "validation depends on secret content"
    );

    let plan = match planned {
        Ok(plan) => plan,
        Err(e) => {
            assert_eq!(e.code(), "InvalidParameter");
            assert!(!e.field().unwrap_or_default().is_empty());
            return;
        }
    };
    // The body is pure form encoding, and it is what `form_body` makes of the input.
    assert_eq!(plan.body, request::form_body(&plan.input));
    assert!(plan
        .body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=".contains(&b)));
    assert!(plan.body.starts_with("Action="));
    let ms = f[21].trim().parse::<u64>().unwrap_or(0).min(MAX_SIGN_MS);
    let headers = plan.sign_at(ms).expect("a validated plan signs");
    if !op.signed {
        // Unsigned operations carry no credential of any kind.
        assert!(headers.iter().all(|(k, _)| *k == "content-type"), "{headers:?}");
        return;
    }
    // The authorization header is exactly the documented shape: it cannot be carrying the secret.
    let auth = &headers
        .iter()
        .find(|(k, _)| *k == "authorization")
        .expect("an authorization header")
        .1;
    let rest = auth
        .strip_prefix("AWS4-HMAC-SHA256 Credential=")
        .and_then(|r| r.strip_prefix(f[1].as_str()))
        .expect("credential names the access key id");
    let (scope, signature) = rest.split_once(", SignedHeaders=").expect("signed headers");
    assert!(
        scope.starts_with('/') && scope.ends_with("/sts/aws4_request"),
        "{scope}"
    );
    let signature = signature.rsplit_once(", Signature=").expect("signature").1;
    assert!(signature.len() == 64 && signature.bytes().all(|b| b.is_ascii_hexdigit()));
});
