#!/usr/bin/env bash
# Times `stratc diff` against the previous commit on a generated strategy
# repository and compares it with one `stratc check` of the same tree.
# The target (issue 16): diff takes at most 2x one check. See bench/README.md.
#
#   bench/diff.sh [ENTITIES]     default 10000
#
# Environment:
#   BENCH_DIR   where the corpus repository goes (default: ${XDG_CACHE_HOME:-~/.cache}/stratc-bench)
#   RUNS        timed runs of each command after one warm-up; the fastest is kept (default 3)
#   MAX_RATIO   exit 1 when diff / check is above this (default 2)
#   STRATC      use this stratc binary instead of building one
#   GEN         use this gen-corpus binary instead of building one
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-10000}
RUNS=${RUNS:-3}
MAX_RATIO=${MAX_RATIO:-2}
BENCH_DIR=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stratc-bench}
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
mkdir -p "$BENCH_DIR"

if [[ -z "${STRATC:-}" ]]; then
  (cd "$REPO" && cargo build --release --quiet --bin stratc)
  STRATC="$TARGET_DIR/release/stratc"
fi
if [[ -z "${GEN:-}" ]]; then
  (cd "$REPO" && cargo build --release --quiet --example gen-corpus)
  GEN="$TARGET_DIR/release/examples/gen-corpus"
fi

# A repository whose previous commit is the generated corpus and whose last
# commit changes 1% of the documents (a title and a date each), removes ten
# and adds ten: a large pull request.
dir="$BENCH_DIR/diff-$N"
rm -rf "$dir"
mkdir -p "$dir"
"$GEN" "$dir/strategy" --entities "$N" --seed 1 >/dev/null
g() { git -C "$dir" -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false "$@"; }
g init -q -b main
g add -A
g commit -q -m "generated corpus"
mapfile -t files < <(cd "$dir" && git ls-files 'strategy/*.yaml' | grep -v stratc.yaml | awk 'NR % 100 == 7')
for f in "${files[@]}"; do
  sed -i '0,/^title: /s/^title: \(.*\)$/title: \1 (revised)/' "$dir/$f"
done
mapfile -t gone < <(cd "$dir" && git ls-files 'strategy/playbooks/*.yaml' | head -10)
for f in "${gone[@]}"; do
  git -C "$dir" mv "$f" "${f%.yaml}-moved.yaml"
done
g commit -q -am "a large change"
changed=$(g diff --name-only HEAD~1 | wc -l)

best() { # best wall time in seconds of RUNS runs of "$@", after a warm-up
  "$@" >/dev/null 2>&1 || true
  local r t0 t1 b=""
  for (( r = 0; r < RUNS; r++ )); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    local t=$(( t1 - t0 ))
    if [[ -z "$b" || $t -lt $b ]]; then b=$t; fi
  done
  python3 -c "print(f'{$b / 1e9:.3f}')"
}

check=$(best "$STRATC" check "$dir/strategy")
diff=$(best "$STRATC" diff "$dir/strategy" --base HEAD~1)
ratio=$(python3 -c "print(f'{$diff / $check:.2f}')")
echo "entities: $N; files changed in the last commit: $changed; best of $RUNS"
echo "stratc check:                  ${check} s"
echo "stratc diff --base HEAD~1:     ${diff} s"
echo "diff / check:                  ${ratio}x (target at most ${MAX_RATIO}x)"
python3 -c "import sys; sys.exit(0 if $ratio <= $MAX_RATIO else 1)"
