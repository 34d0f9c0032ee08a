//! The extras module's rendering exports: `renderExports` and `renderUnset`. No call needs them, so they live in
//! the second wasm with the facts and err.fix (src/wasm/mod.rs).

use wasm_bindgen::prelude::*;

use super::convert::{self, to_js_error};
use super::NO_CALL;
use crate::error::Error;
use crate::exports::{self, Format};

/// Lines that set the credentials in the given format; throws an `StsError` for bad input.
#[wasm_bindgen(js_name = renderExports, skip_typescript)]
pub fn render_exports(credentials: JsValue, format: JsValue, options: JsValue) -> Result<String, JsValue> {
    let rendered = (|| -> Result<String, Error> {
        let format = Format::parse(&convert::required_string(&format, "format")?)?;
        let creds = convert::credentials_from_js(&credentials)?;
        let options = convert::render_options(&options)?;
        exports::render(&creds, format, &options)
    })();
    rendered.map_err(|e| to_js_error(&e, &NO_CALL))
}

/// Lines that undo `renderExports` for a shell format.
#[wasm_bindgen(js_name = renderUnset, skip_typescript)]
pub fn render_unset(format: JsValue) -> Result<String, JsValue> {
    convert::required_string(&format, "format")
        .and_then(|f| Format::parse(&f))
        .and_then(exports::render_unset)
        .map_err(|e| to_js_error(&e, &NO_CALL))
}
