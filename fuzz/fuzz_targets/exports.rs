//! Export rendering with hostile values: every format, `render_unset`, `Format::parse`. Each rendered
//! block is decoded again by an independent decoder for that format (fuzz/src/lib.rs) and must give back
//! exactly the four values, in order: a value can neither break out of its quoting nor be altered.
//!
//! Input: byte 0 = flags (bit 0: a profile is given), then fields
//! `accessKeyId 0x1F secretAccessKey 0x1F sessionToken 0x1F expiration 0x1F profile 0x1F format name`.
#![no_main]

use assume_role_wasm::exports::{self, Format, RenderOptions};
use assume_role_wasm::response::Credentials;
use assume_role_wasm::secret::Secret;
use assume_role_wasm_fuzz::{fields, Cursor};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 8] = [
    Format::Bash,
    Format::Fish,
    Format::PowerShell,
    Format::Cmd,
    Format::Dotenv,
    Format::CredentialsFile,
    Format::CredentialProcess,
    Format::Json,
];
const VARS: [&str; 4] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
];

/// Decode a rendered block back to its values.
fn decode(format: Format, text: &str, profile: &str) -> Result<Vec<String>, String> {
    let mut c = Cursor::new(text);
    let mut out = Vec::new();
    match format {
        Format::Json | Format::CredentialProcess => {
            let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            if format == Format::CredentialProcess && v["Version"] != 1 {
                return Err("no Version 1".into());
            }
            for k in ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"] {
                out.push(v[k].as_str().ok_or(format!("no {k}"))?.to_owned());
            }
            // Safe to embed in HTML or a script: no raw < > & or JS line separators.
            if text.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
                return Err("unescaped HTML/JS-sensitive character".into());
            }
            return Ok(out);
        }
        Format::CredentialsFile => {
            c.expect(&format!("[{profile}]\n"))?;
            for k in ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"] {
                c.expect(&format!("{k} = "))?;
                out.push(c.line()?.to_owned());
            }
        }
        _ => {
            for name in VARS {
                let value = match format {
                    Format::Bash => {
                        c.expect(&format!("export {name}="))?;
                        c.sh_word()?
                    }
                    Format::Fish => {
                        c.expect(&format!("set -gx {name} "))?;
                        c.fish_word()?
                    }
                    Format::PowerShell => {
                        c.expect(&format!("$Env:{name} = "))?;
                        c.pwsh_word()?
                    }
                    Format::Cmd => {
                        c.expect(&format!("set \"{name}="))?;
                        let line = c.line()?;
                        line.strip_suffix('"').ok_or("no closing \"")?.to_owned()
                    }
                    _ => {
                        c.expect(&format!("{name}="))?;
                        c.dotenv_word()?
                    }
                };
                out.push(value);
            }
        }
    }
    if !c.is_done() {
        return Err("trailing text".into());
    }
    Ok(out)
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let f = fields(rest, 6);
    let creds = Credentials {
        access_key_id: f[0].clone(),
        secret_access_key: Secret::from(f[1].as_str()),
        session_token: Secret::from(f[2].as_str()),
        expiration: f[3].clone(),
    };
    let options = RenderOptions {
        profile: (flags & 1 != 0).then(|| f[4].clone()),
    };
    let values = [&f[0], &f[1], &f[2], &f[3]];
    for format in FORMATS {
        let Ok(text) = exports::render(&creds, format, &options) else {
            continue;
        };
        assert!(text.ends_with('\n'));
        let profile = options.profile.as_deref().unwrap_or("default");
        let decoded = decode(format, &text, profile).unwrap_or_else(|e| panic!("{format:?}: {e}\n{text}"));
        let want = if format == Format::CredentialsFile {
            &values[..3]
        } else {
            &values[..]
        };
        assert_eq!(decoded.len(), want.len(), "{format:?}");
        for (got, want) in decoded.iter().zip(want) {
            assert_eq!(got, *want, "{format:?} changed a value\n{text}");
        }
        // cmd has no escape that works for every character: refused values must never render.
        if format == Format::Cmd {
            assert!(!values.iter().any(|v| v.contains(['%', '"', '!', '\n', '\r'])));
        }
    }
    for format in FORMATS {
        let shell = !matches!(
            format,
            Format::Dotenv | Format::CredentialsFile | Format::CredentialProcess | Format::Json
        );
        assert_eq!(exports::render_unset(format).is_ok(), shell);
    }
    if let Ok(format) = Format::parse(&f[5]) {
        assert!(f[5].len() <= 18, "format names are short: {:?}", f[5]);
        let _ = exports::render_unset(format);
    }
});
