# Sourced by scripts: puts the project's tools (cargo bin, venv, node_modules/.bin, and .tools/npm from `setup.sh start`) on PATH.
export PATH="$HOME/.cargo/bin:$PWD/.venv/bin:$PWD/node_modules/.bin:$PWD/.tools/npm/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
