#!/usr/bin/env bash
# GNU parallel (Debian: apt-get install parallel) cuts the JSONL stream into blocks of whole
# lines and runs one `marginalia annotate` in pipe mode per block, on this machine's cores or on
# other machines (--sshlogin). --keep-order prints the blocks' results in input order, so the
# output equals `marginalia export --format jsonl` of a store run over the same (sorted) corpus.
#
#   examples/cluster/parallel-pipe.sh news.jsonl.gz > annotations.jsonl
#   PARALLEL_ARGS="--sshlogin 4/node1,4/node2 --workdir ." examples/cluster/parallel-pipe.sh news.jsonl.gz > out.jsonl
#
# Add --with-documents to MARGINALIA_ARGS to get document lines too, and
# `marginalia import out.jsonl --store news.sqlite` builds a store from the output.
set -euo pipefail
corpus=${1:?usage: parallel-pipe.sh CORPUS.jsonl[.gz]}
MARGINALIA=${MARGINALIA:-marginalia}
case "$corpus" in
  *.gz) read_corpus=(gzip -dc "$corpus") ;;
  *) read_corpus=(cat "$corpus") ;;
esac
# shellcheck disable=SC2086  # PARALLEL_ARGS and MARGINALIA_ARGS are word lists on purpose
"${read_corpus[@]}" | parallel --pipe --block "${BLOCK:-10M}" --keep-order ${PARALLEL_ARGS:-} \
    "$MARGINALIA" annotate - --emit jsonl --store none --jobs 1 --quiet ${MARGINALIA_ARGS:-}
