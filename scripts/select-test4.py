#!/usr/bin/env python3
"""Choose the articles of the `test4` split of Tests/Gold/news-en.tsv (ids only).

Run once, before labelling and before any plugin ran on them:
    python3 scripts/select-test4.py > ids.txt
The rule, fixed before looking at any text (2026-11-30, after test/test2/test3 were retired
to tuning data):
  * only articles not labelled before, skipping any whose text is a verbatim copy of a
    labelled or already chosen one;
  * every such article with a UN body within 300 characters of a voting word;
  * agriculture, the rarest topic (no unlabelled article has 3+ of the ROUGH farming words
    left): every article with 3+ words of the wider FARMING list below, then 12 random ones
    with exactly 2;
  * per other topic, 14 random articles with 3+ ROUGH keywords (gold_selection.py);
  * 12 random tmt-*, 5 random bbc-* and 3 random lee-* articles (plain negatives).
Random choices use random.Random(11) over ids in corpus order; an article picked by an
earlier group is not picked again. The word lists are not the plugins' lexicons.
"""
import gzip, json, random, sys

from gold_selection import ROUGH, distinct_keywords, labelled_ids, un_vote_near

FARMING = ["farm", "farms", "farmer", "farmers", "farming", "farmland", "crop", "crops",
           "harvest", "harvests", "livestock", "fertilizer", "fertiliser", "agricultural",
           "agriculture", "grain", "cattle", "wheat", "rice", "maize", "corn", "dairy",
           "soybeans", "soybean", "poultry", "pigs", "vineyard", "vineyards", "orchard",
           "irrigation", "pesticide", "pesticides", "seeds", "drought", "fisheries", "aquaculture"]

CORPUS = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/news-en.jsonl.gz"
GOLD = "Tests/Gold/news-en.tsv"
labelled = labelled_ids(GOLD)
with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
    all_docs = [json.loads(line) for line in f]
seen_texts = {d["text"].strip() for d in all_docs if d["id"] in labelled}
docs = [d for d in all_docs if d["id"] not in labelled and d["text"].strip()]

rng = random.Random(11)
picked = set()
def take(group, candidates, n):
    candidates = [d for d in candidates if d["id"] not in picked and d["text"].strip() not in seen_texts]
    chosen = candidates if n >= len(candidates) else rng.sample(candidates, n)
    for d in chosen:
        if d["text"].strip() in seen_texts:  # a copy of one chosen just before
            continue
        seen_texts.add(d["text"].strip())
        picked.add(d["id"])
        print(f"{d['id']}\t{group}")

take("un_votes", [d for d in docs if un_vote_near(d["text"])], len(docs))
take("agriculture", [d for d in docs if distinct_keywords(d["text"], FARMING) >= 3], len(docs))
take("agriculture", [d for d in docs if distinct_keywords(d["text"], FARMING) == 2], 12)
for topic, words in ROUGH.items():
    if topic != "agriculture":
        take(topic, [d for d in docs if distinct_keywords(d["text"], words) >= 3], 14)
take("random-tmt", [d for d in docs if d["id"].startswith("tmt-")], 12)
take("random-bbc", [d for d in docs if d["id"].startswith("bbc-")], 5)
take("random-lee", [d for d in docs if d["id"].startswith("lee-")], 3)
