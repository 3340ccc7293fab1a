#!/usr/bin/env bash
# Renders the main screens to PNG (light and dark, desktop and phone) into DIR (default
# target/screens), against the stand-in, for looking at the interface.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
trunk build --release
cargo build --quiet -p runware-mock
cargo run --quiet --example screens -- "${1:-target/screens}"
