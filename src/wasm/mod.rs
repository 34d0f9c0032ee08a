//! The only JS-facing code: the exported API, option conversion, and the fetch transport. Everything it
//! decides it asks the core about; what it adds is IO (clock, fetch, timers) and JS types.

mod bench_api;
mod convert;
mod keyless;
mod transport;

use wasm_bindgen::prelude::*;

use crate::error::{Error, Operation};
use crate::exports::{self, Format};
use crate::params::{self, Call};
use crate::plan::Plan;
use convert::{to_js_error, Options};

/// Run one STS call end to end; every failure becomes an `StsError`.
async fn call(opts: JsValue, op: Operation) -> Result<JsValue, JsValue> {
    let extra = match op {
        Operation::AssumeRole => params::ASSUME_ROLE_OPTIONS,
        Operation::GetCallerIdentity => &[],
        Operation::GetSessionToken => params::SESSION_TOKEN_OPTIONS,
    };
    let prepared = Options::read(&opts, extra).and_then(|o| {
        let call = match op {
            Operation::AssumeRole => Call::AssumeRole(o.assume_role()?),
            Operation::GetCallerIdentity => Call::GetCallerIdentity,
            Operation::GetSessionToken => Call::GetSessionToken(o.session_token_input()?),
        };
        let transport = o.transport()?;
        let plan = Plan::new(&call, o.source()?, &o.target()?)?;
        Ok((plan, transport))
    });
    let (plan, transport) = prepared.map_err(|e| to_js_error(&e, op, false))?;
    match transport::run(&plan, &transport).await {
        Ok(output) => Ok(convert::output_to_js(&output)),
        Err(mut e) => {
            e.scrub(&plan.secrets());
            Err(to_js_error(&e, op, plan.used_session_token()))
        }
    }
}

/// AssumeRole: temporary credentials for a role. Rejects with an `StsError` on any failure.
#[wasm_bindgen(js_name = assumeRole, skip_typescript)]
pub async fn assume_role(opts: JsValue) -> Result<JsValue, JsValue> {
    call(opts, Operation::AssumeRole).await
}

/// GetCallerIdentity: who the given credentials belong to.
#[wasm_bindgen(js_name = getCallerIdentity, skip_typescript)]
pub async fn get_caller_identity(opts: JsValue) -> Result<JsValue, JsValue> {
    call(opts, Operation::GetCallerIdentity).await
}

/// GetSessionToken: temporary credentials for an IAM user, optionally MFA-authenticated.
#[wasm_bindgen(js_name = getSessionToken, skip_typescript)]
pub async fn get_session_token(opts: JsValue) -> Result<JsValue, JsValue> {
    call(opts, Operation::GetSessionToken).await
}

/// Lines that set the credentials in the given format; throws an `StsError` for bad input.
#[wasm_bindgen(js_name = renderExports, skip_typescript)]
pub fn render_exports(credentials: JsValue, format: JsValue, options: JsValue) -> Result<String, JsValue> {
    let rendered = (|| -> Result<String, Error> {
        let format = Format::parse(&convert::required_string(&format, "format")?)?;
        let creds = convert::credentials_from_js(&credentials)?;
        let options = convert::render_options(&options)?;
        exports::render(&creds, format, &options)
    })();
    rendered.map_err(|e| to_js_error(&e, Operation::AssumeRole, false))
}

/// Lines that undo `renderExports` for a shell format.
#[wasm_bindgen(js_name = renderUnset, skip_typescript)]
pub fn render_unset(format: JsValue) -> Result<String, JsValue> {
    convert::required_string(&format, "format")
        .and_then(|f| Format::parse(&f))
        .and_then(exports::render_unset)
        .map_err(|e| to_js_error(&e, Operation::AssumeRole, false))
}
