#!/usr/bin/env bash
# Prints a release build's size, brotli as served (raw and gzip beside it): what the first load
# fetches (the page's css, the start-up and main scripts, the split loader, the main wasm
# module) and every lazy chunk, fetched on first use. Then the first load against the 150 KB
# goal and the figure recorded in scripts/first-load.bytes: it fails when the first load grows
# past that figure, so no change can quietly undo the split (lower the figure when you cut).
#   size.sh [DIST]          the table (DIST defaults to the app's dist/)
#   size.sh --total [DIST]  only the first load's brotli bytes, for scripts
set -euo pipefail
cd "$(dirname "$0")/.."
only_total=false
if [ "${1:-}" = --total ]; then only_total=true; shift; fi
dist=${1:-dist}
# Scripts name each other by content hash; the names are counted as one fixed string, so two
# builds of the same code weigh the same to the byte.
command -v brotli >/dev/null || { echo "size: brotli is missing (bash scripts/setup.sh installs it)" >&2; exit 1; }
br() {
  case "$1" in
    *.js) sed -E 's/-[0-9a-f]{16}/-0000000000000000/g' "$1" | brotli -c -q 11 | wc -c ;;
    *) brotli -c -q 11 "$1" | wc -c ;;
  esac
}
row() { $only_total || printf '%-44s %9s %9s %9s\n' "$@"; }
row file raw gzip brotli
first=0
for f in "$dist"/*.css "$dist"/*.js "$dist"/*_bg.wasm; do
  [ -e "$f" ] || continue
  b=$(br "$f")
  first=$((first + b))
  row "$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)" "$b"
done
row "first load" "" "" "$first"
lazy=0
for f in "$dist"/split_*.wasm; do
  [ -e "$f" ] || continue
  b=$(br "$f")
  lazy=$((lazy + b))
  row "  lazy $(basename "$f" | sed 's/-[0-9a-f]*\.wasm$//')" "$(stat -c %s "$f")" "" "$b"
done
shared=0; n=0
for f in "$dist"/chunk_*.wasm; do
  [ -e "$f" ] || continue
  shared=$((shared + $(br "$f"))); n=$((n + 1))
done
row "  lazy, shared between chunks ($n files)" "" "" "$shared"
row "lazy in all" "" "" "$((lazy + shared))"
if $only_total; then echo "$first"; exit 0; fi
[ "$dist" = dist ] || exit 0
recorded=$(tr -dc 0-9 < scripts/first-load.bytes)
[ -n "$recorded" ] || { echo "size: scripts/first-load.bytes holds no figure" >&2; exit 1; }
printf 'first load %d KB brotli (goal 150 KB; recorded %d KB)\n' $((first / 1000)) $((recorded / 1000))
if [ "$first" -gt "$recorded" ]; then
  echo "size: the first load grew to $first bytes, past the $recorded recorded in scripts/first-load.bytes" >&2
  exit 1
fi
