#!/usr/bin/env bash
# The one test command (README: `npm test`; CI: .ci/run calls the same).
# Installs what the tests need (idempotent), then runs every stage in tests/stages/ in name order.
# A stage is a bash script that exits non-zero on failure; its runner prints its own counts.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed"; exit 1; }
# shellcheck disable=SC1091
source scripts/env.sh

passed=0 failed=0 failed_names=()
for stage in tests/stages/*.sh; do
  name=$(basename "$stage" .sh)
  if [ -n "${STAGES:-}" ] && ! [[ ",$STAGES," == *",$name,"* ]]; then continue; fi
  echo
  echo "=== stage $name ==="
  start=$(date +%s)
  if bash "$stage"; then
    passed=$((passed + 1)); echo "=== stage $name: ok ($(( $(date +%s) - start ))s)"
  else
    failed=$((failed + 1)); failed_names+=("$name"); echo "=== stage $name: FAILED ($(( $(date +%s) - start ))s)"
  fi
done

echo
[ "$failed" -eq 0 ] || echo "failed stages: ${failed_names[*]}"
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
