//! Errors whose fix is not a policy: a region STS is not active in, a global-endpoint token in an opt-in
//! region, expired source credentials, and the "Encoded authorization failure message" any denial may carry.

use super::{ago, is_opt_in, is_region_word, shell, Fix, Partition, RequestFacts};
use crate::time::format_iso8601;

fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

fn regional_endpoint(region: &str) -> String {
    match partition_of(region) {
        "aws-cn" => format!("https://sts.{region}.amazonaws.com.cn"),
        _ => format!("https://sts.{region}.amazonaws.com"),
    }
}

/// "STS is not activated in this region for account:123456789012 …"
pub fn region_disabled(message: &str, facts: &RequestFacts) -> Option<Fix> {
    let region = facts.region;
    if !is_region_word(region) {
        return None;
    }
    let account = message
        .split("account:")
        .nth(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
        .filter(|a| a.len() == 12);
    let whose = account
        .as_deref()
        .map_or("this account".to_owned(), |a| format!("account {a}"));
    let console = Partition(partition_of(region)).console();
    let mut notes = Vec::new();
    let mut commands = Vec::new();
    if is_opt_in(region) {
        commands.push(format!("aws account enable-region --region-name {region}"));
        notes.push(format!("{region} is an opt-in region: enabling it takes minutes to hours; `aws account get-region-opt-status --region-name {region}` says when it is ENABLED. Run it with credentials allowed account:EnableRegion (the account's own, or add --account-id from the organization's management account)."));
    } else {
        notes.push(format!("Activate it in the IAM console: Account settings → Security Token Service (STS) → Endpoints → {region} → Activate ({console}/iam/home#/account_settings). There is no CLI command for this."));
    }
    notes.push(format!("Or call another region instead: any region where STS is active returns credentials that work everywhere in the partition (e.g. region us-east-1, {}).", regional_endpoint("us-east-1")));
    Some(Fix {
        summary: format!("STS is not active in {region} for {whose}: activate it there, or call a region where it is."),
        commands,
        notes,
        ..Default::default()
    })
}

/// InvalidClientTokenId with a session token: most often a token from the global endpoint used in an
/// opt-in region, which accepts only the longer (v2) tokens.
pub fn invalid_client_token(facts: &RequestFacts) -> Option<Fix> {
    if !facts.used_session_token || !is_region_word(facts.region) {
        return None;
    }
    let region = facts.region;
    let regional = regional_endpoint(region);
    if is_opt_in(region) {
        return Some(Fix {
            summary: format!("The session token is not valid in {region}: tokens from the global endpoint (sts.amazonaws.com) work only in regions enabled by default unless the account issues v2 tokens. Get the credentials from {regional} instead, or make the global endpoint issue tokens valid everywhere."),
            commands: vec!["aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token".into()],
            notes: vec![
                "The command affects tokens issued after it, account-wide; v2 tokens are longer, so check nothing stores them in a short field. Then get new credentials and retry.".into(),
                format!("Otherwise: the tool that made these credentials should call {regional} (for the AWS CLI, set AWS_STS_REGIONAL_ENDPOINTS=regional)."),
            ],
            ..Default::default()
        });
    }
    Some(Fix {
        summary: "The session token was not accepted: it was cut or altered when copied, belongs to other access keys, has expired, or comes from another partition.".into(),
        notes: vec![
            "Copy the access key ID, secret and session token again from the same credentials, whole (the token is several hundred characters).".into(),
            format!("If these came from the global endpoint and {region} is an opt-in region, get them from {regional} instead."),
        ],
        ..Default::default()
    })
}

/// ExpiredToken: the source credentials' session token has expired.
pub fn expired_source(facts: &RequestFacts) -> Option<Fix> {
    let when = facts
        .source_expires_ms
        .filter(|&at| at <= facts.now_ms)
        .map(|at| format!(" {} ago (at {})", ago(facts.now_ms, at), format_iso8601(at)))
        .unwrap_or_default();
    Some(Fix {
        summary: format!("The source credentials' session token expired{when}: get fresh temporary credentials the way these were made, then retry."),
        notes: vec![
            "From a role: assume it again (role chaining lasts at most 1 hour). From get-session-token: call it again with the user's long-term keys. From IAM Identity Center: `aws sso login`, then export the new credentials.".into(),
            "The AWS CLI caches role credentials in ~/.aws/cli/cache; deleting the stale file forces a refresh.".into(),
        ],
        ..Default::default()
    })
}

/// The token after "Encoded authorization failure message:" (base64url-ish), if the message has one.
fn encoded_message(message: &str) -> Option<&str> {
    const MARKER: &str = "encoded authorization failure message:";
    let at = message.to_ascii_lowercase().find(MARKER)? + MARKER.len();
    let rest = message[at..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '=')))
        .unwrap_or(rest.len());
    let token = &rest[..end];
    (token.len() >= 16 && token.len() <= 16_384).then_some(token)
}

/// Add the decode step to `fix` (or make a fix of it) when the message carries an encoded reason.
pub fn with_encoded_message(fix: Option<Fix>, message: &str, facts: &RequestFacts) -> Option<Fix> {
    let Some(token) = encoded_message(message) else {
        return fix;
    };
    let region_flag = if is_region_word(facts.region) && facts.region != "us-east-1" {
        format!(" --region {}", facts.region)
    } else {
        String::new()
    };
    let mut fix = fix.unwrap_or_else(|| Fix {
        summary: "AWS refused the call and encoded the reason: decode it to see which policy, statement and condition decided.".into(),
        ..Default::default()
    });
    fix.commands.push(format!(
        "aws sts decode-authorization-message{region_flag} --encoded-message {} --query DecodedMessage --output text",
        shell::quote(token)
    ));
    fix.notes.push("Decoding needs sts:DecodeAuthorizationMessage and credentials of the same account; the decoded JSON names the matched statements and the request's context (principal, action, resource, conditions).".into());
    fix.encoded_message = Some(token.to_owned());
    Some(fix)
}
