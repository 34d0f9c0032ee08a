#!/usr/bin/env bash
# Size profile of the shipped wasm with function names kept: the same wasm-bindgen + wasm-opt steps as
# scripts/build.sh, plus -g so the name section survives, then bench/wasm-profile.mjs on the result.
#   bash bench/profile-build.sh [--top N] [--crate NAME]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/wasm-opt.sh
out=${PROFILE_DIR:-/tmp/assume-role-wasm-profile}
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --encode-into always --keep-debug --out-dir "$out" target/wasm32-unknown-unknown/release/assume_role_wasm.wasm
wasm_opt "$out/assume_role_wasm_bg.wasm" "$out/named.wasm" -g --strip-dwarf
node bench/wasm-profile.mjs "$out/named.wasm" "$@"
