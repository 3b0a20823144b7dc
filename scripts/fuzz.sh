#!/usr/bin/env bash
# Fuzzes the readers of untrusted input with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS…]     # default: 60 s for each harness
#
# Builds one binary, .build-fuzz/debug/marginalia-fuzz (Swift's -sanitize=fuzzer,address;
# the C++ of the TOML parser is instrumented too), and runs each harness (json, jsonl, txt,
# brat, gold, toml, and lua: the plugin API in a sandboxed host, see Tests/Support/FuzzLuaAPI.swift)
# for SECONDS at the lowest CPU priority. Each keeps its growing corpus in .build-fuzz/corpus/NAME
# (started from Fuzz/seeds/NAME) and writes any crashing input to .build-fuzz/crashes/NAME/.
# A crasher becomes a regression test in Tests/ (see
# Tests/MarginaliaBatchTests/FuzzRegressionTests.swift); the fuzzers themselves are not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(json jsonl txt brat gold toml lua)
scripts/install-deps.sh
MARGINALIA_FUZZ=1 swift build --scratch-path .build-fuzz --product marginalia-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xcxx -fsanitize=fuzzer-no-link,address
binary=.build-fuzz/debug/marginalia-fuzz
status=0
for harness in "${harnesses[@]}"; do
  corpus=.build-fuzz/corpus/$harness
  crashes=.build-fuzz/crashes/$harness
  mkdir -p "$corpus" "$crashes"
  seeds=()
  [ -d "Fuzz/seeds/$harness" ] && seeds=("Fuzz/seeds/$harness")
  echo "== $harness: $seconds s" >&2
  log=.build-fuzz/$harness.log
  # TOMLKit 0.6 leaks about 2 KB per parse (TOMLTable(string:) and convert(to: .json) never
  # free their C++ buffers; found by this harness): harmless for one marginalia.toml a run,
  # so leaks are not reported there, neither per input nor by LeakSanitizer at exit (which
  # would otherwise end a clean run as a "crash" on the empty input), and the fuzzer looks
  # for crashes instead.
  leaks=1
  [ "$harness" = toml ] && leaks=0
  if ! ASAN_OPTIONS="detect_leaks=$leaks" MARGINALIA_FUZZ_TARGET=$harness nice -n 19 "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=$leaks \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "${seeds[@]}" > "$log" 2>&1; then
    status=1
    echo "$harness: found a crasher (see $log and $crashes/)" >&2
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^stat::new_units_added' "$log" | sed "s/^/$harness /" >&2 || true
done
exit $status
