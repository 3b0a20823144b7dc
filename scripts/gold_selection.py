"""What the gold-split selection scripts (select-test2.py, select-test3.py) share: rough
keyword lists per topic, chosen independently of the plugins' lexicons, and the tests
that pick candidate articles by them. Imported, never run:

    from gold_selection import ROUGH, distinct_keywords, un_vote_near
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
