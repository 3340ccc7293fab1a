#!/usr/bin/env bash
# Serves the release build with nginx in the foreground (see deploy/render.sh for settings).
set -euo pipefail
cd "$(dirname "$0")/.."
export KLING_RUNTIME_DIR="${KLING_RUNTIME_DIR:-/tmp/kling-nginx}"
bash deploy/render.sh > "$KLING_RUNTIME_DIR.conf"
exec nginx -c "$KLING_RUNTIME_DIR.conf" -g 'daemon off;'
