#!/usr/bin/env bash
# npm start: install what's missing, build the wasm if needed, then serve www/ on 127.0.0.1 with the
# local STS emulator (moto, auth enforced) as the page's default preset. Ctrl-C stops everything.
#   PORT=9000 npm start     (default 8080; the next free port if it is busy)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# shellcheck disable=SC1091
source scripts/env.sh
bash scripts/build.sh

# exec: node becomes this process, so Ctrl-C reaches it directly; its handler stops moto (which runs
# in its own process group) before exiting, and moto also exits by itself if node dies (stdin EOF).
exec node scripts/serve.mjs --emulator
