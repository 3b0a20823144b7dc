#!/usr/bin/env bash
# The query indexes left to the first query, against a baseline binary that builds them at
# the end of every bulk batch: medians of interleaved runs, wall and CPU (user+sys) seconds
# of each step, for three cases:
#   all    all bundled plugins, --jobs 1, one run; then `query --count`
#   chunks the corpus cut into 10 files, annotated by 10 runs into one store; then `query --count`
#   fixed  Benchmarks/plugins/fixed_spans.lua (the store path), one run; then `query --count`
#
#   BASELINE_BIN=/path/to/old/marginalia RUNS=5 bash Benchmarks/deferred-indexes.sh /tmp/news.jsonl
#
# Run from the repository (the bundled plugins' folder); the binary measured is
# .build/release/marginalia (scripts/build-release.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:?usage: deferred-indexes.sh CORPUS.jsonl}"
runs="${RUNS:-5}"
new="${NEW_BIN:-.build/release/marginalia}"
old="${BASELINE_BIN:?set BASELINE_BIN to the baseline binary}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
lines=$(wc -l < "$corpus")
split -d -l $(( (lines + 9) / 10 )) --additional-suffix=.jsonl "$corpus" "$work/chunk"

timed() { # file-to-append, command...: appends "wall cpu" of the command (microseconds resolution)
  local out="$1"; shift
  python3 -c '
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
if status != 0: sys.exit("failed: " + " ".join(sys.argv[2:]))
with open(sys.argv[1], "a") as f: f.write("%.4f %.4f\n" % (wall, usage.ru_utime + usage.ru_stime))
' "$out" "$@"
}
annotate_case() { # binary case store
  case "$2" in
    all) timed "$work/$2-$4-annotate" "$1" annotate "$corpus" --store "$3" --jobs 1 --quiet ;;
    fixed) timed "$work/$2-$4-annotate" "$1" annotate "$corpus" --store "$3" --jobs 1 --quiet \
             --plugins Benchmarks/plugins --only fixed_spans ;;
    chunks) : > "$work/c"
      for chunk in "$work"/chunk*.jsonl; do timed "$work/c" "$1" annotate "$chunk" --store "$3" --jobs 1 --quiet; done
      awk '{ w += $1; c += $2 } END { printf "%.4f %.4f\n", w, c }' "$work/c" >> "$work/$2-$4-annotate" ;;
  esac
}
for _ in $(seq "$runs"); do
  for kase in ${CASES:-all chunks fixed}; do
    for side in old new; do
      binary="$old"; [ "$side" = new ] && binary="$new"
      store="$work/$kase-$side.sqlite"; rm -f "$store" "$store"-*
      annotate_case "$binary" "$kase" "$store" "$side"
      timed "$work/$kase-$side-query" "$binary" query --store "$store" --count
      timed "$work/$kase-$side-again" "$binary" query --store "$store" --count
    done
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf "%-7s %-5s %-9s %9s %9s\n" case side step wall-s cpu-s
for kase in ${CASES:-all chunks fixed}; do
  for side in old new; do
    for step in annotate query again; do
      f="$work/$kase-$side-$step"
      printf "%-7s %-5s %-9s %9s %9s\n" "$kase" "$side" "$step" "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f2 "$f" | median)"
    done
    paste -d' ' "$work/$kase-$side-annotate" "$work/$kase-$side-query" | awk '{ printf "%.4f %.4f\n", $1 + $3, $2 + $4 }' > "$work/sum"
    printf "%-7s %-5s %-9s %9s %9s\n" "$kase" "$side" "a+query" "$(cut -d' ' -f1 "$work/sum" | median)" "$(cut -d' ' -f2 "$work/sum" | median)"
  done
done
