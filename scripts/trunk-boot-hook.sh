#!/usr/bin/env bash
# Trunk post-build hook: moves trunk's inline start-up script into a hashed file, so the
# Content-Security-Policy can forbid inline scripts (script-src 'self'). The script first
# records CSP violations, which the end-to-end tests check stay at zero.
set -euo pipefail
html="$TRUNK_STAGING_DIR/index.html"
body=$(perl -0777 -ne 'print $1 if m{<script type="module">(.*?)</script>}s' "$html")
[ -n "$body" ] || exit 0
boot="addEventListener('securitypolicyviolation', e => (window.__cspViolations ||= []).push(e.violatedDirective + ' ' + e.blockedURI));
$body"
hash=$(printf '%s' "$boot" | sha256sum | cut -c1-16)
printf '%s\n' "$boot" > "$TRUNK_STAGING_DIR/boot-$hash.js"
perl -0777 -i -pe "s{<script type=\"module\">.*?</script>}{<script type=\"module\" src=\"/boot-$hash.js\"></script>}s" "$html"
