#!/usr/bin/env bash
# Compare `stratc check` with the I/O floor and with two JSON Schema validators
# on generated strategy repositories. See bench/README.md.
#
#   bench/compare.sh [SIZE...]      SIZE: 1k, 10k, 100k or a number (default: 1k 10k 100k)
#
# Environment:
#   BENCH_DIR          where corpora, schemas, tools and results go
#                      (default: ${XDG_CACHE_HOME:-~/.cache}/stratc-bench)
#   SEED               corpus seed (default 1)
#   RUNS               timed runs per measurement after one warm-up run; the fastest is kept (default 1)
#   PEERS_MAX          run check-jsonschema and ajv only on corpora of at most this many entities
#                      (default: no limit; e.g. PEERS_MAX=10000 skips them on 100k)
#   BUILD_MAX          time `stratc build` (the docs site, into a fresh folder) on corpora of at most
#                      this many entities (default 10000; 0 skips it)
#   BENCH_NO_INSTALL=1 do not install missing peers into BENCH_DIR
#   STRATC             use this stratc binary instead of building one
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stratc-bench}
SEED=${SEED:-1}
RUNS=${RUNS:-1}
PEERS_MAX=${PEERS_MAX:-}
BUILD_MAX=${BUILD_MAX:-10000}
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
# Batches of about 1 MB of file names: few process starts for the peers, and still
# under ARG_MAX once ajv's `-d` flags are added.
XARGS_BYTES=1000000
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

log() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- sizes
sizes=()
for arg in "${@:-1k 10k 100k}"; do
  for s in $arg; do
    case "$s" in
      -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
      *[kK]) sizes+=($(( ${s%[kK]} * 1000 ))) ;;
      *[mM]) sizes+=($(( ${s%[mM]} * 1000000 ))) ;;
      *[!0-9]*|'') log "compare.sh: bad size '$s' (use 1k, 10k, 100k or a number)"; exit 2 ;;
      *) sizes+=("$s") ;;
    esac
  done
done

# ---------------------------------------------------------------- build
if [[ -n "${STRATC:-}" ]]; then
  log "== using STRATC=$STRATC; building the corpus generator"
  (cd "$REPO" && cargo build --release --quiet --example gen-corpus)
else
  log "== cargo build --release"
  (cd "$REPO" && cargo build --release --quiet --bin stratc --example gen-corpus)
  STRATC="$TARGET_DIR/release/stratc"
fi
GEN="$TARGET_DIR/release/examples/gen-corpus"
STRATC_VERSION=$("$STRATC" --version 2>/dev/null || echo "stratc (version unknown)")

# ---------------------------------------------------------------- timing
if [[ -x /usr/bin/time ]]; then TIME_BIN=/usr/bin/time; else TIME_BIN=; fi
HYPERFINE=$(command -v hyperfine || true)

# measure CMD: one warm-up run, then RUNS timed runs. Sets M_WALL (seconds, best run),
# M_RSS (highest peak resident set over the timed runs, KiB; empty without /usr/bin/time) and M_RC
# (exit code of the last run).
measure() {
  local cmd=$1 r t0 t1 ns best_ns="" best_rss="" rc=0
  bash -c "$cmd" >/dev/null 2>&1 || true
  if [[ -n "$HYPERFINE" ]]; then
    hyperfine --style none --warmup 0 --runs "$RUNS" --ignore-failure \
      --export-json "$TMP/hf.json" "$cmd" >/dev/null 2>&1 || true
    best_ns=$(python3 -c 'import json,sys; print(int(min(json.load(open(sys.argv[1]))["results"][0]["times"])*1e9))' "$TMP/hf.json" 2>/dev/null || true)
  fi
  for (( r = 0; r < RUNS; r++ )); do
    t0=$(date +%s%N)
    set +e
    if [[ -n "$TIME_BIN" ]]; then
      "$TIME_BIN" -f '%M' -o "$TMP/rss" bash -c "$cmd" >/dev/null 2>"$TMP/err"
    else
      bash -c "$cmd" >/dev/null 2>"$TMP/err"
    fi
    rc=$?
    set -e
    t1=$(date +%s%N)
    ns=$(( t1 - t0 ))
    if [[ -z "$HYPERFINE" ]] && { [[ -z "$best_ns" ]] || (( ns < best_ns )); }; then best_ns=$ns; fi
    if [[ -n "$TIME_BIN" ]]; then
      local rss; rss=$(tail -n 1 "$TMP/rss")
      if [[ -z "$best_rss" ]] || (( rss > best_rss )); then best_rss=$rss; fi
    fi
  done
  M_WALL=$(awk -v ns="$best_ns" 'BEGIN { printf "%.3f", ns / 1e9 }')
  M_RSS=$best_rss
  M_RC=$rc
}

# ---------------------------------------------------------------- corpora
corpus_for() {  # corpus_for N -> path (generated once per generator version, size and seed)
  local n=$1 dir="$BENCH_DIR/corpus-$1-seed$SEED" stamp
  stamp="$(sha256sum "$REPO/examples/gen-corpus.rs" | cut -c1-16) $n $SEED"
  if [[ ! -f "$dir/.gen-stamp" || "$(cat "$dir/.gen-stamp")" != "$stamp" ]]; then
    log "== generating $n entities into $dir"
    rm -rf "$dir"
    "$GEN" "$dir" --entities "$n" --seed "$SEED" >&2
    printf '%s\n' "$stamp" > "$dir/.gen-stamp"
  fi
  printf '%s\n' "$dir"
}

# ---------------------------------------------------------------- schemas
SCHEMA_DIR="$BENCH_DIR/schemas"
SCHEMA=""
rm -rf "$SCHEMA_DIR"
if "$STRATC" schema --out "$SCHEMA_DIR" >/dev/null 2>"$TMP/schema.err" && [[ -f "$SCHEMA_DIR/document.schema.json" ]]; then
  SCHEMA="$SCHEMA_DIR/document.schema.json"
else
  log "note: 'stratc schema --out' gave no document.schema.json; schema validators are skipped ($(head -c 200 "$TMP/schema.err"))"
fi

# ---------------------------------------------------------------- peers
install_ok() { [[ "${BENCH_NO_INSTALL:-0}" != 1 ]]; }

CJS=$(command -v check-jsonschema || true)
if [[ -z "$CJS" && -x "$BENCH_DIR/venv/bin/check-jsonschema" ]]; then CJS="$BENCH_DIR/venv/bin/check-jsonschema"; fi
if [[ -z "$CJS" && -n "$SCHEMA" ]] && install_ok && command -v python3 >/dev/null; then
  log "== installing check-jsonschema into $BENCH_DIR/venv"
  if python3 -m venv "$BENCH_DIR/venv" >&2 && "$BENCH_DIR/venv/bin/pip" install --quiet check-jsonschema >&2; then
    CJS="$BENCH_DIR/venv/bin/check-jsonschema"
  else
    log "note: could not install check-jsonschema"
  fi
fi
CJS_VERSION=""
if [[ -n "$CJS" ]]; then CJS_VERSION=$("$CJS" --version 2>/dev/null | head -n 1 || true); fi

AJV=$(command -v ajv || true)
AJV_MODULES=""
if [[ -x "$BENCH_DIR/node/node_modules/.bin/ajv" ]]; then
  AJV="$BENCH_DIR/node/node_modules/.bin/ajv"
elif [[ -n "$SCHEMA" ]] && install_ok && command -v npm >/dev/null; then
  log "== installing ajv-cli and ajv-formats into $BENCH_DIR/node"
  mkdir -p "$BENCH_DIR/node"
  if npm install --silent --no-audit --no-fund --prefix "$BENCH_DIR/node" ajv-cli ajv-formats >&2; then
    AJV="$BENCH_DIR/node/node_modules/.bin/ajv"
  else
    log "note: could not install ajv-cli"
  fi
fi
if [[ -d "$BENCH_DIR/node/node_modules" ]]; then AJV_MODULES="$BENCH_DIR/node/node_modules"; fi
AJV_VERSION=""
if [[ -n "$AJV" ]]; then
  pkg_version() { node -p "require('$1/package.json').version" 2>/dev/null || echo '?'; }
  if [[ -n "$AJV_MODULES" ]]; then
    AJV_VERSION="ajv-cli $(pkg_version "$AJV_MODULES/ajv-cli") (ajv $(pkg_version "$AJV_MODULES/ajv"), ajv-formats $(pkg_version "$AJV_MODULES/ajv-formats"))"
  else
    AJV_VERSION="ajv-cli (global)"
  fi
  AJV_FORMATS=ajv-formats
  if [[ -n "$AJV_MODULES" ]]; then AJV_FORMATS="$AJV_MODULES/ajv-formats"; fi
  # ajv-cli takes one `-d FILE` per data file (or one glob) and stops at the first file it
  # cannot parse, so it gets an explicit list of single-document files, in large batches.
  cat > "$TMP/ajv-batch" <<EOF
#!/usr/bin/env bash
args=()
for f in "\$@"; do args+=(-d "\$f"); done
exec "$AJV" validate --spec=draft2020 --strict=false --errors=no -c "$AJV_FORMATS" -s "$SCHEMA" "\${args[@]}"
EOF
fi

# ---------------------------------------------------------------- parse-only probe
PARSE_ONLY=1
probe=$(corpus_for "${sizes[0]}")
set +e
"$STRATC" check --parse-only "$probe" >/dev/null 2>"$TMP/probe.err"
probe_rc=$?
set -e
if (( probe_rc > 1 )); then
  PARSE_ONLY=0
  log "note: 'stratc check --parse-only' is not available (exit $probe_rc); that row is skipped"
fi

# ---------------------------------------------------------------- run
rows=()
ratios=()
row() {  # row N FILES BYTES TOOL WALL RSS NOTE FLOOR
  local n=$1 files=$2 bytes=$3 tool=$4 wall=$5 rss=$6 note=$7 floor=$8
  if [[ -z "$wall" ]]; then
    rows+=("| $n | $tool | – | – | – | – | – | $note |")
    return
  fi
  local mib="n/a"
  [[ -n "$rss" ]] && mib=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
  rows+=("$(awk -v n="$n" -v tool="$tool" -v w="$wall" -v mib="$mib" -v f="$files" -v b="$bytes" -v fl="$floor" -v note="$note" 'BEGIN {
    ws = (w > 0 ? w : 0.001)
    ratio = (fl > 0 ? sprintf("%.1f×", w / fl) : "–")
    printf "| %s | %s | %.2f | %s | %.0f | %.1f | %s | %s |", n, tool, w, mib, f / ws, b / 1e6 / ws, ratio, note }')")
}

for n in "${sizes[@]}"; do
  corpus=$(corpus_for "$n")
  find "$corpus" -name '*.yaml' -print0 > "$TMP/all.lst"
  find "$corpus" -mindepth 2 -name '*.yaml' -print0 | sort -z > "$TMP/docs.lst"
  # The peers read one document per file: give them the single-document files only.
  xargs -0 grep -L -Z -x -e '---' < "$TMP/docs.lst" > "$TMP/single.lst" || true
  files=$(tr -cd '\0' < "$TMP/all.lst" | wc -c)
  bytes=$(xargs -0 cat < "$TMP/all.lst" | wc -c)
  single=$(tr -cd '\0' < "$TMP/single.lst" | wc -c)
  single_bytes=$(xargs -0 cat < "$TMP/single.lst" | wc -c)
  multi=$(( $(tr -cd '\0' < "$TMP/docs.lst" | wc -c) - single ))
  label="$n"
  log "== $n entities: $files yaml files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"

  log "   floor (find | xargs cat)"
  measure "find '$corpus' -name '*.yaml' -print0 | xargs -0 cat > /dev/null"
  floor=$M_WALL
  row "$label" "$files" "$bytes" "floor: cat" "$M_WALL" "$M_RSS" "" 0

  parse_wall=""
  if (( PARSE_ONLY )); then
    log "   stratc check --parse-only"
    measure "'$STRATC' check --parse-only '$corpus'"
    parse_wall=$M_WALL
    note=""; (( M_RC > 1 )) && note="exit $M_RC"
    row "$label" "$files" "$bytes" "stratc parse only" "$M_WALL" "$M_RSS" "$note" "$floor"
  else
    row "$label" "$files" "$bytes" "stratc parse only" "" "" "flag not available" "$floor"
  fi

  log "   stratc check"
  measure "'$STRATC' check '$corpus'"
  note="exit $M_RC"; (( M_RC > 1 )) && note="exit $M_RC (error)"
  row "$label" "$files" "$bytes" "stratc check" "$M_WALL" "$M_RSS" "$note" "$floor"
  if [[ -n "$parse_wall" ]]; then
    ratios+=("$(awk -v n="$n" -v c="$M_WALL" -v p="$parse_wall" 'BEGIN { printf "- %s entities: stratc check takes %.2f× the time of parse-only (%.2f s vs %.2f s)", n, (p > 0 ? c / p : 0), c, p }')")
  fi

  if (( n <= BUILD_MAX )); then
    log "   stratc build (site into a fresh folder)"
    # A new folder each run: a first build writes every page.
    measure "'$STRATC' build '$corpus' --out \"\$(mktemp -u '$TMP/site.XXXXXX')\""
    row "$label" "$files" "$bytes" "stratc build (site)" "$M_WALL" "$M_RSS" "exit $M_RC; site into a fresh folder" "$floor"
    rm -rf "$TMP"/site.*
  fi

  peer_skip=""
  if [[ -z "$SCHEMA" ]]; then peer_skip="no schema (stratc schema failed)"
  elif [[ -n "$PEERS_MAX" ]] && (( n > PEERS_MAX )); then peer_skip="skipped (PEERS_MAX=$PEERS_MAX)"; fi

  if [[ -n "$peer_skip" ]]; then
    row "$label" "$files" "$bytes" "check-jsonschema" "" "" "$peer_skip" "$floor"
  elif [[ -z "$CJS" ]]; then
    row "$label" "$files" "$bytes" "check-jsonschema" "" "" "not installed" "$floor"
  else
    log "   check-jsonschema (batched with xargs)"
    measure "xargs -0 -s $XARGS_BYTES '$CJS' --schemafile '$SCHEMA' < '$TMP/single.lst'"
    row "$label" "$single" "$single_bytes" "check-jsonschema" "$M_WALL" "$M_RSS" "exit $M_RC; $single files, $multi multi-document skipped" "$floor"
  fi

  if [[ -n "$peer_skip" ]]; then
    row "$label" "$files" "$bytes" "ajv-cli" "" "" "$peer_skip" "$floor"
  elif [[ -z "$AJV" ]]; then
    row "$label" "$files" "$bytes" "ajv-cli" "" "" "not installed" "$floor"
  else
    log "   ajv validate (batched with xargs)"
    measure "xargs -0 -s $XARGS_BYTES bash '$TMP/ajv-batch' < '$TMP/single.lst'"
    row "$label" "$single" "$single_bytes" "ajv-cli" "$M_WALL" "$M_RSS" "exit $M_RC; $single files, $multi multi-document skipped" "$floor"
  fi
done

# ---------------------------------------------------------------- report
cores=$(nproc 2>/dev/null || echo '?')
report="$BENCH_DIR/results-$(date +%Y%m%d-%H%M%S).md"
{
  echo "## stratc benchmark ($(date -u +%Y-%m-%d), $cores cores, seed $SEED, best of $RUNS after a warm-up run)"
  echo
  echo "| entities | tool | wall s | peak MiB | files/s | MB/s | × cat floor | notes |"
  echo "|---:|---|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  if (( ${#ratios[@]} )); then
    echo "stratc check vs parse-only:"
    printf '%s\n' "${ratios[@]}"
    echo
  fi
  echo "Versions:"
  echo "- $STRATC_VERSION"
  echo "- check-jsonschema: ${CJS_VERSION:-not installed}"
  echo "- ajv: ${AJV_VERSION:-not installed}"
  echo "- timing: ${HYPERFINE:+hyperfine $(hyperfine --version | cut -d' ' -f2), }${TIME_BIN:-no /usr/bin/time (no peak RSS)}"
} | tee "$report"
log "(saved to $report)"
