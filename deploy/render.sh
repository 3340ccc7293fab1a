#!/usr/bin/env bash
# Prints the nginx configuration for Kling Studio, filled from the environment:
#   KLING_DIST         the release build (default: ./dist)
#   KLING_LISTEN       address:port to listen on (default: 8080)
#   KLING_RUNTIME_DIR  writable folder for pid, logs and temp files (default: /tmp/kling-nginx)
#   RUNWARE_UPSTREAM   where /api/runware goes (default: https://api.runware.ai/v1)
#   RUNWARE_API_KEY    the key added to every proxied request (required)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${RUNWARE_API_KEY:?set RUNWARE_API_KEY: the proxy adds it, the browser never sees it}"
export KLING_DIST="${KLING_DIST:-$PWD/dist}"
export KLING_LISTEN="${KLING_LISTEN:-8080}"
export KLING_RUNTIME_DIR="${KLING_RUNTIME_DIR:-/tmp/kling-nginx}"
export RUNWARE_UPSTREAM="${RUNWARE_UPSTREAM:-https://api.runware.ai/v1}"
export RUNWARE_API_KEY
# The policy is the meta tag of the page nginx serves (the source's, before a build), plus
# frame-ancestors, which only a header can carry: one source, so the two never drift apart.
page="$KLING_DIST/index.html"
[ -e "$page" ] || page=index.html
KLING_CSP="$(perl -ne 'print "$1; frame-ancestors '"'"'none'"'"'" if /http-equiv="Content-Security-Policy" content="([^"]+)"/' "$page")"
[ -n "$KLING_CSP" ] || { echo "render.sh: no Content-Security-Policy meta tag in index.html" >&2; exit 1; }
export KLING_CSP
# Brotli needs Debian's libnginx-mod-http-brotli-static (scripts/setup.sh installs it); without
# it the same build is served with its gzip copies.
brotli_module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if [ -e "$brotli_module" ]; then
  export KLING_MODULES="load_module $brotli_module;" KLING_BROTLI="brotli_static on;"
else
  export KLING_MODULES="" KLING_BROTLI=""
fi
mkdir -p "$KLING_RUNTIME_DIR"
# Started as root, nginx's workers run as an unprivileged user and spool large request
# bodies (ten references) here, so they must be able to write it.
[ "$(id -u)" = 0 ] && chmod 0777 "$KLING_RUNTIME_DIR"
envsubst '${KLING_DIST} ${KLING_LISTEN} ${KLING_RUNTIME_DIR} ${RUNWARE_UPSTREAM} ${RUNWARE_API_KEY} ${KLING_CSP} ${KLING_MODULES} ${KLING_BROTLI}' \
  < deploy/nginx.conf.template
