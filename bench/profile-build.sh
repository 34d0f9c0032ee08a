#!/usr/bin/env bash
# Size profile of the shipped wasm with function names kept: the same wasm-bindgen + wasm-opt steps as
# scripts/build.sh, plus -g so the name section survives, then bench/wasm-profile.mjs on the result.
#   bash bench/profile-build.sh [--top N] [--crate NAME]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out=${PROFILE_DIR:-/tmp/assume-role-wasm-profile}
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$out" target/wasm32-unknown-unknown/release/assume_role_wasm.wasm
wasm-opt -Oz -g --strip-dwarf --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue "$out/assume_role_wasm_bg.wasm" -o "$out/named.wasm"
node bench/wasm-profile.mjs "$out/named.wasm" "$@"
