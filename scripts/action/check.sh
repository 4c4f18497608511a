#!/usr/bin/env bash
# The Action's check step: `stratc check` once per report the Action needs
# (JSON for annotations and counts, SARIF for code scanning, Markdown for the
# job summary), all into $OUT. Exit 0 when findings were reported (the gate
# step decides, after the reports are out); the exit code of stratc when it
# could not check at all (2: usage, I/O), so the job stops with its message.
# Inputs: STRATC_ROOT, STRATC_ARGS (split on spaces), OUT.
set -uo pipefail
mkdir -p "$OUT"
read -r -a extra <<< "${STRATC_ARGS:-}"
for format in json:check.json sarif:stratc.raw.sarif markdown:check.md; do
  code=0
  stratc check "$STRATC_ROOT" --format "${format%%:*}" "${extra[@]}" > "$OUT/${format#*:}" || code=$?
  if [ "$code" -ge 2 ]; then
    echo "::error title=stratc::stratc check could not run (exit $code); see the message above"
    exit "$code"
  fi
done
echo "exit=$code" >> "${GITHUB_OUTPUT:-/dev/stdout}"
