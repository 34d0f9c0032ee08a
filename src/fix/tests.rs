//! `derive` over STS's real message shapes: each caller kind, partition and operation, the other errors
//! with a known fix, encoded authorization failures, and hostile messages and token claims.

use super::*;
use serde_json::{json, Value};

const NOW: u64 = 1_795_867_200_000; // 2026-11-28T12:00:00Z

fn facts(action: &'static str) -> RequestFacts<'static> {
    RequestFacts {
        action,
        region: "us-east-1",
        now_ms: NOW,
        ..Default::default()
    }
}

fn assume(role: &'static str) -> RequestFacts<'static> {
    RequestFacts {
        role_arn: Some(role),
        ..facts("AssumeRole")
    }
}

fn denied(caller: &str, action: &str, resource: &str) -> String {
    format!("User: {caller} is not authorized to perform: {action} on resource: {resource}")
}

fn parse(text: &Option<String>) -> Value {
    serde_json::from_str(text.as_deref().expect("a statement")).expect("valid JSON")
}

/// Every fix: statements are JSON, commands are one line each and start with `aws `.
fn check(fix: &Fix) {
    for s in [&fix.trust_statement, &fix.identity_statement].into_iter().flatten() {
        serde_json::from_str::<Value>(s).unwrap_or_else(|e| panic!("{e}: {s}"));
    }
    for c in &fix.commands {
        assert!(c.starts_with("aws "), "{c}");
        assert!(shell::one_line(c), "{c}");
    }
    assert!(!fix.summary.is_empty());
}

fn derive_ok(code: &str, message: &str, facts: &RequestFacts) -> Fix {
    let fix = derive(code, message, facts).unwrap_or_else(|| panic!("no fix for {code}: {message}"));
    check(&fix);
    fix
}

#[test]
fn iam_user_in_each_partition() {
    for (p, region, flag, console) in [
        ("aws", "eu-west-1", "", "https://console.aws.amazon.com/"),
        (
            "aws-cn",
            "cn-northwest-1",
            " --region cn-northwest-1",
            "https://console.amazonaws.cn/",
        ),
        (
            "aws-us-gov",
            "us-gov-east-1",
            " --region us-gov-east-1",
            "https://console.amazonaws-us-gov.com/",
        ),
    ] {
        let user = format!("arn:{p}:iam::123456789012:user/dev/Bob");
        let role = format!("arn:{p}:iam::123456789012:role/x");
        let f = RequestFacts {
            role_arn: Some(&role),
            region,
            ..facts("AssumeRole")
        };
        let fix = derive_ok("AccessDenied", &denied(&user, "sts:AssumeRole", &role), &f);
        assert!(
            fix.summary.contains(&user) && fix.summary.contains(&role),
            "{}",
            fix.summary
        );
        assert!(fix.summary.contains("trust policy") && fix.summary.contains("own policies"));
        assert_eq!(
            parse(&fix.trust_statement),
            json!({"Effect": "Allow", "Principal": {"AWS": user}, "Action": "sts:AssumeRole"})
        );
        assert_eq!(
            parse(&fix.identity_statement),
            json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role})
        );
        assert_eq!(fix.commands.len(), 2);
        assert!(
            fix.commands[0].starts_with(&format!("aws iam update-assume-role-policy{flag} --role-name x ")),
            "{}",
            fix.commands[0]
        );
        assert!(fix.commands[0].contains(&format!("$(aws iam get-role{flag} --role-name x --query ")));
        assert!(
            fix.commands[1].starts_with(&format!(
                "aws iam put-user-policy{flag} --user-name Bob --policy-name AllowAssumeRole-x --policy-document '"
            )),
            "{}",
            fix.commands[1]
        );
        assert!(fix.notes.iter().any(|n| n.contains(console)), "{:?}", fix.notes);
        assert!(fix.notes.iter().any(|n| n.contains("sts:ExternalId")));
        assert!(fix.notes.iter().any(|n| n.contains("aws:MultiFactorAuthPresent")));
    }
}

#[test]
fn identity_command_carries_a_complete_policy_document() {
    let role = "arn:aws:iam::123456789012:role/x";
    let fix = derive_ok(
        "AccessDenied",
        &denied("arn:aws:iam::123456789012:user/Bob", "sts:AssumeRole", role),
        &assume(role),
    );
    let doc = fix.commands[1]
        .split("--policy-document '")
        .nth(1)
        .unwrap()
        .trim_end_matches('\'');
    let doc: Value = serde_json::from_str(doc).unwrap();
    assert_eq!(
        doc,
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role}]})
    );
}

#[test]
fn assumed_role_session_names_the_role_and_the_session() {
    let role = "arn:aws:iam::210987654321:role/target";
    let session = "arn:aws:sts::123456789012:assumed-role/A/ci-run@x";
    let f = RequestFacts {
        used_session_token: true,
        ..assume(role)
    };
    let fix = derive_ok("AccessDenied", &denied(session, "sts:AssumeRole", role), &f);
    assert_eq!(
        parse(&fix.trust_statement)["Principal"]["AWS"],
        json!(["arn:aws:iam::123456789012:role/A", session])
    );
    assert!(fix.summary.starts_with("Role session "), "{}", fix.summary);
    assert!(fix.commands[1].starts_with("aws iam put-role-policy --role-name A --policy-name AllowAssumeRole-target "));
    assert!(
        fix.notes.iter().any(|n| n.contains("narrower") && n.contains(session)),
        "{:?}",
        fix.notes
    );
    assert!(fix.notes.iter().any(|n| n.contains("different accounts")));
    assert!(fix
        .notes
        .iter()
        .any(|n| n.contains("account 210987654321") && n.contains("update-assume-role-policy")));
}

#[test]
fn federated_user_gets_a_trust_statement_and_a_note_for_its_permissions() {
    let role = "arn:aws:iam::123456789012:role/x";
    let fed = "arn:aws:sts::123456789012:federated-user/carol";
    let fix = derive_ok("AccessDenied", &denied(fed, "sts:AssumeRole", role), &assume(role));
    assert_eq!(parse(&fix.trust_statement)["Principal"]["AWS"], json!(fed));
    assert_eq!(
        fix.commands.len(),
        1,
        "no put-*-policy for a federated user: {:?}",
        fix.commands
    );
    assert!(fix.notes.iter().any(|n| n.contains("GetFederationToken")));
}

#[test]
fn account_root_cannot_assume_roles() {
    let role = "arn:aws-us-gov:iam::123456789012:role/x";
    let fix = derive_ok(
        "AccessDenied",
        "Roles may not be assumed by root accounts.",
        &assume(role),
    );
    assert!(fix.summary.contains("root user cannot assume roles"), "{}", fix.summary);
    assert_eq!(
        parse(&fix.trust_statement)["Principal"]["AWS"],
        json!("arn:aws-us-gov:iam::123456789012:root")
    );
    assert!(fix.commands.is_empty());
    // The root ARN in a denial message is the same case.
    let fix = derive_ok(
        "AccessDenied",
        &denied("arn:aws:iam::123456789012:root", "sts:AssumeRole", role),
        &assume(role),
    );
    assert!(fix.summary.contains("root user"));
}

#[test]
fn moto_message_without_resource_uses_the_request_role() {
    let role = "arn:aws:iam::123456789012:role/untrusted-role";
    let msg = "User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: sts:AssumeRole";
    let fix = derive_ok("AccessDenied", msg, &assume(role));
    assert_eq!(parse(&fix.identity_statement)["Resource"], json!(role));
    assert!(fix.commands[0].contains("--role-name untrusted-role"));
}

#[test]
fn tags_and_source_identity_add_their_actions_to_both_statements() {
    let role = "arn:aws:iam::123456789012:role/x";
    let f = RequestFacts {
        has_tags: true,
        has_source_identity: true,
        ..assume(role)
    };
    let fix = derive_ok(
        "AccessDenied",
        &denied("arn:aws:iam::123456789012:user/Bob", "sts:AssumeRole", role),
        &f,
    );
    let want = json!(["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]);
    assert_eq!(parse(&fix.trust_statement)["Action"], want);
    assert_eq!(parse(&fix.identity_statement)["Action"], want);
    // STS names sts:TagSession itself when only the tagging is refused.
    let fix = derive_ok(
        "AccessDenied",
        &denied("arn:aws:iam::123456789012:user/Bob", "sts:TagSession", role),
        &assume(role),
    );
    assert_eq!(
        parse(&fix.trust_statement)["Action"],
        json!(["sts:AssumeRole", "sts:TagSession"])
    );
}

#[test]
fn condition_hints_only_for_what_the_request_lacked() {
    let role = "arn:aws:iam::123456789012:role/x";
    let f = RequestFacts {
        has_external_id: true,
        has_mfa: true,
        ..assume(role)
    };
    let fix = derive_ok(
        "AccessDenied",
        &denied("arn:aws:iam::123456789012:user/Bob", "sts:AssumeRole", role),
        &f,
    );
    assert!(
        !fix.notes
            .iter()
            .any(|n| n.contains("sts:ExternalId") || n.contains("MultiFactorAuthPresent")),
        "{:?}",
        fix.notes
    );
}

#[test]
fn unnamed_caller_comes_from_get_caller_identity_and_says_so() {
    let role = "arn:aws:iam::123456789012:role/x";
    let f = RequestFacts {
        known_caller_arn: Some("arn:aws:iam::123456789012:user/Bob"),
        ..assume(role)
    };
    let fix = derive_ok("AccessDenied", "Access denied", &f);
    assert_eq!(
        parse(&fix.trust_statement)["Principal"]["AWS"],
        json!("arn:aws:iam::123456789012:user/Bob")
    );
    assert!(fix
        .notes
        .iter()
        .any(|n| n.contains("did not name the caller") && n.contains("GetCallerIdentity")));
    // Without it: no trust statement (it would have to guess), a note on how to find out.
    let fix = derive_ok("AccessDenied", "Access denied", &assume(role));
    assert!(fix.trust_statement.is_none() && fix.commands.is_empty());
    assert!(fix.notes.iter().any(|n| n.contains("get-caller-identity")));
}

#[test]
fn the_side_stss_message_blames() {
    let role = "arn:aws:iam::123456789012:role/x";
    let bob = "arn:aws:iam::123456789012:user/Bob";
    let msg = format!(
        "{} because no identity-based policy allows the sts:AssumeRole action",
        denied(bob, "sts:AssumeRole", role)
    );
    let fix = derive_ok("AccessDenied", &msg, &assume(role));
    assert!(fix.trust_statement.is_none());
    assert_eq!(fix.commands.len(), 1);
    assert!(fix.commands[0].starts_with("aws iam put-user-policy"));
    let msg = format!(
        "{} with an explicit deny in a service control policy",
        denied(bob, "sts:AssumeRole", role)
    );
    let fix = derive_ok("AccessDenied", &msg, &assume(role));
    assert!(
        fix.summary.contains("service control policy") && fix.commands.is_empty(),
        "{}",
        fix.summary
    );
    let msg = format!(
        "{} with an explicit deny in a permissions boundary",
        denied(bob, "sts:AssumeRole", role)
    );
    assert!(derive_ok("AccessDenied", &msg, &assume(role))
        .summary
        .contains("permissions boundary"));
}

#[test]
fn other_operations_need_only_the_callers_policy() {
    let bob = "arn:aws-cn:iam::123456789012:user/Bob";
    let fed = "arn:aws-cn:sts::123456789012:federated-user/carol";
    let f = RequestFacts {
        region: "cn-north-1",
        ..facts("GetFederationToken")
    };
    let fix = derive_ok("AccessDenied", &denied(bob, "sts:GetFederationToken", fed), &f);
    assert!(fix.trust_statement.is_none());
    assert_eq!(
        parse(&fix.identity_statement),
        json!({"Effect": "Allow", "Action": "sts:GetFederationToken", "Resource": fed})
    );
    assert!(
        fix.commands[0].starts_with(
            "aws iam put-user-policy --region cn-north-1 --user-name Bob --policy-name AllowGetFederationToken "
        ),
        "{}",
        fix.commands[0]
    );
    // moto's shape for GetSessionToken: no resource.
    let fix = derive_ok(
        "AccessDenied",
        "User: arn:aws:iam::123456789012:user/Alice is not authorized to perform: sts:GetSessionToken",
        &facts("GetSessionToken"),
    );
    assert_eq!(parse(&fix.identity_statement)["Resource"], json!("*"));
    let fix = derive_ok(
        "AccessDenied",
        "Cannot call GetSessionToken with session credentials",
        &facts("GetSessionToken"),
    );
    assert!(fix.summary.contains("long-term access keys") && fix.commands.is_empty());
}

#[test]
fn mfa_failures() {
    let role = "arn:aws:iam::123456789012:role/x";
    let f = RequestFacts {
        has_mfa: true,
        ..assume(role)
    };
    let fix = derive_ok(
        "AccessDenied",
        "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
        &f,
    );
    assert!(fix.summary.contains("could not validate the MFA code"));
    let fix = derive_ok(
        "AccessDenied",
        "MultiFactorAuthentication failed, unable to validate MFA code.",
        &assume(role),
    );
    assert!(fix.summary.contains("needs MFA"));
}

const GITHUB: &str = "https://token.actions.githubusercontent.com";

fn web(role: &'static str, claims: TokenClaims<'static>) -> RequestFacts<'static> {
    RequestFacts {
        role_arn: Some(role),
        web_identity: Some(claims),
        ..facts("AssumeRoleWithWebIdentity")
    }
}

#[test]
fn web_identity_trust_names_the_provider_and_the_audience() {
    for p in ["aws", "aws-cn", "aws-us-gov"] {
        let role: &'static str = Box::leak(format!("arn:{p}:iam::123456789012:role/deploy").into_boxed_str());
        let claims = TokenClaims {
            iss: Some(GITHUB),
            aud: Some("sts.amazonaws.com"),
            sub: Some("repo:o/r:ref:refs/heads/main"),
            exp: Some(1_795_867_500),
        };
        let fix = derive_ok(
            "AccessDenied",
            "Not authorized to perform sts:AssumeRoleWithWebIdentity",
            &web(role, claims),
        );
        assert_eq!(
            parse(&fix.trust_statement),
            json!({
                "Effect": "Allow",
                "Principal": {"Federated": format!("arn:{p}:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {"StringEquals": {
                    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                    "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}}
            })
        );
        assert!(
            fix.summary.contains("\"sts.amazonaws.com\"") && fix.summary.contains("in 5 minutes"),
            "{}",
            fix.summary
        );
        assert_eq!(fix.commands.len(), 1);
        assert!(fix.commands[0].starts_with("aws iam update-assume-role-policy"));
    }
    // Cognito is named by its host.
    let claims = TokenClaims {
        iss: Some("https://cognito-identity.amazonaws.com"),
        aud: Some("us-east-1:pool"),
        ..Default::default()
    };
    let fix = derive_ok(
        "AccessDenied",
        "Not authorized to perform sts:AssumeRoleWithWebIdentity",
        &web("arn:aws:iam::123456789012:role/r", claims),
    );
    assert_eq!(
        parse(&fix.trust_statement)["Principal"]["Federated"],
        json!("cognito-identity.amazonaws.com")
    );
}

#[test]
fn saml_trust_names_the_provider_and_the_partitions_audience() {
    for (p, aud) in [
        ("aws", "https://signin.aws.amazon.com/saml"),
        ("aws-cn", "https://signin.amazonaws.cn/saml"),
        ("aws-us-gov", "https://signin.amazonaws-us-gov.com/saml"),
    ] {
        let role = format!("arn:{p}:iam::123456789012:role/r");
        let provider = format!("arn:{p}:iam::123456789012:saml-provider/Okta");
        let f = RequestFacts {
            role_arn: Some(&role),
            principal_arn: Some(&provider),
            ..facts("AssumeRoleWithSAML")
        };
        let fix = derive_ok("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML", &f);
        assert_eq!(
            parse(&fix.trust_statement),
            json!({"Effect": "Allow", "Principal": {"Federated": provider}, "Action": "sts:AssumeRoleWithSAML",
                   "Condition": {"StringEquals": {"SAML:aud": aud}}})
        );
    }
}

#[test]
fn web_identity_token_errors_show_the_decoded_claims() {
    let role = "arn:aws:iam::123456789012:role/deploy";
    let claims = TokenClaims {
        iss: Some(GITHUB),
        aud: Some("sts.amazonaws.com"),
        sub: None,
        exp: Some(1_795_866_900),
    };
    let fix = derive_ok(
        "ExpiredTokenException",
        "Token expired: current date/time 1795867200 must be before the expiration date/time 1795866900",
        &web(role, claims),
    );
    assert!(
        fix.summary.contains("2026-11-28T11:55:00Z (5 minutes ago)"),
        "{}",
        fix.summary
    );
    assert!(fix.summary.contains(&format!("iss \"{GITHUB}\"")));
    let fix = derive_ok(
        "InvalidIdentityToken",
        &format!("No OpenIDConnect provider found in your account for {GITHUB}"),
        &web(role, claims),
    );
    assert_eq!(
        fix.commands,
        vec![format!(
            "aws iam create-open-id-connect-provider --url {GITHUB} --client-id-list sts.amazonaws.com"
        )]
    );
    assert!(
        parse(&fix.trust_statement)["Condition"]["StringEquals"]["token.actions.githubusercontent.com:aud"]
            == json!("sts.amazonaws.com")
    );
    let fix = derive_ok("InvalidIdentityToken", "Incorrect token audience", &web(role, claims));
    assert_eq!(fix.commands, vec!["aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com --client-id sts.amazonaws.com".to_owned()]);
    let fix = derive_ok(
        "IDPRejectedClaim",
        "Couldn't retrieve verification key from your identity provider",
        &web(role, claims),
    );
    assert!(
        fix.summary.contains("IDPRejectedClaim") || fix.summary.contains("audience"),
        "{}",
        fix.summary
    );
}

#[test]
fn region_disabled() {
    let msg = "STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.";
    let fix = derive_ok(
        "RegionDisabledException",
        msg,
        &RequestFacts {
            region: "af-south-1",
            ..facts("AssumeRole")
        },
    );
    assert_eq!(
        fix.commands,
        vec!["aws account enable-region --region-name af-south-1".to_owned()]
    );
    assert!(fix.summary.contains("account 123456789012"));
    let fix = derive_ok(
        "RegionDisabledException",
        msg,
        &RequestFacts {
            region: "eu-west-3",
            ..facts("AssumeRole")
        },
    );
    assert!(fix.commands.is_empty());
    assert!(fix
        .notes
        .iter()
        .any(|n| n.contains("Account settings")
            && n.contains("https://console.aws.amazon.com/iam/home#/account_settings")));
    let fix = derive_ok(
        "RegionDisabledException",
        msg,
        &RequestFacts {
            region: "cn-northwest-1",
            ..facts("AssumeRole")
        },
    );
    assert!(fix.notes.iter().any(|n| n.contains("https://console.amazonaws.cn/")));
}

#[test]
fn global_endpoint_token_in_an_opt_in_region() {
    let msg = "The security token included in the request is invalid.";
    let f = RequestFacts {
        region: "me-south-1",
        used_session_token: true,
        ..facts("AssumeRole")
    };
    let fix = derive_ok("InvalidClientTokenId", msg, &f);
    assert_eq!(
        fix.commands,
        vec!["aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token".to_owned()]
    );
    assert!(fix.summary.contains("https://sts.me-south-1.amazonaws.com"));
    assert!(derive(
        "InvalidClientTokenId",
        msg,
        &RequestFacts {
            used_session_token: false,
            ..f.clone()
        }
    )
    .is_none());
}

#[test]
fn expired_source_credentials_say_how_long_ago() {
    let f = RequestFacts {
        source_expires_ms: Some(NOW - 3 * 3600 * 1000),
        used_session_token: true,
        ..facts("AssumeRole")
    };
    let fix = derive_ok(
        "ExpiredToken",
        "The security token included in the request is expired",
        &f,
    );
    assert!(
        fix.summary.contains("expired 3 hours ago (at 2026-11-28T09:00:00Z)"),
        "{}",
        fix.summary
    );
    let fix = derive_ok(
        "ExpiredToken",
        "The security token included in the request is expired",
        &facts("GetCallerIdentity"),
    );
    assert!(fix.summary.contains("expired:"));
}

const ENCODED: &str = "4GIOHlTkIaWHQD0Q0m6XSnuUMCm-abcDEF_123xyz+/=";

#[test]
fn encoded_authorization_failure_messages_become_a_decode_command() {
    let role = "arn:aws:iam::123456789012:role/x";
    let msg = format!(
        "{} Encoded authorization failure message: {ENCODED}",
        denied("arn:aws:iam::123456789012:user/Bob", "sts:AssumeRole", role)
    );
    let fix = derive_ok(
        "AccessDenied",
        &msg,
        &RequestFacts {
            region: "eu-west-1",
            ..assume(role)
        },
    );
    assert_eq!(fix.encoded_message.as_deref(), Some(ENCODED));
    assert_eq!(
        fix.commands.last().unwrap(),
        &format!("aws sts decode-authorization-message --region eu-west-1 --encoded-message {ENCODED} --query DecodedMessage --output text")
    );
    assert!(
        fix.trust_statement.is_some(),
        "the decode step is added to the policy fix"
    );
    // An error with no fix of its own still gets the decode step.
    let fix = derive_ok(
        "UnauthorizedOperation",
        &format!("You are not authorized to perform this operation. Encoded authorization failure message: {ENCODED}"),
        &facts("DecodeAuthorizationMessage"),
    );
    assert_eq!(fix.commands.len(), 1);
    assert!(fix.summary.contains("encoded the reason"));
    // A cut-off or absent token: nothing to decode.
    assert!(derive(
        "UnauthorizedOperation",
        "Encoded authorization failure message: ab",
        &facts("X")
    )
    .is_none());
}

#[test]
fn unknown_errors_have_no_fix() {
    assert!(derive("Throttling", "Rate exceeded", &facts("AssumeRole")).is_none());
    assert!(
        derive(
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: sts:AssumeRole",
            &facts("AssumeRole")
        )
        .is_none(),
        "no role known"
    );
}

/// Hostile messages and claims: a caller ARN outside IAM's grammar is not used at all; claims end up
/// only as JSON strings and quoted words; and the real bash, running every command with `aws` defined
/// as a function that prints its arguments, runs nothing else.
#[cfg(unix)]
#[test]
fn hostile_values_never_become_shell() {
    let dir = std::env::temp_dir().join(format!("arw-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let canary = dir.join("pwned");
    let c = canary.display().to_string();
    let role = "arn:aws:iam::123456789012:role/x";

    let injected_caller = format!("arn:aws:iam::123456789012:user/Bob';touch${{IFS}}{c};'");
    let fix = derive_ok(
        "AccessDenied",
        &denied(&injected_caller, "sts:AssumeRole", role),
        &assume(role),
    );
    assert!(fix.trust_statement.is_none() && fix.commands.is_empty(), "{fix:?}");

    let bad_aud: &'static str = Box::leak(format!("x'\"`$(touch {c})`\\'; touch {c}; echo '").into_boxed_str());
    let bad_sub: &'static str = Box::leak(format!("a\nb'$(touch {c})").into_boxed_str());
    let claims = TokenClaims {
        iss: Some(GITHUB),
        aud: Some(bad_aud),
        sub: Some(bad_sub),
        exp: None,
    };
    let mut fixes = vec![
        derive_ok(
            "AccessDenied",
            "Not authorized to perform sts:AssumeRoleWithWebIdentity",
            &web(role, claims),
        ),
        derive_ok(
            "InvalidIdentityToken",
            &format!("No OpenIDConnect provider found in your account for {GITHUB}"),
            &web(role, claims),
        ),
        derive_ok("InvalidIdentityToken", "Incorrect token audience", &web(role, claims)),
    ];
    let msg = format!("denied. Encoded authorization failure message: abcdefghijklmnopqrstuvwxyz';touch {c};'");
    fixes.push(derive_ok("AccessDenied", &msg, &facts("GetCallerIdentity")));
    let trust = parse(&fixes[0].trust_statement);
    assert_eq!(
        trust["Condition"]["StringEquals"]["token.actions.githubusercontent.com:aud"],
        json!(bad_aud)
    );
    assert!(
        trust["Condition"]["StringEquals"]
            .get("token.actions.githubusercontent.com:sub")
            .is_none(),
        "a claim with a line break is left out"
    );

    let mut ran = 0;
    for cmd in fixes.iter().flat_map(|f| &f.commands) {
        let script = format!("aws() {{ printf '<%s>' \"$@\"; echo; }}\n{cmd}\n");
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .output()
            .unwrap();
        assert!(out.status.success(), "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!canary.exists(), "{cmd} ran an injected command");
        let printed = String::from_utf8(out.stdout).unwrap();
        if cmd.contains("create-open-id-connect-provider") || cmd.contains("add-client-id") {
            assert!(
                printed.contains(&format!("<{bad_aud}>")),
                "the claim arrives as one argument: {printed}"
            );
        }
        ran += 1;
    }
    assert!(ran >= 4, "{ran}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every caller kind × partition × operation: the principal and resource ARNs keep the partition, the
/// IAM commands reach that partition's IAM (`--region` outside aws), and nothing else differs.
#[test]
fn every_caller_kind_partition_and_operation() {
    for (p, region, flag) in [
        ("aws", "us-east-1", ""),
        ("aws-cn", "cn-north-1", " --region cn-north-1"),
        ("aws-us-gov", "us-gov-west-1", " --region us-gov-west-1"),
    ] {
        let role = format!("arn:{p}:iam::111122223333:role/target");
        let callers = [
            (
                format!("arn:{p}:iam::123456789012:user/Bob"),
                Some("put-user-policy"),
                json!(format!("arn:{p}:iam::123456789012:user/Bob")),
            ),
            (
                format!("arn:{p}:sts::123456789012:assumed-role/A/s1"),
                Some("put-role-policy"),
                json!([
                    format!("arn:{p}:iam::123456789012:role/A"),
                    format!("arn:{p}:sts::123456789012:assumed-role/A/s1")
                ]),
            ),
            (
                format!("arn:{p}:sts::123456789012:federated-user/carol"),
                None,
                json!(format!("arn:{p}:sts::123456789012:federated-user/carol")),
            ),
        ];
        for (caller, identity_verb, principal) in &callers {
            let f = RequestFacts {
                role_arn: Some(&role),
                region,
                ..facts("AssumeRole")
            };
            let fix = derive_ok("AccessDenied", &denied(caller, "sts:AssumeRole", &role), &f);
            assert_eq!(parse(&fix.trust_statement)["Principal"]["AWS"], *principal, "{caller}");
            assert_eq!(parse(&fix.identity_statement)["Resource"], json!(role));
            assert!(
                fix.commands[0].starts_with(&format!("aws iam update-assume-role-policy{flag} ")),
                "{}",
                fix.commands[0]
            );
            match identity_verb {
                Some(verb) => assert!(
                    fix.commands[1].starts_with(&format!("aws iam {verb}{flag} ")),
                    "{}",
                    fix.commands[1]
                ),
                None => assert_eq!(fix.commands.len(), 1),
            }
            assert!(
                fix.notes.iter().any(|n| n.contains("different accounts")),
                "cross-account: {:?}",
                fix.notes
            );
            for op in [
                "GetFederationToken",
                "GetSessionToken",
                "DecodeAuthorizationMessage",
                "GetAccessKeyInfo",
            ] {
                let msg = format!("User: {caller} is not authorized to perform: sts:{op}");
                let fix = derive_ok("AccessDenied", &msg, &RequestFacts { region, ..facts(op) });
                assert_eq!(parse(&fix.identity_statement)["Action"], json!(format!("sts:{op}")));
                assert!(fix.trust_statement.is_none());
                if let Some(verb) = identity_verb {
                    assert!(
                        fix.commands[0].starts_with(&format!("aws iam {verb}{flag} ")),
                        "{}",
                        fix.commands[0]
                    );
                }
            }
        }
        let root = format!("arn:{p}:iam::123456789012:root");
        let fix = derive_ok(
            "AccessDenied",
            &denied(&root, "sts:AssumeRole", &role),
            &RequestFacts {
                role_arn: Some(&role),
                region,
                ..facts("AssumeRole")
            },
        );
        assert_eq!(
            parse(&fix.trust_statement)["Principal"]["AWS"],
            json!(format!("arn:{p}:iam::111122223333:root"))
        );
        let fix = derive_ok(
            "AccessDenied",
            &format!("User: {root} is not authorized to perform: sts:GetFederationToken"),
            &RequestFacts {
                region,
                ..facts("GetFederationToken")
            },
        );
        assert!(
            fix.summary
                .starts_with(&format!("Account root user {root} may not call sts:GetFederationToken")),
            "{}",
            fix.summary
        );
        assert!(fix.notes.iter().any(|n| n.contains("service control policy")));
    }
}
