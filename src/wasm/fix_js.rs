//! `err.fix` at the JS boundary, split over the two wasm modules (src/wasm/mod.rs):
//!
//! - the main module, when a call fails with an STS error, reads the facts of the request from the plan
//!   (by the model's member names: RoleArn, Tags, …) and keeps them on the error under a non-enumerable
//!   symbol property (role ARN, flags, region: no secret);
//! - the extras module, which the JS runner loads only then, derives the core's `Fix` from those facts
//!   (`attachFix`, adding the web identity token's claims: the token itself never goes on the error) and
//!   re-derives it in `fixFor(err, { callerArn })` for a page or CLI that learns who the caller is after
//!   the fact (a GetCallerIdentity result it already has).

#[cfg(feature = "extras")]
use js_sys::{Array, JSON};
use js_sys::{Object, Reflect, Symbol};
use wasm_bindgen::prelude::*;

#[cfg(not(feature = "extras"))]
use crate::error::Error;
use crate::fix::OwnedClaims;
#[cfg(feature = "extras")]
use crate::fix::{self, Fix, RequestFacts};
#[cfg(not(feature = "extras"))]
use crate::plan::Plan;

/// The facts of one request, owned (the plan is gone by the time `fixFor` runs).
#[derive(Default)]
struct Context {
    action: String,
    role_arn: Option<String>,
    principal_arn: Option<String>,
    /// The web identity token's claims (never the token: it is a secret). Added by the extras module.
    #[cfg_attr(not(feature = "extras"), allow(dead_code))]
    claims: Option<OwnedClaims>,
    has_tags: bool,
    has_transitive_tag_keys: bool,
    has_source_identity: bool,
    has_external_id: bool,
    has_mfa: bool,
    used_session_token: bool,
    /// When the source credentials expire, when the caller said (`expiration`): ExpiredToken says how long ago.
    source_expires_ms: Option<u64>,
    region: String,
}

/// The request facts from the plan's validated input, by the model's member names. The token's claims
/// are left to the extras module (decoding a JWT is its code, not the main module's).
#[cfg(not(feature = "extras"))]
fn context_from_plan(plan: &Plan) -> Context {
    let input = &plan.input;
    Context {
        action: plan.operation.action.to_owned(),
        role_arn: input.str("RoleArn").map(str::to_owned),
        principal_arn: input.str("PrincipalArn").map(str::to_owned),
        claims: None,
        has_tags: input.has("Tags"),
        has_transitive_tag_keys: input.has("TransitiveTagKeys"),
        has_source_identity: input.has("SourceIdentity"),
        has_external_id: input.has("ExternalId"),
        has_mfa: input.has("SerialNumber") || input.has("TokenCode"),
        used_session_token: plan.used_session_token(),
        source_expires_ms: plan.source_expiration_ms(),
        region: plan.endpoint.signing_region.clone(),
    }
}

#[cfg(feature = "extras")]
fn derive(code: &str, message: &str, ctx: &Context, known_caller_arn: Option<&str>) -> Option<Fix> {
    let facts = RequestFacts {
        action: &ctx.action,
        role_arn: ctx.role_arn.as_deref(),
        principal_arn: ctx.principal_arn.as_deref(),
        web_identity: ctx.claims.as_ref().map(OwnedClaims::as_claims),
        has_tags: ctx.has_tags,
        has_transitive_tag_keys: ctx.has_transitive_tag_keys,
        has_source_identity: ctx.has_source_identity,
        has_external_id: ctx.has_external_id,
        has_mfa: ctx.has_mfa,
        used_session_token: ctx.used_session_token,
        source_expires_ms: ctx.source_expires_ms,
        known_caller_arn,
        region: &ctx.region,
        now_ms: js_sys::Date::now() as u64,
    };
    fix::derive(code, message, &facts)
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

#[cfg(feature = "extras")]
fn get(obj: &JsValue, key: &JsValue) -> JsValue {
    Reflect::get(obj, key).unwrap_or(JsValue::UNDEFINED)
}

#[cfg(feature = "extras")]
/// `{ summary, trustStatement?, identityStatement?, commands, notes, encodedMessage? }`
fn fix_to_js(fix: &Fix) -> JsValue {
    let o = Object::new();
    set(&o, "summary", &JsValue::from_str(&fix.summary));
    for (key, text) in [
        ("trustStatement", &fix.trust_statement),
        ("identityStatement", &fix.identity_statement),
    ] {
        if let Some(parsed) = text.as_deref().and_then(|t| JSON::parse(t).ok()) {
            set(&o, key, &parsed);
        }
    }
    let list = |items: &[String]| items.iter().map(|s| JsValue::from_str(s)).collect::<Array>();
    set(&o, "commands", &list(&fix.commands));
    set(&o, "notes", &list(&fix.notes));
    if let Some(token) = &fix.encoded_message {
        set(&o, "encodedMessage", &JsValue::from_str(token));
    }
    o.into()
}

fn context_key() -> Symbol {
    Symbol::for_("assume-role-wasm.fixContext")
}

#[cfg(not(feature = "extras"))]
fn context_to_js(ctx: &Context) -> Object {
    let o = Object::new();
    set(&o, "action", &JsValue::from_str(&ctx.action));
    for (key, value) in [("roleArn", &ctx.role_arn), ("principalArn", &ctx.principal_arn)] {
        if let Some(v) = value {
            set(&o, key, &JsValue::from_str(v));
        }
    }
    for (k, v) in [
        ("hasTags", ctx.has_tags),
        ("hasTransitiveTagKeys", ctx.has_transitive_tag_keys),
        ("hasSourceIdentity", ctx.has_source_identity),
        ("hasExternalId", ctx.has_external_id),
        ("hasMfa", ctx.has_mfa),
        ("usedSessionToken", ctx.used_session_token),
    ] {
        set(&o, k, &JsValue::from_bool(v));
    }
    set(&o, "region", &JsValue::from_str(&ctx.region));
    if let Some(ms) = ctx.source_expires_ms {
        set(&o, "sourceExpiresMs", &JsValue::from_f64(ms as f64));
    }
    // Not frozen yet: the extras module adds the token's claims, then freezes it (`attachFix`).
    o
}

/// The claims as the context keeps them (strings and `exp` only).
#[cfg(feature = "extras")]
fn claims_to_js(c: &OwnedClaims) -> Object {
    let claims = Object::new();
    for (key, value) in [("iss", &c.iss), ("aud", &c.aud), ("sub", &c.sub)] {
        if let Some(v) = value {
            set(&claims, key, &JsValue::from_str(v));
        }
    }
    if let Some(exp) = c.exp {
        set(&claims, "exp", &JsValue::from_f64(exp as f64));
    }
    Object::freeze(&claims)
}

#[cfg(feature = "extras")]
fn context_from_js(v: &JsValue) -> Context {
    let s = |k: &str| get(v, &JsValue::from_str(k)).as_string();
    let b = |k: &str| get(v, &JsValue::from_str(k)).as_bool().unwrap_or(false);
    Context {
        action: s("action").unwrap_or_default(),
        role_arn: s("roleArn"),
        principal_arn: s("principalArn"),
        claims: {
            let c = get(v, &JsValue::from_str("claims"));
            c.is_object().then(|| {
                let s = |k: &str| get(&c, &JsValue::from_str(k)).as_string();
                OwnedClaims {
                    iss: s("iss"),
                    aud: s("aud"),
                    sub: s("sub"),
                    exp: get(&c, &JsValue::from_str("exp"))
                        .as_f64()
                        .filter(|e| e.is_finite() && e.abs() < 1e15)
                        .map(|e| e as i64),
                }
            })
        },
        has_tags: b("hasTags"),
        has_transitive_tag_keys: b("hasTransitiveTagKeys"),
        has_source_identity: b("hasSourceIdentity"),
        has_external_id: b("hasExternalId"),
        has_mfa: b("hasMfa"),
        used_session_token: b("usedSessionToken"),
        source_expires_ms: get(v, &JsValue::from_str("sourceExpiresMs"))
            .as_f64()
            .filter(|ms| ms.is_finite() && (0.0..1e15).contains(ms))
            .map(|ms| ms as u64),
        region: s("region").unwrap_or_default(),
    }
}

/// Keep the request's facts on an STS error for the extras module's `attachFix` and `fixFor` (main module).
#[cfg(not(feature = "extras"))]
pub fn with_fix_context(err: JsValue, e: &Error, plan: &Plan) -> JsValue {
    if !matches!(e, Error::Sts { .. }) {
        return err;
    }
    let descriptor = Object::new();
    set(&descriptor, "value", &context_to_js(&context_from_plan(plan)));
    let obj: &Object = err.unchecked_ref();
    let _ = Reflect::define_property(obj, &context_key(), &descriptor);
    err
}

/// `attachFix(err, webIdentityToken?)`, called by the JS runner when a call failed with an error that
/// carries the request's facts: adds the token's claims to the facts (then freezes them) and sets
/// `err.fix` when one can be derived. The token is read, never kept.
#[cfg(feature = "extras")]
#[wasm_bindgen(js_name = attachFix, skip_typescript)]
pub fn attach_fix(err: JsValue, web_identity_token: JsValue) {
    let ctx_js = get(&err, &context_key());
    let Some(ctx_obj) = ctx_js.dyn_ref::<Object>() else {
        return;
    };
    if !Object::is_frozen(ctx_obj) {
        if let Some(claims) = web_identity_token.as_string().and_then(|t| OwnedClaims::from_jwt(&t)) {
            set(ctx_obj, "claims", &claims_to_js(&claims).into());
        }
        Object::freeze(ctx_obj);
    }
    let _ = fix_for(err, JsValue::UNDEFINED);
}

/// `fixFor(err, { callerArn })`: the fix for an `StsError` re-derived with what the page or CLI knows
/// (a GetCallerIdentity ARN), also stored as `err.fix`. `undefined` when there is none.
#[cfg(feature = "extras")]
#[wasm_bindgen(js_name = fixFor, skip_typescript)]
pub fn fix_for(err: JsValue, known: JsValue) -> JsValue {
    if !err.is_object() {
        return JsValue::UNDEFINED;
    }
    let (Some(code), Some(message)) = (
        get(&err, &"code".into()).as_string(),
        get(&err, &"message".into()).as_string(),
    ) else {
        return JsValue::UNDEFINED;
    };
    let ctx = context_from_js(&get(&err, &context_key()));
    let caller = if known.is_object() {
        get(&known, &"callerArn".into()).as_string()
    } else {
        None
    };
    match derive(&code, &message, &ctx, caller.as_deref()) {
        Some(fix) => {
            let js = fix_to_js(&fix);
            if let Some(obj) = err.dyn_ref::<Object>() {
                set(obj, "fix", &js);
            }
            js
        }
        None => JsValue::UNDEFINED,
    }
}
