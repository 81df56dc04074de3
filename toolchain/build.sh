#!/usr/bin/env bash
# Configures and builds one flavour of logonshim in build/<flavour>:
#   native   gcc on Linux: the portable core, logonshim-explain, the suites
#   mingw64  x86_64-w64-mingw32: everything for Windows; tests run under Wine
#   mingw32  i686-w64-mingw32: everything for Windows, compiled only
# Usage: toolchain/build.sh FLAVOUR [extra cmake arguments]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
flavour=${1:?usage: build.sh native|mingw64|mingw32 [cmake args]}
shift
case $flavour in
  native)  tc=() ;;
  mingw64) tc=(-DCMAKE_TOOLCHAIN_FILE="$repo/toolchain/mingw-w64-x86_64.cmake") ;;
  mingw32) tc=(-DCMAKE_TOOLCHAIN_FILE="$repo/toolchain/mingw-w64-i686.cmake") ;;
  *) echo "build.sh: unknown flavour '$flavour'" >&2; exit 2 ;;
esac
bdir=$repo/build/$flavour
cmake -S "$repo" -B "$bdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${tc[@]}" "$@" >"$repo/build/$flavour.configure.log" 2>&1 \
  || { cat "$repo/build/$flavour.configure.log"; exit 1; }
cmake --build "$bdir" -j"$(nproc)"
