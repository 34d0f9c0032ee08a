//! A minimal JSON reader for the claims of an OIDC token (RFC 8259, strict). Not serde_json: the product
//! wasm is size-budgeted and a token's claims need ~150 lines, not a framework.
//!
//! Bounded: nesting depth and value count are capped, so a hostile token costs little; recursion is at
//! most `MAX_DEPTH` frames. Never panics. Numbers keep their source text (no float parsing or printing:
//! it is large in wasm, and NumericDate claims are read as integers by the caller).

pub const MAX_DEPTH: usize = 32;
pub const MAX_VALUES: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number's text exactly as written (already checked against the JSON grammar).
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Members in document order. Duplicate names are refused while parsing (RFC 7519 §4: a JWT parser
    /// must reject them or keep only the last; refusing means what is shown is what every parser reads).
    Object(Vec<(String, Value)>),
}

impl Value {
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer part of a number written without an exponent (`1700000000`, `1700000000.25`);
    /// `None` for anything else, or beyond ±10^15 (no real date is).
    pub fn as_seconds(&self) -> Option<i64> {
        let Value::Number(text) = self else { return None };
        let int = text.split('.').next()?;
        if text.contains(['e', 'E']) || int.trim_start_matches('-').len() > 15 {
            return None;
        }
        int.parse().ok()
    }
}

/// Why the text is not JSON, with the character offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub reason: &'static str,
}

pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
        values: 0,
    };
    let v = p.value(0)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("text after the JSON value"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    values: usize,
}

impl Parser<'_> {
    fn err(&self, reason: &'static str) -> ParseError {
        let offset = self.text.get(..self.i).map_or(self.i, |t| t.chars().count());
        ParseError { offset, reason }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s.get(self.i..self.i + lit.len()) == Some(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(self.err("too many values"));
        }
        self.ws();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ if self.eat(b"true") => Ok(Value::Bool(true)),
            _ if self.eat(b"false") => Ok(Value::Bool(false)),
            _ if self.eat(b"null") => Ok(Value::Null),
            None => Err(self.err("unexpected end")),
            _ => Err(self.err("expected a value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        self.i += 1; // {
        let mut members: Vec<(String, Value)> = Vec::new();
        self.ws();
        if self.eat(b"}") {
            return Ok(Value::Object(members));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err("expected a member name"));
            }
            let name = self.string()?;
            if members.iter().any(|(k, _)| *k == name) {
                return Err(self.err("a member name appears twice"));
            }
            self.ws();
            if !self.eat(b":") {
                return Err(self.err("expected ':'"));
            }
            let v = self.value(depth)?;
            members.push((name, v));
            self.ws();
            if self.eat(b"}") {
                return Ok(Value::Object(members));
            }
            if !self.eat(b",") {
                return Err(self.err("expected ',' or '}'"));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        self.i += 1; // [
        let mut items = Vec::new();
        self.ws();
        if self.eat(b"]") {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.ws();
            if self.eat(b"]") {
                return Ok(Value::Array(items));
            }
            if !self.eat(b",") {
                return Err(self.err("expected ',' or ']'"));
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.i;
        self.eat(b"-");
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err("expected a digit")),
        }
        if self.eat(b".") && self.digits() == 0 {
            return Err(self.err("expected a digit after '.'"));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("expected a digit in the exponent"));
            }
        }
        // Only ASCII was consumed, so this slice is on char boundaries.
        Ok(Value::Number(self.text.get(start..self.i).unwrap_or("0").to_owned()))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = self.peek().and_then(|c| char::from(c).to_digit(16));
            let Some(d) = d else {
                return Err(self.err("expected 4 hex digits after \\u"));
            };
            n = n * 16 + d;
            self.i += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.i += 1; // "
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character in one go.
            let run = self.i;
            while matches!(self.peek(), Some(c) if c != b'"' && c != b'\\' && c >= 0x20) {
                self.i += 1;
            }
            // The run stops only at ASCII bytes, so it is a whole UTF-8 slice of the &str.
            out.push_str(self.text.get(run..self.i).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = self.peek();
                    self.i += 1;
                    out.push(match c {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => {
                            self.i -= 1;
                            return Err(self.err("unknown escape"));
                        }
                    });
                }
                Some(_) => return Err(self.err("a control character inside a string")),
                None => return Err(self.err("unterminated string")),
            }
        }
    }

    /// `\uXXXX`, joining a UTF-16 surrogate pair; a lone surrogate is an error, not U+FFFD, so two
    /// different tokens never display the same.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if !self.eat(b"\\u") {
                return Err(self.err("a lone UTF-16 surrogate"));
            }
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.err("a lone UTF-16 surrogate"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.err("a lone UTF-16 surrogate"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn reads_a_claims_set() {
        let v = parse(
            r#" {"iss":"https://token.actions.githubusercontent.com","aud":["sts.amazonaws.com",1],
            "exp":1795867200,"ok":true,"no":false,"nil":null,"f":-0.5e+3,"nested":{"a":[[]]}} "#,
        )
        .unwrap();
        assert_eq!(v.get("iss"), Some(&s("https://token.actions.githubusercontent.com")));
        assert_eq!(
            v.get("aud"),
            Some(&Value::Array(vec![s("sts.amazonaws.com"), Value::Number("1".into())]))
        );
        assert_eq!(v.get("exp").and_then(Value::as_seconds), Some(1_795_867_200));
        assert_eq!(v.get("f"), Some(&Value::Number("-0.5e+3".into())));
        assert_eq!(v.get("f").and_then(Value::as_seconds), None);
        assert_eq!(v.get("nil"), Some(&Value::Null));
        assert_eq!(v.get("missing"), None);
    }

    #[test]
    fn escapes_and_unicode() {
        let v = parse(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 é""#).unwrap();
        assert_eq!(v, s("a\"\\/\u{8}\u{c}\n\r\té😀 é"));
        assert_eq!(parse(r#""\ud83d""#).unwrap_err().reason, "a lone UTF-16 surrogate");
        assert_eq!(parse(r#""\ude00""#).unwrap_err().reason, "a lone UTF-16 surrogate");
        assert_eq!(
            parse(r#""\ud83d\u0041""#).unwrap_err().reason,
            "a lone UTF-16 surrogate"
        );
        assert!(parse(r#""\x41""#).is_err());
        assert!(parse("\"a\nb\"").is_err());
        assert!(parse(r#""\u12""#).is_err());
    }

    #[test]
    fn seconds_from_numbers() {
        let n = |t: &str| Value::Number(t.into()).as_seconds();
        assert_eq!(n("0"), Some(0));
        assert_eq!(n("-5"), Some(-5));
        assert_eq!(n("1700000000.999"), Some(1_700_000_000));
        assert_eq!(n("1e9"), None);
        assert_eq!(n("9999999999999999999999"), None);
        assert_eq!(s("1700000000").as_seconds(), None);
    }

    #[test]
    fn refuses_what_strict_json_refuses() {
        for bad in [
            "",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "[1 2]",
            "{} {}",
            "'a'",
            "\"abc",
            "{\"a\":1,\"a\":2}",
            "NaN",
            "\u{feff}{}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn bounded_depth_and_size_without_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().reason, "nested too deeply");
        let deep_obj = "{\"a\":".repeat(100_000);
        assert_eq!(parse(&deep_obj).unwrap_err().reason, "nested too deeply");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let wide = format!("[{}0]", "0,".repeat(MAX_VALUES));
        assert_eq!(parse(&wide).unwrap_err().reason, "too many values");
    }

    #[test]
    fn error_offsets_count_characters() {
        assert_eq!(parse("[\"é\" x]").unwrap_err().offset, 5);
    }
}
