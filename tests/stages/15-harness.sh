#!/usr/bin/env bash
# The shared test fixtures: the moto harness (tests/support/moto.mjs) proven with the real AWS CLI (seed,
# auth, trust, chaining, CORS), and the SigV4 golden vectors re-derived from their inputs.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck disable=SC1091
source scripts/env.sh
exec node --test tests/support/ tests/vectors/
