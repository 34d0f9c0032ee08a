#!/usr/bin/env bash
# The core, natively: formatting, lints (native and wasm32), unit tests, SigV4 vectors against botocore.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh

cargo fmt --all -- --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib -- -D warnings
cargo test
