#!/usr/bin/env bash
# Build the wasm and its JS glue into pkg/ (and www/pkg/ for the static page).
# Incremental: cargo decides whether to recompile; wasm-bindgen and wasm-opt rerun only when its output changed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
source scripts/env.sh

target_dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
raw="$target_dir/wasm32-unknown-unknown/release/assume_role_wasm.wasm"
out=pkg/assume_role_wasm_bg.wasm

cargo build --release --target wasm32-unknown-unknown --lib --quiet

if [ ! -f "$out" ] || [ "$raw" -nt "$out" ] || [ scripts/build.sh -nt "$out" ]; then
  rm -rf pkg.tmp && mkdir -p pkg.tmp
  # --target web: one ES module glue that every runtime can drive (init / initSync).
  wasm-bindgen --target web --no-typescript --out-dir pkg.tmp "$raw"
  # npm binaryen (v132) detects the module's features itself; -Oz for size, the release profile already
  # optimised for it. --strip-producers drops the toolchain's name section.
  wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    pkg.tmp/assume_role_wasm_bg.wasm -o pkg.tmp/assume_role_wasm_bg.opt.wasm
  mv pkg.tmp/assume_role_wasm_bg.opt.wasm pkg.tmp/assume_role_wasm_bg.wasm
  rm -rf pkg && mv pkg.tmp pkg
  size=$(stat -c %s "$out")
  gz=$(gzip -9c "$out" | wc -c)
  echo "build: pkg/assume_role_wasm_bg.wasm $((size / 1024)) KB raw, $((gz / 1024)) KB gzipped"
fi

mkdir -p www/pkg
for f in assume_role_wasm.js assume_role_wasm_bg.wasm; do
  cmp -s "pkg/$f" "www/pkg/$f" || cp "pkg/$f" "www/pkg/$f"
done
