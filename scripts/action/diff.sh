#!/usr/bin/env bash
# The Action's diff step: `stratc diff` against STRATC_BASE into
# $OUT/diff.md and $OUT/diff.json. Without a base (not a pull request and no
# `base` input) there is nothing to compare: ran=false. A base commit
# missing from a shallow clone is fetched, so `fetch-depth: 0` is not needed.
# Outputs: ran, exit (0 clean, 1 the change introduces errors, 2 could not
# compare), labels (comma-separated, for a labelling step).
# Inputs: STRATC_ROOT, STRATC_BASE, OUT.
set -uo pipefail
mkdir -p "$OUT"
output="${GITHUB_OUTPUT:-/dev/stdout}"
if [ -z "${STRATC_BASE:-}" ]; then
  echo "stratc: no base revision (not a pull request, and no \`base\` input): no diff"
  echo "ran=false" >> "$output"
  exit 0
fi
if ! git rev-parse --verify --quiet "${STRATC_BASE}^{commit}" > /dev/null; then
  git fetch --no-tags --quiet --depth=1 origin "$STRATC_BASE" || true
fi
code=0
stratc diff "$STRATC_ROOT" --base "$STRATC_BASE" > "$OUT/diff.md" || code=$?
stratc diff "$STRATC_ROOT" --base "$STRATC_BASE" --format json > "$OUT/diff.json" || true
labels=""
if [ -s "$OUT/diff.json" ]; then
  labels="$(python3 -c 'import json,sys; print(",".join(json.load(open(sys.argv[1])).get("labels", [])))' "$OUT/diff.json" 2>/dev/null || true)"
fi
{
  echo "ran=true"
  echo "exit=$code"
  echo "labels=$labels"
} >> "$output"
