#!/usr/bin/env bash
# Prints a release build's size: wasm, js, css (every file of each kind summed); raw, gzip and
# brotli; then the brotli total against the 150 KB budget.
#   size.sh [DIST]          the table (DIST defaults to the app's dist/)
#   size.sh --total [DIST]  only the brotli total in bytes, for scripts
set -euo pipefail
cd "$(dirname "$0")/.."
only_total=false
if [ "${1:-}" = --total ]; then only_total=true; shift; fi
dist=${1:-dist}
$only_total || printf '%-6s %10s %10s %10s\n' kind raw gzip brotli
total_br=0
for ext in wasm js css; do
  raw=0; gz=0; br=0
  for f in "$dist"/*."$ext"; do
    [ -e "$f" ] || continue
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
    if command -v brotli >/dev/null; then br=$((br + $(brotli -c -q 11 "$f" | wc -c))); fi
  done
  total_br=$((total_br + br))
  $only_total || printf '%-6s %10s %10s %10s\n' "$ext" "$raw" "$gz" "$br"
done
if $only_total; then echo "$total_br"
elif [ "$dist" = dist ]; then printf 'total brotli %d KB (budget 150 KB)\n' $((total_br / 1000))
else printf 'total brotli %d KB\n' $((total_br / 1000)); fi
