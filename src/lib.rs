//! assume-role-wasm: assume an AWS IAM role (or get a session token, or ask who you are) from a web page,
//! an edge worker, Node or Deno, with STS requests signed by aws-sigv4 inside WebAssembly.
//!
//! The core does no IO: every module but `wasm` is a pure function of its inputs (time and randomness
//! included), so it builds and tests natively. `wasm` is the one JS-facing module: it converts options,
//! reads the clock, calls `fetch`, and turns errors into JS `Error`s.
//!
//! A call flows: `params` (validate) → `endpoint` (where) → `request` (form body) → `sign` (SigV4) →
//! fetch → `response` (XML → result or error) → `retry` (what next); `exports` renders the credentials.

pub mod base64;
pub mod endpoint;
pub mod error;
pub mod exports;
pub mod json;
pub mod jwt;
pub mod params;
pub mod plan;
pub mod request;
pub mod response;
pub mod retry;
pub mod saml;
pub mod secret;
pub mod sign;
pub mod time;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, Operation, Result};
