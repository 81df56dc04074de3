#!/usr/bin/env bash
# debug_symbols_test.sh — the installed DLL, explain tool and patcher are stripped,
# their debug information is in the symbols' ZIP, and a stripped binary
# still resolves its symbols from the .debug file beside it
# (objdump --dwarf=follow-links reads the DWARF through .gnu_debuglink).
# Prints the sizes before and after.
# Usage: debug_symbols_test.sh BUILD_DIR OBJDUMP
set -u
build=$(realpath "$1") objdump=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { local n=$1; shift; if "$@"; then passed=$((passed+1)); echo "ok   $n"; else failed=$((failed+1)); echo "FAIL $n"; fi; }

cmake --install "$build" --prefix "$tmp/inst" >"$tmp/install.log" 2>&1
check "install" test -f "$tmp/inst/bin/logonshim.dll"
zip=$(ls "$build"/logonshim-*-debug.zip 2>/dev/null | head -n1)
check "symbols' ZIP built" test -n "$zip"
mkdir -p "$tmp/dbg"
[[ -n $zip ]] && (cd "$tmp/dbg" && cmake -E tar xf "$zip")
for bin in logonshim.dll logonshim-explain.exe logonshim-patch.exe; do
  full=$build/$bin
  [[ $bin == logonshim-*.exe ]] && full=$build/examples/$bin
  inst=$tmp/inst/bin/$bin
  dbg=$(ls "$tmp"/dbg/*/bin/"$bin.debug" 2>/dev/null | head -n1)
  echo "$bin: $(stat -c %s "$full") bytes in the build, $(stat -c %s "$inst" 2>/dev/null) installed (stripped), $(stat -c %s "$dbg" 2>/dev/null) in $bin.debug"
  check "$bin: installed copy has no DWARF" bash -c "! '$objdump' -h '$inst' | grep -q '\.debug_info'"
  check "$bin: installed copy names its .debug file" bash -c "'$objdump' -s -j .gnu_debuglink '$inst' | grep -q '$bin.debug' || '$objdump' -h '$inst' | grep -q gnu_debuglink"
  check "$bin: the ZIP has $bin.debug with DWARF" bash -c "test -n '$dbg' && '$objdump' -h '$dbg' | grep -q '\.debug_info'"
  # The stripped copy with its .debug beside it, as a debugger finds it.
  cp "$inst" "$tmp/pair-$bin" 2>/dev/null; mkdir -p "$tmp/pair"; mv "$tmp/pair-$bin" "$tmp/pair/$bin" 2>/dev/null
  [[ -n $dbg ]] && cp "$dbg" "$tmp/pair/"
  (cd "$tmp/pair" && "$objdump" --dwarf=follow-links --dwarf=info "$bin") >"$tmp/$bin.dwarf" 2>/dev/null
  check "$bin: stripped copy resolves its symbols from $bin.debug" grep -q 'DW_AT_name.*: lgs_classify$\|DW_AT_name.*: main$' "$tmp/$bin.dwarf"
done
echo "debug symbols: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
