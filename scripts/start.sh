#!/usr/bin/env bash
# npm start: install only what the page and the emulator need, build the wasm if needed, then serve www/
# on 127.0.0.1 with the local STS emulator (moto, auth enforced) as the page's default preset. Each step
# says what it does and how long it took. Ctrl-C stops everything.
#   PORT=9000 npm start     (default 8080; the next free port if it is busy)
# (`npm test` installs the rest: Chromium, shells, the AWS CLI, the npm test tools.)
set -euo pipefail
cd "$(dirname "$0")/.."

ARW_START_EPOCH_MS=$(date +%s%3N)
export ARW_START_EPOCH_MS
say() { echo "start: $*" >&2; }
since() { awk -v a="$1" -v b="$(date +%s%3N)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

t=$(date +%s%3N)
say "[1/3] installing what the page and the emulator need (first run: Rust's wasm target, wasm-bindgen, moto, wasm-opt)"
bash scripts/setup.sh start
say "[1/3] setup done in $(since "$t")s"
# shellcheck disable=SC1091
source scripts/env.sh

t=$(date +%s%3N)
say "[2/3] building the wasm (a first build compiles the crate and its dependencies: minutes on 2 cores)"
bash scripts/build.sh
say "[2/3] build done in $(since "$t")s"

say "[3/3] starting the emulator and the page ($(since "$ARW_START_EPOCH_MS")s so far)"
# exec: node becomes this process, so Ctrl-C reaches it directly; its handler stops moto (which runs
# in its own process group) before exiting, and moto also exits by itself if node dies (stdin EOF).
exec node scripts/serve.mjs --emulator
