#!/usr/bin/env bash
# Hardening, bounded (about 5-6 minutes on a fresh 2-core machine, most of it the one-off cargo-fuzz
# install and the sanitizer build):
#   1. JS: bad-input table, fault-injecting server, secret hygiene, load   (tests/hardening/*.test.mjs)
#   2. the shell property test: rendered exports evaluated by bash, zsh, dash, fish (tests/export_shell_props.rs)
#   3. cargo-fuzz: each target for FUZZ_SECONDS (default 30, the three in parallel) under an RSS and a
#      single-allocation limit, then the huge/deep bodies once each with their peak RSS checked.
# fuzz/README.md has the longer campaign. FUZZ_SECONDS=0 skips fuzzing (the build still runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck disable=SC1091
source scripts/env.sh
FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
stage_start=$(date +%s)
since() { echo "$(( $(date +%s) - stage_start ))s"; }

# --- 1. JS hardening tests against the built wasm ---------------------------------------------------
bash scripts/build.sh
node --test tests/hardening/
echo "hardening: JS tests done ($(since))"

# --- 2. shell property test ---------------------------------------------------------------------------
cargo test --quiet --test export_shell_props -- --nocapture
echo "hardening: shell property test done ($(since))"

# --- 3. fuzzing -----------------------------------------------------------------------------------------
# --- tools: nightly + cargo-fuzz, installed only when missing (cargo-fuzz: ~90 s to build) -----------
# cargo fuzz needs nightly. These machines' image ships it; should a machine lack it and be unable to
# fetch it, say so loudly and keep the rest of the stage's verdict rather than fail every other check.
if ! rustup toolchain list | grep -q '^nightly' && ! rustup toolchain install nightly --profile minimal; then
  echo "hardening: WARNING: no nightly Rust toolchain here and none could be installed: fuzzing SKIPPED"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "hardening: installing cargo-fuzz (about 90 s)"
  cargo install cargo-fuzz --version 0.13.2
fi
(cd fuzz && cargo +nightly fuzz build 2>&1 | tail -n 1)
echo "hardening: fuzz build done ($(since))"
bin=fuzz/target/x86_64-unknown-linux-gnu/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Limits: no single allocation over 64 MB, no more than 1 GB resident (ASan's own overhead included).
limits=(-rss_limit_mb=1024 -malloc_limit_mb=64 -timeout=10)

# response/params/exports: the STS paths; jwt/saml: the keyless sign-in helpers (pasted tokens, assertions).
targets=(response params exports jwt saml)
if [ "$FUZZ_SECONDS" -gt 0 ]; then
  pids=()
  for t in "${targets[@]}"; do
    mkdir -p "fuzz/artifacts/$t" "$work/$t"
    # New inputs go to a scratch corpus; the committed seeds are read, not added to.
    "$bin/$t" "${limits[@]}" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 \
      -artifact_prefix="fuzz/artifacts/$t/" "$work/$t" "fuzz/corpus/$t" >"$work/$t.log" 2>&1 &
    pids+=($!)
  done
  failed=0
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  for t in "${targets[@]}"; do
    runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$work/$t.log" | grep -oE '[0-9]+$' || echo '?')
    cov=$(grep -oE 'cov: [0-9]+' "$work/$t.log" | tail -n 1 || true)
    echo "hardening: fuzz $t: $runs executions in ${FUZZ_SECONDS}s, $cov"
  done
  if [ "$failed" -ne 0 ]; then
    for t in "${targets[@]}"; do grep -B2 -A12 -E 'panicked|ERROR: libFuzzer' "$work/$t.log" | head -n 40 || true; done
    echo "hardening: a fuzz target failed; the input is in fuzz/artifacts/<target>/"
    exit 1
  fi
fi

# Huge and deep bodies, once each: no single allocation over 32 MB, and a peak RSS within 24 MB of the
# same binary on an empty input (an amplification would show as tens of MB).
node fuzz/seed-corpus.mjs --huge "$work/huge" >/dev/null
: >"$work/empty"
peak() { python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PY
}
base=$(peak "$bin/response" -malloc_limit_mb=32 "$work/empty")
for f in "$work"/huge/*; do
  mb=$(peak "$bin/response" -malloc_limit_mb=32 "$f") || { echo "hardening: $(basename "$f") failed"; exit 1; }
  echo "hardening: huge body $(basename "$f" | sed 's/^seed-//') ($(( $(stat -c %s "$f") / 1024 )) KB): peak RSS ${mb} MB (empty input: ${base} MB)"
  [ "$mb" -le $((base + 24)) ] || { echo "hardening: $(basename "$f") used ${mb} MB"; exit 1; }
done
echo "hardening: stage done in $(since)"
