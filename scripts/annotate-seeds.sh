#!/usr/bin/env bash
# Fresh machine to first results: install Lua, build, annotate seeds/ with the bundled
# plugins into ./marginalia.sqlite and print the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build-release.sh
exec .build/release/marginalia annotate seeds/ "$@"
