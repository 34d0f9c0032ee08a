//! The main module's one export: `call`, every STS operation end to end.

use wasm_bindgen::prelude::*;

use super::convert::{self, to_js_error, Options};
use super::{fix_js, transport, NO_CALL};
use crate::error::{Error, HintContext};
use crate::model;
use crate::plan::Plan;

/// Run one STS operation end to end; every failure becomes an `StsError`. `action` is the model's action
/// (`AssumeRole`) or its JS name (`assumeRole`); js/operations.js calls this once per generated function.
#[wasm_bindgen(js_name = call, skip_typescript)]
pub async fn call(action: JsValue, opts: JsValue) -> Result<JsValue, JsValue> {
    let op = action
        .as_string()
        .and_then(|name| model::operation(&name))
        .ok_or_else(|| {
            let names: Vec<&str> = model::OPERATIONS.iter().map(|o| o.js).collect();
            to_js_error(
                &Error::invalid(
                    "action",
                    format!("is not an STS operation; expected one of {}", names.join(", ")),
                ),
                &NO_CALL,
            )
        })?;
    let ctx = |used_session_token, attempts| HintContext {
        action: op.action,
        used_session_token,
        attempts,
    };
    let prepared = Options::read(&opts, op).and_then(|o| {
        let transport = o.transport()?;
        let plan = Plan::new(o.input()?, o.source()?, &o.target()?, transport::now_ms())?;
        Ok((plan, transport))
    });
    let (plan, transport) = prepared.map_err(|e| to_js_error(&e, &ctx(false, 0)))?;
    let (result, attempts) = transport::run(&plan, &transport).await;
    match result {
        Ok(output) => Ok(convert::output_to_js(&output)),
        Err(mut e) => {
            e.scrub(&plan.secrets());
            Err(fix_js::with_fix_context(
                to_js_error(&e, &ctx(plan.used_session_token(), attempts)),
                &e,
                &plan,
            ))
        }
    }
}
