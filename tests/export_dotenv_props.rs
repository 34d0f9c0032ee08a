//! Property: a rendered `.env` file, read by each reader the format claims, gives back exactly the values it
//! was given, or the renderer refuses it naming the field (issue 10: a hostile token ``tok'`touch pwned`'``
//! used to be double-quoted, where `. ./.env` ran the backquotes, and python-dotenv expanded `${HOME}`).
//!
//! The readers, each run for real on the same files:
//! - `set -a; . FILE` in bash and in dash (`sh`), then `env -0` in a child: the variables are exported;
//! - python-dotenv's `dotenv_values` (the test venv's, pinned in tests/support/requirements.txt), with its
//!   default `${NAME}` interpolation on;
//! - Node's `util.parseEnv` (Node ≥ 20.12), what `node --env-file` uses;
//! - `docker run --env-file`: there is no Docker engine here, so its documented rules are the oracle
//!   (docs.docker.com, `docker container run`, "Set environment variables": "expects each line to be in the
//!   VAR=VAL format, mimicking the argument passed to --env. Comment lines need only be prefixed with #";
//!   the CLI trims leading whitespace from a line and keeps the value verbatim, quotes included). So Docker
//!   reads a value intact only when it is bare, which every value from a real STS answer is (the alphabets
//!   `[A-Z0-9]`, base64 and an ISO time): `every_reader_and_docker_get_real_credentials_intact` checks exactly
//!   that, and the README tells Docker users to rely on it. Where a `docker` CLI is installed (not by
//!   scripts/setup.sh: Debian's docker.io would bring the engine too), the oracle is itself checked against
//!   it: the CLI parses `--env-file` before talking to any daemon, and a stand-in daemon records the result.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
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
const FIELDS: [&str; 3] = [
    "credentials.accessKeyId",
    "credentials.secretAccessKey",
    "credentials.sessionToken",
];
/// What the renderer must refuse once a value needs quotes.
const UNQUOTABLE: [char; 5] = ['\'', '\\', '$', '\n', '\r'];
const BATCH: usize = 48;
const CASES: u32 = 10;

fn creds(set: &[String; 4]) -> Credentials {
    Credentials {
        access_key_id: set[0].clone(),
        secret_access_key: Secret::from(set[1].as_str()),
        session_token: Secret::from(set[2].as_str()),
        expiration: set[3].clone(),
    }
}

fn dotenv(set: &[String; 4]) -> Result<String, String> {
    render(&creds(set), Format::Dotenv, &RenderOptions::default()).map_err(|e| e.to_string())
}

/// Characters a shell, python-dotenv or a `#` comment could care about, minus the refused ones.
fn quotable_char() -> impl Strategy<Value = char> {
    let specials = vec![
        '"',
        '`',
        '!',
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
        ':',
        '@',
        '\u{1}',
        '\u{b}',
        '\u{c}',
        '\u{1b}',
        '\u{7f}',
        '\u{85}',
        '\u{a0}',
        '\u{2018}',
        '\u{2019}',
        '\u{2028}',
        '\u{2029}',
        '\u{feff}',
        'é',
        '\u{1f600}',
        '\u{fffd}',
    ];
    prop_oneof![
        3 => prop::sample::select(specials),
        2 => (1u8..=0x7f).prop_map(char::from),
        1 => any::<char>(),
    ]
    .prop_filter("refused or NUL", |c| *c != '\0' && !UNQUOTABLE.contains(c))
}

fn expiration() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "2026-11-28T13:00:00Z",
        "2026-11-28T13:57:00.611109Z",
        "2026-11-28T14:00:00+01:00",
    ])
    .prop_map(str::to_owned)
}

fn quotable_set() -> impl Strategy<Value = [String; 4]> {
    let value = || prop::collection::vec(quotable_char(), 1..40).prop_map(|v| v.into_iter().collect::<String>());
    (value(), value(), value(), expiration()).prop_map(|(a, b, c, e)| [a, b, c, e])
}

/// What real STS answers hold: an access key ID of `[A-Z0-9]`, a base64 secret and token.
fn real_set() -> impl Strategy<Value = [String; 4]> {
    (
        "[A-Z0-9]{16,128}",
        "[A-Za-z0-9+/]{40}",
        "[A-Za-z0-9+/]{100,1200}={0,2}",
        expiration(),
    )
        .prop_map(|(a, b, c, e)| [a, b, c, e])
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("arw-dotenv-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One `.env` file per value set; returns their paths.
fn write_files(dir: &Path, sets: &[[String; 4]]) -> Result<Vec<PathBuf>, String> {
    sets.iter()
        .enumerate()
        .map(|(i, set)| {
            let path = dir.join(format!("set-{i}.env"));
            std::fs::write(&path, dotenv(set)?).map_err(|e| e.to_string())?;
            Ok(path)
        })
        .collect()
}

/// Splits `NAME=value\0…END\0` dumps into one block per file.
fn parse_dumps(out: &[u8]) -> Result<Vec<[String; 4]>, String> {
    let mut blocks = Vec::new();
    let mut current: [Option<String>; 4] = Default::default();
    for record in out.split(|b| *b == 0) {
        if record == b"END" {
            blocks.push(current.clone().map(Option::unwrap_or_default));
            current = Default::default();
            continue;
        }
        let record = String::from_utf8(record.to_vec()).map_err(|_| "a reader printed invalid UTF-8".to_owned())?;
        if let Some((name, value)) = record.split_once('=') {
            if let Some(i) = VARS.iter().position(|v| *v == name) {
                current[i] = Some(value.to_owned());
            }
        }
    }
    Ok(blocks)
}

struct Reader {
    name: &'static str,
    program: String,
    args: Vec<String>,
    /// The script goes to stdin when set; the file paths are appended to `args` otherwise.
    stdin_script: bool,
}

fn readers() -> Vec<Reader> {
    let venv_python = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let python = r#"
import sys
from dotenv import dotenv_values
out = sys.stdout.buffer
for path in sys.argv[1:]:
    values = dotenv_values(path, encoding="utf-8")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"):
        if values.get(name) is not None:
            out.write(f"{name}={values[name]}".encode("utf-8") + b"\0")
    out.write(b"END\0")
"#;
    let node = r#"
const { parseEnv } = require("node:util");
const { readFileSync } = require("node:fs");
for (const path of process.argv.slice(1)) {
  const values = parseEnv(readFileSync(path, "utf8"));
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"]) {
    if (Object.hasOwn(values, name)) process.stdout.write(`${name}=${values[name]}\0`);
  }
  process.stdout.write("END\0");
}
"#;
    vec![
        Reader {
            name: "bash: set -a; . FILE",
            program: "bash".into(),
            args: vec!["--noprofile".into(), "--norc".into(), "-s".into()],
            stdin_script: true,
        },
        Reader {
            name: "dash: set -a; . FILE",
            program: "dash".into(),
            args: vec!["-s".into()],
            stdin_script: true,
        },
        Reader {
            name: "python-dotenv",
            program: venv_python.display().to_string(),
            args: vec!["-c".into(), python.into()],
            stdin_script: false,
        },
        Reader {
            name: "node util.parseEnv",
            program: "node".into(),
            args: vec!["-e".into(), node.into()],
            stdin_script: false,
        },
    ]
}

fn available(reader: &Reader) -> bool {
    let probe: &[&str] = match reader.name {
        "python-dotenv" => &["-c", "import dotenv"],
        "node util.parseEnv" => &[
            "-e",
            "process.exit(typeof require('node:util').parseEnv === 'function' ? 0 : 1)",
        ],
        _ => &["-c", "exit 0"],
    };
    Command::new(&reader.program)
        .args(probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn read_back(reader: &Reader, files: &[PathBuf]) -> Result<Vec<[String; 4]>, String> {
    let mut cmd = Command::new(&reader.program);
    // In the files' directory, where a command smuggled into a file would leave its mark.
    cmd.current_dir(files.first().and_then(|f| f.parent()).unwrap_or(Path::new("/")))
        .args(&reader.args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LC_ALL", "C.UTF-8")
        // A `${HOME}` that a reader expanded would show up as this directory.
        .env("HOME", "/expanded-home")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut script = String::new();
    if reader.stdin_script {
        script.push_str("set -a\n");
        for f in files {
            script.push_str(&format!(
                ". '{}'\n/usr/bin/env -0\n/usr/bin/printf 'END\\0'\n",
                f.display()
            ));
        }
    } else {
        cmd.args(files);
    }
    let mut child = cmd.spawn().map_err(|e| format!("{}: {e}", reader.program))?;
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
            reader.name,
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    parse_dumps(&out.stdout)
}

/// `docker run --env-file` as documented (see the top of this file): no quote handling at all.
fn docker_env_file(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut vars = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, value) = line
            .split_once('=')
            .ok_or("a line without = takes the host's variable")?;
        if name.contains(char::is_whitespace) {
            return Err(format!("variable {name:?} contains whitespace"));
        }
        vars.push((name.to_owned(), value.to_owned()));
    }
    Ok(vars)
}

fn run_property(strategy: impl Strategy<Value = [String; 4]>, tag: &str) -> Vec<&'static str> {
    let dir = TempDir::new(tag);
    let mut tested = Vec::new();
    for reader in readers() {
        if !available(&reader) {
            eprintln!(
                "note: {} not available, skipped (scripts/setup.sh installs it)",
                reader.name
            );
            continue;
        }
        let config = Config {
            cases: CASES,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let result = runner.run(&prop::collection::vec(&strategy, BATCH), |sets| {
            let files = write_files(&dir.0, &sets).map_err(TestCaseError::fail)?;
            let got = read_back(&reader, &files).map_err(TestCaseError::fail)?;
            prop_assert_eq!(got.len(), sets.len(), "{}: one dump per file", reader.name);
            for (want, got) in sets.iter().zip(&got) {
                prop_assert_eq!(want, got, "{} read a value differently", reader.name);
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{}: {e}", reader.name);
        }
        tested.push(reader.name);
    }
    tested
}

#[test]
fn every_reader_gets_exactly_the_values_single_quotes_carry() {
    let tested = run_property(quotable_set(), "quotable");
    eprintln!(
        "dotenv files read back: {} value sets with hostile characters by {}",
        CASES as usize * BATCH,
        tested.join(", ")
    );
    for needed in ["bash: set -a; . FILE", "dash: set -a; . FILE", "python-dotenv"] {
        assert!(tested.contains(&needed), "{needed} must be available");
    }
}

#[test]
fn every_reader_and_docker_get_real_credentials_intact() {
    run_property(real_set(), "real");
    let mut runner = TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&real_set(), |set| {
            let text = dotenv(&set).map_err(TestCaseError::fail)?;
            let docker = docker_env_file(&text).map_err(TestCaseError::fail)?;
            let want: Vec<(String, String)> = VARS
                .iter()
                .zip(&set)
                .map(|(n, v)| ((*n).to_owned(), v.clone()))
                .collect();
            prop_assert_eq!(docker, want);
            Ok(())
        })
        .unwrap();
}

/// Docker keeps quotes: a value that needed them does not reach a container intact. That is why the README
/// says Docker users get intact values only from real STS credentials (always bare), and this pins it.
#[test]
fn docker_keeps_quotes_literally() {
    let set = [
        "ASIAEXAMPLE".to_owned(),
        "a b".to_owned(),
        "tok".to_owned(),
        "2026-11-28T13:00:00Z".to_owned(),
    ];
    let docker = docker_env_file(&dotenv(&set).unwrap()).unwrap();
    assert_eq!(docker[1], ("AWS_SECRET_ACCESS_KEY".to_owned(), "'a b'".to_owned()));
    assert_eq!(docker[2].1, "tok");
}

#[test]
fn values_single_quotes_cannot_carry_are_refused_naming_the_field() {
    let mut runner = TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    });
    let case = (
        quotable_set(),
        0..3usize,
        prop::sample::select(UNQUOTABLE.to_vec()),
        0..40usize,
    );
    runner
        .run(&case, |(mut set, field, bad, at)| {
            let mut chars: Vec<char> = set[field].chars().collect();
            chars.insert(at.min(chars.len()), bad);
            set[field] = chars.into_iter().collect();
            let err = render(&creds(&set), Format::Dotenv, &RenderOptions::default()).unwrap_err();
            // The first refused value is named; an earlier field can only be refused if it holds one too.
            prop_assert_eq!(err.field(), Some(FIELDS[field]));
            Ok(())
        })
        .unwrap();
}

/// The attack of issue 10, end to end: each hostile token is either refused naming the field, or its file,
/// read by every reader, runs nothing (no `pwned` file appears) and comes back intact. Before the fix the
/// first one was double-quoted and `. ./.env` ran `touch pwned`; `${HOME}` came back from python-dotenv as
/// the home directory.
#[test]
fn the_issue_10_tokens_are_harmless() {
    let dir = TempDir::new("issue10");
    for token in [
        "tok'`touch pwned`'",
        "${HOME}",
        "x\"$(touch pwned)\"",
        "a\nexport EVIL=1",
        "`touch pwned`",
    ] {
        let set = [
            "ASIAEXAMPLE".to_owned(),
            "secret".to_owned(),
            token.to_owned(),
            "2026-11-28T13:00:00Z".to_owned(),
        ];
        match render(&creds(&set), Format::Dotenv, &RenderOptions::default()) {
            Err(e) => assert_eq!(e.field(), Some("credentials.sessionToken"), "{token:?}"),
            Ok(_) => {
                let files = write_files(&dir.0, std::slice::from_ref(&set)).unwrap();
                for reader in readers().iter().filter(|r| available(r)) {
                    let got = read_back(reader, &files).unwrap();
                    assert!(
                        !dir.0.join("pwned").exists(),
                        "{}: {token:?} ran a command",
                        reader.name
                    );
                    assert_eq!(got, vec![set.clone()], "{}: {token:?}", reader.name);
                }
            }
        }
    }
}

/// A stand-in Docker daemon on 127.0.0.1: answers `/_ping`, records the `Env` of each container-create
/// request and refuses it, so `docker create --env-file` shows what the real CLI parsed from our file.
fn fake_docker_daemon() -> (String, std::sync::mpsc::Receiver<Vec<String>>) {
    use std::io::{BufRead, BufReader, Read};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = format!("tcp://{}", listener.local_addr().expect("addr"));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let tx = tx.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut stream = stream;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let request = line.trim_end().to_owned();
                    let mut length = 0usize;
                    loop {
                        let mut header = String::new();
                        if reader.read_line(&mut header).unwrap_or(0) == 0 {
                            return;
                        }
                        if header.trim_end().is_empty() {
                            break;
                        }
                        if let Some((k, v)) = header.split_once(':') {
                            if k.eq_ignore_ascii_case("content-length") {
                                length = v.trim().parse().unwrap_or(0);
                            }
                        }
                    }
                    let mut body = vec![0; length];
                    if reader.read_exact(&mut body).is_err() {
                        return;
                    }
                    let reply = if request.contains("/_ping") {
                        "HTTP/1.1 200 OK\r\nApi-Version: 1.45\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK"
                            .to_owned()
                    } else {
                        if request.contains("/containers/create") {
                            let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                            let env = json["Env"]
                                .as_array()
                                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                                .unwrap_or_default();
                            let _ = tx.send(env);
                        }
                        let msg = r#"{"message":"recorded by the test"}"#;
                        format!(
                            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{msg}",
                            msg.len()
                        )
                    };
                    if stream.write_all(reply.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    (addr, rx)
}

/// The oracle above, checked against the real Docker CLI where one is installed (no engine needed: the CLI
/// parses `--env-file` itself and sends the result in its create request, which a stand-in daemon records).
#[test]
fn the_docker_cli_parses_our_files_as_the_oracle_says() {
    let available = Command::new("docker")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        eprintln!("note: no docker CLI installed; the documented env-file rules stand in for it");
        return;
    }
    let dir = TempDir::new("docker");
    let (host, recorded) = fake_docker_daemon();
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let sets = (prop::bool::ANY, quotable_set(), real_set()).prop_map(|(real, q, r)| if real { r } else { q });
    runner
        .run(&sets, |set| {
            let text = dotenv(&set).map_err(TestCaseError::fail)?;
            let file = dir.0.join("docker.env");
            std::fs::write(&file, &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let out = Command::new("docker")
                .args(["create", "--env-file"])
                .arg(&file)
                .arg("example.invalid/image")
                .env_clear()
                .env("PATH", "/usr/local/bin:/usr/bin:/bin")
                .env("HOME", &dir.0)
                .env("DOCKER_HOST", &host)
                .output()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let env = recorded.recv_timeout(std::time::Duration::from_secs(20)).map_err(|_| {
                TestCaseError::fail(format!("no create request: {}", String::from_utf8_lossy(&out.stderr)))
            })?;
            let oracle: Vec<String> = docker_env_file(&text)
                .map_err(TestCaseError::fail)?
                .into_iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect();
            prop_assert_eq!(&env, &oracle, "docker CLI vs the documented rules");
            if set
                .iter()
                .all(|v| v.bytes().all(|b| b.is_ascii_alphanumeric() || b"/+=._:-".contains(&b)))
            {
                let want: Vec<String> = VARS.iter().zip(&set).map(|(n, v)| format!("{n}={v}")).collect();
                prop_assert_eq!(env, want, "real credentials reach the container intact");
            }
            Ok(())
        })
        .unwrap();
    eprintln!("docker CLI {host}: 24 files parsed as the documented rules say");
}
