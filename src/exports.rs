//! Credentials → ready-to-paste text, one renderer per format. Every value is quoted for its target so that
//! a `'`, `$`, `%`, space or newline in it can neither break the line nor inject a command; values a format
//! cannot carry safely (a `%` for cmd, a newline in an INI file) are refused rather than mangled.

use crate::error::{Error, Result};
use crate::response::Credentials;
use crate::time;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Bash,
    Fish,
    PowerShell,
    Cmd,
    Dotenv,
    CredentialsFile,
    CredentialProcess,
    Json,
}

/// Everything the page, the CLI and the worker know about a format: a new format is one entry here (and
/// its renderer), and they all pick it up through `formats()`.
#[derive(Debug)]
pub struct FormatInfo {
    pub format: Format,
    pub id: &'static str,
    /// Other names accepted; the first `listed_aliases` are listed in help texts, the rest only accepted.
    pub aliases: &'static [&'static str],
    pub listed_aliases: usize,
    pub label: &'static str,
    /// Lines a shell evaluates (and `renderUnset` can undo).
    pub shell: bool,
    /// What the text is saved as, when it is a file rather than lines to paste.
    pub file: Option<&'static str>,
    /// One sentence on where the text goes.
    pub how: &'static str,
    /// Takes `renderExports`' `profile` option.
    pub profile: bool,
    pub media_type: &'static str,
}

#[rustfmt::skip]
pub static FORMATS: [FormatInfo; 8] = [
    FormatInfo { format: Format::Bash, id: "bash", aliases: &["zsh", "sh", "ksh", "posix"], listed_aliases: 2, label: "bash / zsh", shell: true, file: None, how: "Paste into bash or zsh (sh works too).", profile: false, media_type: "text/plain" },
    FormatInfo { format: Format::Fish, id: "fish", aliases: &[], listed_aliases: 0, label: "fish", shell: true, file: None, how: "Paste into fish.", profile: false, media_type: "text/plain" },
    FormatInfo { format: Format::PowerShell, id: "powershell", aliases: &["pwsh", "ps"], listed_aliases: 0, label: "PowerShell", shell: true, file: None, how: "Paste into PowerShell (pwsh or Windows PowerShell).", profile: false, media_type: "text/plain" },
    FormatInfo { format: Format::Cmd, id: "cmd", aliases: &["bat"], listed_aliases: 0, label: "cmd", shell: true, file: None, how: "Paste into a Windows Command Prompt.", profile: false, media_type: "text/plain" },
    FormatInfo { format: Format::Dotenv, id: "dotenv", aliases: &["env", ".env"], listed_aliases: 0, label: ".env", shell: false, file: Some(".env"), how: "Save as .env for tools that read one (docker --env-file, dotenv…). Keep it out of git.", profile: false, media_type: "text/plain" },
    FormatInfo { format: Format::CredentialsFile, id: "credentials", aliases: &["ini"], listed_aliases: 0, label: "~/.aws/credentials", shell: false, file: Some("~/.aws/credentials"), how: "Add to ~/.aws/credentials, then use --profile with the name below (or AWS_PROFILE).", profile: true, media_type: "text/plain" },
    FormatInfo { format: Format::CredentialProcess, id: "credential-process", aliases: &["credential_process", "process"], listed_aliases: 0, label: "credential_process", shell: false, file: Some("credential_process JSON"), how: "The JSON a credential_process command prints: save it to a file and set credential_process = cat /path/to/it in a ~/.aws/config profile.", profile: false, media_type: "application/json" },
    FormatInfo { format: Format::Json, id: "json", aliases: &[], listed_aliases: 0, label: "JSON", shell: false, file: Some("Credentials JSON"), how: "As aws sts assume-role --query Credentials prints it.", profile: false, media_type: "application/json" },
];

/// The names help texts list: each id, then its listed aliases.
pub fn format_names() -> Vec<&'static str> {
    FORMATS
        .iter()
        .flat_map(|f| core::iter::once(f.id).chain(f.aliases[..f.listed_aliases].iter().copied()))
        .collect()
}

impl Format {
    pub fn parse(name: &str) -> Result<Format> {
        let lower = name.to_ascii_lowercase();
        FORMATS
            .iter()
            .find(|f| f.id == lower || f.aliases.contains(&lower.as_str()))
            .map(|f| f.format)
            .ok_or_else(|| {
                Error::invalid(
                    "format",
                    format!("is not a known format; expected one of {}", format_names().join(", ")),
                )
            })
    }

    pub fn info(self) -> &'static FormatInfo {
        FORMATS.iter().find(|f| f.format == self).unwrap_or(&FORMATS[0])
    }
}

const VARS: [&str; 4] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
];

/// The JS names of the credential fields, in `VARS` order, for errors.
const FIELDS: [&str; 4] = [
    "credentials.accessKeyId",
    "credentials.secretAccessKey",
    "credentials.sessionToken",
    "credentials.expiration",
];

/// Options of `renderExports`.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Profile name for the credentials-file block; `default` when absent.
    pub profile: Option<String>,
}

fn check_values(c: &Credentials) -> Result<[&str; 4]> {
    let values = [
        c.access_key_id.as_str(),
        c.secret_access_key.expose(),
        c.session_token.expose(),
        c.expiration.as_str(),
    ];
    for (value, field) in values.iter().zip(FIELDS) {
        if value.is_empty() {
            return Err(Error::invalid(
                field,
                "is missing; pass the credentials object that assumeRole or getSessionToken returned",
            ));
        }
        if value.contains('\0') {
            return Err(Error::invalid(
                field,
                "contains a NUL character, which no environment variable can hold",
            ));
        }
    }
    if time::parse_iso8601(&c.expiration).is_none() {
        return Err(Error::invalid(
            "credentials.expiration",
            "expected an ISO-8601 time such as 2026-11-28T13:00:00Z",
        ));
    }
    Ok(values)
}

/// Refuse values that would need quoting a format cannot express.
fn refuse(values: &[&str; 4], bad: &[char], format: &str) -> Result<()> {
    for (value, field) in values.iter().zip(FIELDS) {
        if value.contains(bad) {
            return Err(Error::invalid(
                field,
                format!("holds a character that {format} cannot carry safely; use another format"),
            ));
        }
    }
    Ok(())
}

fn sh_quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', r"'\''"))
}

fn fish_quote(v: &str) -> String {
    format!("'{}'", v.replace('\\', r"\\").replace('\'', r"\'"))
}

/// PowerShell treats the typographic single quotes as quote characters too; each must be doubled.
fn pwsh_quote(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    out.push('\'');
    for c in v.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// A `.env` value that every reader we claim takes back unchanged: `set -a; . ./.env` in bash and dash,
/// python-dotenv, Node's `util.parseEnv`, and `docker --env-file` (which has no quoting at all, so only a
/// bare value reaches it intact; real STS credentials are always bare). Anything else is single-quoted,
/// and a value single quotes cannot carry for all of them is refused (tests/export_shell_props.rs runs
/// each reader): `'` ends the quotes; python-dotenv turns `\\` and `\'` inside single quotes into escapes
/// and expands `${NAME}` even there; a line break would need double quotes, where sh runs `` `…` ``.
fn dotenv_quote(v: &str, field: &str) -> Result<String> {
    if v.bytes().all(|b| b.is_ascii_alphanumeric() || b"/+=._:-".contains(&b)) {
        return Ok(v.to_owned());
    }
    if v.contains(DOTENV_UNQUOTABLE) {
        return Err(Error::invalid(
            field,
            "holds ', \\, $ or a line break, which a .env file cannot carry the same way for every reader \
             (sh, python-dotenv); use another format, such as json or bash",
        ));
    }
    Ok(format!("'{v}'"))
}

/// What no `.env` value may hold once it needs quotes (see `dotenv_quote`).
const DOTENV_UNQUOTABLE: [char; 5] = ['\'', '\\', '$', '\n', '\r'];

fn json_object(pairs: &[(&str, &str)], version: bool) -> String {
    let mut out = String::from("{\n");
    if version {
        out.push_str("  \"Version\": 1,\n");
    }
    for (i, (k, v)) in pairs.iter().enumerate() {
        out.push_str("  \"");
        out.push_str(k);
        out.push_str("\": ");
        crate::json::escape_into(&mut out, v);
        out.push_str(if i + 1 < pairs.len() { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
    out
}

fn check_profile(name: &str) -> Result<()> {
    let ok = |c: char| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c);
    if name.is_empty() || name.len() > 64 || !name.chars().all(ok) {
        return Err(Error::invalid(
            "profile",
            "expected a profile name of 1 to 64 letters, digits and _+=,.@- (for example default or example-role)",
        ));
    }
    Ok(())
}

pub fn render(c: &Credentials, format: Format, options: &RenderOptions) -> Result<String> {
    let values = check_values(c)?;
    let lines =
        |line: &dyn Fn(&str, &str) -> String| -> String { VARS.iter().zip(values).map(|(n, v)| line(n, v)).collect() };
    Ok(match format {
        Format::Bash => lines(&|n, v| format!("export {n}={}\n", sh_quote(v))),
        Format::Fish => lines(&|n, v| format!("set -gx {n} {}\n", fish_quote(v))),
        Format::PowerShell => lines(&|n, v| format!("$Env:{n} = {}\n", pwsh_quote(v))),
        Format::Cmd => {
            // In cmd `%NAME%` expands even inside quotes and `"` ends the quoting: no escape works for both.
            refuse(&values, &['%', '"', '!', '\n', '\r'], "cmd")?;
            lines(&|n, v| format!("set \"{n}={v}\"\n"))
        }
        Format::Dotenv => {
            let mut out = String::new();
            for ((n, v), field) in VARS.iter().zip(values).zip(FIELDS) {
                out.push_str(&format!("{n}={}\n", dotenv_quote(v, field)?));
            }
            out
        }
        Format::CredentialsFile => {
            let profile = options.profile.as_deref().unwrap_or("default");
            check_profile(profile)?;
            refuse(&values, &['\n', '\r'], "an INI file")?;
            // INI readers strip the spaces around a value: one that starts or ends with a space would
            // come back different, so refuse it rather than hand out credentials that silently change.
            if let Some(i) = values.iter().position(|v| v.trim() != *v) {
                return Err(Error::invalid(
                    FIELDS[i],
                    "starts or ends with whitespace, which an INI file cannot keep; use another format",
                ));
            }
            format!(
                "[{profile}]\naws_access_key_id = {}\naws_secret_access_key = {}\naws_session_token = {}\n",
                values[0], values[1], values[2]
            )
        }
        Format::CredentialProcess | Format::Json => json_object(
            &[
                ("AccessKeyId", values[0]),
                ("SecretAccessKey", values[1]),
                ("SessionToken", values[2]),
                ("Expiration", values[3]),
            ],
            format == Format::CredentialProcess,
        ),
    })
}

/// Lines that undo the shell formats' exports.
pub fn render_unset(format: Format) -> Result<String> {
    let each = |line: &dyn Fn(&str) -> String| -> String { VARS.iter().map(|n| line(n)).collect() };
    Ok(match format {
        Format::Bash => format!("unset {}\n", VARS.join(" ")),
        Format::Fish => each(&|n| format!("set -e {n}\n")),
        Format::PowerShell => each(&|n| format!("Remove-Item Env:{n} -ErrorAction SilentlyContinue\n")),
        Format::Cmd => each(&|n| format!("set {n}=\n")),
        Format::Dotenv | Format::CredentialsFile | Format::CredentialProcess | Format::Json => {
            return Err(Error::invalid(
                "format",
                "unset lines exist only for the shell formats (bash, zsh, sh, fish, powershell, cmd); delete the file or profile instead",
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn creds() -> Credentials {
        Credentials {
            access_key_id: "ASIAIOSFODNN7EXAMPLE".into(),
            secret_access_key: Secret::from("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"),
            session_token: Secret::from("FwoGZXIvYXdzEXAMPLE+token/=="),
            expiration: "2026-11-28T13:00:00Z".into(),
        }
    }

    fn r(format: &str) -> String {
        render(&creds(), Format::parse(format).unwrap(), &RenderOptions::default()).unwrap()
    }

    #[test]
    fn every_format_byte_for_byte() {
        assert_eq!(r("bash"), "export AWS_ACCESS_KEY_ID='ASIAIOSFODNN7EXAMPLE'\nexport AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'\nexport AWS_SESSION_TOKEN='FwoGZXIvYXdzEXAMPLE+token/=='\nexport AWS_CREDENTIAL_EXPIRATION='2026-11-28T13:00:00Z'\n");
        assert_eq!(r("zsh"), r("bash"));
        assert_eq!(r("fish"), "set -gx AWS_ACCESS_KEY_ID 'ASIAIOSFODNN7EXAMPLE'\nset -gx AWS_SECRET_ACCESS_KEY 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'\nset -gx AWS_SESSION_TOKEN 'FwoGZXIvYXdzEXAMPLE+token/=='\nset -gx AWS_CREDENTIAL_EXPIRATION '2026-11-28T13:00:00Z'\n");
        assert_eq!(r("powershell"), "$Env:AWS_ACCESS_KEY_ID = 'ASIAIOSFODNN7EXAMPLE'\n$Env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'\n$Env:AWS_SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLE+token/=='\n$Env:AWS_CREDENTIAL_EXPIRATION = '2026-11-28T13:00:00Z'\n");
        assert_eq!(r("cmd"), "set \"AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\"\nset \"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\"\nset \"AWS_SESSION_TOKEN=FwoGZXIvYXdzEXAMPLE+token/==\"\nset \"AWS_CREDENTIAL_EXPIRATION=2026-11-28T13:00:00Z\"\n");
        assert_eq!(r("dotenv"), "AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\nAWS_SESSION_TOKEN=FwoGZXIvYXdzEXAMPLE+token/==\nAWS_CREDENTIAL_EXPIRATION=2026-11-28T13:00:00Z\n");
        assert_eq!(r("credentials"), "[default]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\naws_session_token = FwoGZXIvYXdzEXAMPLE+token/==\n");
        assert_eq!(r("credential-process"), "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"ASIAIOSFODNN7EXAMPLE\",\n  \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\",\n  \"SessionToken\": \"FwoGZXIvYXdzEXAMPLE+token/==\",\n  \"Expiration\": \"2026-11-28T13:00:00Z\"\n}\n");
        assert_eq!(r("json"), "{\n  \"AccessKeyId\": \"ASIAIOSFODNN7EXAMPLE\",\n  \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\",\n  \"SessionToken\": \"FwoGZXIvYXdzEXAMPLE+token/==\",\n  \"Expiration\": \"2026-11-28T13:00:00Z\"\n}\n");
        let named = render(
            &creds(),
            Format::CredentialsFile,
            &RenderOptions {
                profile: Some("example-role".into()),
            },
        )
        .unwrap();
        assert!(named.starts_with("[example-role]\n"));
    }

    #[test]
    fn hostile_values_are_quoted() {
        let mut c = creds();
        c.session_token = Secret::from("a'b $(id) `x` %PATH% \\ ’ \"q\"");
        let get = |f: Format| render(&c, f, &RenderOptions::default()).map(|s| s.lines().nth(2).unwrap().to_owned());
        assert_eq!(
            get(Format::Bash).unwrap(),
            r#"export AWS_SESSION_TOKEN='a'\''b $(id) `x` %PATH% \ ’ "q"'"#
        );
        assert_eq!(
            get(Format::Fish).unwrap(),
            r#"set -gx AWS_SESSION_TOKEN 'a\'b $(id) `x` %PATH% \\ ’ "q"'"#
        );
        assert_eq!(
            get(Format::PowerShell).unwrap(),
            r#"$Env:AWS_SESSION_TOKEN = 'a''b $(id) `x` %PATH% \ ’’ "q"'"#
        );
        assert_eq!(
            get(Format::Dotenv).unwrap_err().field(),
            Some("credentials.sessionToken")
        );
        assert_eq!(get(Format::Cmd).unwrap_err().field(), Some("credentials.sessionToken"));
        let json = render(&c, Format::Json, &RenderOptions::default()).unwrap();
        assert!(
            json.contains(r#""SessionToken": "a'b $(id) `x` %PATH% \\ ’ \"q\"""#),
            "{json}"
        );
        c.session_token = Secret::from("line1\nline2</script>");
        assert_eq!(
            render(&c, Format::CredentialsFile, &RenderOptions::default())
                .unwrap_err()
                .field(),
            Some("credentials.sessionToken")
        );
        let json = render(&c, Format::Json, &RenderOptions::default()).unwrap();
        assert!(json.contains(r#""line1\nline2\u003c/script\u003e""#), "{json}");
    }

    /// issue 10: a hostile STS answer's token made the old renderer fall back to double quotes, where sh
    /// runs `` `…` `` and python-dotenv expands `${…}`. Each is now refused, naming the field; values single
    /// quotes can carry are still rendered (tests/export_shell_props.rs feeds them to the real readers).
    #[test]
    fn dotenv_refuses_what_single_quotes_cannot_carry() {
        for hostile in [
            "tok'`touch pwned`'",
            "${HOME}",
            "a\\\\b",
            "end\\",
            "two\nlines",
            "cr\rx",
        ] {
            let mut c = creds();
            c.session_token = Secret::from(hostile);
            let err = render(&c, Format::Dotenv, &RenderOptions::default()).unwrap_err();
            assert_eq!(err.field(), Some("credentials.sessionToken"), "{hostile:?}");
            assert!(err.to_string().contains("use another format"), "{err}");
        }
        let mut c = creds();
        c.secret_access_key = Secret::from("tok`touch pwned` \"(id)\" #x ’");
        let out = render(&c, Format::Dotenv, &RenderOptions::default()).unwrap();
        assert_eq!(
            out.lines().nth(1),
            Some("AWS_SECRET_ACCESS_KEY='tok`touch pwned` \"(id)\" #x ’'")
        );
    }

    #[test]
    fn bad_inputs() {
        let mut c = creds();
        c.expiration = "tomorrow".into();
        assert_eq!(
            render(&c, Format::Bash, &RenderOptions::default()).unwrap_err().field(),
            Some("credentials.expiration")
        );
        let mut c = creds();
        c.access_key_id.clear();
        assert_eq!(
            render(&c, Format::Bash, &RenderOptions::default()).unwrap_err().field(),
            Some("credentials.accessKeyId")
        );
        let mut c = creds();
        c.secret_access_key = Secret::from(" padded");
        assert_eq!(
            render(&c, Format::CredentialsFile, &RenderOptions::default())
                .unwrap_err()
                .field(),
            Some("credentials.secretAccessKey")
        );
        let bad_profile = RenderOptions {
            profile: Some("a]\n[b".into()),
        };
        assert_eq!(
            render(&creds(), Format::CredentialsFile, &bad_profile)
                .unwrap_err()
                .field(),
            Some("profile")
        );
        assert_eq!(Format::parse("tcsh").unwrap_err().field(), Some("format"));
    }

    #[test]
    fn unset_lines() {
        assert_eq!(
            render_unset(Format::Bash).unwrap(),
            "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION\n"
        );
        assert_eq!(
            render_unset(Format::Fish).unwrap().lines().next(),
            Some("set -e AWS_ACCESS_KEY_ID")
        );
        assert_eq!(render_unset(Format::PowerShell).unwrap().lines().count(), 4);
        assert_eq!(
            render_unset(Format::Cmd).unwrap().lines().last(),
            Some("set AWS_CREDENTIAL_EXPIRATION=")
        );
        assert_eq!(render_unset(Format::Json).unwrap_err().field(), Some("format"));
    }
}
