#!/usr/bin/env bash
# Builds a store of about a million annotations and prints how long `marginalia query`
# takes to count them, whole and filtered. A benchmark to run by hand, not a test:
#
#   scripts/bench-query.sh                 # 20000 documents × 50 annotations, debug build
#   scripts/bench-query.sh 4000            # a smaller store
#   KEEP=1 scripts/bench-query.sh          # keep the store (path printed) for more queries
#   MARGINALIA=/path/to/marginalia scripts/bench-query.sh   # time that binary instead
#
# The documents are generated (dates 2015–2020, English and French); two small Lua taggers
# give each 25 spans over four labels with varied scores, and a document label. Counting is
# answered by SQLite from the index annotations_by_label_plugin_score, so the build mode of
# the Swift binary hardly matters; the debug build of `swift build` is used.
set -euo pipefail
cd "$(dirname "$0")/.."
documents="${1:-20000}"
work="$(mktemp -d)"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

if [ -n "${MARGINALIA:-}" ]; then
  marginalia="$MARGINALIA"         # another binary to time (a release build, an older version)
else
  swift build --product marginalia >/dev/null
  marginalia="$(swift build --show-bin-path)/marginalia"
fi

# The corpus: one JSON object a line, 50 words of text each.
awk -v n="$documents" 'BEGIN {
  for (i = 0; i < n; i++) {
    text = ""
    for (w = 0; w < 50; w++) text = text sprintf("word%02d ", w)
    printf "{\"id\":\"doc%06d\",\"date\":\"%d-%02d-%02d\",\"lang\":\"%s\",\"text\":\"%s\"}\n",
      i, 2015 + i % 6, 1 + i % 12, 1 + i % 28, (i % 3 == 0 ? "fr" : "en"), text
  }
}' > "$work/corpus.jsonl"

# Two taggers: one span on every other word each (7 bytes a word), labels by position.
for half in 0 1; do
  mkdir -p "$work/plugins"
  cat > "$work/plugins/bench_$half.lua" <<LUA
local LABELS = { "bench.alpha", "bench.beta", "bench.gamma", "bench.delta" }
return {
  name = "bench_$half", version = "1.0.0", description = "benchmark spans",
  labels = { "bench.alpha", "bench.beta", "bench.gamma", "bench.delta", "topic:bench" },
  annotate = function (doc)
    for w = $half, 49, 2 do
      local start = w * 7 + 1
      doc:annotate(start, start + 5, LABELS[w % 4 + 1], { score = ((w * 7 + #doc.id) % 10) / 10 })
    end
    doc:label("topic:bench", 0.5)
  end,
}
LUA
done

echo "annotating $documents documents into $work/bench.sqlite …" >&2
"$marginalia" annotate "$work/corpus.jsonl" --plugins "$work/plugins" --only bench_0,bench_1 \
  --store "$work/bench.sqlite" --quiet | tail -n 1
echo "store: $(du -h "$work/bench.sqlite" | cut -f1)"

TIMEFORMAT="  %R s"
bench() {
  echo "marginalia query $*"
  time "$marginalia" query --store "$work/bench.sqlite" "$@" | tail -n 1
}
# `annotate` leaves the two count indexes to the first query, which builds them: timed on its
# own, before the queries (an older binary built them at the end of `annotate`).
echo "first query (builds the count indexes when annotate left them)"
time "$marginalia" query --store "$work/bench.sqlite" --count > /dev/null
bench --count
bench --count --label bench.alpha
bench --count --label bench. --min-score 0.5
bench --count --plugin bench_1@1.0.0
bench --count --language fr
bench --count --from 2016-01-01 --to 2016-12-31
bench --count --document doc000042
bench --label bench.beta --document doc000042 --limit 3
