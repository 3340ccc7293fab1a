#!/usr/bin/env bash
# The benchmark: installs what is missing, builds the release, and measures it in headless
# Chromium against the stand-in, printing each number beside a same-run baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
trunk build --release
bash scripts/size.sh
# Size baseline, built in this run with the same tools and profile: the smallest client of the
# same protocol in the same framework (bench/floor), i.e. what the studio's features add.
# Its lock file and tools are the app's (cargo drops what the floor does not use), so the two
# cannot drift apart.
cp Cargo.lock bench/floor/Cargo.lock
{ printf '[build]\ntarget = "index.html"\ndist = "dist"\noffline = true\nminify = "on_release"\n\n'
  sed -n '/^\[tools\]/,/^$/p' Trunk.toml; } > bench/floor/Trunk.toml
(cd bench/floor && CARGO_TARGET_DIR="$PWD/../../target" trunk build --release --quiet)
# Served like the studio: with its .gz / .br copies (the throttled start-up below).
TRUNK_STAGING_DIR="$PWD/bench/floor/dist" TRUNK_PROFILE=release bash scripts/trunk-compress-hook.sh
studio=$(bash scripts/size.sh --total) floor=$(bash scripts/size.sh --total bench/floor/dist)
awk -v s="$studio" -v f="$floor" 'BEGIN { printf "size floor (Leptos + protocol + one fetch, no studio): %d KB brotli; studio first load %d KB = %.2fx, features add %d KB\n", f/1000, s/1000, s/f, (s-f)/1000 }'
cargo build --quiet -p runware-mock
cargo run --quiet --example bench
