//! The keyless sign-in helpers for JS: `decodeJwtClaims` (what an OIDC token says, unverified) and
//! `samlRoles` (the roles a SAML response offers). Pure core calls; the only IO here is the clock.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::{required_string, to_js_error};
use crate::error::Error;
use crate::json_reader::Value;
use crate::{jwt, saml};

fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    // A data property on a fresh plain object: cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

/// A parsed claim as a plain JS value. Objects are built with `Object.fromEntries`, which defines own
/// properties: a claim named `__proto__` stays a claim instead of replacing the object's prototype.
fn value_to_js(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(text) => JsValue::from_f64(js_sys::Number::parse_float(text)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(value_to_js).collect::<Array>().into(),
        Value::Object(members) => {
            let entries: Array = members
                .iter()
                .map(|(k, v)| Array::of2(&JsValue::from_str(k), &value_to_js(v)))
                .collect();
            Object::from_entries(&entries).map_or(JsValue::NULL, JsValue::from)
        }
    }
}

/// `Date.now()`, or the caller's instant (tests, or a server clock the caller trusts more).
fn now_ms(now: &JsValue) -> Result<u64, Error> {
    if now.is_undefined() || now.is_null() {
        return Ok(js_sys::Date::now().max(0.0) as u64);
    }
    match now.as_f64() {
        Some(ms) if ms.is_finite() && ms >= 0.0 => Ok(ms as u64),
        _ => Err(Error::invalid(
            "now",
            "expected epoch milliseconds (a finite number ≥ 0), or nothing for the current time",
        )),
    }
}

fn to_js(e: &Error) -> JsValue {
    // Input errors only, found before any call.
    to_js_error(e, &super::NO_CALL)
}

/// What an OIDC token (JWT) says — NOT verified (STS verifies it): header, claims, and `iss`, `aud`
/// (always a list), `sub`, `exp`/`iat`/`nbf` (seconds), `expiresAt` (ISO-8601), `expired`, and
/// `expiry` in words ("expired 4 minutes ago"). Throws an `StsError` naming `webIdentityToken`.
#[wasm_bindgen(js_name = decodeJwtClaims, skip_typescript)]
pub fn decode_jwt_claims(token: JsValue, now: JsValue) -> Result<JsValue, JsValue> {
    let decoded = (|| {
        let token = required_string(&token, jwt::FIELD)?;
        jwt::decode_jwt_claims(&token, now_ms(&now)?)
    })();
    let info = decoded.map_err(|e| to_js(&e))?;
    let o = Object::new();
    set(&o, "header", value_to_js(&info.header));
    set(&o, "claims", value_to_js(&info.claims));
    if let Some(iss) = &info.iss {
        set(&o, "iss", iss.as_str());
    }
    set(
        &o,
        "aud",
        info.aud.iter().map(|a| JsValue::from_str(a)).collect::<Array>(),
    );
    if let Some(sub) = &info.sub {
        set(&o, "sub", sub.as_str());
    }
    for (name, value) in [("exp", info.exp), ("iat", info.iat), ("nbf", info.nbf)] {
        if let Some(seconds) = value {
            set(&o, name, seconds as f64);
        }
    }
    if let Some(iso) = &info.expires_at {
        set(&o, "expiresAt", iso.as_str());
    }
    if let Some(expired) = info.expired {
        set(&o, "expired", expired);
    }
    set(&o, "expiry", info.expiry.as_str());
    Ok(o.into())
}

/// The role/provider pairs of a SAML response's `https://aws.amazon.com/SAML/Attributes/Role`
/// attribute, as `[{ roleArn, principalArn }]`. Takes the base64 SAMLResponse (as posted) or the XML.
/// Not verified (STS verifies it). Throws an `StsError` naming `samlAssertion`.
#[wasm_bindgen(js_name = samlRoles, skip_typescript)]
pub fn saml_roles(assertion: JsValue) -> Result<JsValue, JsValue> {
    let roles = required_string(&assertion, saml::FIELD)
        .and_then(|a| saml::saml_roles(&a))
        .map_err(|e| to_js(&e))?;
    Ok(roles
        .iter()
        .map(|r| {
            let o = Object::new();
            set(&o, "roleArn", r.role_arn.as_str());
            set(&o, "principalArn", r.principal_arn.as_str());
            JsValue::from(o)
        })
        .collect::<Array>()
        .into())
}
