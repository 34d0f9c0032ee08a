//! Property: whatever an STS message or a web identity token says, `fix::derive` does not panic, its
//! statements are valid JSON, its commands are single lines, and the real bash, running every command
//! (with `aws` a function that only prints its arguments), runs nothing else: a canary file that the
//! hostile fragments try to create never appears. Messages are STS's real shapes with hostile text spliced
//! into the caller, the resource and the encoded-message token, plus arbitrary text.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use assume_role_wasm::fix::{derive, Fix, RequestFacts, TokenClaims};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const CODES: [&str; 8] = [
    "AccessDenied",
    "InvalidIdentityToken",
    "IDPRejectedClaim",
    "ExpiredTokenException",
    "RegionDisabledException",
    "InvalidClientTokenId",
    "ExpiredToken",
    "UnauthorizedOperation",
];
const ACTIONS: [&str; 5] = [
    "AssumeRole",
    "AssumeRoleWithWebIdentity",
    "AssumeRoleWithSAML",
    "GetFederationToken",
    "GetSessionToken",
];

/// Text that tries to break out of every quoting the commands use.
fn hostile(canary: &str) -> impl Strategy<Value = String> {
    let canary = canary.to_owned();
    let fragments = vec![
        format!("';touch {canary};'"),
        format!("$(touch {canary})"),
        format!("`touch {canary}`"),
        format!("\"; touch {canary}; \""),
        format!("\\'$(touch {canary})"),
        format!("\n touch {canary}\n"),
        "`\"}]},{\"Effect\":\"Allow\",\"Action\":\"*\"".to_owned(),
        "\u{1b}[2J\u{2028}".to_owned(),
        "arn:aws:iam::123456789012:user/Bob".to_owned(),
        "é😀".to_owned(),
    ];
    (
        prop::collection::vec(prop::sample::select(fragments), 0..3),
        "[ -~]{0,12}",
    )
        .prop_map(|(parts, tail)| parts.concat() + &tail)
}

#[derive(Debug, Clone)]
struct Case {
    code: &'static str,
    action: &'static str,
    message: String,
    iss: String,
    aud: String,
    sub: String,
    flags: [bool; 6],
}

fn case(canary: &str) -> impl Strategy<Value = Case> {
    let h = || hostile(canary);
    (
        prop::sample::select(CODES.to_vec()),
        prop::sample::select(ACTIONS.to_vec()),
        (h(), h(), h(), h(), 0..5usize),
        (h(), h(), h()),
        prop::array::uniform6(any::<bool>()),
    )
        .prop_map(|(code, action, (a, b, c, d, shape), (iss, aud, sub), flags)| {
            let message = match shape {
                0 => format!("User: arn:aws:iam::123456789012:user/Bob{a} is not authorized to perform: sts:{action} on resource: arn:aws:iam::123456789012:role/x{b}"),
                1 => format!("User: {a} is not authorized to perform: sts:AssumeRole{b} because no identity-based policy allows{c}"),
                2 => format!("{a} Encoded authorization failure message: abcdefghijklmnopqrstuvwxyz{b}{c}"),
                3 => format!("No OpenIDConnect provider found in your account for {a}{d}"),
                _ => format!("{a}{b}{c}{d}"),
            };
            Case { code, action, message, iss: format!("https://{iss}"), aud, sub, flags }
        })
}

fn derive_case(c: &Case) -> Option<Fix> {
    let f = c.flags;
    let facts = RequestFacts {
        action: c.action,
        role_arn: Some("arn:aws:iam::123456789012:role/x"),
        principal_arn: Some("arn:aws:iam::123456789012:saml-provider/Okta"),
        has_tags: f[0],
        has_source_identity: f[1],
        has_external_id: f[2],
        has_mfa: f[3],
        used_session_token: f[4],
        web_identity: Some(TokenClaims {
            iss: Some(&c.iss),
            aud: Some(&c.aud),
            sub: Some(&c.sub),
            exp: Some(1_795_866_900),
        }),
        known_caller_arn: f[5].then_some("arn:aws:sts::123456789012:assumed-role/A/s1"),
        region: if f[4] { "af-south-1" } else { "cn-north-1" },
        now_ms: 1_795_867_200_000,
        ..Default::default()
    };
    derive(c.code, &c.message, &facts)
}

#[test]
fn no_message_or_claim_makes_a_command_run_anything_else() {
    let dir = std::env::temp_dir().join(format!("arw-fix-props-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let canary = dir.join("pwned").display().to_string();
    let mut runner = TestRunner::new(Config {
        cases: 24,
        ..Config::default()
    });
    let batch = prop::collection::vec(case(&canary), 32);
    let commands_run = std::cell::Cell::new(0usize);
    runner
        .run(&batch, |cases| {
            let mut script = String::from("aws() { printf '<%s>' \"$@\"; echo; }\nset -e\n");
            for c in &cases {
                let Some(fix) = derive_case(c) else { continue };
                for s in [&fix.trust_statement, &fix.identity_statement].into_iter().flatten() {
                    prop_assert!(serde_json::from_str::<serde_json::Value>(s).is_ok(), "{s}");
                }
                for cmd in &fix.commands {
                    prop_assert!(!cmd.chars().any(|ch| ch.is_control() || ch == '\u{2028}'), "{cmd:?}");
                    prop_assert!(cmd.starts_with("aws "), "{cmd}");
                    script.push_str(cmd);
                    script.push('\n');
                    commands_run.set(commands_run.get() + 1);
                }
            }
            let out = Command::new("bash").arg("-c").arg(&script).output().unwrap();
            prop_assert!(
                out.status.success(),
                "bash failed: {}\n{script}",
                String::from_utf8_lossy(&out.stderr)
            );
            prop_assert!(
                !std::path::Path::new(&canary).exists(),
                "a command ran injected text:\n{script}"
            );
            Ok(())
        })
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        commands_run.get() > 100,
        "only {} commands were exercised",
        commands_run.get()
    );
}
