#!/usr/bin/env bash
# Runs one Windows program under Wine for CTest (CMAKE_CROSSCOMPILING_EMULATOR).
#
# Usage: wine-run.sh --prefix DIR PROGRAM.exe [ARGS...]
#
# Output goes to files first and is copied out afterwards: a wineserver that
# outlives the program would otherwise hold CTest's pipe open and hang it.
# The exit code is the program's.
set -u
if [[ "${1:-}" != --prefix || $# -lt 3 ]]; then
  echo "usage: $0 --prefix DIR PROGRAM [ARGS...]" >&2
  exit 2
fi
export WINEPREFIX=$2
shift 2
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wine "$@" >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/out"
cat "$tmp/err" >&2
exit $rc
