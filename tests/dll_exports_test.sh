#!/usr/bin/env bash
# dll_exports_test.sh — logonshim.dll exports exactly the public API: every
# function declared with LGS_API in include/logonshim/*.h, and nothing else.
# Usage: dll_exports_test.sh OBJDUMP DLL INCLUDE_DIR
set -u
objdump=$1 dll=$2 inc=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$objdump" -p "$dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' \
  | sed -nE 's/^[[:space:]]*\[[[:space:]]*[0-9]+\][[:space:]]+([A-Za-z0-9_]+).*/\1/p' | sort -u >"$tmp/exported"
# Declarations may span lines: join each header into one line first.
for h in "$inc"/logonshim/*.h; do tr '\n' ' ' <"$h"; echo; done \
  | grep -oE 'LGS_API[^;{]*\(' | grep -oE '\blgs_[A-Za-z0-9_]+[[:space:]]*\($' | tr -d ' (' | sort -u >"$tmp/declared"
n_exp=$(wc -l <"$tmp/exported"); n_dec=$(wc -l <"$tmp/declared")
echo "exported: $n_exp, declared with LGS_API: $n_dec"
if [[ $n_dec -lt 50 ]]; then
  echo "FAIL: found only $n_dec public declarations; the header scan is broken"
  exit 1
fi
if ! diff -u "$tmp/declared" "$tmp/exported"; then
  echo "FAIL: exports differ from the public API (- declared only, + exported only)"
  echo "dll exports: 0 passed, 1 failed"
  exit 1
fi
echo "dll exports: 1 passed, 0 failed"
