//! `err.fix`: from STS's error and what the request carried, the exact change that would let this call
//! through — the trust-policy statement naming this caller, the statement for the caller's own policy, and
//! AWS CLI commands that apply them — or, for errors fixed elsewhere (a disabled region, an expired token,
//! a web identity token the role does not accept), what to run or refresh.
//!
//! Pure: the caller passes the facts (`RequestFacts`), including the time. Everything read from a message
//! or a token is hostile: ARNs must match IAM's grammar before they are used, JSON is escaped by
//! `json`, shell words are quoted by `shell`, and no command can span two lines.

mod access;
mod claims;
mod federated;
mod other;
mod principal;
mod shell;
#[cfg(test)]
mod tests;

use crate::json::Json;

pub use claims::OwnedClaims;

/// What the failed request carried, as far as the fix needs it. Built by the caller from the validated call.
#[derive(Debug, Clone, Default)]
pub struct RequestFacts<'a> {
    /// Model action name: "AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML", "GetSessionToken", …
    pub action: &'a str,
    pub role_arn: Option<&'a str>,
    /// AssumeRoleWithSAML's identity provider ARN.
    pub principal_arn: Option<&'a str>,
    pub has_tags: bool,
    pub has_transitive_tag_keys: bool,
    pub has_source_identity: bool,
    pub has_external_id: bool,
    /// serialNumber/tokenCode were sent.
    pub has_mfa: bool,
    /// The source credentials were temporary.
    pub used_session_token: bool,
    /// From the web identity token (unverified): iss, aud, sub, exp.
    pub web_identity: Option<TokenClaims<'a>>,
    /// A GetCallerIdentity result the page/CLI already has.
    pub known_caller_arn: Option<&'a str>,
    pub region: &'a str,
    pub now_ms: u64,
    /// Added: when the source credentials expire, if the caller knows (ExpiredToken says how long ago).
    pub source_expires_ms: Option<u64>,
}

/// Claims of a web identity token, read without verifying it (only to say what the trust policy must match).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenClaims<'a> {
    pub iss: Option<&'a str>,
    pub aud: Option<&'a str>,
    pub sub: Option<&'a str>,
    pub exp: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fix {
    /// One sentence: who could not do what on which resource, and where to look.
    pub summary: String,
    /// JSON text of the statement to add to the role's trust policy.
    pub trust_statement: Option<String>,
    /// JSON text of the statement for the caller's own policy.
    pub identity_statement: Option<String>,
    /// Complete AWS CLI commands (bash/zsh), one line each.
    pub commands: Vec<String>,
    /// What could not be known from here, and where else to look.
    pub notes: Vec<String>,
    /// Added: the "Encoded authorization failure message" token, for a page or CLI that offers to run
    /// DecodeAuthorizationMessage itself.
    pub encoded_message: Option<String>,
}

/// The fix for STS error `code` with `message`, when one can be derived.
pub fn derive(code: &str, message: &str, facts: &RequestFacts) -> Option<Fix> {
    let fix = match code {
        "AccessDenied" | "AccessDeniedException" => access::denied(message, facts),
        "RegionDisabledException" => other::region_disabled(message, facts),
        "InvalidClientTokenId" => other::invalid_client_token(facts),
        "ExpiredToken" => other::expired_source(facts),
        "InvalidIdentityToken" | "IDPRejectedClaim" | "ExpiredTokenException" => {
            federated::token_rejected(code, message, facts)
        }
        _ => None,
    };
    let mut fix = other::with_encoded_message(fix, message, facts)?;
    // The last guard: a command that could span lines is dropped, never printed.
    fix.commands.retain(|c| shell::one_line(c));
    Some(fix)
}

/// The partition's console and CLI differences (ARNs differ only in the partition word).
struct Partition<'p>(&'p str);

impl Partition<'_> {
    fn console(&self) -> &'static str {
        match self.0 {
            "aws-cn" => "https://console.amazonaws.cn",
            "aws-us-gov" => "https://console.amazonaws-us-gov.com",
            _ => "https://console.aws.amazon.com",
        }
    }

    /// ` --region R` for partitions whose IAM the CLI only reaches through one of their regions.
    fn cli_region(&self, request_region: &str) -> String {
        let default = match self.0 {
            "aws" => return String::new(),
            "aws-cn" => "cn-north-1",
            "aws-us-gov" => "us-gov-west-1",
            _ => "",
        };
        let prefix = match self.0 {
            "aws-cn" => "cn-",
            "aws-us-gov" => "us-gov-",
            _ => "",
        };
        let fits = is_region_word(request_region) && request_region.starts_with(prefix);
        let region = if fits { request_region } else { default };
        if region.is_empty() {
            String::new()
        } else {
            format!(" --region {region}")
        }
    }

    /// The audience SAML assertions for this partition's sign-in carry.
    fn saml_aud(&self) -> &'static str {
        match self.0 {
            "aws-cn" => "https://signin.amazonaws.cn/saml",
            "aws-us-gov" => "https://signin.amazonaws-us-gov.com/saml",
            _ => "https://signin.aws.amazon.com/saml",
        }
    }

    fn role_console(&self, role_name: &str) -> String {
        format!(
            "{}/iam/home#/roles/details/{role_name}?section=trust_relationships",
            self.console()
        )
    }
}

/// A region code we are willing to print unquoted (the validated call's region normally).
fn is_region_word(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Regions AWS ships disabled ("opt-in"): tokens from the global endpoint are refused there unless the
/// account issues v2 tokens, and STS answers RegionDisabledException until the region is enabled.
/// Source: AWS Account Management guide, "Enable or disable AWS Regions in your account".
const OPT_IN_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
];

fn is_opt_in(region: &str) -> bool {
    OPT_IN_REGIONS.contains(&region)
}

/// "3 minutes", "2 hours", "5 days": how long ago, in words.
fn ago(now_ms: u64, then_ms: u64) -> String {
    crate::time::describe_duration(now_ms.saturating_sub(then_ms))
}

/// `{"Version":"2012-10-17","Statement":[statement]}`
fn policy_document(statement: Json) -> Json {
    Json::obj([
        ("Version", Json::str("2012-10-17")),
        ("Statement", Json::Arr(vec![statement])),
    ])
}

/// The shell command that lets `statement` into role `role_name`'s trust policy while keeping what is
/// there: the AWS CLI reads the current document and rewrites it with a JMESPath query, so nothing but the
/// CLI is needed (no jq), and a failed read leaves the policy untouched (an empty document is refused).
///
/// With `aws_principals` (an `AWS` principal), the caller is also added to every existing Allow statement
/// without a Condition whose actions are all among `actions` — that grants nothing the new statement does
/// not — and the statement is appended only when none of them has exactly these actions. Emulators such
/// as moto treat a trust statement naming someone else as a Deny, so only this form works there too.
fn trust_command(
    role_name: &str,
    statement: &Json,
    actions: &[String],
    aws_principals: Option<&[String]>,
    region_flag: &str,
) -> String {
    let lit = |j: Json| shell::jmespath_literal(&j.compact());
    let new = lit(Json::Arr(vec![statement.clone()]));
    let statements = match aws_principals {
        None => format!("[Statement, {new}][]"),
        Some(principals) => {
            let actions = lit(Json::Arr(actions.iter().map(Json::str).collect()));
            let principals = lit(Json::Arr(principals.iter().map(Json::str).collect()));
            let open = "Effect == `\"Allow\"` && !Condition && Principal.AWS";
            format!(
                "[map(&(({open} && !(to_array(Action)[?!contains({actions}, @)])) && merge(@, {{Principal: merge(Principal, {{AWS: [Principal.AWS, {principals}][]}})}}) || @), [Statement][]), (length([Statement][] | [?{open} && to_array(Action) == {actions}]) == `0` && {new}) || `[]`][]"
            )
        }
    };
    let query = format!("Role.AssumeRolePolicyDocument | merge(@, {{Statement: {statements}}})");
    let role = shell::quote(role_name);
    format!(
        "aws iam update-assume-role-policy{region_flag} --role-name {role} --policy-document \"$(aws iam get-role{region_flag} --role-name {role} --query {} --output json)\"",
        shell::quote(&query)
    )
}
