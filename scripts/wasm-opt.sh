# Sourced by scripts/build.sh and bench/profile-build.sh: the one wasm-opt recipe for the shipped wasm, so the
# size profile measures what ships. Each choice measured in BENCHMARKS.md ("Size: steps taken").
#   wasm_opt IN OUT [extra wasm-opt flags…]
wasm_opt() {
  local in=$1 out=$2
  shift 2
  # npm binaryen (v132) detects the module's features itself; the --enable flags keep the Debian build working.
  # --low-memory-unused: addresses below 1024 hold nothing (Rust's wasm32 stack sits first in memory and grows
  # down from 1 MiB), so constant offsets can be folded into loads and stores (−0.5 KB gz).
  # --flatten --rereloop, then -Oz again: rebuilds the control flow of the big inlined functions (−0.8 KB gz).
  wasm-opt --low-memory-unused -Oz --flatten --rereloop -Oz --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "$@" "$in" -o "$out"
}
