//! Property: a rendered export block, run by the real shell, exports exactly the values it was given,
//! whatever characters they hold (anything but NUL, which no environment variable can carry): quotes,
//! backslashes, `$(…)`, backquotes, newlines, typographic quotes, control characters, any Unicode.
//!
//! bash, zsh, dash (the `sh` alias) and fish, each under C.UTF-8. Many value sets go through one shell
//! process (render, `env -0`, a marker, …) so a case costs one process per shell. `env -0` reads the
//! environment of a child, so it also proves the variables are exported, not just set. A shell that is
//! not installed is skipped with a note (scripts/setup.sh installs fish and zsh).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

use assume_role_wasm::exports::{render, Format, RenderOptions};
use assume_role_wasm::response::Credentials;
use assume_role_wasm::secret::Secret;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const VARS: [&str; 4] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
];
/// Value sets per shell process, and cases (processes) per shell.
const BATCH: usize = 48;
const CASES: u32 = 12;

fn hostile_char() -> impl Strategy<Value = char> {
    let specials = vec![
        '\'',
        '"',
        '\\',
        '$',
        '`',
        '!',
        '\n',
        '\r',
        '\t',
        ' ',
        '%',
        '*',
        '?',
        '[',
        ']',
        '{',
        '}',
        '(',
        ')',
        ';',
        '&',
        '|',
        '<',
        '>',
        '#',
        '~',
        '=',
        '^',
        '\u{1}',
        '\u{1b}',
        '\u{7f}',
        '\u{85}',
        '\u{a0}',
        '\u{2018}',
        '\u{2019}',
        '\u{201a}',
        '\u{201b}',
        '\u{2028}',
        '\u{feff}',
        'é',
        '\u{1f600}',
        '\u{f600}',
        '\u{fffd}',
    ];
    prop_oneof![
        3 => prop::sample::select(specials),
        2 => (1u8..=0x7f).prop_map(char::from),
        1 => any::<char>().prop_filter("no NUL", |c| *c != '\0'),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 1..40).prop_map(|v| v.into_iter().collect())
}

/// Three hostile values; the expiration must stay a valid time, so it varies only in shape.
fn value_set() -> impl Strategy<Value = [String; 4]> {
    let expiration = prop::sample::select(vec![
        "2026-11-28T13:00:00Z",
        "2026-11-28T13:57:00.611109Z",
        "2026-11-28T14:00:00+01:00",
    ]);
    (value(), value(), value(), expiration).prop_map(|(a, b, c, e)| [a, b, c, e.to_owned()])
}

struct Shell {
    name: &'static str,
    program: &'static str,
    args: &'static [&'static str],
    format: Format,
}

const SHELLS: [Shell; 4] = [
    Shell {
        name: "bash",
        program: "bash",
        args: &["--noprofile", "--norc", "-s"],
        format: Format::Bash,
    },
    Shell {
        name: "zsh",
        program: "zsh",
        args: &["-f", "-s"],
        format: Format::Bash,
    },
    Shell {
        name: "sh (dash)",
        program: "dash",
        args: &["-s"],
        format: Format::Bash,
    },
    Shell {
        name: "fish",
        program: "fish",
        args: &["--no-config"],
        format: Format::Fish,
    },
];

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("-c")
        .arg("exit 0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs the rendered blocks in one shell process; returns what `env -0` saw after each block.
fn run(shell: &Shell, sets: &[[String; 4]]) -> Result<Vec<[String; 4]>, String> {
    let mut script = String::new();
    for set in sets {
        let creds = Credentials {
            access_key_id: set[0].clone(),
            secret_access_key: Secret::from(set[1].as_str()),
            session_token: Secret::from(set[2].as_str()),
            expiration: set[3].clone(),
        };
        script.push_str(&render(&creds, shell.format, &RenderOptions::default()).map_err(|e| e.to_string())?);
        script.push_str("/usr/bin/env -0\n/usr/bin/printf 'END\\0'\n");
    }
    let mut child = Command::new(shell.program)
        .args(shell.args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LC_ALL", "C.UTF-8")
        .env("HOME", std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", shell.program))?;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "{} exited {}: {}",
            shell.name,
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut blocks = Vec::new();
    let mut current: [Option<String>; 4] = Default::default();
    for record in out.stdout.split(|b| *b == 0) {
        if record == b"END" {
            blocks.push(current.clone().map(Option::unwrap_or_default));
            current = Default::default();
            continue;
        }
        let record = String::from_utf8(record.to_vec()).map_err(|_| "env printed invalid UTF-8".to_owned())?;
        if let Some((name, value)) = record.split_once('=') {
            if let Some(i) = VARS.iter().position(|v| *v == name) {
                current[i] = Some(value.to_owned());
            }
        }
    }
    Ok(blocks)
}

#[test]
fn every_rendered_export_sets_exactly_its_value() {
    let mut tested = Vec::new();
    for shell in &SHELLS {
        if !installed(shell.program) {
            eprintln!(
                "note: {} not installed, skipped (scripts/setup.sh installs it)",
                shell.name
            );
            continue;
        }
        // No regression files in the source tree; a failure prints the case it shrank to.
        let config = Config {
            cases: CASES,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let result = runner.run(&prop::collection::vec(value_set(), BATCH), |sets| {
            let got = run(shell, &sets).map_err(TestCaseError::fail)?;
            prop_assert_eq!(got.len(), sets.len(), "{}: one env dump per block", shell.name);
            for (want, got) in sets.iter().zip(&got) {
                prop_assert_eq!(want, got, "{} changed a value", shell.name);
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{}: {e}", shell.name);
        }
        tested.push(shell.name);
    }
    eprintln!(
        "export lines evaluated: {} value sets x 4 variables in each of {}",
        CASES as usize * BATCH,
        tested.join(", ")
    );
    assert!(tested.contains(&"bash"), "bash must be available");
}
