#!/usr/bin/env bash
# Installs the system packages Marginalia needs (Debian/Ubuntu): the Lua 5.4 C library,
# zlib, libpq (the PostgreSQL client library), libcurl (debug builds link the shared
# FoundationNetworking, which needs libcurl.so.4; release builds leave it out), the Lua
# tools used to check plugins, git and unzip (plugin sources), and headless Chromium, in
# which the tests render the HTML report.
# Skips apt when everything is present.
set -euo pipefail
need=()
pkg-config --exists lua5.4 2>/dev/null || need+=(liblua5.4-dev pkg-config)
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev)   # .jsonl.gz corpora
pkg-config --exists libpq 2>/dev/null || need+=(libpq-dev)     # the PostgreSQL store (libpq)
# Debug builds (swift build, swift test) link the shared FoundationNetworking, which needs
# libcurl.so.4; release builds do not link it (see scripts/build-release.sh).
pkg-config --exists libcurl 2>/dev/null || need+=(libcurl4-openssl-dev)
command -v gzip >/dev/null 2>&1 || need+=(gzip)               # the reader tests make .gz files
command -v lua5.4 >/dev/null 2>&1 || need+=(lua5.4)
ldconfig -p 2>/dev/null | grep -q libreadline.so.8 || need+=(libreadline8)   # the REPL's line editing (its tests)
command -v luacheck >/dev/null 2>&1 || need+=(lua-check)
command -v git >/dev/null 2>&1 || need+=(git)                  # plugins install/sync/update from git
command -v unzip >/dev/null 2>&1 || need+=(unzip)              # plugins install of .zip archives
command -v zip >/dev/null 2>&1 || need+=(zip)                  # the tests make a .zip to install
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${need[*]} …" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
