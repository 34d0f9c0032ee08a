//! JS values ↔ core types. Type errors become `InvalidParameter` naming the option, so `{ durationSeconds:
//! "3600" }` or `null` options get the same clear error as a value out of range.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::keys::with_key;
use crate::error::{Error, HintContext, Result};
#[cfg(feature = "extras")]
use crate::exports::RenderOptions;
use crate::input::{is_shorthand, Input, Value};
use crate::model::{Operation, Shape};
use crate::params::{self, SourceCredentials, Target};
#[cfg(feature = "extras")]
use crate::response::Credentials;
use crate::response::{OutValue, Output};
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
fn get(obj: &JsValue, key: &'static str) -> JsValue {
    with_key(key, |k| Reflect::get(obj, k)).unwrap_or(JsValue::UNDEFINED)
}

/// `get` for a name the caller chose (a map's keys): not cached.
fn get_named(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn is_absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !is_array(v) && !v.is_function()
}

#[cfg(feature = "extras")] // the extras module's exports only
pub fn required_string(v: &JsValue, field: &str) -> Result<String> {
    if is_absent(v) {
        return Err(Error::invalid(field, "is required"));
    }
    v.as_string().ok_or_else(|| wrong_type(field, "a string", v))
}

/// The caller's options object for one operation, with unknown keys already rejected.
pub struct Options {
    obj: JsValue,
    op: &'static Operation,
    keys: Vec<String>,
}

impl Options {
    pub fn read(opts: &JsValue, op: &'static Operation) -> Result<Options> {
        if !is_plain_object(opts) {
            let example = if op.signed {
                "{ accessKeyId, secretAccessKey, … }"
            } else {
                "{ roleArn, … }"
            };
            return Err(Error::invalid(
                "options",
                format!("expected an options object such as {example}, got {}", type_name(opts)),
            ));
        }
        let keys =
            keys_of(opts).ok_or_else(|| Error::invalid("options", "could not be read (its keys threw an error)"))?;
        params::check_known_options(&keys, op)?;
        Ok(Options {
            obj: opts.clone(),
            op,
            keys,
        })
    }

    #[cfg(feature = "extras")] // the extras module's exports only
    /// Only the options that say where a call goes (`resolveEndpoint`).
    pub fn read_target_only(opts: &JsValue, op: &'static Operation) -> Result<Options> {
        if !is_plain_object(opts) {
            return Err(wrong_type(
                "options",
                "an object such as { region: \"eu-west-1\" }",
                opts,
            ));
        }
        let keys =
            keys_of(opts).ok_or_else(|| Error::invalid("options", "could not be read (its keys threw an error)"))?;
        params::check_names(&keys, &["region", "useFips", "useDualStack", "endpoint"], "", None)?;
        Ok(Options {
            obj: opts.clone(),
            op,
            keys,
        })
    }

    fn string(&self, key: &'static str) -> Result<Option<String>> {
        let v = get(&self.obj, key);
        if is_absent(&v) {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| wrong_type(key, "a string", &v))
    }

    fn required(&self, key: &'static str) -> Result<String> {
        self.string(key)?.ok_or_else(|| Error::invalid(key, "is required"))
    }

    fn number(&self, key: &'static str) -> Result<Option<f64>> {
        let v = get(&self.obj, key);
        if is_absent(&v) {
            return Ok(None);
        }
        v.as_f64().map(Some).ok_or_else(|| wrong_type(key, "a number", &v))
    }

    fn flag(&self, key: &'static str) -> Result<bool> {
        let v = get(&self.obj, key);
        if is_absent(&v) {
            return Ok(false);
        }
        v.as_bool().ok_or_else(|| wrong_type(key, "true or false", &v))
    }

    /// The source credentials of a signed operation (`None` for an unsigned one).
    pub fn source(&self) -> Result<Option<SourceCredentials>> {
        if !self.op.signed {
            return Ok(None);
        }
        let expiration = get(&self.obj, "expiration");
        Ok(Some(SourceCredentials {
            access_key_id: self.required("accessKeyId")?,
            secret_access_key: Secret::new(self.required("secretAccessKey")?),
            session_token: self.string("sessionToken")?.filter(|t| !t.is_empty()).map(Secret::new),
            expiration: if is_absent(&expiration) {
                None
            } else {
                Some(date_string(&expiration, "expiration")?)
            },
        }))
    }

    pub fn target(&self) -> Result<Target> {
        Ok(Target {
            region: self.string("region")?,
            use_fips: self.flag("useFips")?,
            use_dual_stack: self.flag("useDualStack")?,
            endpoint: self.string("endpoint")?,
        })
    }

    pub fn transport(&self) -> Result<Transport> {
        let timeout_ms = match self.number("timeoutMs")? {
            Some(ms) => params::check_timeout(ms)?,
            None => params::DEFAULT_TIMEOUT_MS,
        };
        let fetch = get(&self.obj, "fetch");
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

    /// The operation's own members, converted by the shapes in the operation table.
    pub fn input(&self) -> Result<Input> {
        let mut input = Input::new(self.op);
        for (index, member) in self.op.input.iter().enumerate() {
            if !self.keys.iter().any(|k| k == member.js) {
                continue;
            }
            let v = get(&self.obj, member.js);
            if is_absent(&v) {
                continue;
            }
            input.members.push((index, to_value(member.js, member.shape, &v)?));
        }
        Ok(input)
    }
}

/// A string, or a `Date` as ISO-8601 (results carry strings; callers may have turned them into Dates).
fn date_string(v: &JsValue, field: &str) -> Result<String> {
    if let Some(date) = v.dyn_ref::<js_sys::Date>() {
        // toISOString throws on an invalid Date.
        if date.get_time().is_nan() {
            return Err(Error::invalid(field, "is an invalid Date"));
        }
        return date
            .to_iso_string()
            .as_string()
            .ok_or_else(|| Error::invalid(field, "is an invalid Date"));
    }
    v.as_string()
        .ok_or_else(|| wrong_type(field, "an ISO-8601 date string or a Date", v))
}

fn to_array(field: &str, v: &JsValue) -> Result<Vec<JsValue>> {
    if !is_array(v) {
        return Err(wrong_type(field, "an array", v));
    }
    let array = array_from(v).map_err(|_| Error::invalid(field, "could not be read (reading it threw an error)"))?;
    if array.length() > 1000 {
        return Err(Error::invalid(field, "has far too many entries"));
    }
    Ok(array.iter().collect())
}

/// One JS value → a core value of the member's shape. Type errors name the exact path (`tags[3].key`).
fn to_value(field: &str, shape: &'static Shape, v: &JsValue) -> Result<Value> {
    Ok(match shape {
        Shape::Str(_) => Value::Str(v.as_string().ok_or_else(|| wrong_type(field, "a string", v))?),
        Shape::Int { .. } => Value::Num(v.as_f64().ok_or_else(|| wrong_type(field, "a number", v))?),
        Shape::Bool => Value::Bool(v.as_bool().ok_or_else(|| wrong_type(field, "true or false", v))?),
        Shape::Timestamp => Value::Str(date_string(v, field)?),
        Shape::List { member, .. } => Value::List(
            to_array(field, v)?
                .iter()
                .enumerate()
                .map(|(i, item)| to_value(&format!("{field}[{i}]"), member, item))
                .collect::<Result<_>>()?,
        ),
        // `policyArns: ["arn:…"]` for `[{ arn: "arn:…" }]`, and `taskPolicyArn: "arn:…"`.
        Shape::Struct(members) if is_shorthand(shape) && v.is_string() => {
            Value::Struct(vec![(0, to_value(field, members[0].shape, v)?)])
        }
        Shape::Struct(members) => {
            if !is_plain_object(v) {
                let names: Vec<&str> = members.iter().map(|m| m.js).collect();
                return Err(wrong_type(field, &format!("an object {{ {} }}", names.join(", ")), v));
            }
            let keys =
                keys_of(v).ok_or_else(|| Error::invalid(field, "could not be read (its keys threw an error)"))?;
            let names: Vec<&str> = members.iter().map(|m| m.js).collect();
            params::check_names(&keys, &names, &format!("{field}."), None)?;
            let mut present = Vec::new();
            for (index, member) in members.iter().enumerate() {
                let value = get(v, member.js);
                let path = format!("{field}.{}", member.js);
                if is_absent(&value) {
                    // Required members of a nested structure: say so with the JS type the caller forgot.
                    if member.required {
                        return Err(wrong_type(&path, "a string", &value));
                    }
                    continue;
                }
                present.push((index, to_value(&path, member.shape, &value)?));
            }
            Value::Struct(present)
        }
        Shape::Map { .. } => {
            if !is_plain_object(v) {
                return Err(wrong_type(field, "an object of string values", v));
            }
            let keys =
                keys_of(v).ok_or_else(|| Error::invalid(field, "could not be read (its keys threw an error)"))?;
            let mut pairs = Vec::new();
            for key in keys {
                let value = get_named(v, &key);
                let text = value
                    .as_string()
                    .ok_or_else(|| wrong_type(&format!("{field}.{key}"), "a string", &value))?;
                pairs.push((key, text));
            }
            Value::Map(pairs)
        }
    })
}

/// How to send: the deadline and an optional caller-supplied fetch.
pub struct Transport {
    pub timeout_ms: u32,
    pub fetch: Option<Function>,
}

#[cfg(feature = "extras")] // the extras module's exports only
/// `renderExports`' credentials argument: the object a call returned (extra keys are fine).
pub fn credentials_from_js(v: &JsValue) -> Result<Credentials> {
    if !is_plain_object(v) {
        return Err(wrong_type(
            "credentials",
            "the credentials object { accessKeyId, secretAccessKey, sessionToken, expiration }",
            v,
        ));
    }
    let s = |key: &'static str| -> Result<String> {
        let value = get(v, key);
        let field = format!("credentials.{key}");
        if key == "expiration" && value.dyn_ref::<js_sys::Date>().is_some() {
            return date_string(&value, &field);
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

#[cfg(feature = "extras")] // the extras module's exports only
pub fn render_options(v: &JsValue) -> Result<RenderOptions> {
    if is_absent(v) {
        return Ok(RenderOptions::default());
    }
    if !is_plain_object(v) {
        return Err(wrong_type("options", "an object such as { profile: \"default\" }", v));
    }
    let keys = keys_of(v).ok_or_else(|| Error::invalid("options", "could not be read (its keys threw an error)"))?;
    // The same rule as the call options: a non-identifier key is not echoed (it could be a pasted secret).
    params::check_names(&keys, &["profile"], "", None).map_err(|_| {
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

fn set(obj: &Object, key: &'static str, value: impl Into<JsValue>) {
    // Setting a data property on a fresh plain object cannot fail.
    let value = value.into();
    let _ = with_key(key, |k| Reflect::set(obj, k, &value));
}

/// `set` for a name from the answer (a map's keys): not cached.
fn set_named(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

fn out_to_js(value: &OutValue) -> JsValue {
    match value {
        OutValue::Str(s) | OutValue::Time(s) => s.as_str().into(),
        OutValue::Int(n) => (*n as f64).into(),
        OutValue::Bool(b) => (*b).into(),
        OutValue::List(items) => items.iter().map(out_to_js).collect::<Array>().into(),
        OutValue::Struct(members) => {
            let o = Object::new();
            for (member, v) in members {
                set(&o, member.js, out_to_js(v));
            }
            o.into()
        }
        OutValue::Map(pairs) => {
            let o = Object::new();
            for (k, v) in pairs {
                set_named(&o, k, v.as_str());
            }
            o.into()
        }
    }
}

/// A result as a JS object: the output members under their JS names, and `requestId`.
pub fn output_to_js(output: &Output) -> JsValue {
    let o = Object::new();
    for (member, value) in &output.members {
        set(&o, member.js, out_to_js(value));
        // DecodeAuthorizationMessage's answer is a JSON document in a string: hand it over parsed too.
        if member.name == "DecodedMessage" {
            if let Some(parsed) = value.as_str().and_then(|text| js_sys::JSON::parse(text).ok()) {
                set(&o, "decoded", parsed);
            }
        }
    }
    if let Some(id) = &output.request_id {
        set(&o, "requestId", id.as_str());
    }
    o.into()
}

/// A real `Error` named `StsError` with `code`, and `status`, `requestId`, `field`, `hint` where they apply.
pub fn to_js_error(e: &Error, ctx: &HintContext) -> JsValue {
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
    if let Some(hint) = e.hint(ctx) {
        set(obj, "hint", hint);
    }
    if ctx.attempts > 1 {
        set(obj, "attempts", ctx.attempts);
    }
    err.into()
}
