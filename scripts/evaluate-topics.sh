#!/usr/bin/env bash
# Per-topic precision, recall and F1 of the bundled taggers against the hand labels of
# Tests/Gold/news-en.tsv, as a Markdown table (the one in the README).
#
#   scripts/evaluate-topics.sh            # every split: dev, test, test2, test3, test4, test5
#   scripts/evaluate-topics.sh "test4 test5"   # the held-out splits
#   scripts/evaluate-topics.sh test4+test5     # the two pooled, as one split
#
# A topic with no gold positive in a split has no recall or F1 ("n/a", its false positives
# still shown) and is left out of that split's macro-F1, which says how many topics it
# averages.
#
# The article text is read from ../shared/corpora/news-en.jsonl.gz (next to the repository)
# into a temporary folder; nothing from it is written into the repository.
# Needs python3; builds the debug marginalia if it is missing (MARGINALIA=path to use another).
set -euo pipefail
cd "$(dirname "$0")/.."
SPLITS="${1:-dev test test2 test3 test4 test5}"
BIN="${MARGINALIA:-.build/debug/marginalia}"
CORPUS="${CORPUS:-../shared/corpora/news-en.jsonl.gz}"
GOLD=Tests/Gold/news-en.tsv
if [ ! -x "$BIN" ]; then
  [ -z "${MARGINALIA:-}" ] || { echo "no executable at MARGINALIA=$BIN" >&2; exit 1; }
  swift build --product marginalia >&2
fi
[ -f "$CORPUS" ] || { echo "corpus not found: $CORPUS (the shared corpus must sit next to the repository; see its README)" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# The labelled articles, as JSONL.
python3 - "$GOLD" "$CORPUS" "$TMP/gold.jsonl" <<'PY'
import gzip, json, sys
gold, corpus, out = sys.argv[1:]
ids = {line.split("\t")[0] for line in open(gold, encoding="utf-8")
       if line.strip() and not line.startswith("#") and not line.startswith("document\t")}
with gzip.open(corpus, "rt", encoding="utf-8") as source, open(out, "w", encoding="utf-8") as sink:
    for line in source:
        if json.loads(line)["id"] in ids:
            sink.write(line)
PY

"$BIN" annotate "$TMP/gold.jsonl" --store "$TMP/store.sqlite" --quiet >/dev/null
"$BIN" export --store "$TMP/store.sqlite" --output "$TMP/out.jsonl" >/dev/null

python3 - "$GOLD" "$TMP/out.jsonl" $SPLITS <<'PY'
import json, sys
gold_path, export_path, *splits = sys.argv[1:]
fired = set()
for line in open(export_path, encoding="utf-8"):
    a = json.loads(line)
    if a["label"].startswith("topic:"):
        fired.add((a["document"], a["label"][len("topic:"):]))
rows = [l.rstrip("\n").split("\t") for l in open(gold_path, encoding="utf-8")
        if l.strip() and not l.startswith("#")]
header, rows = rows[0], rows[1:]
topics = header[2:]
print("| split | topic | gold + | TP | FP | FN | precision | recall | F1 |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for split in splits:
    f1s = []
    for topic in topics:
        col = header.index(topic)
        tp = fp = fn = 0
        for row in rows:
            if row[1] not in split.split("+") or row[col] == "?":
                continue
            gold, hit = row[col] == "1", (row[0], topic) in fired
            tp += gold and hit; fp += hit and not gold; fn += gold and not hit
        if tp + fn == 0:
            print(f"| {split} | {topic} | 0 | 0 | {fp} | 0 | n/a | n/a | n/a |")
            continue
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn)
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        print(f"| {split} | {topic} | {tp + fn} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {f:.2f} |")
    note = "" if len(f1s) == len(topics) else f" ({len(f1s)} topics)"
    print(f"| {split} | **macro**{note} | | | | | | | **{sum(f1s) / len(f1s):.2f}** |")
PY
