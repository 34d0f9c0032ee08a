#!/usr/bin/env bash
# Stage 45: the package in the bundlers people use (vite 7 and 8 dev + build, webpack 5, esbuild, rollup,
# Parcel 2, a plain page with an import map), each building a tiny app from the packed tarball, served on
# 127.0.0.1 and called in headless Chromium against moto (getCallerIdentity + renderExports).
# The bundlers are devDependencies; they are installed once, with the tarball, into one shared folder
# (target/bundlers-consumer, from the npm cache: --offline), reused while their versions stay the same.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck disable=SC1091
source scripts/env.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/arw-stage45-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "45-bundlers: npm pack (prepack builds)"
npm pack --pack-destination "$work" >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
tarball=$(find "$work" -maxdepth 1 -name 'assume-role-wasm-*.tgz' | head -n1)
[ -n "$tarball" ] || { echo "npm pack produced no tarball"; cat "$work/pack.log"; exit 1; }

start=$(date +%s)
ARW_BUNDLERS_DIR=$(node tests/bundlers/lib/consumer.mjs "$tarball")
export ARW_BUNDLERS_DIR ASSUME_ROLE_WASM_TARBALL="$tarball"
echo "45-bundlers: consumer folder $ARW_BUNDLERS_DIR ready in $(( $(date +%s) - start ))s"

# One file at a time: two cores; each file starts one moto and one Chromium.
timeout 600 nice node --test --test-concurrency=1 --test-timeout=180000 --test-reporter=spec tests/bundlers/
