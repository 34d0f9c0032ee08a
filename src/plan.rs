//! One STS call from validated inputs to signed requests: everything a transport needs, nothing it does.
//! Validation, endpoint resolution and body encoding happen once; signing happens per attempt, because a
//! retry after a clock correction must carry a new time.

use crate::endpoint::{self, Endpoint};
use crate::error::{Operation, Result};
use crate::params::{Call, SourceCredentials, Target};
use crate::request;
use crate::response::{self, Output};
use crate::sign;

#[derive(Debug)]
pub struct Plan {
    pub operation: Operation,
    pub endpoint: Endpoint,
    pub body: String,
    source: SourceCredentials,
}

impl Plan {
    /// Validate everything that can be known locally, before any network call.
    pub fn new(call: &Call, source: SourceCredentials, target: &Target) -> Result<Plan> {
        call.validate(&source)?;
        let endpoint = endpoint::resolve(target)?;
        Ok(Plan {
            operation: call.operation(),
            endpoint,
            body: request::form_body(call),
            source,
        })
    }

    /// Headers for one attempt signed at `unix_ms` (already corrected for clock skew by the caller).
    pub fn sign_at(&self, unix_ms: u64) -> Result<Vec<(&'static str, String)>> {
        sign::sign_post(
            &self.endpoint.url,
            &self.endpoint.signing_region,
            &self.source,
            &self.body,
            unix_ms,
        )
    }

    /// Interpret a response, with any echoed secret scrubbed from the error text.
    pub fn parse(&self, status: u16, body: &str, request_id_header: Option<&str>) -> Result<Output> {
        response::parse(self.operation, status, body, request_id_header).map_err(|mut e| {
            e.scrub(&self.source.secrets());
            e
        })
    }

    pub fn used_session_token(&self) -> bool {
        self.source.session_token.is_some()
    }

    pub fn secrets(&self) -> [&str; 2] {
        self.source.secrets()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::AssumeRoleInput;

    use crate::params::example_source as source;

    #[test]
    fn validates_before_anything_else() {
        let call = Call::AssumeRole(AssumeRoleInput {
            role_arn: "nope".into(),
            role_session_name: "s1".into(),
            ..Default::default()
        });
        assert_eq!(
            Plan::new(&call, source(), &Target::default()).unwrap_err().field(),
            Some("roleArn")
        );
        let bad_region = Target {
            region: Some("mars-1".into()),
            ..Default::default()
        };
        assert_eq!(
            Plan::new(&Call::GetCallerIdentity, source(), &bad_region)
                .unwrap_err()
                .field(),
            Some("region")
        );
    }

    #[test]
    fn plans_sign_and_parse() {
        let plan = Plan::new(
            &Call::GetCallerIdentity,
            source(),
            &Target {
                region: Some("eu-west-1".into()),
                ..Default::default()
            },
        )
        .unwrap();
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
}
