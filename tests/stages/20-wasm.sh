#!/usr/bin/env bash
# The JS API compiled to wasm, with the runtime's real fetch, in Node, headless Chromium and a dedicated
# worker, against moto with auth on. Each runtime is one wasm-bindgen-test-runner run of tests/wasm_api.rs.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh

export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
# Chromium's background fetches are refused on these machines' closed network; keep it quiet.
webdriver_json=$(mktemp --suffix=.json)
trap 'rm -f "$webdriver_json"' EXIT
cat > "$webdriver_json" <<'JSON'
{ "goog:chromeOptions": { "args": ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-gpu", "--disable-dev-shm-usage"] } }
JSON
export WASM_BINDGEN_TEST_WEBDRIVER_JSON=$webdriver_json
export WASM_BINDGEN_TEST_TIMEOUT=60

run() {
  echo "--- wasm-bindgen tests in $1"
  shift
  env "$@" cargo test --target wasm32-unknown-unknown --test wasm_api
}
node tests/support/with-moto.mjs -- bash -c "$(declare -f run); set -e
  run Node WASM_BINDGEN_USE_NODE_EXPERIMENTAL=1
  run 'Chromium (window)' WASM_BINDGEN_USE_BROWSER=1
  run 'Chromium (dedicated worker)' WASM_BINDGEN_USE_DEDICATED_WORKER=1"
