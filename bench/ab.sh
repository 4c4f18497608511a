#!/usr/bin/env bash
# Interleaved A/B timing of whole commands: runs each command once per round,
# in turn, for RUNS rounds, so a slow spell of a noisy machine hits every
# command alike. Prints min and median wall time, median user and system CPU
# and the highest peak memory of each. Used for the before/after figures in
# bench/README.md ("Where the time goes").
#
#   bench/ab.sh RUNS "label::command" ["label::command" ...]
#
# e.g. bench/ab.sh 5 "old::/tmp/stratc-old check CORPUS" "new::target/release/stratc check CORPUS"
set -euo pipefail

if (( $# < 2 )); then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
runs=$1; shift
times=$(mktemp)
trap 'rm -f "$times" "$times".*' EXIT
for (( r = 0; r < runs; r++ )); do
  i=0
  for spec in "$@"; do
    /usr/bin/time -o "$times.one" -f '%e %U %S %M' bash -c "${spec#*::}" >/dev/null 2>&1 || true
    printf '%s %s\n' "$i" "$(tail -n 1 "$times.one")" >> "$times"
    i=$(( i + 1 ))
  done
done
i=0
for spec in "$@"; do
  awk -v i="$i" -v label="${spec%%::*}" '
    $1 == i { n++; w[n] = $2; u[n] = $3; s[n] = $4; if ($5 > m) m = $5 }
    function median(a, n,   j, k, t) {
      for (j = 1; j <= n; j++) for (k = j + 1; k <= n; k++) if (a[k] < a[j]) { t = a[j]; a[j] = a[k]; a[k] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END {
      if (n == 0) { printf "%-24s no runs\n", label; exit }
      med = median(w, n); min = w[1]
      printf "%-24s wall min %.2f med %.2f | user med %.2f | sys med %.2f | peak %d MiB\n",
        label, min, med, median(u, n), median(s, n), m / 1024
    }' "$times"
  i=$(( i + 1 ))
done
