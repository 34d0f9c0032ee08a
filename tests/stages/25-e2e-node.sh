#!/usr/bin/env bash
# The walkthrough end to end in Node against moto (auth on), with bash and the real AWS CLI as consumers.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
bash scripts/build.sh
node --test tests/e2e/
