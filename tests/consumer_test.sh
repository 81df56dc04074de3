#!/usr/bin/env bash
# consumer_test.sh — installs the build, then builds tests/consumer against the
# installed tree the two ways a user would (find_package, and a Makefile with
# pkg-config), linking the static library and the DLL, and runs the four
# programs under Wine.
# Usage: consumer_test.sh BUILD_DIR TOOLCHAIN_FILE WINE_PREFIX
set -u
build=$(realpath "$1") toolchain=$(realpath "$2") prefix=$(realpath -m "$3")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { local n=$1; shift; if "$@"; then passed=$((passed+1)); echo "ok   $n"; else failed=$((failed+1)); echo "FAIL $n"; fi; }

cmake --install "$build" --prefix "$tmp/inst" >"$tmp/install.log" 2>&1
check "install" test -f "$tmp/inst/lib/cmake/logonshim/logonshim-config.cmake"

cmake -S "$here/consumer" -B "$tmp/cm" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
      -DCMAKE_FIND_ROOT_PATH="$tmp/inst" -DCMAKE_PREFIX_PATH="$tmp/inst" >"$tmp/cm.log" 2>&1 \
  && cmake --build "$tmp/cm" >>"$tmp/cm.log" 2>&1
check "find_package build" test -f "$tmp/cm/consumer_static.exe" -a -f "$tmp/cm/consumer_shared.exe"
[[ -f "$tmp/cm/consumer_static.exe" ]] || cat "$tmp/cm.log"

# The common cross toolchain file searches only the target's root
# (CMAKE_FIND_ROOT_PATH_MODE_* ONLY, PACKAGE included), where an install
# tree elsewhere is not found: logonshim_DIR names the package directly, as
# the README says.
cat >"$tmp/only.cmake" <<ONLY
include("$toolchain")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
ONLY
cmake -S "$here/consumer" -B "$tmp/only" -DCMAKE_TOOLCHAIN_FILE="$tmp/only.cmake" \
      -Dlogonshim_DIR="$tmp/inst/lib/cmake/logonshim" >"$tmp/only.log" 2>&1 \
  && cmake --build "$tmp/only" >>"$tmp/only.log" 2>&1
check "find_package under ONLY modes with logonshim_DIR" test -f "$tmp/only/consumer_static.exe" -a -f "$tmp/only/consumer_shared.exe"
[[ -f "$tmp/only/consumer_static.exe" ]] || cat "$tmp/only.log"

mkdir -p "$tmp/mk"
PKG_CONFIG_PATH="$tmp/inst/lib/pkgconfig" make -C "$here/consumer" OUT="$tmp/mk" \
  CC=x86_64-w64-mingw32-gcc >"$tmp/mk.log" 2>&1
check "Makefile + pkg-config build" test -f "$tmp/mk/make_static.exe" -a -f "$tmp/mk/make_shared.exe"
[[ -f "$tmp/mk/make_static.exe" ]] || cat "$tmp/mk.log"

# The DLL users find logonshim.dll next to the program, as an installer would put it.
cp "$tmp/inst/bin/logonshim.dll" "$tmp/cm/" 2>/dev/null
cp "$tmp/inst/bin/logonshim.dll" "$tmp/mk/" 2>/dev/null
for exe in "$tmp/cm/consumer_static.exe" "$tmp/cm/consumer_shared.exe" \
           "$tmp/mk/make_static.exe" "$tmp/mk/make_shared.exe" "$tmp/mk/make_static_pc.exe"; do
  "$here/../toolchain/wine-run.sh" --prefix "$prefix" "$exe" >"$tmp/run.out" 2>&1
  rc=$?
  check "run $(basename "$exe")" grep -q "^consumer ok" "$tmp/run.out"
  [[ $rc -eq 0 ]] || cat "$tmp/run.out"
done
# The static programs must not need the DLL; the shared ones must import it.
check "static build does not import logonshim.dll" \
  bash -c "test -f '$tmp/cm/consumer_static.exe' && ! x86_64-w64-mingw32-objdump -p '$tmp/cm/consumer_static.exe' | grep -qi 'DLL Name: logonshim.dll'"
check "shared build imports logonshim.dll" \
  bash -c "x86_64-w64-mingw32-objdump -p '$tmp/cm/consumer_shared.exe' | grep -qi 'DLL Name: logonshim.dll'"
check "pkg-config static build does not import logonshim.dll" \
  bash -c "test -f '$tmp/mk/make_static.exe' && ! x86_64-w64-mingw32-objdump -p '$tmp/mk/make_static.exe' | grep -qi 'DLL Name: logonshim.dll'"
check "logonshim-static.pc build (no -static) does not import logonshim.dll" \
  bash -c "test -f '$tmp/mk/make_static_pc.exe' && ! x86_64-w64-mingw32-objdump -p '$tmp/mk/make_static_pc.exe' | grep -qi 'DLL Name: logonshim.dll'"
# A static program carries the Event Log message table (logonshim-messages.obj).
check "static builds carry the message table" \
  bash -c "x86_64-w64-mingw32-objdump -h '$tmp/cm/consumer_static.exe' | grep -q rsrc && x86_64-w64-mingw32-objdump -h '$tmp/mk/make_static.exe' | grep -q rsrc"
echo "consumer: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
