#!/usr/bin/env bash
# Trunk post-build hook, release builds only: writes brotli (.br) and gzip (.gz) copies of the
# wasm, js and css beside them, so a server can send them as they are (nginx's brotli_static
# and gzip_static in deploy/) instead of compressing on every request at a lower level:
# the wasm travels as 273 KB of brotli instead of about 360 KB of gzip level 6.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
cd "$TRUNK_STAGING_DIR"
for f in *.wasm *.js *.css; do
  [ -e "$f" ] || continue
  gzip -9 -n -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done
