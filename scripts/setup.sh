#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine of this project's kind, and nothing when
# it is all there already (every step checks first; a second run takes about a second).
#   - rustup target wasm32-unknown-unknown, components rustfmt + clippy
#   - wasm-bindgen CLI at exactly the wasm-bindgen crate's version (Cargo.lock, else the =pin in Cargo.toml)
#   - apt: chromium chromium-driver fish zsh, nginx-light (serves dist/ with its nginx.conf in a page test)
#   - .venv with tests/support/requirements.txt (moto[server], awscli, botocore), stamped by its hash
#   - node_modules via npm ci (npm install without a lock) when missing or older than the lock
# Ends with one line: what it installed and what it found.
#
#   bash scripts/setup.sh          everything the tests need (npm test)
#   bash scripts/setup.sh start    only what the page and the emulator need (npm start): no rustfmt/clippy,
#                                  no apt packages (Chromium, chromium-driver, fish, zsh), a venv with moto and
#                                  its web server but not the AWS CLI, and of the npm packages only binaryen
#                                  (wasm-opt, for the build), in .tools/npm. A later full setup adds the rest.
# Every step prints what it did and how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}
case "$mode" in test | start) ;; *) echo "usage: scripts/setup.sh [start]" >&2; exit 2 ;; esac
# shellcheck disable=SC1091
source scripts/env.sh

start=$(date +%s)
installed=() found=()
note() { echo "setup: $*" >&2; }
# Step timing: `begin NAME` … `end`, printing "setup: NAME: installed|found (Ns)".
step_name="" step_start=0 step_did=found
begin() { step_name=$1 step_start=$(date +%s%N) step_did=found; }
did() { step_did=installed; }
end() { note "$step_name: $step_did ($(awk -v a="$step_start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')s)"; }

# --- Rust toolchain pieces -------------------------------------------------------------------------
command -v rustup >/dev/null || { note "rustup not found: this machine kind should have it"; exit 1; }
begin "rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  found+=(wasm32-target)
else
  note "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
  installed+=(wasm32-target); did
fi
end
if [ "$mode" = test ]; then
  begin "rust components rustfmt clippy"
  components=$(rustup component list --installed)
  for c in rustfmt clippy; do
    if grep -q "^$c" <<<"$components"; then found+=("$c"); else
      note "adding rust component $c"; rustup component add "$c"; installed+=("$c"); did
    fi
  done
  end
fi

# --- wasm-bindgen CLI: must equal the crate version or the generated glue does not match ----------
want=""
if [ -f Cargo.lock ]; then
  want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
fi
if [ -z "$want" ]; then
  want=$(grep -E '^wasm-bindgen[[:space:]]*=' Cargo.toml | grep -oE '=[0-9]+\.[0-9]+\.[0-9]+' | head -n1 | tr -d =)
fi
[ -n "$want" ] || { note "cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml"; exit 1; }
begin "wasm-bindgen CLI $want"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ] && command -v wasm-bindgen-test-runner >/dev/null; then
  found+=("wasm-bindgen-$want")
else
  # Not --locked: its lockfile wants a webpki-roots the registry lacks. No default features: no TLS,
  # half the build time (~1m40s on 2 cores).
  note "installing wasm-bindgen-cli $want (had: ${have:-none}); takes a couple of minutes"
  cargo install wasm-bindgen-cli --version "=$want" --no-default-features --force
  installed+=("wasm-bindgen-$want"); did
fi
end

# --- Debian packages (tests only: browsers and shells the tests drive) -----------------------------
if [ "$mode" = test ]; then
  begin "apt chromium chromium-driver fish zsh nginx-light"
  missing=()
  for p in chromium chromium-driver fish zsh nginx-light; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    found+=(apt-packages)
  else
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    note "apt installing ${missing[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    installed+=("${missing[@]}"); did
  fi
  end
fi

# --- Python venv: moto, awscli, botocore ------------------------------------------------------------
req=tests/support/requirements.txt
py=$(command -v python3)
pyver=$("$py" -c 'import sys; print(sys.version.split()[0])')
# The stamp covers the pins and the interpreter, so changing either re-installs.
stamp_want="$(sha256sum "$req" | cut -d' ' -f1) $pyver"
stamp=.venv/.setup-stamp
# The emulator alone (npm start): moto with the web server pieces moto_server.py imports, pinned as in
# requirements.txt (taken from it, so the pins cannot drift apart), without moto's [server] extras
# (docker, cfn-lint, …, which STS/IAM do not use) and without the AWS CLI.
emulator_req=$(mktemp); trap 'rm -f "$emulator_req"' EXIT
grep -E '^(moto|Werkzeug|Flask|flask-cors|boto3|botocore)(\[[a-z,]+\])?==' "$req" | sed -E 's/^moto\[[a-z,]+\]/moto/' >"$emulator_req"
emulator_stamp_want="$(sha256sum "$emulator_req" | cut -d' ' -f1) $pyver"
emulator_stamp=.venv/.setup-stamp-emulator
begin "python venv ($([ "$mode" = start ] && echo "moto only" || echo "$req"))"
if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$stamp_want" ] && .venv/bin/python -c 'import moto' 2>/dev/null; then
  found+=(venv)
elif [ "$mode" = start ] && [ -x .venv/bin/python ] && [ "$(cat "$emulator_stamp" 2>/dev/null)" = "$emulator_stamp_want" ] && .venv/bin/python -c 'import moto, flask_cors' 2>/dev/null; then
  found+=(venv-emulator)
elif [ "$mode" = start ]; then
  note "installing moto (the emulator) into .venv"
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$emulator_req"
  echo "$emulator_stamp_want" >"$emulator_stamp"
  installed+=(venv-emulator); did
else
  note "installing $req into .venv"
  "$py" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
  echo "$stamp_want" >"$stamp"
  installed+=(venv); did
fi
end

# --- npm devDependencies --------------------------------------------------------------------------
if [ "$mode" = start ]; then
  # The build needs wasm-opt and nothing else from npm: binaryen alone, at package.json's pin, into
  # .tools/npm (scripts/env.sh puts it on PATH after node_modules/.bin). Not playwright, Miniflare
  # with workerd, deno, esbuild or the benchmark clients.
  begin "npm binaryen (wasm-opt)"
  if [ -x node_modules/.bin/wasm-opt ] || [ -x .tools/npm/node_modules/.bin/wasm-opt ]; then
    found+=(wasm-opt)
  else
    version=$(node -p 'require("./package.json").devDependencies.binaryen')
    note "npm installing binaryen@$version into .tools/npm"
    mkdir -p .tools/npm
    npm install --prefix .tools/npm --no-save --no-package-lock --no-audit --no-fund --loglevel=error "binaryen@$version"
    installed+=(wasm-opt); did
  fi
  end
elif [ -f package-lock.json ]; then
  begin "npm ci"
  if [ -f node_modules/.package-lock.json ] && ! [ package-lock.json -nt node_modules/.package-lock.json ]; then
    found+=(node_modules)
  else
    note "npm ci"; npm ci --no-audit --no-fund --loglevel=error; installed+=(node_modules); did
  fi
  end
elif [ -f package.json ]; then
  if [ -d node_modules ] && ! [ package.json -nt node_modules ]; then
    found+=(node_modules)
  else
    note "npm install (no lock)"; npm install --no-audit --no-fund --loglevel=error
    touch node_modules; installed+=(node_modules)  # mtime marks "installed after this package.json"
  fi
fi

echo "setup: installed [${installed[*]:-nothing}]; found [${found[*]:-nothing}] ($(( $(date +%s) - start ))s)"
