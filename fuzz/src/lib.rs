//! Shared by the fuzz targets: how a fuzz input is split into fields, and independent decoders for the
//! rendered export formats (the oracles that check a rendered line means exactly the value it was given).
//!
//! Input layout (also written by `seed-corpus.mjs`, which must stay in step):
//!   a few fixed header bytes (per target), then text fields separated by 0x1F; a list field separates its
//!   items with 0x1E, and a tag item separates key and value with 0x1D. Invalid UTF-8 becomes U+FFFD.
//! Hand-split rather than `arbitrary`, so a seed is readable and easy to write from a real request.

pub const FIELD: u8 = 0x1F;
pub const ITEM: char = '\u{1e}';
pub const PAIR: char = '\u{1d}';

/// The first `n - 1` fields split at 0x1F, the last field takes the rest (it may contain 0x1F).
/// Missing fields are empty.
pub fn fields(data: &[u8], n: usize) -> Vec<String> {
    let mut out: Vec<String> = data
        .splitn(n, |b| *b == FIELD)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    out.resize(n, String::new());
    out
}

/// A list field: empty means no items.
pub fn list(s: &str) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(ITEM).map(str::to_owned).collect()
    }
}

/// Reads a rendered block line by line; each decoder consumes one `NAME VALUE` line.
pub struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    pub fn new(s: &'a str) -> Self {
        Cursor { rest: s }
    }

    pub fn is_done(&self) -> bool {
        self.rest.is_empty()
    }

    pub fn expect(&mut self, prefix: &str) -> Result<(), String> {
        match self.rest.strip_prefix(prefix) {
            Some(r) => {
                self.rest = r;
                Ok(())
            }
            None => Err(format!("expected {prefix:?} at {:?}", head(self.rest))),
        }
    }

    fn next_char(&mut self) -> Option<char> {
        let c = self.rest.chars().next()?;
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }

    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    /// POSIX sh: a word made of `'…'` runs (no escapes inside) and `\x` escapes, ended by a newline.
    pub fn sh_word(&mut self) -> Result<String, String> {
        let mut out = String::new();
        loop {
            match self.next_char() {
                Some('\'') => loop {
                    match self.next_char() {
                        Some('\'') => break,
                        Some(c) => out.push(c),
                        None => return Err("unterminated '".into()),
                    }
                },
                Some('\\') => out.push(self.next_char().ok_or("dangling \\")?),
                Some('\n') => return Ok(out),
                Some(c) => return Err(format!("unquoted {c:?} in a sh word")),
                None => return Err("no final newline".into()),
            }
        }
    }

    /// fish: inside `'…'` only `\\` and `\'` are escapes; any other backslash is literal.
    pub fn fish_word(&mut self) -> Result<String, String> {
        self.expect("'")?;
        let mut out = String::new();
        loop {
            match self.next_char() {
                Some('\'') => break,
                Some('\\') if matches!(self.peek(), Some('\\' | '\'')) => {
                    out.push(self.next_char().unwrap_or_default())
                }
                Some(c) => out.push(c),
                None => return Err("unterminated fish quote".into()),
            }
        }
        self.expect("\n")?;
        Ok(out)
    }

    /// PowerShell verbatim strings: any of ' ‘ ’ ‚ ‛ is a quote; two quote characters in a row are one.
    pub fn pwsh_word(&mut self) -> Result<String, String> {
        let is_quote = |c: char| matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}');
        match self.next_char() {
            Some(c) if is_quote(c) => {}
            _ => return Err("expected a PowerShell quote".into()),
        }
        let mut out = String::new();
        loop {
            match self.next_char() {
                Some(c) if is_quote(c) => match self.peek() {
                    Some(d) if is_quote(d) => {
                        self.next_char();
                        out.push(d);
                    }
                    _ => break,
                },
                Some(c) => out.push(c),
                None => return Err("unterminated PowerShell quote".into()),
            }
        }
        self.expect("\n")?;
        Ok(out)
    }

    /// dotenv: a bare word, `'…'` (literal), or `"…"` with \" \\ \n \r \$ escapes.
    pub fn dotenv_word(&mut self) -> Result<String, String> {
        let mut out = String::new();
        match self.peek() {
            Some('\'') => {
                self.next_char();
                loop {
                    match self.next_char() {
                        Some('\'') => break,
                        Some(c) => out.push(c),
                        None => return Err("unterminated dotenv '".into()),
                    }
                }
            }
            Some('"') => {
                self.next_char();
                loop {
                    match self.next_char() {
                        Some('"') => break,
                        Some('\\') => out.push(match self.next_char() {
                            Some('n') => '\n',
                            Some('r') => '\r',
                            Some(c @ ('"' | '\\' | '$')) => c,
                            other => return Err(format!("unknown dotenv escape {other:?}")),
                        }),
                        Some('$') => return Err("unescaped $ in a dotenv double quote".into()),
                        Some(c) => out.push(c),
                        None => return Err("unterminated dotenv \"".into()),
                    }
                }
            }
            _ => loop {
                match self.peek() {
                    Some('\n') | None => break,
                    Some(c) if c.is_ascii_alphanumeric() || "/+=._:-".contains(c) => {
                        out.push(c);
                        self.next_char();
                    }
                    Some(c) => return Err(format!("unquoted {c:?} in a dotenv value")),
                }
            },
        }
        self.expect("\n")?;
        Ok(out)
    }

    /// Everything up to the next newline, which is consumed.
    pub fn line(&mut self) -> Result<&'a str, String> {
        let end = self.rest.find('\n').ok_or("no final newline")?;
        let (line, rest) = self.rest.split_at(end);
        self.rest = &rest[1..];
        Ok(line)
    }
}

fn head(s: &str) -> String {
    s.chars().take(40).collect()
}
