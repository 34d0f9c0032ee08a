//! assume-role-wasm: assume an AWS IAM role (or get a session token, or ask who you are) from a web page,
//! an edge worker, Node or Deno, with STS requests signed by aws-sigv4 inside WebAssembly.
//!
//! The core does no IO: every module but `wasm` is a pure function of its inputs (time and randomness
//! included), so it builds and tests natively. `wasm` is the one JS-facing module: it converts options,
//! reads the clock, calls `fetch`, and turns errors into JS `Error`s.
//!
//! Every operation is an entry of `model` (generated from AWS's STS model in vendor/). A call flows:
//! `input` (the values, checked against the model) + `rules` (what AWS documents beyond the model) →
//! `endpoint` (where, from AWS's partition data) → `request` (form body) → `sign` (SigV4) → fetch →
//! `response` (XML → result or error) → `retry` (what next); `exports` renders the credentials.

pub mod base64;
pub mod endpoint;
pub mod error;
pub mod exports;
pub mod fix;
pub mod input;
pub mod json;
pub mod json_reader;
pub mod jwt;
pub mod model;
pub mod params;
pub mod plan;
pub mod request;
pub mod response;
pub mod retry;
pub mod rules;
pub mod saml;
pub mod secret;
pub mod sign;
pub mod time;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, Operation, Result};
