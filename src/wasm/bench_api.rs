//! `signRequest`: SigV4 signing alone, for the benchmarks (bench/sign.mjs) to compare like for like with
//! aws4fetch's and @smithy/signature-v4's `sign()`: the same inputs (URL, region, keys, body, time) in, the
//! signed headers out. Compiled only with the `bench` cargo feature, which the shipped pkg/ does not enable:
//! the benchmarks build their own wasm (bench/lib/build-bench-wasm.sh).

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::to_js_error;
use crate::params::SourceCredentials;
use crate::secret::Secret;
use crate::sign;

#[wasm_bindgen(js_name = signRequest, skip_typescript)]
pub fn sign_request(
    url: &str,
    region: &str,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    body: &str,
    unix_ms: f64,
) -> Result<Object, JsValue> {
    let source = SourceCredentials {
        access_key_id,
        secret_access_key: Secret::new(secret_access_key),
        session_token: session_token.map(Secret::new),
        expiration: None,
    };
    let headers = sign::sign_post(url, region, &source, body, unix_ms.max(0.0) as u64)
        .map_err(|e| to_js_error(&e, &super::NO_CALL))?;
    let out = Object::new();
    for (name, value) in &headers {
        let _ = Reflect::set(&out, &(*name).into(), &value.as_str().into());
    }
    Ok(out)
}
