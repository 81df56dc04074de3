#!/usr/bin/env bash
# cxx_consumer_test.sh — builds tests/consumer/cxx_main.cpp with the
# build's C++ compiler as C++17 with -Wall -Wextra -pedantic -Werror, once
# against the static library (LOGONSHIM_STATIC, with the message table
# object and secur32/advapi32) and once against the DLL's import library,
# and runs both under Wine (the DLL next to the program). Without a prefix
# ("-") it builds them and checks their imports only.
#
# Usage: cxx_consumer_test.sh BUILD_DIR SOURCE_DIR CXX OBJDUMP WINE_PREFIX|-
set -u
build=$(realpath "$1") src=$(realpath "$2") cxx=$3 objdump=$4 prefix=$5
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { local n=$1; shift; if "$@"; then passed=$((passed+1)); echo "ok   $n"; else failed=$((failed+1)); echo "FAIL $n"; fi; }

flags=(-std=c++17 -Wall -Wextra -pedantic -Werror -I"$src/include")
# libstdc++ and libgcc linked in: the programs need no DLL of mingw's.
rt=(-static-libgcc -static-libstdc++)
"$cxx" "${flags[@]}" -DLOGONSHIM_STATIC "$src/tests/consumer/cxx_main.cpp" -o "$tmp/cxx_static.exe" \
       "$build/logonshim-messages.obj" "$build/liblogonshim.a" -lsecur32 -ladvapi32 "${rt[@]}" >"$tmp/static.log" 2>&1
check "C++17 static build" test -f "$tmp/cxx_static.exe"
[[ -f $tmp/cxx_static.exe ]] || cat "$tmp/static.log"
"$cxx" "${flags[@]}" "$src/tests/consumer/cxx_main.cpp" -o "$tmp/cxx_shared.exe" \
       "$build/liblogonshim.dll.a" "${rt[@]}" >"$tmp/shared.log" 2>&1
check "C++17 DLL build" test -f "$tmp/cxx_shared.exe"
[[ -f $tmp/cxx_shared.exe ]] || cat "$tmp/shared.log"
check "static build does not import logonshim.dll" \
  bash -c "test -f '$tmp/cxx_static.exe' && ! '$objdump' -p '$tmp/cxx_static.exe' | grep -qi 'DLL Name: logonshim.dll'"
check "DLL build imports logonshim.dll" \
  bash -c "'$objdump' -p '$tmp/cxx_shared.exe' 2>/dev/null | grep -qi 'DLL Name: logonshim.dll'"
if [[ $prefix != - ]]; then
  cp "$build/logonshim.dll" "$tmp/"
  for exe in cxx_static cxx_shared; do
    "$src/toolchain/wine-run.sh" --prefix "$prefix" "$tmp/$exe.exe" >"$tmp/$exe.out" 2>&1
    rc=$?
    check "run $exe" grep -q "^cxx consumer ok" "$tmp/$exe.out"
    [[ $rc -eq 0 ]] || cat "$tmp/$exe.out"
  done
fi
echo "cxx consumer: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
