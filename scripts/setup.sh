#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine of this project's kind, and nothing when
# it is all there already (every step checks first; a second run takes about a second).
#   - rustup target wasm32-unknown-unknown, components rustfmt + clippy
#   - wasm-bindgen CLI at exactly the wasm-bindgen crate's version (Cargo.lock, else the =pin in Cargo.toml)
#   - apt: chromium chromium-driver fish zsh
#   - .venv with tests/support/requirements.txt (moto[server], awscli, botocore), stamped by its hash
#   - node_modules via npm ci (npm install without a lock) when missing or older than the lock
# Ends with one line: what it installed and what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
source scripts/env.sh

start=$(date +%s)
installed=() found=()
note() { echo "setup: $*" >&2; }

# --- Rust toolchain pieces -------------------------------------------------------------------------
command -v rustup >/dev/null || { note "rustup not found: this machine kind should have it"; exit 1; }
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  found+=(wasm32-target)
else
  note "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
  installed+=(wasm32-target)
fi
components=$(rustup component list --installed)
for c in rustfmt clippy; do
  if grep -q "^$c" <<<"$components"; then found+=("$c"); else
    note "adding rust component $c"; rustup component add "$c"; installed+=("$c")
  fi
done

# --- wasm-bindgen CLI: must equal the crate version or the generated glue does not match ----------
want=""
if [ -f Cargo.lock ]; then
  want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
fi
if [ -z "$want" ]; then
  want=$(grep -E '^wasm-bindgen[[:space:]]*=' Cargo.toml | grep -oE '=[0-9]+\.[0-9]+\.[0-9]+' | head -n1 | tr -d =)
fi
[ -n "$want" ] || { note "cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml"; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ] && command -v wasm-bindgen-test-runner >/dev/null; then
  found+=("wasm-bindgen-$want")
else
  # Not --locked: its lockfile wants a webpki-roots the registry lacks. No default features: no TLS,
  # half the build time (~1m40s on 2 cores).
  note "installing wasm-bindgen-cli $want (had: ${have:-none}); takes a couple of minutes"
  cargo install wasm-bindgen-cli --version "=$want" --no-default-features --force
  installed+=("wasm-bindgen-$want")
fi

# --- Debian packages ------------------------------------------------------------------------------
missing=()
for p in chromium chromium-driver fish zsh; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  found+=(apt-packages)
else
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  note "apt installing ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  installed+=("${missing[@]}")
fi

# --- Python venv: moto, awscli, botocore ------------------------------------------------------------
req=tests/support/requirements.txt
py=$(command -v python3)
# The stamp covers the pins and the interpreter, so changing either re-installs.
stamp_want="$(sha256sum "$req" | cut -d' ' -f1) $("$py" -c 'import sys; print(sys.version.split()[0])')"
stamp=.venv/.setup-stamp
if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$stamp_want" ] && .venv/bin/python -c 'import moto' 2>/dev/null; then
  found+=(venv)
else
  note "installing $req into .venv"
  "$py" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
  echo "$stamp_want" >"$stamp"
  installed+=(venv)
fi

# --- npm devDependencies --------------------------------------------------------------------------
if [ -f package-lock.json ]; then
  if [ -f node_modules/.package-lock.json ] && ! [ package-lock.json -nt node_modules/.package-lock.json ]; then
    found+=(node_modules)
  else
    note "npm ci"; npm ci --no-audit --no-fund --loglevel=error; installed+=(node_modules)
  fi
elif [ -f package.json ]; then
  if [ -d node_modules ] && ! [ package.json -nt node_modules ]; then
    found+=(node_modules)
  else
    note "npm install (no lock)"; npm install --no-audit --no-fund --loglevel=error
    touch node_modules; installed+=(node_modules)  # mtime marks "installed after this package.json"
  fi
fi

echo "setup: installed [${installed[*]:-nothing}]; found [${found[*]:-nothing}] ($(( $(date +%s) - start ))s)"
