#!/usr/bin/env bash
# The project's checks: install what they need, lint the bundled plugins, run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
for plugin in Plugins/*.lua; do luac5.4 -p "$plugin"; done
luacheck --quiet Plugins
swift build --build-tests
swift test --skip-build "$@"
