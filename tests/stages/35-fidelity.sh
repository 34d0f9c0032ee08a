#!/usr/bin/env bash
# Stage 35: suites nobody on this project wrote the answers for (issue 11). The boundary suite derives
# its cases from AWS's STS model at test time and judges them with botocore's ParamValidator and the
# model's documented limits; the response corpus replays real and AWS-published STS answers through the
# Rust parser and the full JS path. Reports land in test-output/fidelity-*.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck disable=SC1091
source scripts/env.sh
bash scripts/build.sh   # incremental: fast when pkg/ is up to date
# Both suites run even when the first fails: their counts are the report.
status=0
cargo test --quiet --test sts_corpus -- --include-ignored --nocapture || status=1
node --test --test-reporter=spec tests/fidelity/*.test.mjs || status=1
exit $status
