#!/usr/bin/env bash
# The language server's latency benchmark, in one command:
#
#   bench/lsp.sh [ENTITIES...]        (default: 10000 100000)
#
# Builds stratc and the corpus generator in release mode, generates each
# repository once (kept under $BENCH_DIR, default /tmp/stratc-bench), times
# `stratc check` on it for comparison, and runs bench/lsp.py: initial load,
# didChange -> publishDiagnostics after a one-file edit, hover, completion,
# memory. README.md ("Editor support") has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000)
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --bin stratc --example gen-corpus
# Absolute: bench/lsp.py starts the server inside the repository.
stratc="$(cd "$target/release" && pwd)/stratc"
dir="${BENCH_DIR:-/tmp/stratc-bench}"
mkdir -p "$dir"
for n in "${sizes[@]}"; do
  repo="$dir/corpus-$n"
  [ -f "$repo/stratc.yaml" ] || "$target/release/examples/gen-corpus" "$repo" --entities "$n" >/dev/null
  echo "== $n entities"
  python3 bench/lsp.py "$stratc" "$repo"
done
