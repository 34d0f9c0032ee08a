#!/usr/bin/env bash
# Measure the size floors (one JSON line each):
#   bench/sigv4-floor             the smallest wasm that signs an STS request with aws-sigv4's `http_request::sign`
#                                 (what the crate uses)
#   bench/sigv4-primitives-floor  the same request signed with aws-sigv4's primitives (key derivation, HMAC) and
#                                 a hand-built canonical request: what keeping only that part of aws-sigv4 weighs
# Shares target/ and the main Cargo.lock's versions so the figures are for the same crates.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
for crate in sigv4-floor sigv4-primitives-floor; do
  cp Cargo.lock "bench/$crate/Cargo.lock"
  (cd "bench/$crate" && CARGO_TARGET_DIR=../../target cargo build --release --target wasm32-unknown-unknown --quiet)
  rm -f "bench/$crate/Cargo.lock"
  name=${crate//-/_}
  raw=target/wasm32-unknown-unknown/release/$name.wasm
  wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$raw" -o "target/$name.opt.wasm"
  CRATE=$crate FILE=target/$name.opt.wasm node -e '
const z = require("zlib"), b = require("fs").readFileSync(process.env.FILE);
console.log(JSON.stringify({ floor: process.env.CRATE, raw: b.length, gzip: z.gzipSync(b, { level: 9 }).length, brotli: z.brotliCompressSync(b).length }));'
done
