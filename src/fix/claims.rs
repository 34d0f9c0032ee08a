//! The claims a fix needs (`iss`, `aud`, `sub`, `exp`) read out of a web identity token, unverified: they
//! only say what the trust policy must match, and are treated as hostile text like any message. A JWT's
//! payload is base64url JSON; this reads just the top-level members it needs (no serde_json in the wasm).

use super::TokenClaims;

/// Owned claims; `as_claims()` lends them as `RequestFacts::web_identity`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnedClaims {
    pub iss: Option<String>,
    pub aud: Option<String>,
    pub sub: Option<String>,
    pub exp: Option<i64>,
}

impl OwnedClaims {
    /// The claims of a compact JWT (`header.payload.signature`); `None` when it is not one.
    pub fn from_jwt(token: &str) -> Option<OwnedClaims> {
        if token.len() > 16 * 1024 {
            return None;
        }
        let mut parts = token.trim().split('.');
        let (_header, payload) = (parts.next()?, parts.next()?);
        parts.next()?;
        let json = String::from_utf8(base64url_decode(payload)?).ok()?;
        let mut claims = OwnedClaims::default();
        let mut p = Parser {
            s: json.as_bytes(),
            i: 0,
        };
        p.ws();
        p.eat(b'{')?;
        p.ws();
        if p.peek() == Some(b'}') {
            return Some(claims);
        }
        loop {
            p.ws();
            let key = p.string()?;
            p.ws();
            p.eat(b':')?;
            p.ws();
            match key.as_str() {
                "iss" => claims.iss = Some(p.string()?),
                "sub" => claims.sub = Some(p.string()?),
                // An array of audiences: the first is what the role's condition usually names.
                "aud" if p.peek() == Some(b'[') => claims.aud = p.first_string_of_array()?,
                "aud" => claims.aud = Some(p.string()?),
                "exp" => claims.exp = p.integer(),
                _ => p.skip_value(0)?,
            }
            p.ws();
            match p.next()? {
                b',' => continue,
                b'}' => return Some(claims),
                _ => return None,
            }
        }
    }

    pub fn as_claims(&self) -> TokenClaims<'_> {
        TokenClaims {
            iss: self.iss.as_deref(),
            aud: self.aud.as_deref(),
            sub: self.sub.as_deref(),
            exp: self.exp,
        }
    }
}

fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

struct Parser<'s> {
    s: &'s [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        u32::from_str_radix(core::str::from_utf8(hex).ok()?, 16).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.next()? {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let c = match self.next()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&hi) {
                                self.eat(b'\\')?;
                                self.eat(b'u')?;
                                let lo = self.hex4()?;
                                0x10000 + ((hi - 0xd800) << 10) + (lo.checked_sub(0xdc00)? & 0x3ff)
                            } else {
                                hi
                            };
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        _ => return None,
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                b => out.push(b),
            }
        }
    }

    /// A JSON number as a whole number of seconds (a fraction is dropped); `None` for anything else,
    /// which is then skipped.
    fn integer(&mut self) -> Option<i64> {
        let start = self.i;
        while matches!(self.peek(), Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')) {
            self.i += 1;
        }
        let text = core::str::from_utf8(&self.s[start..self.i]).ok()?;
        if text.is_empty() {
            self.skip_value(0);
            return None;
        }
        let whole = text.split(['.', 'e', 'E']).next()?;
        whole.parse().ok().filter(|_| !text.contains(['e', 'E']))
    }

    fn first_string_of_array(&mut self) -> Option<Option<String>> {
        self.eat(b'[')?;
        self.ws();
        let first = if self.peek() == Some(b'"') {
            Some(self.string()?)
        } else {
            None
        };
        // The rest, whatever it is.
        loop {
            self.ws();
            match self.peek()? {
                b']' => {
                    self.i += 1;
                    return Some(first);
                }
                b',' => self.i += 1,
                _ => self.skip_value(1)?,
            }
        }
    }

    /// Skip one value of any kind (nesting bounded).
    fn skip_value(&mut self, depth: u32) -> Option<()> {
        if depth > 32 {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' | b'[' => {
                let close = if self.next()? == b'{' { b'}' } else { b']' };
                loop {
                    self.ws();
                    match self.peek()? {
                        c if c == close => {
                            self.i += 1;
                            return Some(());
                        }
                        b',' | b':' => self.i += 1,
                        _ => self.skip_value(depth + 1)?,
                    }
                }
            }
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.')) {
                    self.i += 1;
                }
                (self.i > start).then_some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64url(bytes: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    fn jwt(payload: &str) -> String {
        format!("{}.{}.sig", b64url(br#"{"alg":"RS256"}"#), b64url(payload.as_bytes()))
    }

    #[test]
    fn reads_the_claims_a_fix_needs() {
        let t = jwt(
            r#"{"jti":"x","sub":"repo:o/r:ref:refs/heads/main","aud":"sts.amazonaws.com","nested":{"a":[1,{"b":null}],"c":true},"exp":1795867500,"iss":"https://token.actions.githubusercontent.com","iat":1.5e9}"#,
        );
        let c = OwnedClaims::from_jwt(&t).unwrap();
        assert_eq!(c.iss.as_deref(), Some("https://token.actions.githubusercontent.com"));
        assert_eq!(c.aud.as_deref(), Some("sts.amazonaws.com"));
        assert_eq!(c.sub.as_deref(), Some("repo:o/r:ref:refs/heads/main"));
        assert_eq!(c.exp, Some(1_795_867_500));
        assert_eq!(c.as_claims().exp, Some(1_795_867_500));
    }

    #[test]
    fn arrays_escapes_and_garbage() {
        let c = OwnedClaims::from_jwt(&jwt(r#"{"aud":["a\u00e9\ud83d\ude00",2],"iss":"x\"y\n"}"#)).unwrap();
        assert_eq!(c.aud.as_deref(), Some("aé😀"));
        assert_eq!(
            c.iss.as_deref(),
            Some("x\"y\n"),
            "kept as text; fix.rs decides what it may print"
        );
        for bad in [
            "",
            "a.b",
            "a.!!!.c",
            &jwt("[1]"),
            &jwt(r#"{"iss":}"#),
            &jwt(r#"{"iss":"x""#),
        ] {
            assert_eq!(OwnedClaims::from_jwt(bad), None, "{bad}");
        }
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(OwnedClaims::from_jwt(&jwt(&format!(r#"{{"x":{deep}}}"#))), None);
    }
}
