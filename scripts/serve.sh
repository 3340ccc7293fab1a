#!/usr/bin/env bash
# Installs what is missing, then serves Kling Studio on http://127.0.0.1:8080 with the
# stand-in Runware behind /api/runware. Ctrl+C stops both.
# With RUNWARE_API_KEY and RUNWARE_UPSTREAM (e.g. https://api.runware.ai/v1) set, /api/runware
# goes to that upstream instead, the dev proxy adding the key: nothing is typed into the page.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
APP_PORT=${APP_PORT:-8080}
MOCK_PORT=${RUNWARE_MOCK_PORT:-8787}

# Trunk's proxy (backend and headers) lives only in its config: serve from a private copy with
# them filled in, removed on exit. Paths in it are made absolute, since trunk resolves them
# from the config's folder.
cfg=$(mktemp --suffix=.toml)
chmod 600 "$cfg"
cleanup() { rm -f "$cfg"; }
trap cleanup EXIT INT TERM
esc() { printf '%s' "$1" | sed 's/[&|\\]/\\&/g'; }
proxy_config() { # backend, key
  sed -e "s|^target = .*|target = \"$PWD/index.html\"|" \
      -e "s|^dist = .*|dist = \"$PWD/dist\"|" \
      -e "s|^backend = \"http://127.0.0.1:8787/v1\"|backend = \"$(esc "$1")\"|" \
      -e "s|^request_headers = .*|request_headers = { Authorization = \"Bearer $(esc "$2")\" }|" \
      -e "s|bash scripts/|bash $PWD/scripts/|g" \
      Trunk.toml > "$cfg"
}

if [ -n "${RUNWARE_API_KEY:-}" ] && [ -n "${RUNWARE_UPSTREAM:-}" ]; then
  proxy_config "$RUNWARE_UPSTREAM" "$RUNWARE_API_KEY"
  echo "Kling Studio: http://127.0.0.1:$APP_PORT  (/api/runware -> $RUNWARE_UPSTREAM, key from RUNWARE_API_KEY)"
  trunk serve --config "$cfg" --port "$APP_PORT" --no-autoreload "$@"
  exit
fi

cargo build --quiet -p runware-mock
# Image URLs point at the same-origin proxy path, as they would behind a production proxy.
"${CARGO_TARGET_DIR:-target}/debug/runware-mock" --port "$MOCK_PORT" \
  --public-url "${RUNWARE_MOCK_PUBLIC_URL:-http://127.0.0.1:$APP_PORT/api/runware}" &
mock_pid=$!
trap 'cleanup; kill $mock_pid 2>/dev/null; wait $mock_pid 2>/dev/null' EXIT INT TERM
proxy_config "http://127.0.0.1:$MOCK_PORT/v1" local-stand-in-key

echo "Kling Studio: http://127.0.0.1:$APP_PORT  (stand-in Runware on 127.0.0.1:$MOCK_PORT)"
# The page's CSP forbids inline scripts, and trunk's auto-reload is one: rebuild and refresh.
trunk serve --config "$cfg" --port "$APP_PORT" --no-autoreload "$@"
