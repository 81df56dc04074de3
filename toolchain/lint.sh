#!/usr/bin/env bash
# Static analysis of shim/, port/, win32/ and examples/: cppcheck
# with toolchain/cppcheck-suppressions.txt, and clang-tidy with the
# checked-in .clang-tidy, each file compiled as its build compiles it (the
# portable core, port/posix/ and the native examples from a native
# compile_commands.json, port/win32/, win32/ and the Windows examples from a
# mingw-w64 one). Fails on any finding.
#
# Usage: toolchain/lint.sh        (build trees in ${LGS_BUILD_ROOT:-build}/lint-*)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
root=${LGS_BUILD_ROOT:-$repo/build}
jobs=$(nproc)
status=0

# A tool that is missing or cannot start must fail the lint, not leave it
# "clean": a version string inside $(...) would hide the failure.
for tool in cppcheck clang-tidy; do
  if ! "$tool" --version >/dev/null 2>&1; then
    echo "lint: FAIL: $tool does not run (missing from PATH or broken):" >&2
    "$tool" --version >&2 || true
    exit 1
  fi
done
echo "lint: cppcheck $(cppcheck --version | sed 's/Cppcheck //')"
common=(--enable=warning,style,performance,portability --std=c11 --inline-suppr
        --suppressions-list=toolchain/cppcheck-suppressions.txt --error-exitcode=1 -q
        -j "$jobs" -I include -I shim -I port -I win32)
native_examples=$(find examples -name '*.c' -exec grep -L 'windows.h\|logonshim/wrappers.h\|_WIN32' {} +)
windows_examples=$(find examples -name '*.c' -exec grep -l 'windows.h\|logonshim/wrappers.h\|_WIN32' {} +)
# shellcheck disable=SC2086
cppcheck "${common[@]}" --platform=unix64 -I port/posix shim/ port/posix/ $native_examples || status=1
# shellcheck disable=SC2086
cppcheck "${common[@]}" --platform=win64 -D_WIN32 -D_WIN64 -I port/win32 win32/ port/win32/ \
  $windows_examples || status=1

# Compile databases: configure only (and generate the message table header
# port/win32/ includes); nothing else is built.
cmake -S "$repo" -B "$root/lint-native" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
      -DLGS_BUILD_TESTS=OFF >"$root/lint-native.configure.log" 2>&1 \
  || { cat "$root/lint-native.configure.log"; exit 1; }
cmake -S "$repo" -B "$root/lint-mingw64" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DLGS_BUILD_TESTS=OFF \
      -DCMAKE_TOOLCHAIN_FILE="$repo/toolchain/mingw-w64-x86_64.cmake" \
      >"$root/lint-mingw64.configure.log" 2>&1 \
  || { cat "$root/lint-mingw64.configure.log"; exit 1; }
cmake --build "$root/lint-mingw64" --target logonshim_messages >/dev/null

# The files each database compiles, under shim/, port/, win32/ and examples/.
files_in() {
  jq -r '.[].file' "$1/compile_commands.json" | sort -u \
    | grep -E "^$repo/(shim|port|win32|examples)/" || true
}
tidy() {
  local db=$1; shift
  [[ $# -gt 0 ]] || return 0
  local extra=()
  [[ $db == *mingw64 ]] && extra=(--extra-arg=--target=x86_64-w64-mingw32)
  # Findings go to stdout. stderr carries clang-tidy's "N warnings
  # generated" chatter, and also the reason when it cannot run or a file
  # does not compile; then its status (through xargs: 123, 126 or 127) is
  # non-zero, and the lint fails with that stderr shown.
  local rc=0
  printf '%s\n' "$@" | xargs -P "$jobs" -n 4 clang-tidy -p "$db" --quiet "${extra[@]}" \
    >"$db/clang-tidy.log" 2>"$db/clang-tidy.err" || rc=$?
  if grep -E '(warning|error):' "$db/clang-tidy.log"; then
    return 1
  fi
  if ((rc != 0)); then
    grep -v 'warnings\? generated\.$' "$db/clang-tidy.err" >&2 || true
    echo "lint: FAIL: clang-tidy exited with status $rc on $db" >&2
    return 1
  fi
}
echo "lint: $(clang-tidy --version | grep -m1 -o 'LLVM version [0-9.]*')"
mapfile -t native_files < <(files_in "$root/lint-native")
# Windows-only files: those the native build does not compile.
mapfile -t win_files < <(comm -13 <(printf '%s\n' "${native_files[@]}") <(files_in "$root/lint-mingw64"))
tidy "$root/lint-native" "${native_files[@]}" || status=1
tidy "$root/lint-mingw64" "${win_files[@]}" || status=1
echo "lint: clang-tidy on ${#native_files[@]} native and ${#win_files[@]} Windows files"

if ((status != 0)); then
  echo "lint: findings above" >&2
  exit 1
fi
echo "lint: clean"
