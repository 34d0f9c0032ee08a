//! The form-encoded POST body of each call (the AWS Query protocol), in the order botocore writes it.

use crate::input::{Input, Value};
pub use crate::model::API_VERSION;
use crate::model::{Member, Shape};

pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// RFC 3986 percent-encoding: everything but unreserved characters, upper-case hex, as SigV4 expects.
pub fn percent_encode(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

struct Form(String);

impl Form {
    fn pair(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(name);
        self.0.push('=');
        percent_encode(value, &mut self.0);
    }

    /// The Query protocol's flattening, in the model's member order as botocore writes it: structures as
    /// `Name.Member`, lists as `Name.member.N`, maps as `Name.entry.N.key` / `.value`.
    fn members(&mut self, prefix: &str, members: &[Member], present: &[(usize, Value)]) {
        for (index, member) in members.iter().enumerate() {
            if let Some((_, value)) = present.iter().find(|(i, _)| *i == index) {
                let name = if prefix.is_empty() {
                    member.name.to_owned()
                } else {
                    format!("{prefix}.{}", member.name)
                };
                self.value(&name, member.shape, value);
            }
        }
    }

    fn value(&mut self, name: &str, shape: &Shape, value: &Value) {
        match (shape, value) {
            (Shape::Struct(members), Value::Struct(present)) => self.members(name, members, present),
            (Shape::List { member, .. }, Value::List(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.value(&format!("{name}.member.{}", i + 1), member, item);
                }
            }
            (_, Value::Map(pairs)) => {
                for (i, (k, v)) in pairs.iter().enumerate() {
                    self.pair(&format!("{name}.entry.{}.key", i + 1), k);
                    self.pair(&format!("{name}.entry.{}.value", i + 1), v);
                }
            }
            // Validation guarantees a whole number in range, so the integer print is exact.
            (_, Value::Num(n)) => self.pair(name, &(*n as i64).to_string()),
            (_, Value::Bool(b)) => self.pair(name, if *b { "true" } else { "false" }),
            (_, Value::Str(s)) => self.pair(name, s),
            // Shape and value disagree only if validation was skipped; send nothing rather than guess.
            _ => {}
        }
    }
}

/// Encode a validated input. The caller must have validated it first.
pub fn form_body(input: &Input) -> String {
    let mut form = Form(String::with_capacity(256));
    form.pair("Action", input.op.action);
    form.pair("Version", API_VERSION);
    form.members("", input.op.input, &input.members);
    form.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::operation;

    fn s(v: &str) -> Value {
        Value::Str(v.into())
    }

    #[test]
    fn caller_identity() {
        let input = Input::new(operation("GetCallerIdentity").unwrap());
        assert_eq!(form_body(&input), "Action=GetCallerIdentity&Version=2011-06-15");
    }

    #[test]
    fn assume_role_with_everything() {
        // Members set in another order than the model's: the body follows the model, as botocore does.
        let input = Input::new(operation("AssumeRole").unwrap())
            .with("SourceIdentity", s("bob"))
            .with("RoleArn", s("arn:aws:iam::123456789012:role/example-role"))
            .with("RoleSessionName", s("s@1"))
            .with("DurationSeconds", Value::Num(3600.0))
            .with("ExternalId", s("ext/1"))
            .with("Policy", s(r#"{"Version": "2012-10-17"}"#))
            .with(
                "PolicyArns",
                Value::List(vec![
                    Value::Struct(vec![(0, s("arn:aws:iam::aws:policy/A"))]),
                    Value::Struct(vec![(0, s("arn:aws:iam::aws:policy/B"))]),
                ]),
            )
            .with("SerialNumber", s("arn:aws:iam::123456789012:mfa/bob"))
            .with("TokenCode", s("123456"))
            .with(
                "Tags",
                Value::List(vec![Value::Struct(vec![(1, s("ü+")), (0, s("Team Name"))])]),
            )
            .with("TransitiveTagKeys", Value::List(vec![s("Team Name")]));
        assert_eq!(
            form_body(&input),
            "Action=AssumeRole&Version=2011-06-15\
             &RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fexample-role&RoleSessionName=s%401\
             &PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FA&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FB\
             &Policy=%7B%22Version%22%3A%20%222012-10-17%22%7D&DurationSeconds=3600\
             &Tags.member.1.Key=Team%20Name&Tags.member.1.Value=%C3%BC%2B&TransitiveTagKeys.member.1=Team%20Name\
             &ExternalId=ext%2F1&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fbob&TokenCode=123456&SourceIdentity=bob"
        );
    }

    #[test]
    fn session_token_and_nested_structures() {
        let input = Input::new(operation("GetSessionToken").unwrap()).with("DurationSeconds", Value::Num(900.0));
        assert_eq!(
            form_body(&input),
            "Action=GetSessionToken&Version=2011-06-15&DurationSeconds=900"
        );
        let root = Input::new(operation("AssumeRoot").unwrap())
            .with("TargetPrincipal", s("111122223333"))
            .with(
                "TaskPolicyArn",
                Value::Struct(vec![(0, s("arn:aws:iam::aws:policy/root-task/X"))]),
            );
        assert_eq!(
            form_body(&root),
            "Action=AssumeRoot&Version=2011-06-15&TargetPrincipal=111122223333\
             &TaskPolicyArn.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2Froot-task%2FX"
        );
    }
}
