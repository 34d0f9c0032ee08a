//! Every parameter validator: option names, source credentials, AssumeRole / GetSessionToken inputs,
//! region / FIPS / custom endpoint, timeoutMs; then, for inputs that pass, the form body and the signature.
//!
//! Input: byte 0 = operation (mod 3), byte 1 = flags (bit 0 useFips, bit 1 sessionToken present),
//! bytes 2-3 = which optional fields are present (LE bit mask, bit i = optional field i below), then fields:
//!   0 option names (list)   1 accessKeyId   2 secretAccessKey   3 sessionToken   4 region   5 endpoint
//!   6 roleArn   7 roleSessionName   8 durationSeconds (f64 text: "900", "NaN", "-1", "1e3", "900.5")
//!   9 externalId   10 policy   11 policyArns (list)   12 serialNumber   13 tokenCode
//!   14 tags (list of key 0x1D value)   15 transitiveTagKeys (list)   16 sourceIdentity   17 timeoutMs
//!   18 signing time in ms (clamped to the years the transport can produce)
//! Optional fields by mask bit: 0 region, 1 endpoint, 2 durationSeconds, 3 externalId, 4 policy,
//! 5 serialNumber, 6 tokenCode, 7 sourceIdentity.
#![no_main]

use assume_role_wasm::params::{
    self, AssumeRoleInput, Call, SessionTokenInput, SourceCredentials, Tag, Target,
};
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
                Some(url::Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost"),
                None => false,
            };
            assert!(loopback, "plain http to {:?}", parsed.host());
        }
        other => panic!("scheme {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (op, flags, mask) = (data[0] % 3, data[1], u16::from_le_bytes([data[2], data[3]]));
    let f = fields(&data[4..], 19);
    let opt = |bit: u16, i: usize| (mask & (1 << bit) != 0).then(|| f[i].clone());
    let number = |s: &str| s.trim().parse::<f64>().unwrap_or(f64::NAN);

    let extra = match op {
        0 => params::ASSUME_ROLE_OPTIONS,
        1 => &[][..],
        _ => params::SESSION_TOKEN_OPTIONS,
    };
    if let Err(e) = params::check_known_options(&list(&f[0]), extra) {
        let field = e.field().expect("names the option");
        // Either the offending key itself (a short identifier) or "options" when the name is not echoed.
        assert!(field == "options" || (field.len() <= 32 && list(&f[0]).iter().any(|k| k == field)));
    }
    if let Ok(ms) = params::check_timeout(number(&f[17])) {
        assert!((1..=600_000).contains(&ms));
    }

    let source = |secret: &str, token: Option<&str>| SourceCredentials {
        access_key_id: f[1].clone(),
        secret_access_key: Secret::from(secret),
        session_token: token.map(Secret::from),
    };
    let token = (flags & 2 != 0).then_some(f[3].as_str());
    let target = Target {
        region: opt(0, 4),
        use_fips: flags & 1 != 0,
        endpoint: opt(1, 5),
    };
    match endpoint::resolve(&target) {
        Ok(ep) => {
            check_url(&ep.url);
            assert!(!ep.signing_region.is_empty());
        }
        Err(e) => assert!(matches!(e.field(), Some("region" | "endpoint" | "useFips"))),
    }
    let call = match op {
        0 => Call::AssumeRole(AssumeRoleInput {
            role_arn: f[6].clone(),
            role_session_name: f[7].clone(),
            duration_seconds: opt(2, 8).map(|s| number(&s)),
            external_id: opt(3, 9),
            policy: opt(4, 10),
            policy_arns: list(&f[11]),
            serial_number: opt(5, 12),
            token_code: opt(6, 13),
            tags: list(&f[14])
                .into_iter()
                .map(|t| {
                    let (key, value) = t.split_once(PAIR).unwrap_or((&t, ""));
                    Tag {
                        key: key.to_owned(),
                        value: value.to_owned(),
                    }
                })
                .collect(),
            transitive_tag_keys: list(&f[15]),
            source_identity: opt(7, 16),
        }),
        1 => Call::GetCallerIdentity,
        _ => Call::GetSessionToken(SessionTokenInput {
            duration_seconds: opt(2, 8).map(|s| number(&s)),
            serial_number: opt(5, 12),
            token_code: opt(6, 13),
        }),
    };

    let planned = Plan::new(&call, source(&f[2], token), &target);
    let twin_token = token.map(twin);
    let twinned = Plan::new(&call, source(&twin(&f[2]), twin_token.as_deref()), &target);
    assert_eq!(message(&planned), message(&twinned), "validation depends on secret content");

    let plan = match planned {
        Ok(plan) => plan,
        Err(e) => {
            assert_eq!(e.code(), "InvalidParameter");
            assert!(!e.field().unwrap_or_default().is_empty());
            return;
        }
    };
    // The body is pure form encoding, and it is what `form_body` makes of the call.
    assert_eq!(plan.body, request::form_body(&call));
    assert!(plan
        .body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=".contains(&b)));
    assert!(plan.body.starts_with("Action="));
    let ms = f[18].trim().parse::<u64>().unwrap_or(0).min(MAX_SIGN_MS);
    let headers = plan.sign_at(ms).expect("a validated plan signs");
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
    assert!(scope.starts_with('/') && scope.ends_with("/sts/aws4_request"), "{scope}");
    let signature = signature.rsplit_once(", Signature=").expect("signature").1;
    assert!(signature.len() == 64 && signature.bytes().all(|b| b.is_ascii_hexdigit()));
});
