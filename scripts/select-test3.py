#!/usr/bin/env python3
"""Choose the articles of the `test3` split of Tests/Gold/news-en.tsv (ids only).

Run once, before labelling and before any plugin ran on them:
    python3 scripts/select-test3.py > ids.txt
The rule, fixed before looking at any text:
  * only articles not labelled before, from EITHER half of sha256(id) (test2 used only the
    half starting with a byte >= 0x80; the other half was run through the plugins, unlabelled,
    while tuning), skipping any article whose text is a verbatim copy of a labelled or
    already chosen one;
  * every such article with a UN body within 300 characters of a voting word;
  * per other topic, 14 random articles with 3+ different rough keywords (positives and
    near misses; when fewer than 14 have 3+, as for agriculture, all of them plus random
    ones with exactly 2); the lists are test2's (ROUGH in gold_selection.py), not the plugins'
    lexicons;
  * 12 random tmt-*, 5 random bbc-* and 3 random lee-* articles (plain negatives).
Random choices use random.Random(7) over ids in corpus order; an article picked by an
earlier group is not picked again.
"""
import gzip, json, random, sys

from gold_selection import ROUGH, Picker, distinct_keywords, labelled_ids, un_vote_near

CORPUS = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/news-en.jsonl.gz"
GOLD = "Tests/Gold/news-en.tsv"
labelled = labelled_ids(GOLD)
with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
    all_docs = [json.loads(line) for line in f]
seen_texts = {d["text"].strip() for d in all_docs if d["id"] in labelled}
docs = [d for d in all_docs if d["id"] not in labelled and d["text"].strip()]

picker = Picker(random.Random(7), seen_texts)

picker.take("un_votes", [d for d in docs if un_vote_near(d["text"])])
for topic, words in ROUGH.items():
    strong = [d for d in docs if distinct_keywords(d["text"], words) >= 3 and d["id"] not in picker.picked]
    picker.take(topic, strong, 14)
    if len(strong) < 14:
        picker.take(topic, [d for d in docs if distinct_keywords(d["text"], words) == 2], 14 - len(strong))
picker.take("random-tmt", [d for d in docs if d["id"].startswith("tmt-")], 12)
picker.take("random-bbc", [d for d in docs if d["id"].startswith("bbc-")], 5)
picker.take("random-lee", [d for d in docs if d["id"].startswith("lee-")], 3)
