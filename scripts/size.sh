#!/usr/bin/env bash
# Prints the release build's size: wasm, js, css; raw, gzip and brotli (when brotli exists).
set -euo pipefail
cd "$(dirname "$0")/.."
total_raw=0; total_gz=0
printf '%-6s %10s %10s %10s\n' kind raw gzip brotli
for ext in wasm js css; do
  f=$(ls dist/*."$ext" 2>/dev/null | head -1) || true
  [ -n "${f:-}" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c)
  br=$(command -v brotli >/dev/null && brotli -c -q 11 "$f" | wc -c || echo n/a)
  printf '%-6s %10s %10s %10s\n' "$ext" "$raw" "$gz" "$br"
done
