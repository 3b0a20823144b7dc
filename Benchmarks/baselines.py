#!/usr/bin/env python3
"""Python baselines for Benchmarks/run.sh: the same topic terms (Plugins/*/lexicons/*.txt)
matched over the same corpus by spaCy (blank("en") + PhraseMatcher(attr="LOWER")), by one
Python `re` alternation, and by pyahocorasick (matching alone). The corpus is loaded into
memory first; only matching is timed. Prints one JSON object.

    python3 Benchmarks/baselines.py ../shared/corpora/news-en.jsonl.gz Plugins --runs 3
"""
import argparse
import gzip
import json
import pathlib
import re
import statistics
import sys
import time


def load_texts(path):
    opener = gzip.open if path.endswith(".gz") else open
    texts = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            try:
                text = json.loads(line).get("text")
            except ValueError:
                continue
            if isinstance(text, str) and text.strip():
                texts.append(text)
    return texts


def load_terms(folder):
    terms = []
    folder = pathlib.Path(folder)
    for file in sorted(list(folder.glob("*.txt")) + list(folder.glob("*/lexicons/*.txt"))):
        for line in file.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                terms.append(line)
    return sorted(set(terms))


def timed(function, runs):
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        count = function()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), count


def spacy_baseline(texts, terms):
    import spacy
    from spacy.matcher import PhraseMatcher
    nlp = spacy.blank("en")
    nlp.max_length = 10**8
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("TERMS", [nlp.make_doc(term) for term in terms])
    return lambda: sum(len(matcher(nlp.make_doc(text))) for text in texts)


def re_baseline(texts, terms):
    # One alternation of the lower-cased terms, longest first, between word boundaries,
    # over text lower-cased in the timed loop (re.IGNORECASE is several times slower).
    alternation = "|".join(re.escape(term.lower()) for term in sorted(terms, key=len, reverse=True))
    pattern = re.compile(r"\b(?:" + alternation + r")\b")
    return lambda: sum(1 for text in texts for _ in pattern.finditer(text.lower()))


def aho_baseline(texts, terms):
    import ahocorasick
    automaton = ahocorasick.Automaton()
    for index, term in enumerate(terms):
        automaton.add_word(term.lower(), index)
    automaton.make_automaton()
    # Case folded with str.lower() inside the timed loop; no word-boundary checks.
    return lambda: sum(1 for text in texts for _ in automaton.iter(text.lower()))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("lexicons")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["spacy", "re", "aho"], action="append")
    arguments = parser.parse_args()
    texts = load_texts(arguments.corpus)
    terms = load_terms(arguments.lexicons)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    result = {"documents": len(texts), "megabytes": megabytes, "terms": len(terms)}
    makers = {"spacy": spacy_baseline, "re": re_baseline, "aho": aho_baseline}
    for name in arguments.only or ["spacy", "re", "aho"]:
        seconds, matches = timed(makers[name](texts, terms), arguments.runs)
        result[name] = {"seconds": seconds, "mb_per_s": megabytes / seconds, "matches": matches}
        print(f"{name}: {megabytes / seconds:.1f} MB/s ({seconds:.2f} s, {matches} matches)", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
