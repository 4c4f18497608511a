#!/usr/bin/env bash
# Regenerates the README's screenshots of the acme docs site: builds the
# site (plain mkdocs theme and mkdocs-material), then photographs the index,
# a scorecard and the pricing policy with headless Chromium.
# Needs: cargo, python3 with mkdocs and mkdocs-material, Debian's chromium.
# Usage: scripts/screenshots.sh [OUT_DIR]   (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
shoot() { # theme page png width height
  local site="$work/$1/site/site"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$work")" --hide-scrollbars \
    --window-size="$4,$5" --screenshot="$out/$3" "file://$site/$2" 2>/dev/null
}
for theme in mkdocs material; do
  mkdir -p "$work/$theme"
  cp -r examples/acme "$work/$theme/strategy"
  sed -i "s/^site:$/site:\n  theme: $theme/" "$work/$theme/strategy/stratc.yaml"
  "${CARGO_TARGET_DIR:-target}/release/stratc" build "$work/$theme/strategy" --out "$work/$theme/site" >/dev/null
  (cd "$work/$theme/site" && python3 -m mkdocs build --strict --quiet)
done
shoot material index.html index-material.png 1200 1000
shoot mkdocs index.html index-mkdocs.png 1200 1000
shoot material scorecards/commerce-monthly-scorecard.html scorecard.png 1200 1100
shoot material pricing-policies/acme-pricing-policy.html pricing-policy.png 1200 1000
# Keep them small: 8-bit palette when pngquant is there.
if command -v pngquant >/dev/null 2>&1; then
  pngquant --force --ext .png --quality 60-85 "$out"/*.png
fi
ls -l "$out"
