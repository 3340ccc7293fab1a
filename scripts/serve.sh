#!/usr/bin/env bash
# Installs what is missing, then serves Kling Studio on http://127.0.0.1:8080 with the
# stand-in Runware behind /api/runware. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
APP_PORT=${APP_PORT:-8080}
MOCK_PORT=${RUNWARE_MOCK_PORT:-8787}

cargo build --quiet -p runware-mock
# Image URLs point at the same-origin proxy path, as they would behind a production proxy.
./target/debug/runware-mock --port "$MOCK_PORT" \
  --public-url "${RUNWARE_MOCK_PUBLIC_URL:-http://127.0.0.1:$APP_PORT/api/runware}" &
mock_pid=$!
trap 'kill $mock_pid 2>/dev/null; wait $mock_pid 2>/dev/null' EXIT INT TERM

echo "Kling Studio: http://127.0.0.1:$APP_PORT  (stand-in Runware on 127.0.0.1:$MOCK_PORT)"
# The page's CSP forbids inline scripts, and trunk's auto-reload is one: rebuild and refresh.
trunk serve --port "$APP_PORT" --no-autoreload "$@"
