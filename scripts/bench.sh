#!/usr/bin/env bash
# The benchmark: installs what is missing, builds the release, and measures it in headless
# Chromium against the stand-in, printing each number beside a same-run baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
trunk build --release
bash scripts/size.sh
cargo build --quiet -p runware-mock
cargo run --quiet --example bench
