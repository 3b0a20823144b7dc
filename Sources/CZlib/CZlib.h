// The system zlib (Debian: zlib1g-dev), for streaming .jsonl.gz corpora.
#include <zlib.h>
