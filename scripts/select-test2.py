#!/usr/bin/env python3
"""Choose the articles of the `test2` split of Tests/Gold/news-en.tsv (ids only).

Run once, before labelling and before any plugin ran on them:
    python3 scripts/select-test2.py > ids.txt
The rule, fixed before looking at any text:
  * only articles not labelled before whose sha256(id) starts with a byte >= 0x80 (the
    other half of the unlabelled articles was used for tuning, with plugin output);
  * every such article with a UN body within 300 characters of a voting word;
  * per other topic, 9 random articles with 3+ different rough keywords (positives and
    near misses; all of them, plus random ones with 2+, when fewer than 9 have 3+); the
    lists (ROUGH in gold_selection.py) are not the plugins' lexicons;
  * 10 random tmt-*, 4 random bbc-* and 2 random lee-* articles (plain negatives).
Random choices use random.Random(6) over ids in corpus order; an article picked by an
earlier group is not picked again.
"""
import gzip, hashlib, json, random, sys

from gold_selection import ROUGH, distinct_keywords, labelled_ids, un_vote_near

CORPUS = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/news-en.jsonl.gz"
GOLD = "Tests/Gold/news-en.tsv"
labelled = labelled_ids(GOLD)
docs = []
with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        if d["id"] not in labelled and d["text"].strip() and hashlib.sha256(d["id"].encode()).digest()[0] >= 0x80:
            docs.append(d)

rng = random.Random(6)
picked = []
def take(group, candidates, n):
    candidates = [d["id"] for d in candidates if d["id"] not in picked]
    chosen = candidates if n is None else rng.sample(candidates, min(n, len(candidates)))
    for i in chosen:
        picked.append(i)
        print(f"{i}\t{group}")

take("un_votes", [d for d in docs if un_vote_near(d["text"])], None)
for topic, words in ROUGH.items():
    strong = [d for d in docs if distinct_keywords(d["text"], words) >= 3 and d["id"] not in picked]
    if len(strong) >= 9:
        take(topic, strong, 9)
    else:
        take(topic, strong, None)
        take(topic, [d for d in docs if distinct_keywords(d["text"], words) == 2], 9 - len(strong))
take("random-tmt", [d for d in docs if d["id"].startswith("tmt-")], 10)
take("random-bbc", [d for d in docs if d["id"].startswith("bbc-")], 4)
take("random-lee", [d for d in docs if d["id"].startswith("lee-")], 2)
