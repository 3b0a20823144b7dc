#!/usr/bin/env bash
# Annotations per second with 1, 2 and 4 shard processes (annotate --shard K/N --jobs 1, all
# started at once), into one PostgreSQL database over loopback and, beside it, into one SQLite
# file per shard (plus the import that combines them). Medians of REPEATS runs (default 3),
# with the CPU seconds of the shard processes beside the wall seconds, the PostgreSQL
# server's CPU seconds (all its processes, from /proc) beside those, and the machine's load
# average at the end of each run (the machine may be shared).
#
#   scripts/build-release.sh
#   MARGINALIA_PG_OPTIONS="" scripts/with-postgresql.sh bash Benchmarks/shards.sh [CORPUS]
#
# MARGINALIA_PG_OPTIONS="" keeps the server's default durability (fsync on). Every run
# starts from an empty store, so every document is annotated.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-${MARGINALIA_NEWS_CORPUS:-../shared/corpora/news-en.jsonl.gz}}
marginalia=${MARGINALIA:-.build/release/marginalia}
repeats=${REPEATS:-3}
: "${MARGINALIA_TEST_POSTGRESQL:?run this through scripts/with-postgresql.sh}"
export PGPASSWORD=$MARGINALIA_TEST_POSTGRESQL_PASSWORD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql_admin() { psql -q -X -d "$MARGINALIA_TEST_POSTGRESQL/postgres" -c "$1" >/dev/null; }

# CPU seconds the PostgreSQL server has used so far: the postmaster and its living children,
# plus the children it has reaped (each shard's backend ends with the shard's connection).
server_cpu() {
  local postmaster
  postmaster=$(head -1 "$MARGINALIA_TEST_POSTGRESQL_DATA/postmaster.pid")
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$postmaster" -v hz="$(getconf CLK_TCK)" '
    $1 == pm { t += $14 + $15 + $16 + $17 } $4 == pm { t += $14 + $15 } END { printf "%.2f\n", t / hz }'
}

# One measurement: prints "wall cpu annotations server-cpu load" for N shards into BACKEND.
measure() {
  local backend=$1 shards=$2 trial=$3 store
  local start end pids=() cpu=0 annotations server_before=0 server_after=0
  if [ "$backend" = postgresql ]; then
    psql_admin "DROP DATABASE IF EXISTS bench"; psql_admin "CREATE DATABASE bench"
    # The schema first, so that the timed shards do not race to create it.
    "$marginalia" runs --store "$MARGINALIA_TEST_POSTGRESQL/bench" >/dev/null
  fi
  rm -rf "$work/s"; mkdir -p "$work/s"
  [ "$backend" = postgresql ] && server_before=$(server_cpu)
  start=$(date +%s.%N)
  for ((k = 0; k < shards; k++)); do
    if [ "$backend" = postgresql ]; then store="$MARGINALIA_TEST_POSTGRESQL/bench"; else store="$work/s/shard-$k.sqlite"; fi
    /usr/bin/time -f "%U %S" -o "$work/time-$k" "$marginalia" annotate "$corpus" --shard "$k/$shards" --jobs 1 --quiet \
      --store "$store" > /dev/null &
    pids+=($!)
  done
  # Exit status 1: a document failed (the news corpus has one malformed line); more is a failure.
  for pid in "${pids[@]}"; do wait "$pid" || [ $? -eq 1 ] || { echo "a shard failed" >&2; exit 1; }; done
  if [ "$backend" = sqlite ]; then
    /usr/bin/time -f "%U %S" -o "$work/time-import" "$marginalia" import "$work"/s/shard-*.sqlite --store "$work/s/all.sqlite" > /dev/null
  fi
  end=$(date +%s.%N)
  [ "$backend" = postgresql ] && server_after=$(server_cpu)
  # GNU time writes "Command exited with non-zero status 1" before the times when it was not 0.
  for file in "$work"/time-*; do cpu=$(awk -v total="$cpu" '/^[0-9.]+ [0-9.]+$/ {print total + $1 + $2}' "$file"); done
  rm -f "$work"/time-*
  if [ "$backend" = postgresql ]; then store="$MARGINALIA_TEST_POSTGRESQL/bench"; else store="$work/s/all.sqlite"; fi
  annotations=$("$marginalia" export --store "$store" | wc -l)
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}') $cpu $annotations" \
    "$(awk -v a="$server_before" -v b="$server_after" 'BEGIN {print b - a}') $(cut -d' ' -f1 /proc/loadavg)"
}

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

echo "| store | shard processes | wall s (median of $repeats) | CPU s, shards (+ import) | CPU s, PostgreSQL server | annotations | annotations/s | load |"
echo "|---|---|---|---|---|---|---|---|"
for backend in sqlite postgresql; do
  for shards in 1 2 4; do
    : > "$work/results"
    for ((trial = 1; trial <= repeats; trial++)); do measure "$backend" "$shards" "$trial" >> "$work/results"; done
    wall=$(cut -d' ' -f1 "$work/results" | median)
    cpu=$(cut -d' ' -f2 "$work/results" | median)
    annotations=$(cut -d' ' -f3 "$work/results" | median)
    server=$(cut -d' ' -f4 "$work/results" | median)
    load=$(cut -d' ' -f5 "$work/results" | median)
    label=$backend; [ "$backend" = sqlite ] && label="SQLite, a file per shard + import"
    [ "$backend" = postgresql ] && label="PostgreSQL (loopback), one database"
    server_column=$(printf '%.2f' "$server"); [ "$backend" = sqlite ] && server_column="–"
    printf '| %s | %d | %.2f | %.2f | %s | %d | %.0f | %.1f |\n' "$label" "$shards" "$wall" "$cpu" "$server_column" "$annotations" \
      "$(awk -v a="$annotations" -v w="$wall" 'BEGIN {print a / w}')" "$load"
  done
done
