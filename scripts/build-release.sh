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
#
# The static Foundation would link libcurl into `marginalia` (FlyingFox's proxy handler imports
# FoundationNetworking), and with it the TLS, LDAP and Kerberos libraries, which the loader then
# binds at every start. Nothing in Marginalia makes a URL request, so the automatic `-lcurl`
# is turned off (`-disable-autolink-library curl`) and the target CLazyCurl defines the curl
# functions FoundationNetworking refers to: the first call would open libcurl.so.4 with dlopen.
# (libpq is not linked either: the PostgreSQL store opens it at its first connection.)
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release)
if [ "$(uname -s)" = Linux ]; then
  flags+=(--static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -disable-autolink-library -Xswiftc -Xfrontend -Xswiftc curl)
fi
[ $# -gt 0 ] || set -- marginalia
for product in "$@"; do
  swift build "${flags[@]}" --product "$product"
done
