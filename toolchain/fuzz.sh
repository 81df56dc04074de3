#!/usr/bin/env bash
# Runs every libFuzzer harness of a fuzz build (toolchain/build.sh fuzz) for a
# bounded time on its corpus. The corpus in tests/fuzz/corpus/NAME
# is copied to BUILD/corpus/NAME first, so what a run discovers stays in the
# build tree; a crash, leak, timeout or sanitizer report is kept in
# BUILD/crashes/ and fails the run (add it to tests/fuzz/corpus/NAME once
# fixed: every native build replays that directory).
#
# Usage: toolchain/fuzz.sh BUILD_DIR [SECONDS_EACH] [NAME...]
# Prints one line per harness: "fuzz NAME: ok, N runs in S s (C inputs in corpus)".
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: fuzz.sh BUILD_DIR [SECONDS_EACH] [NAME...]}
secs=${2:-60}
shift $(($# >= 2 ? 2 : 1))
names=("$@")
if ((${#names[@]} == 0)); then
  mapfile -t names < <(cd "$repo/tests/fuzz/corpus" && ls)
fi
jobs=$(nproc)
mkdir -p "$build/corpus" "$build/crashes" "$build/logs"

run_one() {
  local name=$1 exe=$build/tests/fuzz/fuzz_$1
  local corpus=$build/corpus/$name log=$build/logs/$name.log
  mkdir -p "$corpus"
  cp -n "$repo/tests/fuzz/corpus/$name"/* "$corpus/" 2>/dev/null || true
  local rc=0
  # -close_fd_mask=3: the harnesses' own output (explain's text, setting
  # records) would drown the log; libFuzzer keeps its reports on a copy of
  # stderr.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$exe" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$build/crashes/$name-" \
    "$corpus" >"$log" 2>&1 || rc=$?
  local runs
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n1)
  if ((rc != 0)) || ls "$build/crashes/$name-"* >/dev/null 2>&1; then
    echo "fuzz $name: FAILED (exit $rc), ${runs:-?} runs; log $log"
    grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$log" | head -n 20
    return 1
  fi
  echo "fuzz $name: ok, ${runs:-?} runs in $secs s ($(ls "$corpus" | wc -l) inputs in corpus)"
}
export -f run_one
export build secs repo

printf '%s\n' "${names[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {}
