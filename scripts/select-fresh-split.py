#!/usr/bin/env python3
"""Choose the articles of a fresh held-out split of Tests/Gold/news-en.tsv (ids only).

Run once per split, before labelling and before any plugin ran on its articles:
    python3 scripts/select-fresh-split.py --seed 11 > ids.txt       # test4 (2026-11-30)
    python3 scripts/select-fresh-split.py --seed 13 > ids.txt       # test5 (2026-11-30)
To print a past split again, count its rows and later ones as unlabelled:
    python3 scripts/select-fresh-split.py --seed 11 --ignore test4,test5
The rule, fixed before looking at any text (test4 was the first split chosen by it, after
test/test2/test3 were retired to tuning data):
  * only articles not labelled before, skipping any whose text is a verbatim copy of a
    labelled or already chosen one;
  * every such article with a UN body within 300 characters of a voting word;
  * agriculture, the rarest topic (no unlabelled article has 3+ of the ROUGH farming words
    left): every article with 3+ words of the wider FARMING list below, then 12 random ones
    with exactly 2;
  * per other topic, 14 random articles with 3+ ROUGH keywords (gold_selection.py), or all
    of them when fewer are left;
  * 12 random tmt-*, 5 random bbc-* and 3 random lee-* articles (plain negatives).
Random choices use random.Random(SEED) over ids in corpus order; an article picked by an
earlier group is not picked again. The word lists are not the plugins' lexicons.
"""
import argparse, gzip, json, random

from gold_selection import ROUGH, Picker, distinct_keywords, labelled_ids, un_vote_near

FARMING = ["farm", "farms", "farmer", "farmers", "farming", "farmland", "crop", "crops",
           "harvest", "harvests", "livestock", "fertilizer", "fertiliser", "agricultural",
           "agriculture", "grain", "cattle", "wheat", "rice", "maize", "corn", "dairy",
           "soybeans", "soybean", "poultry", "pigs", "vineyard", "vineyards", "orchard",
           "irrigation", "pesticide", "pesticides", "seeds", "drought", "fisheries", "aquaculture"]

arguments = argparse.ArgumentParser(description="Choose the articles of a fresh held-out split.")
arguments.add_argument("--seed", type=int, required=True, help="random seed (test4: 11, test5: 13)")
arguments.add_argument("--ignore", default="", help="splits whose rows count as unlabelled, e.g. test4,test5")
arguments.add_argument("--corpus", default="../shared/corpora/news-en.jsonl.gz")
options = arguments.parse_args()
GOLD = "Tests/Gold/news-en.tsv"
labelled = labelled_ids(GOLD, ignore_splits=set(filter(None, options.ignore.split(","))))
with gzip.open(options.corpus, "rt", encoding="utf-8") as f:
    all_docs = [json.loads(line) for line in f]
seen_texts = {d["text"].strip() for d in all_docs if d["id"] in labelled}
docs = [d for d in all_docs if d["id"] not in labelled and d["text"].strip()]

picker = Picker(random.Random(options.seed), seen_texts)

picker.take("un_votes", [d for d in docs if un_vote_near(d["text"])])
picker.take("agriculture", [d for d in docs if distinct_keywords(d["text"], FARMING) >= 3])
picker.take("agriculture", [d for d in docs if distinct_keywords(d["text"], FARMING) == 2], 12)
for topic, words in ROUGH.items():
    if topic != "agriculture":
        picker.take(topic, [d for d in docs if distinct_keywords(d["text"], words) >= 3], 14)
picker.take("random-tmt", [d for d in docs if d["id"].startswith("tmt-")], 12)
picker.take("random-bbc", [d for d in docs if d["id"].startswith("bbc-")], 5)
picker.take("random-lee", [d for d in docs if d["id"].startswith("lee-")], 3)
