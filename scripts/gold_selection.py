"""What the gold-split selection scripts (select-test2.py, select-test3.py,
select-fresh-split.py) share: rough keyword lists per topic, chosen independently of the
plugins' lexicons, the tests that pick candidate articles by them, and the Picker that
prints the chosen ids. Imported, never run:

    from gold_selection import ROUGH, Picker, distinct_keywords, un_vote_near
"""
import re

ROUGH = {
    "defense": ["military", "army", "troops", "missile", "weapons", "navy", "air force", "soldiers", "defence", "defense"],
    "agriculture": ["farm", "farmers", "crop", "crops", "harvest", "livestock", "fertilizer", "agricultural", "grain", "cattle"],
    "diplomacy": ["ambassador", "diplomatic", "talks", "foreign minister", "summit", "embassy", "bilateral", "sanctions"],
    "trade": ["exports", "imports", "tariff", "tariffs", "trade", "wto", "free trade", "trade deal"],
    "humanitarian": ["refugees", "aid", "famine", "displaced", "civilians", "humanitarian", "earthquake", "flood", "killed"],
}
UN_BODY = re.compile(r"\b(UN|U\.N\.|United Nations|Security Council|General Assembly|UNESCO|Human Rights Council)\b")
VOTE = re.compile(r"\b(vot\w*|veto\w*|abstain\w*|abstention\w*)\b", re.I)


def labelled_ids(gold_path, ignore_splits=()):
    """The document ids already in a gold TSV, leaving out the rows of `ignore_splits`."""
    with open(gold_path, encoding="utf-8") as gold:
        rows = [line.split("\t") for line in gold if line.strip() and not line.startswith("#")]
    return {row[0] for row in rows if len(row) < 2 or row[1] not in ignore_splits}


def distinct_keywords(text, words):
    """How many of `words` occur in `text` as whole words, ignoring case."""
    low = text.lower()
    return sum(1 for w in words if re.search(r"\b" + re.escape(w) + r"\b", low))


def un_vote_near(text):
    """True when a UN body is named within 300 characters of a voting word."""
    return any(VOTE.search(text[max(0, m.start() - 300):m.end() + 300]) for m in UN_BODY.finditer(text))


class Picker:
    """Chooses articles group by group and prints an "id<TAB>group" line for each: never one
    picked before, never a verbatim copy of a text in `seen_texts` (the labelled articles'
    texts, to which every pick is added).

        picker = Picker(random.Random(7), {d["text"].strip() for d in labelled_docs})
        picker.take("defense", candidates, 14)   # 14 at random, or all when fewer are left
    """

    def __init__(self, rng, seen_texts):
        self.rng, self.seen_texts, self.picked = rng, seen_texts, set()

    def take(self, group, candidates, n=None):
        """Picks n of `candidates` at random (all of them when n is None or they are fewer)."""
        candidates = [d for d in candidates if d["id"] not in self.picked and d["text"].strip() not in self.seen_texts]
        chosen = candidates if n is None or n >= len(candidates) else self.rng.sample(candidates, n)
        for d in chosen:
            if d["text"].strip() in self.seen_texts:  # a copy of one chosen just before
                continue
            self.seen_texts.add(d["text"].strip())
            self.picked.add(d["id"])
            print(f"{d['id']}\t{group}")
