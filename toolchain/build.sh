#!/usr/bin/env bash
# Configures and builds one flavour of logonshim in build/<flavour>:
#   native   gcc on Linux: the portable core, logonshim-explain, the suites
#   mingw64  x86_64-w64-mingw32: everything for Windows; tests run under Wine
#   mingw32  i686-w64-mingw32: everything for Windows; tests run under 32-bit Wine
#            (WoW64) where the kernel runs 32-bit programs (toolchain/wine32.sh)
#   asan     clang on Linux with AddressSanitizer + UndefinedBehaviorSanitizer
#   tsan     clang on Linux with ThreadSanitizer
#   fuzz     clang on Linux: the libFuzzer harnesses (tests/fuzz), with ASan+UBSan
# Usage: toolchain/build.sh FLAVOUR [extra cmake arguments]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
flavour=${1:?usage: build.sh native|mingw64|mingw32|asan|tsan|fuzz [cmake args]}
shift
case $flavour in
  native)  tc=() ;;
  mingw64) tc=(-DCMAKE_TOOLCHAIN_FILE="$repo/toolchain/mingw-w64-x86_64.cmake") ;;
  mingw32) tc=(-DCMAKE_TOOLCHAIN_FILE="$repo/toolchain/mingw-w64-i686.cmake") ;;
  clang64) tc=(-DCMAKE_TOOLCHAIN_FILE="$repo/toolchain/clang-mingw-w64-x86_64.cmake") ;;
  # Sanitizer builds stop at the first report (-fno-sanitize-recover), so a
  # report fails the test that caused it.
  asan) san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
        tc=(-DCMAKE_C_COMPILER=clang "-DCMAKE_C_FLAGS=$san" "-DCMAKE_EXE_LINKER_FLAGS=$san") ;;
  tsan) san="-fsanitize=thread -fno-omit-frame-pointer"
        tc=(-DCMAKE_C_COMPILER=clang "-DCMAKE_C_FLAGS=$san" "-DCMAKE_EXE_LINKER_FLAGS=$san") ;;
  fuzz) san="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
        tc=(-DCMAKE_C_COMPILER=clang "-DCMAKE_C_FLAGS=$san" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined"
            -DLGS_BUILD_FUZZERS=ON -DLGS_BUILD_TESTS=OFF) ;;
  *) echo "build.sh: unknown flavour '$flavour'" >&2; exit 2 ;;
esac
# LGS_BUILD_ROOT puts the build trees elsewhere (default: <repo>/build).
root=${LGS_BUILD_ROOT:-$repo/build}
bdir=$root/$flavour
mkdir -p "$root"
cmake -S "$repo" -B "$bdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${tc[@]}" "$@" >"$root/$flavour.configure.log" 2>&1 \
  || { cat "$root/$flavour.configure.log"; exit 1; }
cmake --build "$bdir" -j"$(nproc)"
