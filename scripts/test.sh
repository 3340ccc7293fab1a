#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: format, lints (native and wasm),
# the release build, native tests (protocol, stand-in over HTTP, app logic, end-to-end in
# headless Chromium) and the wasm-bindgen tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
results=$(mktemp)
trap 'rm -f "$results"' EXIT

step "cargo fmt --check"
cargo fmt --all -- --check
step "clippy (native)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32)"
cargo clippy -p kling-studio --target wasm32-unknown-unknown --lib --tests --locked -- -D warnings
step "trunk build --release"
trunk build --release
bash scripts/size.sh
step "native tests (protocol, stand-in, app logic, end-to-end in Chromium)"
cargo test --workspace --locked 2>&1 | tee -a "$results"
step "wasm-bindgen tests in headless Chromium"
cargo test -p kling-studio --target wasm32-unknown-unknown --lib --tests --locked 2>&1 | tee -a "$results"

# One closing line for every layer together.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "\nall layers: %d passed, %d failed\n", p, f }' "$results"
