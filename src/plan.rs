//! One STS call from validated inputs to signed requests: everything a transport needs, nothing it does.
//! Validation, endpoint resolution and body encoding happen once; signing happens per attempt, because a
//! retry after a clock correction must carry a new time.

use crate::endpoint::{self, Endpoint};
use crate::error::{Operation, Result};
use crate::input::Input;
use crate::params::{SourceCredentials, Target};
use crate::request::{self, CONTENT_TYPE};
use crate::response::{self, Output};
use crate::{rules, sign};

#[derive(Debug)]
pub struct Plan {
    pub operation: &'static Operation,
    pub endpoint: Endpoint,
    pub body: String,
    pub input: Input,
    /// `None` for the unsigned operations (web identity, SAML).
    source: Option<SourceCredentials>,
}

impl Plan {
    /// Validate everything that can be known locally, before any network call. `now_ms` judges the source
    /// credentials' `expiration`.
    pub fn new(input: Input, source: Option<SourceCredentials>, target: &Target, now_ms: u64) -> Result<Plan> {
        let op = input.op;
        let source = if op.signed {
            let source = source.unwrap_or_default();
            source.validate(now_ms)?;
            Some(source)
        } else {
            None
        };
        rules::before_model(&input)?;
        input.validate_model()?;
        rules::after_model(&input, source.as_ref().unwrap_or(&SourceCredentials::default()))?;
        let endpoint = endpoint::resolve(target)?;
        Ok(Plan {
            operation: op,
            endpoint,
            body: request::form_body(&input),
            input,
            source,
        })
    }

    /// Headers for one attempt signed at `unix_ms` (already corrected for clock skew by the caller).
    pub fn sign_at(&self, unix_ms: u64) -> Result<Vec<(&'static str, String)>> {
        match &self.source {
            Some(source) => sign::sign_post(
                &self.endpoint.url,
                &self.endpoint.signing_region,
                source,
                &self.body,
                unix_ms,
            ),
            // STS takes AssumeRoleWithWebIdentity and AssumeRoleWithSAML unsigned: the token is the proof.
            None => Ok(vec![("content-type", CONTENT_TYPE.to_owned())]),
        }
    }

    /// Interpret a response, with any echoed secret scrubbed from the error text.
    pub fn parse(&self, status: u16, body: &str, request_id_header: Option<&str>) -> Result<Output> {
        response::parse(self.operation, status, body, request_id_header).map_err(|mut e| {
            e.scrub(&self.secrets());
            e
        })
    }

    /// When the source credentials expire, if the caller passed their `expiration`.
    pub fn source_expiration_ms(&self) -> Option<u64> {
        self.source
            .as_ref()?
            .expiration
            .as_deref()
            .and_then(crate::time::parse_iso8601)
    }

    pub fn used_session_token(&self) -> bool {
        self.source.as_ref().is_some_and(|s| s.session_token.is_some())
    }

    /// What must never appear in an error: the source secrets, and a sensitive input (a web identity token,
    /// a SAML assertion) that a server might echo.
    pub fn secrets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.source.as_ref().map_or(Vec::new(), |s| s.secrets().to_vec());
        for (index, value) in &self.input.members {
            if let (crate::model::Shape::Str(rule), Some(s)) = (self.operation.input[*index].shape, value.as_str()) {
                if rule.sensitive {
                    out.push(s);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Value;
    use crate::model::operation;
    use crate::params::example_source as source;

    const NOW: u64 = 1_800_000_000_000;

    fn caller() -> Input {
        Input::new(operation("GetCallerIdentity").unwrap())
    }

    #[test]
    fn validates_before_anything_else() {
        let input = Input::new(operation("AssumeRole").unwrap())
            .with("RoleArn", Value::Str("nope".into()))
            .with("RoleSessionName", Value::Str("s1".into()));
        let err = Plan::new(input, Some(source()), &Target::default(), NOW).unwrap_err();
        assert_eq!(err.field(), Some("roleArn"));
        let bad_region = Target {
            region: Some("mars-1".into()),
            ..Default::default()
        };
        let err = Plan::new(caller(), Some(source()), &bad_region, NOW).unwrap_err();
        assert_eq!(err.field(), Some("region"));
    }

    #[test]
    fn plans_sign_and_parse() {
        let target = Target {
            region: Some("eu-west-1".into()),
            ..Default::default()
        };
        let plan = Plan::new(caller(), Some(source()), &target, NOW).unwrap();
        assert_eq!(plan.endpoint.url, "https://sts.eu-west-1.amazonaws.com/");
        assert_eq!(plan.body, "Action=GetCallerIdentity&Version=2011-06-15");
        assert!(plan
            .sign_at(0)
            .unwrap()
            .iter()
            .any(|(k, v)| *k == "x-amz-date" && v == "19700101T000000Z"));
        let echoed = "<ErrorResponse><Error><Code>X</Code><Message>bad wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</Message></Error></ErrorResponse>";
        let err = plan.parse(400, echoed, None).unwrap_err();
        assert!(!err.to_string().contains("wJalr"), "{err}");
    }

    #[test]
    fn unsigned_operations_send_no_credentials() {
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl";
        let input = Input::new(operation("AssumeRoleWithWebIdentity").unwrap())
            .with("RoleArn", Value::Str("arn:aws:iam::123456789012:role/web".into()))
            .with("RoleSessionName", Value::Str("s1".into()))
            .with("WebIdentityToken", Value::Str(token.into()));
        let plan = Plan::new(input, Some(source()), &Target::default(), NOW).unwrap();
        let headers = plan.sign_at(NOW).unwrap();
        assert_eq!(headers.len(), 1, "{headers:?}");
        assert!(!headers
            .iter()
            .any(|(k, _)| *k == "authorization" || *k == "x-amz-security-token"));
        let echoed = format!("<ErrorResponse><Error><Code>InvalidIdentityToken</Code><Message>bad {token}</Message></Error></ErrorResponse>");
        let err = plan.parse(400, &echoed, None).unwrap_err();
        assert!(!err.to_string().contains("c2lnbmF0dXJl"), "{err}");
    }
}
