#!/usr/bin/env bash
# The release build every script and benchmark uses (products as arguments, default
# `marginalia`):
#
#   scripts/build-release.sh                        # .build/release/marginalia
#   scripts/build-release.sh marginalia TextBench
#
# On Linux the Swift runtime and Foundation are linked into the binaries
# (`--static-swift-stdlib`): a process then skips most of the dynamic linking it would
# otherwise do at every start (libswiftCore, Foundation, ICU), which is a third of the
# instructions of `marginalia --version` and most of a resume's start-up (see
# Benchmarks/README.md, Session 9 — startup). Every release build in one .build must use
# the same flags, or SwiftPM rebuilds everything: build release binaries through this script.
# Static Foundation needs libcurl's development files (scripts/install-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release)
[ "$(uname -s)" = Linux ] && flags+=(--static-swift-stdlib)
[ $# -gt 0 ] || set -- marginalia
for product in "$@"; do
  swift build "${flags[@]}" --product "$product"
done
