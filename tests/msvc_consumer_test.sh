#!/usr/bin/env bash
# msvc_consumer_test.sh — builds tests/consumer/msvc_main.c the way an MSVC
# user builds a program against the ZIP: compiled for *-pc-windows-msvc
# (clang in MSVC mode standing in for cl) and linked by lld-link against
# the MSVC-format logonshim.lib the build made (toolchain/dll_def.sh), with
# /NODEFAULTLIB and only kernel32 beside it; then runs it under Wine with
# logonshim.dll next to it. Without a prefix ("-") it builds and checks
# the program's imports only (a build whose programs Wine cannot run).
#
# The SDK headers are mingw-w64's (there is no Windows SDK here):
# -fgnuc-version makes them take their GNU paths, which clang understands,
# and _X86_ is what they key the i386 definitions on (mingw's gcc defines
# it; MSVC-mode clang does not). The object is MSVC ABI all the same.
#
# Usage: msvc_consumer_test.sh BUILD_DIR SOURCE_DIR OBJDUMP WINE_PREFIX|-
set -u
build=$(realpath "$1") src=$(realpath "$2") objdump=$3 prefix=$4
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { local n=$1; shift; if "$@"; then passed=$((passed+1)); echo "ok   $n"; else failed=$((failed+1)); echo "FAIL $n"; fi; }

case $("$objdump" -f "$build/logonshim.dll") in
  *pei-i386*) arch=i686 defs=(-D_X86_) link=(/SAFESEH:NO) ;;
  *) arch=x86_64 defs=() link=() ;;
esac
# /SAFESEH:NO: mingw's kernel32 import library has no SafeSEH tables; an
# MSVC user links the Windows SDK's kernel32.lib, which has them.
check "$arch: logonshim.lib and logonshim.def built" test -f "$build/logonshim.lib" -a -f "$build/logonshim.def"
clang --target=$arch-pc-windows-msvc -fms-extensions -fms-compatibility -fgnuc-version=4.2.1 "${defs[@]}" \
      -isystem "/usr/$arch-w64-mingw32/include" -I"$src/include" -Wall -Werror \
      -c "$src/tests/consumer/msvc_main.c" -o "$tmp/main.obj" >"$tmp/cc.log" 2>&1
check "$arch: compiles for $arch-pc-windows-msvc" test -f "$tmp/main.obj"
[[ -f $tmp/main.obj ]] || cat "$tmp/cc.log"
lld-link /nologo /NODEFAULTLIB /ENTRY:lgs_msvc_entry /SUBSYSTEM:CONSOLE "${link[@]}" "$tmp/main.obj" \
         "$build/logonshim.lib" "/usr/$arch-w64-mingw32/lib/libkernel32.a" /OUT:"$tmp/msvc_consumer.exe" \
         >"$tmp/ld.log" 2>&1
check "$arch: lld-link against logonshim.lib" test -f "$tmp/msvc_consumer.exe"
[[ -f $tmp/msvc_consumer.exe ]] || cat "$tmp/ld.log"
"$objdump" -p "$tmp/msvc_consumer.exe" >"$tmp/imports" 2>/dev/null
check "$arch: imports logonshim.dll" grep -qi 'DLL Name: logonshim.dll' "$tmp/imports"
# On i686 the wrapper is imported by the DLL's decorated stdcall name.
if [[ $arch == i686 ]]; then
  check "$arch: imports lgs_FreeCredentialsHandle@4" grep -q 'lgs_FreeCredentialsHandle@4$' "$tmp/imports"
fi
if [[ $prefix != - ]]; then
  cp "$build/logonshim.dll" "$tmp/"
  "$src/toolchain/wine-run.sh" --prefix "$prefix" "$tmp/msvc_consumer.exe" >"$tmp/run.out" 2>&1
  rc=$?
  check "$arch: runs under Wine" grep -q "^msvc consumer ok" "$tmp/run.out"
  [[ $rc -eq 0 ]] || cat "$tmp/run.out"
fi
echo "msvc consumer: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
