#!/usr/bin/env bash
# The README's test command: installs what is missing, then builds and runs
# every suite natively and under Wine, and compiles the i686 build.
# Exits non-zero on any failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
start=$(date +%s)
bash toolchain/setup.sh
mkdir -p build

echo "== native build and tests"
bash toolchain/build.sh native
(cd build/native && ctest --output-on-failure --timeout 600)

echo "== mingw-w64 x86_64 build, tests under Wine"
bash toolchain/build.sh mingw64
(cd build/mingw64 && ctest --output-on-failure --timeout 600)

echo "== mingw-w64 i686 build (compiled, not run: no 32-bit Wine)"
bash toolchain/build.sh mingw32

echo "== all tests passed in $(( $(date +%s) - start )) s"
