"""Marginalia in a Spark job: every partition of a JSONL corpus streams through
`marginalia annotate - --emit jsonl --store none` (the pipe mode), whose output lines are
the lines of `marginalia export --format jsonl`.

    spark-submit examples/cluster/spark_pipe.py news.jsonl out/
    python3 examples/cluster/spark_pipe.py news.jsonl out/     # local[*], with pip's pyspark

The marginalia binary must be on every executor (MARGINALIA=/path/to/marginalia, or on
PATH); plugins come from --plugins paths that every executor can read. Failures go to the
executors' standard error as JSON lines, and a partition whose command exits non-zero (1 when
a document or plugin failed) fails its task (checkCode=True): drop checkCode to keep what the
other documents gave.
"""
import json
import os
import shlex
import sys

from pyspark.sql import SparkSession


def main(corpus: str, output: str) -> None:
    spark = SparkSession.builder.appName("marginalia").getOrCreate()
    marginalia = os.environ.get("MARGINALIA", "marginalia")
    command = [marginalia, "annotate", "-", "--emit", "jsonl", "--store", "none", "--jobs", "1", "--quiet"]
    command += os.environ.get("MARGINALIA_ARGS", "").split()
    lines = spark.sparkContext.textFile(corpus)
    # pipe() takes one command line (split like a shell would); checkCode fails the task
    # when marginalia exits non-zero.
    annotations = lines.pipe(shlex.join(command), checkCode=True).cache()
    # Each output line is one annotation: keep the lines, or parse them for Spark SQL.
    annotations.saveAsTextFile(output)
    labels = annotations.map(lambda line: json.loads(line)["label"]).countByValue()
    for label, count in sorted(labels.items()):
        print(f"{count}\t{label}")
    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: spark_pipe.py CORPUS.jsonl OUTPUT_DIR")
    main(sys.argv[1], sys.argv[2])
