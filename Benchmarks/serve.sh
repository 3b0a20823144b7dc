#!/usr/bin/env bash
# How long `marginalia serve` takes to answer its pages on a store (by default the
# 1,040,000-annotation store of `KEEP=1 scripts/bench-query.sh`): the server is started on a
# free loopback port, each URL is asked for once (the first request: caches filled), then
# RUNS more times (default 5); the median wall time of those (curl's time_total) is printed
# beside the first, with the server's CPU seconds (user+sys from /proc) for each. The
# server is stopped by its PID.
#
#   KEEP=1 scripts/bench-query.sh                       # prints the store's path
#   bash Benchmarks/serve.sh /tmp/tmp.XXXX/bench.sqlite [URL-PATH …]
#
# Without URL paths it times the overview, label pages (first lines page, a late one, the
# last, a documents page, a plugin filter), a document page and searches of the bench store.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:?usage: Benchmarks/serve.sh STORE [URL-PATH …]}
shift
marginalia=${MARGINALIA:-$(swift build --show-bin-path)/marginalia}
runs=${RUNS:-5}
paths=("$@")
if [ ${#paths[@]} -eq 0 ]; then
  paths=("/" "/label?name=bench.alpha" "/label?name=bench.alpha&page=1500" "/label?name=bench.alpha&page=2599"
         "/label?name=bench.alpha&docs=150" "/label?name=bench.alpha&plugin=bench_0@1.0.0&page=700"
         "/label?name=topic:bench" "/document?id=doc000042" "/search?q=word07" "/search?q=word07&label=bench.alpha&language=fr")
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
started=$(date +%s.%N)
"$marginalia" serve --store "$store" --port "$port" > /dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do
  kill -0 "$server" 2>/dev/null || { echo "the server exited" >&2; exit 1; }
  sleep 0.1
done
awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "start-up (first page answered): %.2f s\n", b - a }' 
ticks=$(getconf CLK_TCK)
cpu() { awk -v t="$ticks" '{ printf "%.3f", ($14 + $15) / t }' "/proc/$server/stat"; }
# One request: prints "wall cpu" (seconds).
request() {
  local before after wall status
  before=$(cpu)
  read -r wall status < <(curl -s -o /dev/null -w '%{time_total} %{http_code}\n' "http://127.0.0.1:$port$1")
  after=$(cpu)
  [ "$status" = 200 ] || { echo "$1: HTTP $status" >&2; exit 1; }
  awk -v w="$wall" -v a="$before" -v b="$after" 'BEGIN { printf "%s %.3f\n", w, b - a }' 
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
printf '%-62s %16s %22s\n' "page" "first (CPU)" "median of $runs (CPU)"
for path in "${paths[@]}"; do
  read -r first first_cpu < <(request "$path")
  walls=() cpus=()
  for ((i = 0; i < runs; i++)); do
    read -r wall used < <(request "$path")
    walls+=("$wall"); cpus+=("$used")
  done
  printf '%-62s %7.3f s (%5.2f) %10.3f s (%5.3f)\n' "$path" "$first" "$first_cpu" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)"
done
