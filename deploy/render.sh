#!/usr/bin/env bash
# Prints the nginx configuration for Kling Studio, filled from the environment:
#   KLING_HTPASSWD     htpasswd file of who may use the site (required; any format nginx reads,
#                      {PLAIN} included). KLING_PUBLIC=yes renders an open site instead.
#   KLING_TLS_CERT, KLING_TLS_KEY  serve HTTPS with this certificate (both or neither)
#   KLING_DIST         the release build (default: ./dist)
#   KLING_LISTEN       address:port to listen on (default: 8080)
#   KLING_RUNTIME_DIR  writable folder for pid, logs and temp files (default: /tmp/kling-nginx)
#   KLING_RATE         per client address, tasks that start billed work (default: 30r/m)
#   KLING_BURST        how many of those may come at once above the rate (default: 10)
#   KLING_LIGHT_RATE   per client address, polls and the balance (default: 120r/m)
#   KLING_LIGHT_BURST  likewise (default: 40)
#   KLING_CONCURRENCY  requests at once per client address (default: 4)
#   RUNWARE_UPSTREAM   where /api/runware goes (default: https://api.runware.ai/v1)
#   KLING_IMAGE_ORIGIN Runware's image host, the only one /api/runware-images/ serves, for
#                      result images a page may not read from it directly (default:
#                      https://im.runware.ai)
#   KLING_IMAGE_RATE   per client address, images through that path (default: 600r/m, burst 100)
#   KLING_RESOLVER     DNS server nginx asks for the image host (default: the system's first)
#   RUNWARE_API_KEY    the key added to every forwarded request (required)
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "render.sh: $*" >&2; exit 1; }
: "${RUNWARE_API_KEY:?set RUNWARE_API_KEY: the proxy adds it, the browser never sees it}"
export KLING_DIST="${KLING_DIST:-$PWD/dist}"
export KLING_LISTEN="${KLING_LISTEN:-8080}"
export KLING_RUNTIME_DIR="${KLING_RUNTIME_DIR:-/tmp/kling-nginx}"
export RUNWARE_UPSTREAM="${RUNWARE_UPSTREAM:-https://api.runware.ai/v1}"
export KLING_DEPLOY="$PWD/deploy"
export RUNWARE_API_KEY

# Who may spend the key. An open site is a choice, said out loud.
if [ -n "${KLING_HTPASSWD:-}" ]; then
  [ -r "$KLING_HTPASSWD" ] || fail "KLING_HTPASSWD=$KLING_HTPASSWD is not a readable file"
  export KLING_AUTH="auth_basic \"Kling Studio\"; auth_basic_user_file $(realpath "$KLING_HTPASSWD");"
elif [ "${KLING_PUBLIC:-}" = yes ]; then
  echo "render.sh: WARNING: KLING_PUBLIC=yes renders an open site: anyone who finds its address can spend the Runware key (within the rate limits)." >&2
  export KLING_AUTH="auth_basic off;"
else
  fail "no login configured: set KLING_HTPASSWD to an htpasswd file (e.g. 'printf \"ana:{PLAIN}secret\\n\" > users'), or KLING_PUBLIC=yes to serve an open site that anyone can spend the key through"
fi

# HTTPS when a certificate is given: basic auth over plain HTTP shows the password to anyone
# on the way (fine on loopback, or behind a load balancer that ends TLS).
if [ -n "${KLING_TLS_CERT:-}${KLING_TLS_KEY:-}" ]; then
  [ -r "${KLING_TLS_CERT:-}" ] && [ -r "${KLING_TLS_KEY:-}" ] \
    || fail "KLING_TLS_CERT and KLING_TLS_KEY must both name readable files"
  export KLING_LISTEN_DIRECTIVES="listen $KLING_LISTEN ssl; ssl_certificate $(realpath "$KLING_TLS_CERT"); ssl_certificate_key $(realpath "$KLING_TLS_KEY"); ssl_protocols TLSv1.2 TLSv1.3; ssl_session_cache shared:kling_tls:1m;"
  export KLING_HSTS='add_header Strict-Transport-Security "max-age=31536000" always;'
else
  export KLING_LISTEN_DIRECTIVES="listen $KLING_LISTEN;"
  export KLING_HSTS=""
fi

# Rate limits, and the Retry-After that goes with the billed one (one request's share).
export KLING_RATE="${KLING_RATE:-30r/m}" KLING_BURST="${KLING_BURST:-10}"
export KLING_LIGHT_RATE="${KLING_LIGHT_RATE:-120r/m}" KLING_LIGHT_BURST="${KLING_LIGHT_BURST:-40}"
export KLING_CONCURRENCY="${KLING_CONCURRENCY:-4}"
for rate in "$KLING_RATE" "$KLING_LIGHT_RATE"; do
  [[ $rate =~ ^[1-9][0-9]*r/[sm]$ ]] || fail "a rate is a number of requests per s or m, like 30r/m (got $rate)"
done
for n in "$KLING_BURST" "$KLING_LIGHT_BURST" "$KLING_CONCURRENCY"; do
  [[ $n =~ ^[0-9]+$ ]] || fail "bursts and KLING_CONCURRENCY are whole numbers (got $n)"
done
# Runware's image host: one origin, no path, so the image path can never reach another host.
export KLING_IMAGE_ORIGIN="${KLING_IMAGE_ORIGIN:-https://im.runware.ai}"
[[ $KLING_IMAGE_ORIGIN =~ ^https?://([A-Za-z0-9.-]+)(:[0-9]+)?$ ]] \
  || fail "KLING_IMAGE_ORIGIN is a scheme and a host, like https://im.runware.ai (got $KLING_IMAGE_ORIGIN)"
export KLING_IMAGE_HOSTNAME="${BASH_REMATCH[1]}"
export KLING_IMAGE_HOST="${BASH_REMATCH[1]}${BASH_REMATCH[2]}"
export KLING_IMAGE_HOST_RE="${KLING_IMAGE_HOST//./\\.}"
export KLING_IMAGE_RATE="${KLING_IMAGE_RATE:-600r/m}"
[[ $KLING_IMAGE_RATE =~ ^[1-9][0-9]*r/[sm]$ ]] || fail "KLING_IMAGE_RATE is like 600r/m (got $KLING_IMAGE_RATE)"
# The image host's name is looked up when an image is asked for, not at start-up: a site
# whose DNS is down still serves the studio.
resolver="${KLING_RESOLVER:-$(awk '/^nameserver/ { print $2; exit }' /etc/resolv.conf 2>/dev/null || true)}"
if [ -n "$resolver" ]; then
  [[ $resolver == *:* && $resolver != \[* ]] && resolver="[$resolver]"
  export KLING_RESOLVER_DIRECTIVE="resolver $resolver valid=300s;"
else
  export KLING_RESOLVER_DIRECTIVE=""
fi

per_minute=${KLING_RATE%r/*}
[[ $KLING_RATE == */s ]] && per_minute=$((per_minute * 60))
export KLING_RETRY_AFTER=$(( (60 + per_minute - 1) / per_minute ))

# The policy is the meta tag of the page nginx serves (the source's, before a build), plus
# frame-ancestors, which only a header can carry: one source, so the two never drift apart.
page="$KLING_DIST/index.html"
[ -e "$page" ] || page=index.html
# (Either attribute order, quoted or not: release builds minify the page.)
KLING_CSP="$(perl -ne 'print "$1; frame-ancestors '"'"'none'"'"'" if /<meta\b(?=[^>]*http-equiv="?Content-Security-Policy"?[\s>])[^>]*\bcontent="([^"]+)"/i' "$page")"
[ -n "$KLING_CSP" ] || fail "no Content-Security-Policy meta tag in index.html"
export KLING_CSP

# The allow-list runs in nginx's JavaScript module (Debian's libnginx-mod-http-js); without it
# nothing would check what is forwarded, so there is no configuration without it.
js_module=/usr/lib/nginx/modules/ngx_http_js_module.so
[ -e "$js_module" ] || fail "nginx's JavaScript module is missing (apt-get install libnginx-mod-http-js); it checks every task before the key is added"
modules="load_module $js_module;"
# Brotli needs Debian's libnginx-mod-http-brotli-static (scripts/setup.sh installs it); without
# it the same build is served with its gzip copies.
brotli_module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if [ -e "$brotli_module" ]; then
  export KLING_MODULES="$modules load_module $brotli_module;" KLING_BROTLI="brotli_static on;"
else
  export KLING_MODULES="$modules" KLING_BROTLI=""
fi
mkdir -p "$KLING_RUNTIME_DIR"
# Started as root, nginx's workers run as an unprivileged user and spool large request
# bodies (ten references) here, so they must be able to write it.
[ "$(id -u)" = 0 ] && chmod 0777 "$KLING_RUNTIME_DIR"
envsubst '${KLING_DIST} ${KLING_LISTEN_DIRECTIVES} ${KLING_RUNTIME_DIR} ${RUNWARE_UPSTREAM} ${RUNWARE_API_KEY} ${KLING_CSP} ${KLING_MODULES} ${KLING_BROTLI} ${KLING_AUTH} ${KLING_HSTS} ${KLING_DEPLOY} ${KLING_RATE} ${KLING_BURST} ${KLING_LIGHT_RATE} ${KLING_LIGHT_BURST} ${KLING_CONCURRENCY} ${KLING_RETRY_AFTER} ${KLING_IMAGE_ORIGIN} ${KLING_IMAGE_HOST} ${KLING_IMAGE_HOSTNAME} ${KLING_IMAGE_HOST_RE} ${KLING_IMAGE_RATE} ${KLING_RESOLVER_DIRECTIVE}' \
  < deploy/nginx.conf.template
