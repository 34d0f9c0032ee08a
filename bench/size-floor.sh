#!/usr/bin/env bash
# Measure bench/sigv4-floor: the smallest wasm that signs an STS request with aws-sigv4 (see its Cargo.toml).
# Shares target/ and the main Cargo.lock's versions so the figure is for the same crates.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cp Cargo.lock bench/sigv4-floor/Cargo.lock
(cd bench/sigv4-floor && CARGO_TARGET_DIR=../../target cargo build --release --target wasm32-unknown-unknown --quiet)
rm -f bench/sigv4-floor/Cargo.lock
raw=target/wasm32-unknown-unknown/release/sigv4_floor.wasm
wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue "$raw" -o target/sigv4_floor.opt.wasm
node -e '
const z = require("zlib"), b = require("fs").readFileSync("target/sigv4_floor.opt.wasm");
console.log(JSON.stringify({ raw: b.length, gzip: z.gzipSync(b, { level: 9 }).length, brotli: z.brotliCompressSync(b).length }));'
