#!/usr/bin/env bash
# Trunk post-build hook: builds the app's wasm split at its `wasm_split` points
# (src/components/lazy/chunks.rs), on the stable toolchain, as ../shared/toolchain.md records:
#   1. cargo rustc … -Clink-arg=--emit-relocs   (the linker keeps what the splitter needs)
#   2. wasm-split-cli                            (main module, one module per split point and
#                                                 shared chunks, and __wasm_split.js to load them)
#   3. wasm-bindgen --target web --keep-lld-exports (the pinned version)
#   4. wasm-opt -Oz on every module (release builds)
# then gives every file a content-hashed name (served as immutable), and writes the start-up
# script as a file (no inline script: the CSP forbids it) that first records CSP violations,
# which the end-to-end tests check stay at zero. index.html's rust link carries
# data-trunk-skip, so trunk itself builds no second, unsplit copy.
set -euo pipefail
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"
stage=${TRUNK_STAGING_DIR:?run by trunk}
name=kling-studio
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  cargo rustc --release --features split --target wasm32-unknown-unknown --bin "$name" -- -Clink-arg=--emit-relocs
  built="$target_dir/wasm32-unknown-unknown/release/$name.wasm"
else
  cargo rustc --features split --target wasm32-unknown-unknown --bin "$name" -- -Clink-arg=--emit-relocs
  built="$target_dir/wasm32-unknown-unknown/debug/$name.wasm"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-split-cli --out-name "$name" "$built" "$work/split" >/dev/null
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-name "$name" \
  --out-dir "$work/pkg" "$work/split/$name.wasm"
mv "$work/pkg/${name}_bg.wasm" "$work/pkg/$name.wasm.bindgen"
modules=("$work/pkg/$name.wasm.bindgen")
for f in "$work"/split/split_*.wasm "$work"/split/chunk_*.wasm; do
  [ -e "$f" ] && modules+=("$f")
done
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types)
  for f in "${modules[@]}"; do
    # (Its one warning per module, an unknown name subsection, is the splitter's and harmless.)
    wasm-opt -Oz --strip-debug --strip-producers "${features[@]}" "$f" -o "$f.opt" \
      2> >(grep -v 'unknown name subsection' >&2)
    mv "$f.opt" "$f"
  done
fi
# Of the contents alone (never the temporary paths): the same code keeps the same names.
hash16() { cat "$@" | sha256sum | cut -c1-16; }
# Each module by its own content; the two scripts (which name each other) by the whole build.
build=$(hash16 "${modules[@]}" "$work/pkg/$name.js" "$work/split/__wasm_split.js")
split_js="__wasm_split-$build.js"
main_js="$name-$build.js"
main_wasm="$name-$(hash16 "$work/pkg/$name.wasm.bindgen")_bg.wasm"
cp "$work/pkg/$name.wasm.bindgen" "$stage/$main_wasm"
cp "$work/split/__wasm_split.js" "$work/$split_js"
for f in "$work"/split/split_*.wasm "$work"/split/chunk_*.wasm; do
  [ -e "$f" ] || continue
  base=$(basename "$f" .wasm)
  hashed="$base-$(hash16 "$f").wasm"
  cp "$f" "$stage/$hashed"
  sed -i "s|\"./$base.wasm\"|\"./$hashed\"|g" "$work/$split_js"
done
sed -i "s|\"./$name.js\"|\"./$main_js\"|g" "$work/$split_js"
if grep -qE '"\./(split|chunk)_[0-9a-z_]*\.wasm"|"\./'"$name"'\.js"' "$work/$split_js"; then
  echo "trunk-split-hook: the split loader still names a file without its hash" >&2
  exit 1
fi
sed -e "s|from \"./__wasm_split.js\"|from \"./$split_js\"|g" -e "s|'${name}_bg.wasm'|'$main_wasm'|" \
  "$work/pkg/$name.js" > "$stage/$main_js"
cp "$work/$split_js" "$stage/$split_js"
boot="addEventListener('securitypolicyviolation', e => (window.__cspViolations ||= []).push(e.violatedDirective + ' ' + e.blockedURI));
import init, * as bindings from '/$main_js';
await init({ module_or_path: '/$main_wasm' });
window.wasmBindings = bindings;"
boot_js="boot-$(printf '%s' "$boot" | sha256sum | cut -c1-16).js"
printf '%s\n' "$boot" > "$stage/$boot_js"
# The main module and its script are fetched at once, beside the start-up script; the
# chunks only when first used.
head="<link rel=\"modulepreload\" href=\"/$main_js\" crossorigin=\"anonymous\" />
    <link rel=\"preload\" href=\"/$main_wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\" />
    <script type=\"module\" src=\"/$boot_js\"></script>
  </head>"
perl -0777 -i -pe "s{\s*<!-- Built by scripts/trunk-split-hook.sh[^>]*-->}{}; s{\s*<link data-trunk rel=\"rust\"[^>]*>}{}; s{\s*</head>}{\n    $head}" "$stage/index.html"
grep -q "$boot_js" "$stage/index.html" || { echo "trunk-split-hook: index.html has no </head> to start the app from" >&2; exit 1; }
