#!/usr/bin/env bash
# package_test.sh — the packages a user downloads or installs: a CPack ZIP for
# each Windows architecture with the install tree, README and licence, and
# the native install of the portable parts (logonshim-explain, the core
# library, headers, CMake and pkg-config files).
# Usage: package_test.sh REPO   (after build/mingw64, build/mingw32, build/native)
set -u
repo=$(realpath "$1")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { local n=$1; shift; if "$@"; then passed=$((passed+1)); echo "ok   $n"; else failed=$((failed+1)); echo "FAIL $n"; fi; }
version=$(sed -nE 's/^#define LGS_VERSION_STRING "([0-9.]+)"/\1/p' "$repo/include/logonshim/version.h")

for arch in mingw64:win64 mingw32:win32; do
  dir=$repo/build/${arch%%:*} sys=${arch##*:}
  zip=$dir/logonshim-$version-$sys.zip
  # A ZIP left by an earlier run would pass every check below: only the one
  # this cpack run writes counts, and only when cpack succeeds.
  rm -f "$zip"
  rc=0
  (cd "$dir" && cpack -G ZIP >"$tmp/cpack-$sys.log" 2>&1) || rc=$?
  ((rc == 0)) || cat "$tmp/cpack-$sys.log"
  check "$sys: cpack exits 0" test "$rc" -eq 0
  check "$sys: ZIP built" test -f "$zip"
  cmake -E tar tf "$zip" >"$tmp/$sys.list" 2>/dev/null
  for f in bin/logonshim.dll bin/logonshim-explain.exe bin/logonshim-patch.exe lib/liblogonshim.a lib/liblogonshim.dll.a \
           lib/logonshim-messages.obj lib/logonshim.lib lib/logonshim.def \
           lib/cmake/logonshim/logonshim-config.cmake \
           lib/pkgconfig/logonshim.pc lib/pkgconfig/logonshim-static.pc include/logonshim/logonshim.h include/logonshim/wrappers.h \
           share/doc/logonshim/README.md share/doc/logonshim/LICENSE share/doc/logonshim/CHANGELOG.md; do
    check "$sys: has $f" grep -q "/$f\$" "$tmp/$sys.list"
  done
done
# The symbols' ZIPs (built with the build; tests/debug_symbols_test.sh
# checks that the stripped binaries find their symbols in them).
for arch in mingw64:win64 mingw32:win32; do
  dzip=$repo/build/${arch%%:*}/logonshim-$version-${arch##*:}-debug.zip
  check "${arch##*:}: symbols' ZIP has logonshim.dll.debug" \
    bash -c "cmake -E tar tf '$dzip' 2>/dev/null | grep -q '/bin/logonshim.dll.debug$'"
done
# The i686 DLL really is 32-bit.
check "win32: i686 DLL" bash -c "x86_64-w64-mingw32-objdump -f '$repo/build/mingw32/logonshim.dll' | grep -q 'pei-i386'"

cmake --install "$repo/build/native" --prefix "$tmp/native" >"$tmp/native.log" 2>&1
check "native: installs" test -x "$tmp/native/bin/logonshim-explain"
check "native: installs logonshim-patch" bash -c "'$tmp/native/bin/logonshim-patch' --help | grep -q 'logonshim-patch --remove'"
check "native: core library" test -f "$tmp/native/lib/liblogonshim.a"
check "native: installed explain decodes" bash -c "'$tmp/native/bin/logonshim-explain' --json 0xC0000105 | grep -q STATUS_LOGON_SESSION_COLLISION"
printf '#include <logonshim/logonshim.h>\nint main(void){return lgs_classify(LGS_SPACE_WIN32,1366)==LGS_CLASS_SESSION_COLLISION?0:1;}\n' >"$tmp/t.c"
check "native: links with pkg-config" bash -c "gcc -o '$tmp/t' '$tmp/t.c' \$(PKG_CONFIG_PATH='$tmp/native/lib/pkgconfig' pkg-config --static --cflags --libs logonshim) && '$tmp/t'"
echo "packages: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
