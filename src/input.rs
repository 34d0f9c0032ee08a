//! The input of any STS operation as a tree of values keyed by the operation table, and its validation
//! against the model's constraints (required members, lengths, characters, ranges, list sizes, enums).
//! The rules AWS documents but the model does not carry are in `rules`. Field names in errors are the JS
//! paths the caller wrote (`tags[3].key`), so they point at the mistake.

use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::model::{Member, Operation, Shape, StrRule};

/// One value as the caller gave it. Numbers stay `f64` so that NaN, negative and fractional values are judged
/// here, by the same rules on every runtime.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Num(f64),
    Bool(bool),
    List(Vec<Value>),
    /// Present members of a structure, by their index in the structure's member list.
    Struct(Vec<(usize, Value)>),
    Map(Vec<(String, String)>),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A member of a structure value, by its model name.
    pub fn member<'a>(&'a self, members: &[Member], name: &str) -> Option<&'a Value> {
        let Value::Struct(present) = self else { return None };
        let index = members.iter().position(|m| m.name == name)?;
        present.iter().find(|(i, _)| *i == index).map(|(_, v)| v)
    }

    fn wipe(&mut self) {
        match self {
            Value::Str(s) => s.zeroize(),
            Value::List(items) => items.iter_mut().for_each(Value::wipe),
            Value::Struct(members) => members.iter_mut().for_each(|(_, v)| v.wipe()),
            Value::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
                k.zeroize();
                v.zeroize();
            }),
            Value::Num(_) | Value::Bool(_) => {}
        }
    }
}

/// The input of one call: the operation and the members the caller set, in any order.
#[derive(Debug)]
pub struct Input {
    pub op: &'static Operation,
    pub members: Vec<(usize, Value)>,
}

/// Web identity tokens, SAML assertions and the like are secrets: wipe our copies when the call is done.
impl Drop for Input {
    fn drop(&mut self) {
        self.members.iter_mut().for_each(|(_, v)| v.wipe());
    }
}

impl Input {
    pub fn new(op: &'static Operation) -> Input {
        Input {
            op,
            members: Vec::new(),
        }
    }

    /// Set a member by its model name (tests and native callers; the JS boundary sets by index).
    pub fn with(mut self, name: &str, value: Value) -> Input {
        let index = self
            .op
            .input_index(name)
            .unwrap_or_else(|| panic!("{} has no member {name}", self.op.action));
        self.members.retain(|(i, _)| *i != index);
        self.members.push((index, value));
        self
    }

    /// A member's value by its model name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let index = self.op.input_index(name)?;
        self.members.iter().find(|(i, _)| *i == index).map(|(_, v)| v)
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Check every member against the model.
    pub fn validate_model(&self) -> Result<()> {
        check_struct("", self.op.input, &self.members)
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn check_struct(path: &str, members: &[Member], present: &[(usize, Value)]) -> Result<()> {
    for (index, member) in members.iter().enumerate() {
        let field = join(path, member.js);
        match present.iter().find(|(i, _)| *i == index) {
            Some((_, value)) => check_value(&field, member.shape, value)?,
            None if member.required => return Err(Error::invalid(field, "is required")),
            None => {}
        }
    }
    Ok(())
}

/// A list of one-member structures (`policyArns: [{ arn }]`) is also written as a list of strings; errors in
/// it then name the element (`policyArns[1]`), not a member the caller never wrote.
pub fn is_shorthand(shape: &Shape) -> bool {
    matches!(shape, Shape::Struct(members) if members.len() == 1)
}

fn check_value(field: &str, shape: &Shape, value: &Value) -> Result<()> {
    match (shape, value) {
        (Shape::Str(rule), Value::Str(s)) => check_str(field, rule, s),
        (Shape::Int { min, max }, Value::Num(n)) => check_int(field, *min, *max, *n).map(|_| ()),
        (Shape::Bool, Value::Bool(_)) => Ok(()),
        (Shape::Timestamp, Value::Str(s)) => crate::time::parse_iso8601(s)
            .map(|_| ())
            .ok_or_else(|| Error::invalid(field, "expected an ISO-8601 date such as 2026-12-01T12:00:00Z")),
        (Shape::List { member, min, max }, Value::List(items)) => {
            let n = items.len();
            if n < *min as usize {
                return Err(Error::invalid(field, format!("has {n} items; expected at least {min}")));
            }
            if let Some(max) = max {
                if n > *max as usize {
                    return Err(Error::invalid(field, format!("has {n} items; expected at most {max}")));
                }
            }
            for (i, item) in items.iter().enumerate() {
                let item_field = format!("{field}[{i}]");
                match (member, item) {
                    (Shape::Struct(members), Value::Struct(present)) if is_shorthand(member) => {
                        check_shorthand(&item_field, members, present)?
                    }
                    _ => check_value(&item_field, member, item)?,
                }
            }
            Ok(())
        }
        (Shape::Struct(members), Value::Struct(present)) if is_shorthand(shape) => {
            check_shorthand(field, members, present)
        }
        (Shape::Struct(members), Value::Struct(present)) => check_struct(field, members, present),
        (Shape::Map { .. }, Value::Map(_)) => Ok(()),
        // The JS boundary converts by shape, so a mismatch is a caller of the native API getting it wrong.
        _ => Err(Error::invalid(field, "has the wrong type")),
    }
}

fn check_shorthand(field: &str, members: &[Member], present: &[(usize, Value)]) -> Result<()> {
    match present.first() {
        Some((_, value)) => check_value(field, members[0].shape, value),
        None => Err(Error::invalid(field, format!("is missing its `{}`", members[0].js))),
    }
}

/// Length in characters (Unicode scalar values, as botocore counts), allowed characters, enum values.
pub fn check_str(field: &str, rule: &StrRule, value: &str) -> Result<()> {
    let len = value.chars().count();
    let what = rule.chars.map_or("", |c| c.description);
    let expected = |min: u32, max: Option<u32>| match (min, max) {
        (min, Some(max)) if min == max => format!("exactly {min} characters"),
        (min, Some(max)) => format!("{min} to {max} characters"),
        (min, None) => format!("at least {min} characters"),
    };
    if len == 0 && rule.min > 0 {
        let of = if what.is_empty() {
            String::new()
        } else {
            format!(" of {what}")
        };
        return Err(Error::invalid(
            field,
            format!("is empty; expected {}{of}", expected(rule.min, rule.max)),
        ));
    }
    if len < rule.min as usize || rule.max.is_some_and(|max| len > max as usize) {
        return Err(Error::invalid(
            field,
            format!("has {len} characters; expected {}", expected(rule.min, rule.max)),
        ));
    }
    if let Some(chars) = rule.chars {
        if let Some((pos, c)) = chars.first_invalid(value) {
            let shown = if rule.sensitive || c.is_control() || c.is_whitespace() || c == '\u{85}' {
                describe_char(c)
            } else {
                format!("'{c}'")
            };
            return Err(Error::invalid(
                field,
                format!("has {shown} at position {}, which is not allowed; use {what}", pos + 1),
            ));
        }
    }
    if !rule.values.is_empty() && !rule.values.contains(&value) {
        return Err(Error::invalid(
            field,
            format!("expected one of {}", rule.values.join(", ")),
        ));
    }
    Ok(())
}

/// A character named without echoing it (secrets, invisible characters).
pub fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\n' | '\r' => "a line break".into(),
        '\t' => "a tab".into(),
        c if c.is_whitespace() => format!("a whitespace character (U+{:04X})", c as u32),
        c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
        _ => "a character".into(),
    }
}

/// A whole number within the model's range; the message names the unit when the member is in seconds.
pub fn check_int(field: &str, min: Option<i64>, max: Option<i64>, value: f64) -> Result<i64> {
    let unit = if field.ends_with("Seconds") { " seconds" } else { "" };
    let range = match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}{unit}"),
        (Some(min), None) => format!("at least {min}{unit}"),
        (None, Some(max)) => format!("at most {max}{unit}"),
        (None, None) => "a whole number".to_owned(),
    };
    if !value.is_finite() || value.fract() != 0.0 {
        return Err(Error::invalid(field, format!("expected a whole number: {range}")));
    }
    let out_of_range = min.is_some_and(|m| value < m as f64) || max.is_some_and(|m| value > m as f64);
    if out_of_range || value.abs() > 9_007_199_254_740_992.0 {
        // Printed through i64, not f64: `f64: Display` costs ~20 KB of wasm (float formatting). Whole
        // numbers up to 2^53 print the same either way; beyond that no exact digits are worth showing.
        let shown = if value.abs() <= 9_007_199_254_740_992.0 {
            (value as i64).to_string()
        } else {
            "out of range".to_owned()
        };
        return Err(Error::invalid(field, format!("is {shown}; expected {range}")));
    }
    Ok(value as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::operation;

    fn role() -> Input {
        Input::new(operation("AssumeRole").unwrap())
            .with(
                "RoleArn",
                Value::Str("arn:aws:iam::123456789012:role/example-role".into()),
            )
            .with("RoleSessionName", Value::Str("s1".into()))
    }

    fn field(r: Result<()>) -> String {
        r.unwrap_err().field().unwrap_or_default().to_owned()
    }

    #[test]
    fn required_members() {
        role().validate_model().unwrap();
        let input = Input::new(operation("AssumeRole").unwrap()).with("RoleSessionName", Value::Str("s1".into()));
        let err = input.validate_model().unwrap_err();
        assert_eq!(
            (err.field(), err.to_string().as_str()),
            (Some("roleArn"), "roleArn: is required")
        );
    }

    #[test]
    fn model_lengths_and_characters() {
        let long_source = role().with("SourceIdentity", Value::Str("a".repeat(256)));
        long_source.validate_model().unwrap();
        let too_long = role().with("SourceIdentity", Value::Str("a".repeat(257)));
        assert_eq!(field(too_long.validate_model()), "sourceIdentity");
        let bad = role().with("RoleSessionName", Value::Str("my session".into()));
        let err = bad.validate_model().unwrap_err();
        assert!(err.to_string().contains("a space at position 3"), "{err}");
        let code = role().with("TokenCode", Value::Str("12345".into()));
        assert!(code
            .validate_model()
            .unwrap_err()
            .to_string()
            .contains("exactly 6 characters"));
    }

    #[test]
    fn nested_paths_and_lists() {
        let tag = |k: &str, v: &str| Value::Struct(vec![(0, Value::Str(k.into())), (1, Value::Str(v.into()))]);
        let tags = role().with("Tags", Value::List(vec![tag("a", "b"), tag("c\u{93f}", "d")]));
        assert_eq!(field(tags.validate_model()), "tags[1].key");
        let nbsp = role().with("Tags", Value::List(vec![tag("Team\u{a0}Name", "x\u{3000}y")]));
        nbsp.validate_model().unwrap();
        let missing_value = role().with(
            "Tags",
            Value::List(vec![Value::Struct(vec![(0, Value::Str("k".into()))])]),
        );
        assert_eq!(field(missing_value.validate_model()), "tags[0].value");
        let arns = role().with(
            "PolicyArns",
            Value::List(vec![Value::Struct(vec![(0, Value::Str("x".into()))])]),
        );
        assert_eq!(field(arns.validate_model()), "policyArns[0]");
        let many = role().with("Tags", Value::List(vec![tag("a", "b"); 51]));
        assert!(many.validate_model().unwrap_err().to_string().contains("at most 50"));
    }

    #[test]
    fn integers() {
        assert_eq!(
            check_int("durationSeconds", Some(900), Some(43200), 3600.0).unwrap(),
            3600
        );
        for bad in [899.0, 43201.0, 1.5, f64::NAN, f64::INFINITY, 1e300] {
            let err = check_int("durationSeconds", Some(900), Some(43200), bad).unwrap_err();
            assert!(err.to_string().contains("900 to 43200 seconds"), "{err}");
        }
    }

    #[test]
    fn sensitive_values_are_not_echoed() {
        let op = operation("AssumeRoleWithWebIdentity").unwrap();
        let input = Input::new(op)
            .with("RoleArn", Value::Str("arn:aws:iam::123456789012:role/x".into()))
            .with("RoleSessionName", Value::Str("s1".into()))
            .with("WebIdentityToken", Value::Str("abc".into()));
        let err = input.validate_model().unwrap_err();
        assert_eq!(err.field(), Some("webIdentityToken"));
        assert!(!err.to_string().contains("abc"));
    }

    #[test]
    fn scope_words() {
        let op = operation("GetWebIdentityToken").unwrap();
        let base = Input::new(op)
            .with("Audience", Value::List(vec![Value::Str("sts.amazonaws.com".into())]))
            .with("SigningAlgorithm", Value::Str("RS256".into()));
        base.validate_model().unwrap();
        let scope = |s: &str| {
            Input::new(op)
                .with("Audience", Value::List(vec![Value::Str("a".into())]))
                .with("SigningAlgorithm", Value::Str("RS256".into()))
                .with("Scope", Value::Str(s.into()))
                .validate_model()
        };
        scope("openid email").unwrap();
        for bad in ["openid  email", " openid", "openid ", "a\"b"] {
            assert_eq!(field(scope(bad)), "scope", "{bad:?}");
        }
    }
}
