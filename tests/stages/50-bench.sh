#!/usr/bin/env bash
# Benchmark smoke run: every part of bench/ briefly (a few seconds), which checks that our signature equals
# aws4fetch's and client-sts's for the same request and that nothing leaks across calls. No timing is
# asserted here: the figures are for BENCHMARKS.md (npm run bench), not pass/fail.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
bash scripts/build.sh
bash scripts/build.sh --bench   # signRequest, for the signing benchmarks only
timeout 110 node --no-warnings bench/run.mjs --smoke
