//! JS values ↔ core types. Type errors become `InvalidParameter` naming the option, so `{ durationSeconds:
//! "3600" }` or `null` options get the same clear error as a value out of range.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, Operation, Result};
use crate::exports::RenderOptions;
use crate::params::{self, AssumeRoleInput, SessionTokenInput, SourceCredentials, Tag, Target};
use crate::response::{Credentials, Output};
use crate::secret::Secret;

// Catching versions of the few JS operations a hostile value (a Proxy whose traps throw, a revoked Proxy)
// can make throw. Without `catch`, the exception would unwind through the wasm frames and escape the
// call synchronously instead of becoming an `StsError` rejection.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(v: &JsValue) -> core::result::Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(v: &JsValue) -> core::result::Result<bool, JsValue>;
    /// A real array copied from an array-like (reads every element through the proxy's traps, once).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(v: &JsValue) -> core::result::Result<Array, JsValue>;
}

fn is_array(v: &JsValue) -> bool {
    v.is_object() && array_is_array(v).unwrap_or(false)
}

/// Own enumerable string keys; `None` when the object refuses to list them.
fn keys_of(v: &JsValue) -> Option<Vec<String>> {
    object_keys(v)
        .ok()
        .map(|keys| keys.iter().filter_map(|k| k.as_string()).collect())
}

fn type_name(v: &JsValue) -> &'static str {
    // `undefined` first: it is not an object, and "got an object" for a missing argument misleads.
    if v.is_undefined() {
        "undefined"
    } else if v.is_null() {
        "null"
    } else if is_array(v) {
        "an array"
    } else if v.is_function() {
        "a function"
    } else if v.is_string() {
        "a string"
    } else if v.as_f64().is_some() {
        "a number"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if v.is_bigint() {
        "a bigint"
    } else if v.is_symbol() {
        "a symbol"
    } else {
        "an object"
    }
}

fn wrong_type(field: &str, expected: &str, got: &JsValue) -> Error {
    Error::invalid(field, format!("expected {expected}, got {}", type_name(got)))
}

/// A property, or `undefined` when the object is unusable or a getter throws.
fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn is_absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !is_array(v) && !v.is_function()
}

pub fn required_string(v: &JsValue, field: &str) -> Result<String> {
    if is_absent(v) {
        return Err(Error::invalid(field, "is required"));
    }
    v.as_string().ok_or_else(|| wrong_type(field, "a string", v))
}

/// The caller's options object, with unknown keys already rejected.
pub struct Options(JsValue);

impl Options {
    pub fn read(opts: &JsValue, extra: &[&str]) -> Result<Options> {
        if !is_plain_object(opts) {
            return Err(Error::invalid(
                "options",
                format!(
                    "expected an options object such as {{ accessKeyId, secretAccessKey, … }}, got {}",
                    type_name(opts)
                ),
            ));
        }
        let keys =
            keys_of(opts).ok_or_else(|| Error::invalid("options", "could not be read (its keys threw an error)"))?;
        params::check_known_options(&keys, extra)?;
        Ok(Options(opts.clone()))
    }

    fn string(&self, key: &str) -> Result<Option<String>> {
        let v = get(&self.0, key);
        if is_absent(&v) {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| wrong_type(key, "a string", &v))
    }

    fn required(&self, key: &str) -> Result<String> {
        self.string(key)?.ok_or_else(|| Error::invalid(key, "is required"))
    }

    fn number(&self, key: &str) -> Result<Option<f64>> {
        let v = get(&self.0, key);
        if is_absent(&v) {
            return Ok(None);
        }
        v.as_f64().map(Some).ok_or_else(|| wrong_type(key, "a number", &v))
    }

    fn array(&self, key: &str) -> Result<Vec<JsValue>> {
        let v = get(&self.0, key);
        if is_absent(&v) {
            return Ok(Vec::new());
        }
        if !is_array(&v) {
            return Err(wrong_type(key, "an array", &v));
        }
        let array = array_from(&v).map_err(|_| Error::invalid(key, "could not be read (reading it threw an error)"))?;
        if array.length() > 1000 {
            return Err(Error::invalid(key, "has far too many entries"));
        }
        Ok(array.iter().collect())
    }

    fn strings(&self, key: &str) -> Result<Vec<String>> {
        self.array(key)?
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_string()
                    .ok_or_else(|| wrong_type(&format!("{key}[{i}]"), "a string", v))
            })
            .collect()
    }

    pub fn source(&self) -> Result<SourceCredentials> {
        Ok(SourceCredentials {
            access_key_id: self.required("accessKeyId")?,
            secret_access_key: Secret::new(self.required("secretAccessKey")?),
            session_token: self.string("sessionToken")?.filter(|t| !t.is_empty()).map(Secret::new),
        })
    }

    pub fn target(&self) -> Result<Target> {
        let fips = get(&self.0, "useFips");
        let use_fips = if is_absent(&fips) {
            false
        } else {
            fips.as_bool()
                .ok_or_else(|| wrong_type("useFips", "true or false", &fips))?
        };
        Ok(Target {
            region: self.string("region")?,
            use_fips,
            endpoint: self.string("endpoint")?,
        })
    }

    pub fn transport(&self) -> Result<Transport> {
        let timeout_ms = match self.number("timeoutMs")? {
            Some(ms) => params::check_timeout(ms)?,
            None => params::DEFAULT_TIMEOUT_MS,
        };
        let fetch = get(&self.0, "fetch");
        let fetch = if is_absent(&fetch) {
            None
        } else {
            Some(
                fetch
                    .dyn_into::<Function>()
                    .map_err(|v| wrong_type("fetch", "a function like the global fetch", &v))?,
            )
        };
        Ok(Transport { timeout_ms, fetch })
    }

    pub fn assume_role(&self) -> Result<AssumeRoleInput> {
        let tags = self
            .array("tags")?
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let field = format!("tags[{i}]");
                if !is_plain_object(t) {
                    return Err(wrong_type(&field, "an object { key, value }", t));
                }
                let key = get(t, "key");
                let value = get(t, "value");
                Ok(Tag {
                    key: key
                        .as_string()
                        .ok_or_else(|| wrong_type(&format!("{field}.key"), "a string", &key))?,
                    value: value
                        .as_string()
                        .ok_or_else(|| wrong_type(&format!("{field}.value"), "a string", &value))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(AssumeRoleInput {
            role_arn: self.required("roleArn")?,
            role_session_name: self.required("roleSessionName")?,
            duration_seconds: self.number("durationSeconds")?,
            external_id: self.string("externalId")?,
            policy: self.string("policy")?,
            policy_arns: self.strings("policyArns")?,
            serial_number: self.string("serialNumber")?,
            token_code: self.string("tokenCode")?,
            tags,
            transitive_tag_keys: self.strings("transitiveTagKeys")?,
            source_identity: self.string("sourceIdentity")?,
        })
    }

    pub fn session_token_input(&self) -> Result<SessionTokenInput> {
        Ok(SessionTokenInput {
            duration_seconds: self.number("durationSeconds")?,
            serial_number: self.string("serialNumber")?,
            token_code: self.string("tokenCode")?,
        })
    }
}

/// How to send: the deadline and an optional caller-supplied fetch.
pub struct Transport {
    pub timeout_ms: u32,
    pub fetch: Option<Function>,
}

/// `renderExports`' credentials argument: the object assumeRole returned (extra keys are fine).
pub fn credentials_from_js(v: &JsValue) -> Result<Credentials> {
    if !is_plain_object(v) {
        return Err(wrong_type(
            "credentials",
            "the credentials object { accessKeyId, secretAccessKey, sessionToken, expiration }",
            v,
        ));
    }
    let s = |key: &str| -> Result<String> {
        let value = get(v, key);
        let field = format!("credentials.{key}");
        if key == "expiration" {
            if let Some(date) = value.dyn_ref::<js_sys::Date>() {
                // toISOString throws on an invalid Date.
                if date.get_time().is_nan() {
                    return Err(Error::invalid(field, "is an invalid Date"));
                }
                return date
                    .to_iso_string()
                    .as_string()
                    .ok_or_else(|| Error::invalid(field, "is an invalid Date"));
            }
        }
        required_string(&value, &field)
    };
    Ok(Credentials {
        access_key_id: s("accessKeyId")?,
        secret_access_key: Secret::new(s("secretAccessKey")?),
        session_token: Secret::new(s("sessionToken")?),
        expiration: s("expiration")?,
    })
}

pub fn render_options(v: &JsValue) -> Result<RenderOptions> {
    if is_absent(v) {
        return Ok(RenderOptions::default());
    }
    if !is_plain_object(v) {
        return Err(wrong_type("options", "an object such as { profile: \"default\" }", v));
    }
    let keys = keys_of(v).ok_or_else(|| Error::invalid("options", "could not be read (its keys threw an error)"))?;
    // The same rule as the call options: a non-identifier key is not echoed (it could be a pasted secret).
    params::check_known_options(&keys, &["profile"]).map_err(|_| {
        let bad = keys.iter().find(|k| *k != "profile").map_or("options", |k| {
            if k.len() <= 32 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                k
            } else {
                "options"
            }
        });
        Error::invalid(bad, "unknown option; renderExports takes only `profile`")
    })?;
    let profile = get(v, "profile");
    Ok(RenderOptions {
        profile: if is_absent(&profile) {
            None
        } else {
            Some(
                profile
                    .as_string()
                    .ok_or_else(|| wrong_type("profile", "a string", &profile))?,
            )
        },
    })
}

fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

fn credentials_to_js(c: &Credentials) -> Object {
    let o = Object::new();
    set(&o, "accessKeyId", c.access_key_id.as_str());
    set(&o, "secretAccessKey", c.secret_access_key.expose());
    set(&o, "sessionToken", c.session_token.expose());
    set(&o, "expiration", c.expiration.as_str());
    o
}

pub fn output_to_js(output: &Output) -> JsValue {
    let o = Object::new();
    let request_id = match output {
        Output::AssumeRole(r) => {
            set(&o, "credentials", credentials_to_js(&r.credentials));
            let user = Object::new();
            set(&user, "arn", r.assumed_role_arn.as_str());
            set(&user, "assumedRoleId", r.assumed_role_id.as_str());
            set(&o, "assumedRoleUser", user);
            if let Some(size) = r.packed_policy_size {
                set(&o, "packedPolicySize", size);
            }
            if let Some(source) = &r.source_identity {
                set(&o, "sourceIdentity", source.as_str());
            }
            &r.request_id
        }
        Output::CallerIdentity(id) => {
            set(&o, "account", id.account.as_str());
            set(&o, "arn", id.arn.as_str());
            set(&o, "userId", id.user_id.as_str());
            &id.request_id
        }
        Output::SessionToken(t) => {
            set(&o, "credentials", credentials_to_js(&t.credentials));
            &t.request_id
        }
    };
    if let Some(id) = request_id {
        set(&o, "requestId", id.as_str());
    }
    o.into()
}

/// A real `Error` named `StsError` with `code`, and `status`, `requestId`, `field`, `hint` where they apply.
pub fn to_js_error(e: &Error, op: Operation, used_session_token: bool) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("StsError");
    let obj: &Object = err.unchecked_ref();
    set(obj, "code", e.code());
    if let Some(status) = e.status() {
        set(obj, "status", status);
    }
    if let Some(id) = e.request_id() {
        set(obj, "requestId", id);
    }
    if let Some(field) = e.field() {
        set(obj, "field", field);
    }
    if let Some(hint) = e.hint(op, used_session_token) {
        set(obj, "hint", hint);
    }
    err.into()
}
