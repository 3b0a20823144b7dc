#!/usr/bin/env bash
# The pipe-mode recipes of examples/cluster/ run for real: GNU parallel (Debian's `parallel`)
# and PySpark in local mode (pyspark from PyPI into a cached virtual environment; Java 17 from
# Debian when missing). Each output must equal, byte for byte, the export of a store run over
# the same corpus (300 news articles sorted by id, the order an export has).
#
#   bash scripts/test-cluster-pipes.sh [MARGINALIA_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
marginalia=${1:-$repo/.build/debug/marginalia}
fail() { echo "test-cluster-pipes.sh: FAILED: $*" >&2; exit 1; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

need=()
parallel --version 2>/dev/null | grep -q "GNU parallel" || need+=(parallel)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
python3 -c 'import ensurepip' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} …" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
venv=${XDG_CACHE_HOME:-$HOME/.cache}/marginalia/pyspark-venv
if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  echo "installing pyspark from PyPI into $venv (about 2.5 min) …" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pyspark
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus_source=${MARGINALIA_NEWS_CORPUS:-$(scripts/fetch-corpus.sh)}
{ gzip -dc "$corpus_source" || true; } | head -n 300 | python3 -c '
import json, sys
lines = sys.stdin.readlines()
lines.sort(key=lambda line: json.loads(line)["id"].encode())
sys.stdout.writelines(lines)' > "$work/corpus.jsonl"
"$marginalia" annotate "$work/corpus.jsonl" --store "$work/run.sqlite" --quiet > /dev/null
"$marginalia" export --store "$work/run.sqlite" --format jsonl --output "$work/export.jsonl"
[ "$(wc -l < "$work/export.jsonl")" -gt 1000 ] || fail "the store run exported too little"

# GNU parallel, in blocks small enough that several processes share the corpus.
BLOCK=100k MARGINALIA=$marginalia examples/cluster/parallel-pipe.sh "$work/corpus.jsonl" > "$work/parallel.jsonl" \
  || fail "parallel-pipe.sh exited $?"
cmp "$work/export.jsonl" "$work/parallel.jsonl" || fail "GNU parallel's output differs from the export"
echo "cluster pipes: GNU parallel output equals the export ($(wc -l < "$work/export.jsonl") lines)" >&2

# PySpark, local mode: the part files in order are the annotations in input order.
MARGINALIA=$marginalia "$venv/bin/python" examples/cluster/spark_pipe.py "$work/corpus.jsonl" "$work/spark" \
  > "$work/spark.out" 2> "$work/spark.err" || { tail -30 "$work/spark.err" >&2; fail "spark_pipe.py failed"; }
[ -f "$work/spark/_SUCCESS" ] || fail "Spark wrote no _SUCCESS marker"
cat "$work/spark"/part-* | cmp "$work/export.jsonl" - || fail "Spark's output differs from the export"
grep -q "entity:country" "$work/spark.out" || fail "spark_pipe.py printed no label counts"
echo "cluster pipes: PySpark rdd.pipe output equals the export" >&2
