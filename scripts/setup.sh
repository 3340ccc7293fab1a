#!/usr/bin/env bash
# Installs whatever this machine lacks to build, serve and test Kling Studio, and skips
# whatever is already there. Safe to run again; a bare machine takes about 6 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

TRUNK_VERSION=0.21.14
SPLIT_VERSION=0.2.4
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)

apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
command -v nginx >/dev/null || apt_missing+=(nginx-light)
command -v brotli >/dev/null || apt_missing+=(brotli)
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
  || apt_missing+=(libnginx-mod-http-brotli-static)
# nginx's JavaScript module: the deployed proxy's allow-list of tasks runs in it.
[ -e /usr/lib/nginx/modules/ngx_http_js_module.so ] || apt_missing+=(libnginx-mod-http-js)
command -v openssl >/dev/null || apt_missing+=(openssl)
command -v curl >/dev/null || apt_missing+=(curl)
command -v npm >/dev/null || apt_missing+=(nodejs npm)
if [ ${#apt_missing[@]} -gt 0 ]; then
  log "apt-get install ${apt_missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  rustup component list --installed | grep -q "^$c" || rustup component add "$c"
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  # A debug build of trunk is 3x quicker to install and just as fast at driving cargo.
  log "installing trunk $TRUNK_VERSION"
  CARGO_PROFILE_DEV_DEBUG=0 cargo install trunk --version "$TRUNK_VERSION" --locked --debug --quiet
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ] \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  # Its own lock pins a webpki-roots the registry lacks: install from a patched copy.
  log "installing wasm-bindgen-cli $WB_VERSION"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --locked --quiet >/dev/null 2>&1 || true
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/wasm-bindgen-cli-"$WB_VERSION" | head -1)
  work=$(mktemp -d)
  cp -r "$src" "$work/cli"
  (cd "$work/cli" && cargo update -p webpki-roots --precise 1.0.10 --quiet && cargo install --path . --locked --quiet)
  rm -rf "$work"
fi

if ! command -v wasm-split-cli >/dev/null \
  || ! cargo install --list | grep -q "^wasm_split_cli_support v$SPLIT_VERSION:"; then
  # The splitter the build hook runs (scripts/trunk-split-hook.sh); about 2 minutes.
  log "installing wasm-split-cli $SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$SPLIT_VERSION" --features build-binary --locked --quiet
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@runware/ai-sdk-provider ]; then
  log "npm ci (binaryen's wasm-opt; Runware's AI SDK provider for the stand-in's test)"
  npm ci --no-audit --no-fund --silent
fi

log "cargo fetch"
cargo fetch --locked --quiet
log "ready: trunk $(trunk --version | cut -d' ' -f2), wasm-bindgen $WB_VERSION, $(wasm-opt --version | cut -d' ' -f1-3), $(chromium --version)"
