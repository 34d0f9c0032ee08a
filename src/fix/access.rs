//! AccessDenied: name the caller and the resource, then build both sides — the role's trust policy and
//! the caller's own policy — for AssumeRole, and the caller's policy for any other STS action.

use super::principal::{word_after, Arn, Caller};
use super::{federated, policy_document, shell, trust_command, Fix, Partition, RequestFacts};
use crate::json::Json;

/// Which side STS's message blames, when it says (newer messages end with "because …").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Both,
    Identity,
    Trust,
}

pub fn denied(message: &str, facts: &RequestFacts) -> Option<Fix> {
    let lower = message.to_ascii_lowercase();
    if lower.contains("multifactorauthentication") || lower.contains("mfa") && lower.contains("token code") {
        return Some(mfa_failed(facts));
    }
    match facts.action {
        "AssumeRoleWithWebIdentity" | "AssumeRoleWithSAML" => return federated::trust_denied(facts),
        _ => {}
    }
    if lower.contains("roles may not be assumed by root accounts") {
        return Some(root_cannot_assume(facts));
    }
    if lower.contains("cannot call") && lower.contains("with session credentials") {
        return Some(Fix {
            summary: format!(
                "{} cannot be called with temporary credentials: sign it with an IAM user's long-term access keys (AKIA…), not a session's (ASIA… with a session token).",
                if facts.action.is_empty() { "This operation" } else { facts.action }
            ),
            ..Default::default()
        });
    }

    let mut notes = Vec::new();
    let caller = find_caller(message, facts, &mut notes);
    let action = word_after(message, "perform:")
        .filter(|a| a.starts_with("sts:") && a[4..].bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_owned)
        .unwrap_or_else(|| format!("sts:{}", facts.action));
    if !action[4..].bytes().all(|b| b.is_ascii_alphabetic()) || action.len() == 4 {
        return None;
    }
    if let Some(deny) = explicit_deny(&lower) {
        return Some(Fix {
            summary: format!(
                "{} is refused {action} by an explicit Deny in {deny}: an Allow cannot override it, so that Deny must change (or the call must not match its conditions).",
                caller.as_ref().map_or("This caller".to_owned(), |c| c.arn().to_text())
            ),
            notes,
            ..Default::default()
        });
    }
    let side = if lower.contains("no identity-based policy allows") {
        Side::Identity
    } else if lower.contains("no resource-based policy allows") {
        Side::Trust
    } else {
        Side::Both
    };
    // STS names sts:TagSession or sts:SetSourceIdentity when that part of an AssumeRole is refused.
    let assume_part = matches!(
        action.as_str(),
        "sts:AssumeRole" | "sts:TagSession" | "sts:SetSourceIdentity"
    );
    if assume_part && (facts.action == "AssumeRole" || action == "sts:AssumeRole") {
        let mut facts = facts.clone();
        facts.has_tags |= action == "sts:TagSession";
        facts.has_source_identity |= action == "sts:SetSourceIdentity";
        let facts = &facts;
        let role = facts
            .role_arn
            .and_then(Arn::parse)
            .or_else(|| word_after(message, "on resource:").and_then(Arn::parse))
            .filter(Arn::is_role)?;
        Some(assume_role(caller, &role, side, facts, notes))
    } else {
        other_action(caller, &action, message, facts, notes)
    }
}

/// The caller from STS's message, else from a GetCallerIdentity result the page or CLI already has.
fn find_caller(message: &str, facts: &RequestFacts, notes: &mut Vec<String>) -> Option<Caller> {
    let named = word_after(message, "User:");
    if let Some(caller) = named.and_then(Caller::parse) {
        return Some(caller);
    }
    let known = facts.known_caller_arn.and_then(Caller::parse)?;
    notes.push(if named.is_some() {
        format!("STS's message named a caller that is not a valid IAM ARN, so it was ignored; the caller here is the identity GetCallerIdentity reported: {}.", known.arn().to_text())
    } else {
        format!("STS's message did not name the caller; the caller here is the identity GetCallerIdentity reported for these credentials: {}.", known.arn().to_text())
    });
    Some(known)
}

fn explicit_deny(lower: &str) -> Option<&'static str> {
    if !lower.contains("explicit deny") {
        return None;
    }
    Some(if lower.contains("service control policy") {
        "a service control policy (AWS Organizations)"
    } else if lower.contains("resource control policy") {
        "a resource control policy (AWS Organizations)"
    } else if lower.contains("permissions boundary") {
        "the caller's permissions boundary"
    } else if lower.contains("session policy") {
        "the session policy passed when these credentials were made"
    } else if lower.contains("resource-based policy") {
        "the role's trust policy"
    } else {
        "one of the caller's identity-based policies"
    })
}

/// The actions a statement must allow: the call's own, plus tagging and source identity when sent.
fn actions(base: &str, facts: &RequestFacts) -> Vec<String> {
    let mut actions = vec![base.to_owned()];
    if facts.has_tags || facts.has_transitive_tag_keys {
        actions.push("sts:TagSession".to_owned());
    }
    if facts.has_source_identity {
        actions.push("sts:SetSourceIdentity".to_owned());
    }
    actions
}

/// `--user-name X` or `--role-name X` with the policy document: the caller's own policy, where it has one.
fn identity_command(caller: &Caller, policy_name: &str, statement: &Json, region_flag: &str) -> Option<String> {
    let (verb, flag, name) = match caller {
        Caller::User { name, .. } => ("put-user-policy", "--user-name", name),
        Caller::AssumedRole { role, .. } => ("put-role-policy", "--role-name", role),
        Caller::FederatedUser { .. } | Caller::Root { .. } => return None,
    };
    let doc = policy_document(statement.clone()).compact();
    Some(format!(
        "aws iam {verb}{region_flag} {flag} {} --policy-name {} --policy-document {}",
        shell::quote(name),
        shell::quote(policy_name),
        shell::quote(&doc)
    ))
}

/// IAM policy names: `[\w+=,.@-]{1,128}`.
fn policy_name(prefix: &str, resource_name: &str) -> String {
    let mut name = format!("{prefix}-{resource_name}");
    name.truncate(128);
    name
}

fn assume_role(caller: Option<Caller>, role: &Arn, side: Side, facts: &RequestFacts, mut notes: Vec<String>) -> Fix {
    let role_arn = role.to_text();
    let role_name = role.last_name().to_owned();
    let partition = Partition(&role.partition);
    let region_flag = partition.cli_region(facts.region);
    let actions = actions("sts:AssumeRole", facts);
    let Some(caller) = caller else {
        notes.push("Run `aws sts get-caller-identity` with the same credentials to learn the caller's ARN; the trust policy must name it.".into());
        return Fix {
            summary: format!("These credentials may not assume {role_arn}, and STS did not say whose they are: the role's trust policy must name the caller, and the caller's own policies must allow {} on the role.", actions.join(" and ")),
            identity_statement: Some(identity_statement(&actions, &role_arn).pretty()),
            notes: with_condition_notes(notes, facts),
            ..Default::default()
        };
    };
    if let Caller::Root { .. } = caller {
        return root_cannot_assume(facts);
    }
    let caller_arn = caller.arn().to_text();
    let mut principals = vec![caller_arn.clone()];
    let principal = match &caller {
        Caller::AssumedRole { arn, role, session } => {
            // Real AWS matches a role session against its role's ARN; the session's own ARN is the
            // narrower form (only sessions with this name), and emulators such as moto match only it.
            notes.push(format!(
                "The trust statement names role {role} (any of its sessions) and this session, {caller_arn}: AWS matches the role ARN; the session ARN alone is the narrower choice (it lets in only sessions named {session}), and some emulators match only that form. Keep just the one you mean. If role {role} has a path, add it to {} (see `aws iam get-role --role-name {role}`).",
                arn.iam("role", role)
            ));
            principals.insert(0, arn.iam("role", role));
            Json::Arr(vec![Json::str(arn.iam("role", role)), Json::str(caller_arn.clone())])
        }
        _ => Json::str(caller_arn.clone()),
    };
    let trust = Json::obj([
        ("Effect", Json::str("Allow")),
        ("Principal", Json::obj([("AWS", principal)])),
        ("Action", Json::one_or_many(actions.clone())),
    ]);
    let identity = identity_statement(&actions, &role_arn);

    let same_account = caller.arn().account == role.account;
    let mut commands = Vec::new();
    if side != Side::Identity {
        commands.push(trust_command(
            &role_name,
            &trust,
            &actions,
            Some(&principals),
            &region_flag,
        ));
    }
    let identity_cmd = identity_command(
        &caller,
        &policy_name("AllowAssumeRole", &role_name),
        &identity,
        &partition.cli_region(facts.region),
    );
    if side != Side::Trust {
        match (&identity_cmd, &caller) {
            (Some(cmd), _) => commands.push(cmd.clone()),
            (None, Caller::FederatedUser { name, .. }) => notes.push(format!(
                "A federated user's permissions are the intersection of the IAM user that called GetFederationToken (for {name}) and the session policy it passed: add the identity statement to both, then call GetFederationToken again."
            )),
            _ => {}
        }
    }
    if side != Side::Identity {
        notes.push(format!(
            "update-assume-role-policy keeps the role's current trust policy: it adds the caller to existing Allow statements without conditions that grant no more than these actions, and appends the statement unless one of them has exactly these actions. Run it with credentials of account {} allowed iam:GetRole and iam:UpdateAssumeRolePolicy (console: {}).",
            role.account,
            partition.role_console(&role_name)
        ));
    }
    if let (Some(cmd), true) = (&identity_cmd, side != Side::Trust) {
        let verb = cmd.split(' ').nth(2).unwrap_or("put-user-policy");
        notes.push(format!(
            "{verb} adds an inline policy to the caller's {}; run it with credentials of account {}.",
            if matches!(caller, Caller::User { .. }) {
                "user"
            } else {
                "role"
            },
            caller.arn().account
        ));
    }
    notes.push(if same_account {
        "Within one account a trust policy that names the caller's own ARN is enough by itself; across accounts, or when the trust policy names the account (…:root), the caller's own policy must allow the call too.".into()
    } else {
        format!("The caller (account {}) and the role (account {}) are in different accounts: both the trust policy and the caller's own policy must allow the call.", caller.arn().account, role.account)
    });
    let summary = match side {
        Side::Both => format!(
            "{} {caller_arn} may not assume {role_arn}: look at the role's trust policy (it must name this {}) and at the caller's own policies (they must allow {} on the role).",
            capitalised(caller.kind()), caller.kind(), actions.join(" and ")
        ),
        Side::Identity => format!(
            "{} {caller_arn} may not assume {role_arn} because no policy of its own allows {} on the role: add the identity statement (the trust policy may also need to name it).",
            capitalised(caller.kind()), actions.join(" and ")
        ),
        Side::Trust => format!(
            "{} {caller_arn} may not assume {role_arn} because the role's trust policy does not name it: add the trust statement.",
            capitalised(caller.kind())
        ),
    };
    Fix {
        summary,
        trust_statement: (side != Side::Identity).then(|| trust.pretty()),
        identity_statement: (side != Side::Trust).then(|| identity.pretty()),
        commands,
        notes: with_condition_notes(notes, facts),
        encoded_message: None,
    }
}

fn identity_statement(actions: &[String], resource: &str) -> Json {
    Json::obj([
        ("Effect", Json::str("Allow")),
        ("Action", Json::one_or_many(actions.to_vec())),
        ("Resource", Json::str(resource)),
    ])
}

/// What the request lacked that a trust-policy condition commonly requires.
fn with_condition_notes(mut notes: Vec<String>, facts: &RequestFacts) -> Vec<String> {
    if !facts.has_external_id {
        notes.push("If the trust policy has an sts:ExternalId condition (usual when another company's account assumes the role), that is the likely cause: the request carried no externalId; pass the one the role's owner gave you.".into());
    }
    if !facts.has_mfa {
        notes.push("If the trust policy requires aws:MultiFactorAuthPresent, that is the likely cause: the request carried no MFA; pass serialNumber (the MFA device ARN) and tokenCode.".into());
    }
    notes.push("Not visible from here: a service control policy, a permissions boundary, a session policy, or another condition in the trust policy can still refuse the call.".into());
    notes
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_ascii_uppercase().to_string() + c.as_str())
}

fn root_cannot_assume(facts: &RequestFacts) -> Fix {
    let role = facts.role_arn.and_then(Arn::parse).filter(Arn::is_role);
    let mut notes = vec![
        "Create an IAM user or use IAM Identity Center for day-to-day work, and keep the root user's keys deleted."
            .into(),
    ];
    let trust = role.as_ref().map(|role| {
        notes.push(format!(
            "The trust statement names the account ({}): it lets any IAM user or role in it assume the role whose own policies allow sts:AssumeRole on it.",
            role.account_root()
        ));
        Json::obj([
            ("Effect", Json::str("Allow")),
            ("Principal", Json::obj([("AWS", Json::str(role.account_root()))])),
            ("Action", Json::one_or_many(actions("sts:AssumeRole", facts))),
        ])
        .pretty()
    });
    Fix {
        summary: "The account's root user cannot assume roles (AWS refuses root credentials for AssumeRole): call it with an IAM user's or a role's credentials instead.".into(),
        trust_statement: trust,
        notes,
        ..Default::default()
    }
}

/// Any STS action other than AssumeRole (GetFederationToken, GetSessionToken, DecodeAuthorizationMessage,
/// GetAccessKeyInfo, …): only the caller's own policy decides.
fn other_action(
    caller: Option<Caller>,
    action: &str,
    message: &str,
    facts: &RequestFacts,
    mut notes: Vec<String>,
) -> Option<Fix> {
    let resource = word_after(message, "on resource:")
        .and_then(Arn::parse)
        .map(|a| a.to_text())
        .unwrap_or_else(|| "*".to_owned());
    let statement = identity_statement(&[action.to_owned()], &resource);
    let Some(caller) = caller else {
        notes.push(
            "Run `aws sts get-caller-identity` with the same credentials to learn who needs the statement.".into(),
        );
        return Some(Fix {
            summary: format!("These credentials may not call {action}: their identity's policies must allow it."),
            identity_statement: Some(statement.pretty()),
            notes,
            ..Default::default()
        });
    };
    let partition = Partition(&caller.arn().partition);
    let short = &action[4..];
    let command = identity_command(
        &caller,
        &format!("Allow{short}"),
        &statement,
        &partition.cli_region(facts.region),
    );
    match &caller {
        Caller::FederatedUser { .. } => notes.push("A federated user's permissions come from the IAM user that called GetFederationToken and the session policy it passed: add the statement to both.".into()),
        Caller::Root { .. } => notes.push("The root user has every permission its account has: only a service control policy can refuse it this.".into()),
        _ => {}
    }
    if command.is_some() {
        notes.push(format!("The command adds an inline policy to the caller and must run with credentials of account {} allowed to change it.", caller.arn().account));
    }
    notes.push("Not visible from here: a service control policy, a permissions boundary or a session policy can still refuse the call.".into());
    Some(Fix {
        summary: format!(
            "{} {} may not call {action}{}: its own policies must allow it.",
            capitalised(caller.kind()),
            caller.arn().to_text(),
            if resource == "*" {
                String::new()
            } else {
                format!(" on {resource}")
            }
        ),
        identity_statement: Some(statement.pretty()),
        commands: command.into_iter().collect(),
        notes,
        ..Default::default()
    })
}

/// "MultiFactorAuthentication failed …": the code or the serial number is wrong, or MFA was not sent.
fn mfa_failed(facts: &RequestFacts) -> Fix {
    let summary = if facts.has_mfa {
        "STS could not validate the MFA code: it is wrong, expired (codes last 30 seconds) or already used, or serialNumber is not the ARN of the device that made it."
    } else {
        "This call needs MFA: pass serialNumber (the MFA device's ARN, arn:aws:iam::ACCOUNT:mfa/NAME) and tokenCode (the 6-digit code)."
    };
    Fix {
        summary: summary.into(),
        notes: vec![
            "List the caller's MFA devices and their ARNs with `aws iam list-mfa-devices` (for an IAM user, add --user-name NAME).".into(),
            "Wait for the next code before retrying: a code is accepted only once.".into(),
        ],
        ..Default::default()
    }
}
