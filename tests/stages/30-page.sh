#!/usr/bin/env bash
# Stage 30: the static page in real headless Chromium (playwright-core + Debian's /usr/bin/chromium)
# against moto with auth enforced, the export formats in real shells + the AWS CLI, serve.mjs, and
# npm start. Screenshots land in test-output/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck disable=SC1091
source scripts/env.sh
bash scripts/build.sh   # incremental: fast when www/pkg is up to date
mkdir -p test-output/screenshots
node --test --test-reporter=spec tests/page/*.test.mjs
