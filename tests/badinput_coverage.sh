#!/usr/bin/env bash
# badinput_coverage.sh — every public function (each LGS_API declaration in
# include/logonshim/) has at least one row in the bad-input tables:
# tests/test_badinput.c (portable) or tests/win/test_badinput_win.c.
#
# Usage: badinput_coverage.sh INCLUDE_DIR TESTS_DIR
set -u
inc=$1 tests=$2
mapfile -t fns < <(grep -h -A1 'LGS_API' "$inc"/logonshim/*.h | tr '\n' ' ' \
  | grep -oE '\blgs_[A-Za-z0-9_]+\(' | tr -d '(' | sort -u)
missing=0
for f in "${fns[@]}"; do
  if ! grep -q "{\"$f\"," "$tests/test_badinput.c" "$tests/win/test_badinput_win.c"; then
    echo "no bad-input row for $f"
    missing=$((missing + 1))
  fi
done
echo "badinput coverage: ${#fns[@]} public functions, $missing without a row"
((missing == 0 && ${#fns[@]} > 50))
