#!/usr/bin/env bash
# Measures `npm start` from a fresh clone to the page answering, on this machine, as fresh as it can be
# made without root: a new clone of HEAD (no target/, pkg/, .venv, node_modules), a new HOME with an
# empty CARGO_HOME (crates downloaded again; wasm-bindgen CLI built again), no pip cache, an empty npm
# cache. What it cannot undo: the Rust toolchain and its wasm32 target (rustup, shared), Node, Python,
# and apt packages (which `npm start` no longer installs anyway).
#   bash scripts/measure-first-run.sh            prints the step lines and the total
# Needs the registries (crates.io, PyPI, npm). Takes minutes and both cores: run it alone.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/arw-first-run-XXXXXX")
pid=""
cleanup() {
  [ -n "$pid" ] && kill -- "-$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$repo" "$work/clone"
home="$work/home"
mkdir -p "$home/.cargo/bin"
# rustup's proxies find the toolchains through RUSTUP_HOME; only the crate registry and installed
# binaries (CARGO_HOME) start empty.
for tool in cargo rustc rustup rustdoc; do ln -s "$(command -v rustup)" "$home/.cargo/bin/$tool"; done
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}

log="$work/start.log"
began=$(date +%s%3N)
(
  cd "$work/clone"
  exec setsid env -i \
    HOME="$home" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="$home/.cargo" \
    PYENV_ROOT="$pyenv_root" PIP_NO_CACHE_DIR=1 npm_config_cache="$work/npm-cache" \
    PATH="$home/.cargo/bin:$pyenv_root/shims:/usr/local/bin:/usr/bin:/bin" TERM=dumb PORT=0 \
    nice npm start
) >"$log" 2>&1 &
pid=$!

url=""
while kill -0 "$pid" 2>/dev/null; do
  url=$(grep -oE 'Open http://127\.0\.0\.1:[0-9]+/' "$log" | head -n1 | cut -d' ' -f2 || true)
  if [ -n "$url" ] && curl -fsS -o /dev/null "$url" && curl -fsS -o /dev/null "${url}emulator.json" && curl -fsS -o /dev/null "${url}pkg/assume_role_wasm_bg.wasm"; then
    break
  fi
  url=""
  sleep 0.5
done
ended=$(date +%s%3N)
grep -E '^(start|setup|build):|Ready' "$log" || true
if [ -z "$url" ]; then
  echo "npm start ended without the page answering; its log:"
  cat "$log"
  exit 1
fi
awk -v a="$began" -v b="$ended" 'BEGIN { printf "first run: fresh clone to the page, /emulator.json and the .wasm answering in %.1f s\n", (b - a) / 1000 }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
