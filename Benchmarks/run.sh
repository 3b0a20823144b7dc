#!/usr/bin/env bash
# The Marginalia batch benchmark — one command, from the repository root or anywhere:
#
#   bash Benchmarks/run.sh
#
# Builds the release binaries, then measures side by side on the same machine:
#   1. `marginalia annotate` end to end (read .jsonl.gz, run the bundled plugins, commit
#      to the SQLite store) over ../shared/corpora/news-en.jsonl.gz with 1 and 2 jobs:
#      documents/s, MB/s, annotations/s and peak RSS, median of RUNS runs;
#   2. the resume run (the same command over the annotated store), whole-file skip and
#      document-by-document (the corpus piped to `annotate -`);
#   3. the lexicon matcher alone (TextBench) over the same corpus and terms;
#   4. Python baselines on the same corpus and terms (Plugins/*/lexicons/*.txt): spaCy
#      blank("en") + PhraseMatcher(attr="LOWER"), one `re` alternation, and pyahocorasick
#      (matching alone), installed into a venv under .bench/ when missing;
#   5. peak RSS over a generated corpus of at least 1 GB (BIG_MB, written to BIG_DIR,
#      never into the repository), with 2 jobs;
#   0. first, the per-core table (issue 16), whole processes with --jobs 1 over the
#      decompressed corpus, interleaved run by run, wall and CPU (user+sys) seconds:
#      ../shared/baselines/pipeline_py.py (the four topic taggers' job in Python), the four
#      topic taggers, the store path alone (Benchmarks/plugins/fixed_spans.lua: 15 spans per
#      document, no analysis), the floor (Benchmarks/plugins/no_analysis.lua: no analysis,
#      no annotation) and all bundled plugins, each marginalia row with --timings for the
#      CPU split per stage (medians of TABLE_RUNS);
# and prints the figures, the ratios and the targets.
#
# Settings (environment): RUNS (default 5), TABLE_RUNS (5), PY_RUNS (3), CORPUS, ONLY
# (plugin names for --only, default: every bundled plugin), BIG_MB (1100; 0 skips the big
# run), BIG_DIR (/tmp/marginalia-bench), SCRATCH (.bench), TABLE_ONLY=1 (step 0 alone),
# PIPELINE_PY (../shared/baselines/pipeline_py.py), BASELINE (one commit or several, separated
# by spaces: the release build of each, made from `git archive` under SCRATCH with that
# commit's own scripts/build-release.sh when it has one, adds the table's marginalia rows as
# they were then, side by side in the same run).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-5}
TABLE_RUNS=${TABLE_RUNS:-5}
PIPELINE_PY=${PIPELINE_PY:-$ROOT/../shared/baselines/pipeline_py.py}
PY_RUNS=${PY_RUNS:-3}
CORPUS=${CORPUS:-$ROOT/../shared/corpora/news-en.jsonl.gz}
BIG_MB=${BIG_MB:-1100}
BIG_DIR=${BIG_DIR:-/tmp/marginalia-bench}
SCRATCH=${SCRATCH:-$ROOT/.bench}
PLUGINS=(--plugins "$ROOT/Plugins")
if [ -n "${ONLY:-}" ]; then PLUGINS+=(--only "$ONLY"); fi
mkdir -p "$SCRATCH" "$BIG_DIR"
[ -f "$CORPUS" ] || { echo "corpus not found: $CORPUS (see ../shared/corpora/README.md)" >&2; exit 2; }

bash scripts/install-deps.sh
if [ ! -x /usr/bin/time ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
fi
echo "building release binaries …" >&2
scripts/build-release.sh marginalia TextBench >&2
BIN=$(swift build -c release --show-bin-path)
MARGINALIA=$BIN/marginalia

PYTHON=python3
if ! python3 -c "import spacy, ahocorasick" 2>/dev/null; then
  if [ ! -x "$SCRATCH/venv/bin/python" ] || ! "$SCRATCH/venv/bin/python" -c "import spacy, ahocorasick" 2>/dev/null; then
    echo "installing spaCy and pyahocorasick into $SCRATCH/venv …" >&2
    python3 -m venv "$SCRATCH/venv"
    "$SCRATCH/venv/bin/pip" install -q spacy pyahocorasick >&2
  fi
  PYTHON=$SCRATCH/venv/bin/python
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# One timed command: appends "seconds peak_kb cpu_seconds" to $1; the rest of the
# arguments is the command (its exit status is ignored: the corpus has one empty article).
timed() {
  local out=$1; shift
  /usr/bin/time -f "TIME %e %M %U %S" -o "$SCRATCH/time.txt" "$@" > "$SCRATCH/last.out" 2> "$SCRATCH/last.err" || true
  grep '^TIME' "$SCRATCH/time.txt" | awk '{ print $2, $3, $4 + $5 }' >> "$out"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB; load at start: $(load)"
STATS=$("$PYTHON" - "$CORPUS" <<'EOF'
import gzip, json, sys
path = sys.argv[1]
opener = gzip.open if path.endswith(".gz") else open
docs = 0; size = 0
with opener(path, "rt", encoding="utf-8") as handle:
    for line in handle:
        if line.strip():
            text = json.loads(line).get("text") or ""
            if text.strip():
                docs += 1; size += len(text.encode("utf-8"))
print(docs, size)
EOF
)
DOCS=${STATS% *}
BYTES=${STATS#* }
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.2f", b / 1e6 }')
echo "corpus: $CORPUS — $DOCS documents, $MB MB of text; plugins: ${ONLY:-every bundled plugin} ($(find "$ROOT/Plugins" -mindepth 1 -maxdepth 1 ! -name lib | wc -l) in Plugins/)"

# --- 0. The per-core table (issue 16): whole processes, --jobs 1, over the decompressed
# corpus (as ../shared/baselines/README.md measured), rows interleaved run by run so that
# the machine's load falls on every row alike.
[ -f "$PIPELINE_PY" ] || { echo "Python pipeline not found: $PIPELINE_PY" >&2; exit 2; }
JSONL=$SCRATCH/corpus.jsonl
gzip -dc "$CORPUS" > "$JSONL"
FOUR=defense,agriculture,diplomacy,humanitarian
TABLE_ROWS=(python four fixed floor all)
# Each baseline commit's release binary (its own build script, so that it is linked as it
# was then) and its rows, named ROW@COMMIT.
declare -A BASE_DIRS
for commit in ${BASELINE:-}; do
  dir=$SCRATCH/baseline-$commit
  if [ ! -x "$dir/.build/release/marginalia" ]; then
    echo "building the release binary of $commit in $dir …" >&2
    mkdir -p "$dir" && git archive "$commit" | tar -x -C "$dir"
    if [ -f "$dir/scripts/build-release.sh" ]; then (cd "$dir" && bash scripts/build-release.sh marginalia >&2)
    else (cd "$dir" && swift build -c release --product marginalia >&2); fi
  fi
  BASE_DIRS[$commit]=$dir
  TABLE_ROWS+=("four@$commit" "fixed@$commit" "all@$commit")
done
row_command() {   # sets ROW to the command of table row $1 (a fresh store each time)
  local store=$SCRATCH/row-$1.sqlite binary=$MARGINALIA timings=(--timings) plugins=$ROOT/Plugins
  local bench_plugins=$ROOT/Benchmarks/plugins
  rm -f "$store" "$store-wal" "$store-shm"
  # A baseline's rows: its binary and its own plugins (the benchmark's fixed_spans too, which
  # may use functions its binary lacks); --timings only where it has the option (it costs a
  # little CPU, so every row that can runs with it).
  case $1 in *@*)
    local dir=${BASE_DIRS[${1#*@}]}
    binary=$dir/.build/release/marginalia; plugins=$dir/Plugins
    [ -d "$dir/Benchmarks/plugins" ] && bench_plugins=$dir/Benchmarks/plugins
    "$binary" annotate --help 2>/dev/null | grep -q -- '--timings' || timings=() ;;
  esac
  case $1 in
    python) ROW=("$PYTHON" "$PIPELINE_PY" "$JSONL" "$ROOT/Plugins" "$store") ;;
    four*) ROW=("$binary" annotate "$JSONL" --store "$store" --jobs 1 --quiet "${timings[@]}" --plugins "$plugins" --only "$FOUR") ;;
    fixed*) ROW=("$binary" annotate "$JSONL" --store "$store" --jobs 1 --quiet "${timings[@]}" --plugins "$bench_plugins" --only fixed_spans) ;;
    floor) ROW=("$binary" annotate "$JSONL" --store "$store" --jobs 1 --quiet "${timings[@]}" --plugins "$bench_plugins" --only no_analysis) ;;
    all*) ROW=("$binary" annotate "$JSONL" --store "$store" --jobs 1 --quiet "${timings[@]}" --plugins "$plugins") ;;
  esac
}
declare -A ROW_WALL ROW_CPU ROW_RSS ROW_ANNOTATIONS
for name in "${TABLE_ROWS[@]}"; do : > "$SCRATCH/row-$name.txt"; : > "$SCRATCH/stages-$name.txt"; done
echo "per-core table: ${TABLE_ROWS[*]}, $TABLE_RUNS interleaved runs …" >&2
for run in $(seq "$TABLE_RUNS"); do
  for name in "${TABLE_ROWS[@]}"; do
    row_command "$name"
    timed "$SCRATCH/row-$name.txt" "${ROW[@]}"
    ROW_ANNOTATIONS[$name]=$(grep -o '[0-9][0-9]* annotations' "$SCRATCH/last.out" | head -1 | cut -d' ' -f1)
    # The --timings table: "  STAGE  CPU-s  share …" a line.
    awk '/^  (read|document|worker|plugin:[^ ]+|write|checkpoint) +[0-9.]+ / { print $1, $2 }' "$SCRATCH/last.out" >> "$SCRATCH/stages-$name.txt"
  done
done
for name in "${TABLE_ROWS[@]}"; do
  ROW_WALL[$name]=$(cut -d' ' -f1 "$SCRATCH/row-$name.txt" | median)
  ROW_RSS[$name]=$(cut -d' ' -f2 "$SCRATCH/row-$name.txt" | median)
  ROW_CPU[$name]=$(cut -d' ' -f3 "$SCRATCH/row-$name.txt" | median)
  echo "table row $name: runs (wall s, peak KB, CPU s): $(tr '\n' ';' < "$SCRATCH/row-$name.txt")"
done
# Median CPU seconds of one stage of one row (0 when the row has no such stage).
stage_cpu() { awk -v s="$2" '$1 == s { print $2 }' "$SCRATCH/stages-$1.txt" | median | awk '{ print ($1 == "" ? 0 : $1) }'; }
# CPU of one worker doing all of a row's analysis: the document, worker and plugin stages
# (making each document from its record runs in the workers).
analysis_cpu() { awk '$1 == "document" || $1 == "worker" || $1 ~ /^plugin:/ { t[$1] = t[$1] " " $2 } END { for (k in t) print k, t[k] }' "$SCRATCH/stages-$1.txt" \
  | while read -r stage values; do echo $values | tr ' ' '\n' | median; done | awk '{ s += $1 } END { print s + 0 }'; }
TABLE_TEXT=$(
  echo "per-core table (medians of $TABLE_RUNS, --jobs 1, $MB MB of text, /usr/bin/time):"
  printf '  %-44s %8s %8s %9s %8s %12s\n' row "wall s" "CPU s" "MB/CPU-s" "RSS MB" annotations
  for name in "${TABLE_ROWS[@]}"; do
    case $name in
      python) label="pipeline_py.py (four topics, Python)" ;;
      four) label="marginalia, four topic taggers" ;;
      fixed) label="marginalia, store path alone (15 spans/doc)" ;;
      floor) label="marginalia, floor (no analysis, no spans)" ;;
      all) label="marginalia, all bundled plugins" ;;
      *@*) label="  same at ${name#*@}: ${name%@*}" ;;
    esac
    awk -v l="$label" -v w="${ROW_WALL[$name]}" -v c="${ROW_CPU[$name]}" -v kb="${ROW_RSS[$name]}" -v mb="$MB" -v a="${ROW_ANNOTATIONS[$name]:-?}" \
      'BEGIN { printf "  %-44s %8.2f %8.2f %9.1f %8.0f %12s\n", l, w, c, mb / c, kb / 1024, a }'
  done
  echo "CPU seconds by stage (medians of the --timings tables):"
  for name in four fixed floor all; do
    line="  $name:"
    for stage in $(awk '{ print $1 }' "$SCRATCH/stages-$name.txt" | awk '!seen[$0]++'); do
      line="$line $stage $(stage_cpu "$name" "$stage")"
    done
    echo "$line"
  done
  awk -v pyc="${ROW_CPU[python]}" -v pyw="${ROW_WALL[python]}" -v fc="${ROW_CPU[four]}" -v fw="${ROW_WALL[four]}" \
      -v xw="${ROW_WALL[fixed]}" -v xr="$(stage_cpu fixed read)" -v xwr="$(stage_cpu fixed write)" \
      -v aw="${ROW_WALL[all]}" -v aa="$(analysis_cpu all)" -v mb="$MB" -v oc="${ROW_CPU[floor]}" 'BEGIN {
    printf "four topics, CPU: pipeline_py.py / marginalia = %.2fx (target >= 3x); wall: %.2fx (target >= 3x)\n", pyc / fc, pyw / fw
    printf "the floor (no analysis) takes %.2f CPU-s; 3x the Python pipeline leaves %.2f CPU-s for the whole four-topic run\n", oc, pyc / 3
    printf "store path alone (15 spans/doc): %.1f MB/s wall (target >= 100); reader %.2f CPU-s, writer %.2f CPU-s: %.1f MB/s through the slower of the two\n", mb / xw, xr, xwr, mb / (xr > xwr ? xr : xwr)
    printf "one worker with all bundled plugins: %.2f CPU-s, %.1f MB/s; store path / one worker = %.1fx by wall, %.1fx by the slower of reader and writer (target >= 8)\n", aa, mb / aa, (mb / xw) / (mb / aa), aa / (xr > xwr ? xr : xwr)
  }'
  for commit in ${BASELINE:-}; do
    awk -v c="$commit" -v pyc="${ROW_CPU[python]}" -v pyw="${ROW_WALL[python]}" -v bc="${ROW_CPU[four@$commit]}" -v bw="${ROW_WALL[four@$commit]}" \
      'BEGIN { printf "  four topics at %s: CPU %.2fx, wall %.2fx\n", c, pyc / bc, pyw / bw }'
  done
)
echo "$TABLE_TEXT"
if [ "${TABLE_ONLY:-0}" = "1" ]; then rm -f "$JSONL"; exit 0; fi

declare -A SECONDS_MEDIAN RSS_MEDIAN CPU_MEDIAN
ANNOTATIONS=0
for jobs in 1 2; do
  : > "$SCRATCH/runs-$jobs.txt"
  for run in $(seq "$RUNS"); do
    rm -f "$SCRATCH/bench-$jobs.sqlite" "$SCRATCH/bench-$jobs.sqlite-wal" "$SCRATCH/bench-$jobs.sqlite-shm"
    timed "$SCRATCH/runs-$jobs.txt" "$MARGINALIA" annotate "$CORPUS" --store "$SCRATCH/bench-$jobs.sqlite" --jobs "$jobs" --quiet "${PLUGINS[@]}"
    ANNOTATIONS=$(grep -o '[0-9]* annotations,' "$SCRATCH/last.out" | cut -d' ' -f1)
  done
  SECONDS_MEDIAN[$jobs]=$(cut -d' ' -f1 "$SCRATCH/runs-$jobs.txt" | median)
  RSS_MEDIAN[$jobs]=$(cut -d' ' -f2 "$SCRATCH/runs-$jobs.txt" | median)
  CPU_MEDIAN[$jobs]=$(cut -d' ' -f3 "$SCRATCH/runs-$jobs.txt" | median)
  echo "annotate --jobs $jobs: runs (wall s, peak KB, CPU s): $(tr '\n' ';' < "$SCRATCH/runs-$jobs.txt")"
done

: > "$SCRATCH/resume.txt"
: > "$SCRATCH/resume-docs.txt"
for run in $(seq "$RUNS"); do
  timed "$SCRATCH/resume.txt" "$MARGINALIA" annotate "$CORPUS" --store "$SCRATCH/bench-2.sqlite" --jobs 2 --quiet "${PLUGINS[@]}"
  gzip -dc "$CORPUS" > "$SCRATCH/corpus.jsonl"
  timed "$SCRATCH/resume-docs.txt" sh -c 'input=$1; shift; exec "$0" annotate - "$@" < "$input"' "$MARGINALIA" "$SCRATCH/corpus.jsonl" --store "$SCRATCH/bench-2.sqlite" --jobs 2 --quiet "${PLUGINS[@]}"
done
RESUME=$(cut -d' ' -f1 "$SCRATCH/resume.txt" | median)
RESUME_DOCS=$(cut -d' ' -f1 "$SCRATCH/resume-docs.txt" | median)
rm -f "$SCRATCH/corpus.jsonl"

echo "lexicon alone (TextBench) …" >&2
"$BIN/TextBench" "$CORPUS" "$ROOT/Plugins" --runs 7 > "$SCRATCH/textbench.txt"
LEXICON=$(grep '^RESULT' "$SCRATCH/textbench.txt" | sed 's/.*lexicon_mb_per_s=\([0-9.]*\).*/\1/')

echo "Python baselines (spaCy, re, pyahocorasick; $PY_RUNS runs each) …" >&2
"$PYTHON" Benchmarks/baselines.py "$CORPUS" "$ROOT/Plugins" --runs "$PY_RUNS" > "$SCRATCH/baselines.json"
read -r SPACY RE AHO < <("$PYTHON" -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["spacy"]["mb_per_s"], r["re"]["mb_per_s"], r["aho"]["mb_per_s"])' "$SCRATCH/baselines.json")

BIG_LINE="big corpus: skipped (BIG_MB=0)"
if [ "$BIG_MB" != "0" ]; then
  BIG=$BIG_DIR/big.jsonl
  if [ ! -f "$BIG" ] || [ "$(stat -c %s "$BIG")" -lt "$((BIG_MB * 1000000))" ]; then
    "$PYTHON" Benchmarks/make_big_corpus.py "$CORPUS" "$BIG" --megabytes "$BIG_MB" >&2
  fi
  rm -f "$BIG_DIR/big.sqlite" "$BIG_DIR/big.sqlite-wal" "$BIG_DIR/big.sqlite-shm"
  : > "$SCRATCH/big.txt"
  timed "$SCRATCH/big.txt" "$MARGINALIA" annotate "$BIG" --store "$BIG_DIR/big.sqlite" --jobs 2 --quiet "${PLUGINS[@]}"
  read -r BIG_S BIG_KB < "$SCRATCH/big.txt"
  BIG_SIZE=$(stat -c %s "$BIG")
  BIG_LINE=$(awk -v s="$BIG_S" -v kb="$BIG_KB" -v size="$BIG_SIZE" 'BEGIN { printf "big corpus: %.2f GB of JSONL, 2 jobs: %.1f s, %.1f MB/s, peak RSS %.0f MB", size / 1e9, s, size / 1e6 / s, kb / 1024 }')
  rm -f "$BIG_DIR/big.sqlite" "$BIG_DIR/big.sqlite-wal" "$BIG_DIR/big.sqlite-shm"
fi

echo
echo "=== results (medians; load at end: $(load)) ==="
for jobs in 1 2; do
  awk -v s="${SECONDS_MEDIAN[$jobs]}" -v kb="${RSS_MEDIAN[$jobs]}" -v cpu="${CPU_MEDIAN[$jobs]}" -v docs="$DOCS" -v mb="$MB" -v ann="$ANNOTATIONS" -v j="$jobs" 'BEGIN {
    printf "annotate --jobs %d: %.2f s  %6.0f docs/s  %5.1f MB/s (%.1f MB/s per job)  %6.0f annotations/s  peak RSS %.0f MB  (CPU %.2f s: %.1f MB per CPU-second)\n", j, s, docs / s, mb / s, mb / s / j, ann / s, kb / 1024, cpu, mb / cpu }'
done
awk -v s="$RESUME" -v d="$RESUME_DOCS" -v first="${SECONDS_MEDIAN[2]}" 'BEGIN {
  printf "resume (2 jobs, same command): %.3f s — %.0fx faster than the first run; document by document (stdin): %.2f s — %.1fx\n", s, first / s, d, first / d }'
echo "$BIG_LINE"
echo "$TABLE_TEXT"
awk -v spacy="$SPACY" -v aw="${ROW_WALL[all]}" -v mb="$MB" 'BEGIN {
  printf "all bundled plugins (--jobs 1, table) / spaCy PhraseMatcher = %.1fx (target >= 10x)\n", (mb / aw) / spacy }'
awk -v lex="$LEXICON" -v aho="$AHO" -v re="$RE" -v spacy="$SPACY" -v one="${SECONDS_MEDIAN[1]}" -v two="${SECONDS_MEDIAN[2]}" -v mb="$MB" 'BEGIN {
  e1 = mb / one; e2 = mb / two
  printf "lexicon alone: %.1f MB/s; pyahocorasick %.1f MB/s; re %.1f MB/s; spaCy %.2f MB/s\n", lex, aho, re, spacy
  printf "ratios: end to end (1 job) / spaCy = %.1fx (target >= 10x); lexicon / pyahocorasick = %.2fx (>= 1); 2 jobs / 1 job = %.2fx (>= 1.8); per job %.1f MB/s (>= 25)\n", e1 / spacy, lex / aho, e2 / e1, e1
}'
