//! A tiny JSON writer for the policy documents in `fix`: serde_json would cost the wasm more than these
//! few lines, and the documents are small trees of strings. Every string goes through `escape`, so a
//! hostile value (from an STS message or a token claim) can only ever be a JSON string's contents.

use core::fmt::Write;

/// A JSON value: just what IAM policy documents need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    Str(String),
    Arr(Vec<Json>),
    /// Keys in the order given (IAM shows them as written, and people read `Effect` before `Action`).
    Obj(Vec<(String, Json)>),
}

impl Json {
    pub fn str(s: impl Into<String>) -> Json {
        Json::Str(s.into())
    }

    pub fn obj<const N: usize>(pairs: [(&str, Json); N]) -> Json {
        Json::Obj(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    /// A single string, or an array when there are several (IAM accepts both; one reads better).
    pub fn one_or_many(mut items: Vec<String>) -> Json {
        if items.len() == 1 {
            Json::Str(items.remove(0))
        } else {
            Json::Arr(items.into_iter().map(Json::Str).collect())
        }
    }

    /// On one line: for command arguments.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    /// Indented by two spaces: for reading and copying from a page.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(2), 0);
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>, depth: usize) {
        let newline = |out: &mut String, depth: usize| {
            if let Some(n) = indent {
                out.push('\n');
                out.extend(core::iter::repeat_n(' ', n * depth));
            }
        };
        match self {
            Json::Str(s) => escape_into(out, s),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Obj(pairs) if pairs.is_empty() => out.push_str("{}"),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    item.write(out, indent, depth + 1);
                }
                newline(out, depth);
                out.push(']');
            }
            Json::Obj(pairs) => {
                out.push('{');
                for (i, (key, value)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    escape_into(out, key);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    value.write(out, indent, depth + 1);
                }
                newline(out, depth);
                out.push('}');
            }
        }
    }
}

/// `s` as a JSON string literal, quotes included.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    escape_into(&mut out, s);
    out
}

/// Quotes, backslashes and every control character escaped; U+2028/U+2029 too, so the text is also safe
/// inside a JS string, and `<`, `>`, `&`, so it is safe inside HTML. Everything else stays as it is (JSON is
/// UTF-8). The one JSON string writer of the crate (exports' `json` and `credential-process` use it too).
pub fn escape_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || matches!(c, '\u{7f}' | '<' | '>' | '&' | '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_json_requires() {
        assert_eq!(escape("a\"b\\c\nd\u{1}\u{2028}é"), r#""a\"b\\c\nd\u0001\u2028é""#);
        let hostile = "\"}]},{\"Effect\":\"Allow\",\"Action\":\"*\"\u{0}\u{7f}";
        let parsed: serde_json::Value = serde_json::from_str(&escape(hostile)).unwrap();
        assert_eq!(parsed, serde_json::Value::String(hostile.into()));
    }

    #[test]
    fn compact_and_pretty_parse_to_the_same_tree() {
        let doc = Json::obj([
            ("Version", Json::str("2012-10-17")),
            (
                "Statement",
                Json::Arr(vec![Json::obj([(
                    "Action",
                    Json::one_or_many(vec!["a".into(), "b\"".into()]),
                )])]),
            ),
            ("Empty", Json::Arr(vec![])),
        ]);
        assert_eq!(
            doc.compact(),
            r#"{"Version":"2012-10-17","Statement":[{"Action":["a","b\""]}],"Empty":[]}"#
        );
        let a: serde_json::Value = serde_json::from_str(&doc.compact()).unwrap();
        let b: serde_json::Value = serde_json::from_str(&doc.pretty()).unwrap();
        assert_eq!(a, b);
        assert!(doc.pretty().contains("\n  \"Statement\": [\n    {"), "{}", doc.pretty());
    }
}
