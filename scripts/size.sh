#!/usr/bin/env bash
# Prints the release build's size: wasm, js, css (every file of each kind summed); raw, gzip
# and brotli; then the total against the 150 KB brotli budget.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-6s %10s %10s %10s\n' kind raw gzip brotli
total_br=0
for ext in wasm js css; do
  raw=0; gz=0; br=0
  for f in dist/*."$ext"; do
    [ -e "$f" ] || continue
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
    if command -v brotli >/dev/null; then br=$((br + $(brotli -c -q 11 "$f" | wc -c))); fi
  done
  total_br=$((total_br + br))
  printf '%-6s %10s %10s %10s\n' "$ext" "$raw" "$gz" "$br"
done
printf 'total brotli %d KB (budget 150 KB)\n' $((total_br / 1000))
