#!/usr/bin/env bash
# AWS's model as the single source of truth: the generated files match vendor/ (drift), nobody keeps a
# copy of the operations, formats, regions or hints (tests/model/drift.test.mjs), and our endpoints equal
# botocore's for every region of its partition data (tests/model/endpoints.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck disable=SC1091
source scripts/env.sh
node scripts/gen-model.mjs --check
bash scripts/build.sh
node --test tests/model/
