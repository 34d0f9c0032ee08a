//! Quoting for the AWS CLI commands a fix prints. Values reach them from STS messages and token claims,
//! so they are hostile: every value is single-quoted unless it is made only of characters no POSIX shell
//! gives a meaning to, and nothing a command contains can end the line it is on (a command is printed as
//! one line, and the CLI prints it after `# `: a line break would turn the rest into a live command).

/// `s` as one shell word for bash, zsh and sh.
pub fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/' | b':' | b'@' | b',' | b'+' | b'=')
        });
    if plain {
        return s.to_owned();
    }
    // Inside single quotes every character is literal except the quote itself, which is closed, escaped
    // and reopened.
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// A JMESPath JSON literal (backticks) holding `json`: a backtick inside is escaped for JMESPath.
pub fn jmespath_literal(json: &str) -> String {
    format!("`{}`", json.replace('`', "\\`"))
}

/// True when a command can be printed on one line and pasted as one: no line break, no control character
/// (a terminal escape in a pasted command is an attack of its own).
pub fn one_line(command: &str) -> bool {
    !command
        .chars()
        .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_stay_and_everything_else_is_quoted() {
        assert_eq!(
            quote("arn:aws:iam::123456789012:role/x"),
            "arn:aws:iam::123456789012:role/x"
        );
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote("$(id)`id`;|&<>*?~#!{}[]"), "'$(id)`id`;|&<>*?~#!{}[]'");
        assert_eq!(jmespath_literal("{\"a\":\"`\"}"), "`{\"a\":\"\\`\"}`");
        assert!(one_line("aws iam x --y 'z'"));
        assert!(!one_line("aws\nrm -rf ~"));
        assert!(!one_line("aws \u{1b}[2J"));
    }

    /// The real shell decides: whatever the value, bash must receive it back as exactly one argument
    /// and run nothing else.
    #[cfg(unix)]
    #[test]
    fn bash_reads_back_exactly_the_value() {
        let dir = std::env::temp_dir().join(format!("arw-quote-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let canary = dir.join("pwned");
        let c = canary.display();
        let hostile = [
            format!("'; touch {c}; '"),
            format!("$(touch {c})"),
            format!("`touch {c}`"),
            format!("\\'; touch {c} #"),
            format!("\"; touch {c}; \""),
            format!("a'\\''$(touch {c})"),
            "plain".to_owned(),
            "ünïcødé and spaces".to_owned(),
        ];
        for value in &hostile {
            let script = format!("printf '%s\\0' {}", quote(value));
            let out = std::process::Command::new("bash")
                .arg("-c")
                .arg(&script)
                .output()
                .unwrap();
            assert!(out.status.success(), "{script}");
            assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{value}\0"), "{script}");
            assert!(!canary.exists(), "{script} ran an injected command");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
