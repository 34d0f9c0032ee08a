//! The only JS-facing code: the exported API, option conversion, and the fetch transport. Everything it
//! decides it asks the core about; what it adds is IO (clock, fetch, timers) and JS types.
//!
//! One crate, two wasm modules (scripts/build.sh builds both): the main one, `call` (every operation: options,
//! validation, signing, fetch, parsing, errors with their hints), and, with the `extras` feature, a second one
//! that JS loads only when it is needed: `err.fix` after a failed call, the export renderers, the shared facts
//! (formats, operations, regions, endpoints) and the keyless sign-in helpers. An app that only assumes a role
//! never downloads or compiles it (BENCHMARKS.md, issue 15).

#[cfg(all(feature = "bench", not(feature = "extras")))]
mod bench_api;
// The extras module uses only the error conversion and `required_string` of these.
#[cfg_attr(feature = "extras", allow(dead_code))]
mod convert;
#[cfg(feature = "extras")]
mod exports_api;
#[cfg(feature = "extras")]
mod facts;
mod fix_js;
#[cfg(feature = "extras")]
mod keyless;
#[cfg_attr(feature = "extras", allow(dead_code))]
mod keys;
#[cfg(not(feature = "extras"))]
mod main_api;
#[cfg(not(feature = "extras"))]
mod transport;
#[cfg(not(feature = "extras"))]
pub use main_api::call;

use crate::error::HintContext;

/// Errors raised before any operation is known (renderExports, a bad action name, the keyless helpers'
/// input): no STS hint applies.
const NO_CALL: HintContext<'static> = HintContext {
    action: "",
    used_session_token: false,
    attempts: 0,
};
