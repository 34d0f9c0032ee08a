#!/usr/bin/env bash
# Build the wasm and its JS glue into pkg/ (and www/pkg/ for the static page).
# Incremental: cargo decides whether to recompile; wasm-bindgen and wasm-opt rerun only when its output changed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
source scripts/env.sh

# --bench: the same build with the `bench` feature (signRequest) into bench-pkg/, for bench/ only; the
# shipped pkg/ never has it.
features=() out_dir=pkg
if [ "${1:-}" = "--bench" ]; then features=(--features bench); out_dir=bench-pkg; fi

target_dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
raw="$target_dir/wasm32-unknown-unknown/release/assume_role_wasm.wasm"
out=$out_dir/assume_role_wasm_bg.wasm

cargo build --release --target wasm32-unknown-unknown --lib --quiet "${features[@]}"

# The raw wasm is shared by both builds: rebuild when it is newer, or when it was built for the other one.
stamp="$out_dir/.features"
if [ ! -f "$out" ] || [ "$raw" -nt "$out" ] || [ scripts/build.sh -nt "$out" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${features[*]:-none}" ]; then
  rm -rf pkg.tmp && mkdir -p pkg.tmp
  # --target web: one ES module glue that every runtime can drive (init / initSync).
  wasm-bindgen --target web --no-typescript --out-dir pkg.tmp "$raw"
  # npm binaryen (v132) detects the module's features itself; -Oz for size, the release profile already
  # optimised for it. --strip-producers drops the toolchain's name section.
  wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    pkg.tmp/assume_role_wasm_bg.wasm -o pkg.tmp/assume_role_wasm_bg.opt.wasm
  mv pkg.tmp/assume_role_wasm_bg.opt.wasm pkg.tmp/assume_role_wasm_bg.wasm
  echo "${features[*]:-none}" >pkg.tmp/.features
  rm -rf "$out_dir" && mv pkg.tmp "$out_dir"
  size=$(stat -c %s "$out")
  gz=$(gzip -9c "$out" | wc -c)
  echo "build: $out $((size / 1024)) KB raw, $((gz / 1024)) KB gzipped"
fi
[ "$out_dir" = pkg ] || exit 0

mkdir -p www/pkg
for f in assume_role_wasm.js assume_role_wasm_bg.wasm; do
  cmp -s "pkg/$f" "www/pkg/$f" || cp "pkg/$f" "www/pkg/$f"
done
