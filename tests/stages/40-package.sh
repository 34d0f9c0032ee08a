#!/usr/bin/env bash
# Stage 40: the npm package as a user gets it, in every runtime, against moto with auth on.
# Packs the repo (npm pack runs prepack = scripts/build.sh), installs the tarball into an empty
# folder, then runs tests/package/*.test.mjs (Node ESM/CJS, the provider, the node:http transport,
# the example worker in workerd via Miniflare, Deno, headless Chromium, the CLI with the AWS CLI).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck disable=SC1091
source scripts/env.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/arw-stage40-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "40-package: npm pack (prepack builds)"
npm pack --pack-destination "$work" >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
tarball=$(find "$work" -maxdepth 1 -name 'assume-role-wasm-*.tgz' | head -n1)
[ -n "$tarball" ] || { echo "npm pack produced no tarball"; cat "$work/pack.log"; exit 1; }
echo "40-package: $(basename "$tarball") $(stat -c %s "$tarball") bytes, $(tar tzf "$tarball" | wc -l) files; unpacked $(tar xzOf "$tarball" | wc -c) bytes"

mkdir "$work/install"
echo '{ "name": "consumer", "private": true, "type": "module" }' >"$work/install/package.json"
(cd "$work/install" && npm install --offline --no-audit --no-fund "$tarball" >"$work/install.log" 2>&1) || { cat "$work/install.log"; exit 1; }

export ASSUME_ROLE_WASM_INSTALL="$work/install" ASSUME_ROLE_WASM_TARBALL="$tarball"
# One file at a time: two cores, and each file starts its own moto and runtime.
timeout 900 node --test --test-concurrency=1 --test-timeout=120000 tests/package/
