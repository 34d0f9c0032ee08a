//! Web identity (OIDC) and SAML callers: the trust policy names a `Federated` principal — the identity
//! provider — and a condition on the token's audience (`<issuer>:aud`, `SAML:aud`). The token's claims
//! are read unverified by the caller and are hostile: they only ever become escaped JSON strings and
//! quoted shell words, and an issuer outside the URL grammar yields no statement.

use super::principal::Arn;
use super::{ago, shell, trust_command, Fix, Partition, RequestFacts, TokenClaims};
use crate::json::Json;
use crate::time::format_iso8601;

/// `https://token.actions.githubusercontent.com` → `token.actions.githubusercontent.com` (IAM's provider
/// name and condition-key prefix); `None` unless it is a plain host with an optional path.
fn issuer_host(iss: &str) -> Option<&str> {
    let host = iss.strip_prefix("https://").unwrap_or(iss).trim_end_matches('/');
    let ok = !host.is_empty()
        && host.len() <= 255
        && !host.starts_with(['/', '.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'/' | b':'))
        && !host.contains("//");
    ok.then_some(host)
}

/// A claim we are willing to put in a condition: printable text of sensible length.
fn claim_value(v: Option<&str>) -> Option<&str> {
    v.filter(|v| !v.is_empty() && v.len() <= 512 && !v.chars().any(char::is_control))
}

/// The principal IAM expects for tokens from `host`: a few providers are named by their host, every
/// other one by the ARN of the OIDC provider created for it in the role's account.
fn oidc_principal(host: &str, role: &Arn) -> String {
    match host {
        "cognito-identity.amazonaws.com" | "accounts.google.com" | "graph.facebook.com" | "www.amazon.com" => {
            host.to_owned()
        }
        _ => role.iam("oidc-provider", host),
    }
}

fn actions(base: &str, facts: &RequestFacts) -> Json {
    let mut actions = vec![base.to_owned()];
    if facts.has_tags || facts.has_transitive_tag_keys {
        actions.push("sts:TagSession".to_owned());
    }
    if facts.has_source_identity {
        actions.push("sts:SetSourceIdentity".to_owned());
    }
    Json::one_or_many(actions)
}

/// The trust statement for this web identity token, with notes on what it assumes.
fn web_identity_statement(
    claims: &TokenClaims,
    role: &Arn,
    facts: &RequestFacts,
    notes: &mut Vec<String>,
) -> Option<Json> {
    let host = issuer_host(claims.iss?)?;
    let mut condition = Vec::new();
    match claim_value(claims.aud) {
        Some(aud) => condition.push((format!("{host}:aud"), Json::str(aud))),
        None => notes.push("The token's aud claim is missing or unusable, so the statement has no audience condition: add one; a role open to every token of this provider is open to anyone it issues tokens for.".into()),
    }
    if let Some(sub) = claim_value(claims.sub) {
        condition.push((format!("{host}:sub"), Json::str(sub)));
        notes.push(format!("The {host}:sub condition names exactly this token's subject; use StringLike with a wildcard (e.g. repo:ORG/REPO:*) to let in more."));
    }
    if host == "accounts.google.com" {
        notes.push("For Google, IAM's accounts.google.com:aud key holds the token's azp claim and accounts.google.com:oaud its aud.".into());
    }
    let mut statement = vec![
        ("Effect".to_owned(), Json::str("Allow")),
        (
            "Principal".to_owned(),
            Json::obj([("Federated", Json::str(oidc_principal(host, role)))]),
        ),
        ("Action".to_owned(), actions("sts:AssumeRoleWithWebIdentity", facts)),
    ];
    if !condition.is_empty() {
        statement.push((
            "Condition".to_owned(),
            Json::obj([("StringEquals", Json::Obj(condition))]),
        ));
    }
    Some(Json::Obj(statement))
}

fn saml_statement(provider: &Arn, facts: &RequestFacts) -> Json {
    Json::obj([
        ("Effect", Json::str("Allow")),
        ("Principal", Json::obj([("Federated", Json::str(provider.to_text()))])),
        ("Action", actions("sts:AssumeRoleWithSAML", facts)),
        (
            "Condition",
            Json::obj([(
                "StringEquals",
                Json::obj([("SAML:aud", Json::str(Partition(&provider.partition).saml_aud()))]),
            )]),
        ),
    ])
}

fn saml_provider(facts: &RequestFacts) -> Option<Arn> {
    facts
        .principal_arn
        .and_then(Arn::parse)
        .filter(|a| a.service == "iam" && a.resource.starts_with("saml-provider/"))
}

/// "iss …, aud …, sub …, expires … (… ago)": the decoded claims, quoted for reading.
fn describe_claims(claims: &TokenClaims, now_ms: u64) -> String {
    let mut parts = Vec::new();
    for (name, value) in [("iss", claims.iss), ("aud", claims.aud), ("sub", claims.sub)] {
        match claim_value(value) {
            Some(v) => parts.push(format!("{name} {}", crate::json::escape(v))),
            None => parts.push(format!("no usable {name}")),
        }
    }
    match claims.exp.filter(|e| (0..253_402_300_800).contains(e)) {
        Some(exp) => {
            let exp_ms = exp as u64 * 1000;
            let when = if exp_ms <= now_ms {
                format!("{} ago", ago(now_ms, exp_ms))
            } else {
                format!("in {}", ago(exp_ms, now_ms))
            };
            parts.push(format!("expires {} ({when})", format_iso8601(exp_ms)));
        }
        None => parts.push("no exp".into()),
    }
    parts.join(", ")
}

/// AccessDenied on AssumeRoleWithWebIdentity / AssumeRoleWithSAML: the trust policy does not accept
/// this provider or these claims.
pub fn trust_denied(facts: &RequestFacts) -> Option<Fix> {
    let role = facts.role_arn.and_then(Arn::parse).filter(Arn::is_role)?;
    let role_arn = role.to_text();
    let mut notes = Vec::new();
    let (statement, who) = if facts.action == "AssumeRoleWithSAML" {
        let provider = saml_provider(facts)?;
        notes.push(
            "The SAML assertion's Role attribute must also list this role and provider as \"ROLE_ARN,PROVIDER_ARN\"."
                .into(),
        );
        (
            saml_statement(&provider, facts),
            format!("SAML provider {}", provider.to_text()),
        )
    } else {
        let claims = facts.web_identity?;
        let statement = web_identity_statement(&claims, &role, facts, &mut notes)?;
        notes.push(format!(
            "The OIDC provider for {} must exist in account {} (aws iam list-open-id-connect-providers) with the token's aud among its client IDs.",
            issuer_host(claims.iss.unwrap_or_default()).unwrap_or("the issuer"),
            role.account
        ));
        (
            statement,
            format!("the web identity token ({})", describe_claims(&claims, facts.now_ms)),
        )
    };
    let partition = Partition(&role.partition);
    notes.push(format!(
        "update-assume-role-policy keeps the role's current trust statements and appends this one; run it with credentials of account {} (console: {}).",
        role.account,
        partition.role_console(role.last_name())
    ));
    notes.push("Not visible from here: another condition in the trust policy, or a service control policy, can still refuse the call.".into());
    Some(Fix {
        summary: format!("{role_arn}'s trust policy does not accept {who}: add a statement with this Federated principal and audience condition."),
        commands: vec![trust_command(role.last_name(), &statement, &[], None, &partition.cli_region(facts.region))],
        trust_statement: Some(statement.pretty()),
        notes,
        ..Default::default()
    })
}

/// InvalidIdentityToken / IDPRejectedClaim / ExpiredTokenException: the decoded claims next to what the
/// trust policy and the IAM provider must say, and the command when the provider itself is missing.
pub fn token_rejected(code: &str, message: &str, facts: &RequestFacts) -> Option<Fix> {
    let role = facts.role_arn.and_then(Arn::parse).filter(Arn::is_role);
    let mut notes = Vec::new();
    if facts.action == "AssumeRoleWithSAML" {
        let provider = saml_provider(facts);
        return Some(Fix {
            summary: format!("STS refused the SAML assertion ({code}): check that the IAM SAML provider {} exists and holds your identity provider's current metadata, and that the assertion is fresh.", provider.as_ref().map_or("named in principalArn".to_owned(), Arn::to_text)),
            trust_statement: provider.map(|p| saml_statement(&p, facts).pretty()),
            notes: vec!["Update the provider's metadata with `aws iam update-saml-provider --saml-provider-arn ARN --saml-metadata-document file://metadata.xml`.".into()],
            ..Default::default()
        });
    }
    let claims = facts.web_identity.unwrap_or_default();
    let described = describe_claims(&claims, facts.now_ms);
    let host = claims.iss.and_then(issuer_host);
    let statement = role
        .as_ref()
        .and_then(|r| web_identity_statement(&claims, r, facts, &mut notes));
    let mut commands = Vec::new();
    let lower = message.to_ascii_lowercase();
    let summary = if code == "ExpiredTokenException" || lower.contains("expired") {
        notes.push("Web identity tokens live minutes: ask the identity provider for a new one just before the call (in GitHub Actions, request it in the same step).".into());
        format!("The web identity token has expired ({described}): get a fresh token and call again.")
    } else if lower.contains("no openidconnect provider") || lower.contains("provider not found") {
        if let (Some(host), Some(role), Some(aud)) = (host, &role, claim_value(claims.aud)) {
            commands.push(format!(
                "aws iam create-open-id-connect-provider{} --url {} --client-id-list {}",
                Partition(&role.partition).cli_region(facts.region),
                shell::quote(&format!("https://{host}")),
                shell::quote(aud)
            ));
            notes.push(format!(
                "Run it with credentials of account {} (the role's).",
                role.account
            ));
        }
        format!("Account {} has no IAM OIDC provider for this token's issuer ({described}): create one, then the role's trust policy must name it as below.", role.as_ref().map_or("?", |r| r.account.as_str()))
    } else if lower.contains("audience") || code == "IDPRejectedClaim" && claims.aud.is_some() {
        if let (Some(host), Some(role), Some(aud)) = (host, &role, claim_value(claims.aud)) {
            commands.push(format!(
                "aws iam add-client-id-to-open-id-connect-provider{} --open-id-connect-provider-arn {} --client-id {}",
                Partition(&role.partition).cli_region(facts.region),
                shell::quote(&role.iam("oidc-provider", host)),
                shell::quote(aud)
            ));
        }
        format!("The token's audience is not one the IAM OIDC provider accepts ({described}): add it to the provider's client IDs, and the trust policy's aud condition must match it.")
    } else {
        notes.push("If STS could not fetch the provider's keys, check that the issuer's /.well-known/openid-configuration and its jwks_uri are reachable from the internet.".into());
        format!("STS refused the web identity token ({code}; {described}): the token must be signed by the issuer's current keys, and the trust policy must say what follows.")
    };
    Some(Fix {
        summary,
        trust_statement: statement.map(|s| s.pretty()),
        commands,
        notes,
        ..Default::default()
    })
}
