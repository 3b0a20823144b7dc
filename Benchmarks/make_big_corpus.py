#!/usr/bin/env python3
"""Writes a JSONL corpus of at least --megabytes MB for the memory check of
Benchmarks/run.sh, by repeating a real corpus with new ids (copy k of article X is
X~k). Write it to a scratch directory, never into the repository.

    python3 Benchmarks/make_big_corpus.py ../shared/corpora/news-en.jsonl.gz /tmp/big.jsonl --megabytes 1100
"""
import argparse
import gzip
import json


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--megabytes", type=float, default=1100)
    arguments = parser.parse_args()
    opener = gzip.open if arguments.source.endswith(".gz") else open
    with opener(arguments.source, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    limit = int(arguments.megabytes * 1e6)
    written = 0
    copy = 0
    with open(arguments.target, "w", encoding="utf-8") as out:
        while written < limit:
            for record in records:
                line = json.dumps(dict(record, id=f"{record['id']}~{copy}"), ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
            copy += 1
    print(f"{arguments.target}: {written / 1e6:.0f} MB, {copy} copies of {len(records)} articles")


if __name__ == "__main__":
    main()
