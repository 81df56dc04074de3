#!/usr/bin/env bash
# headers_test.sh — every public header compiles on its own, as C11 and as
# C++11, and provides every constant it names. A program may include any one
# of include/logonshim/*.h first (or alone), and a header whose doc comment
# says "returns LGS_OK" must let the caller compare with LGS_OK. The headers
# are found by globbing, so a new header is covered without a change here.
#
# Each header is compiled twice per language: for the DLL (dllimport on
# Windows) and with LOGONSHIM_STATIC. "Constants" are the object-like
# LGS_ macros with a value and the LGS_ enumerators of all public headers;
# the ones a header mentions, in code or in comments, must compile after
# including that header alone.
#
# Usage: headers_test.sh INCLUDE_DIR C_COMPILER CXX_COMPILER
set -uo pipefail
inc=$1 cc=$2 cxx=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

shopt -s nullglob
headers=("$inc"/logonshim/*.h)
if ((${#headers[@]} == 0)); then
  echo "headers: FAIL: no headers in $inc/logonshim"
  echo "headers: 0 passed, 1 failed"
  exit 1
fi

# The constants of the public API, one name a line.
{
  sed -nE 's/^#[[:space:]]*define[[:space:]]+(LGS_[A-Z0-9_]+)[[:space:]]+[-("0-9].*/\1/p' "${headers[@]}"
  sed -nE 's/^[[:space:]]+(LGS_[A-Z0-9_]+)[[:space:]]*(=[^,]*)?,?[[:space:]]*(\/\*.*)?$/\1/p' "${headers[@]}"
} | sort -u >"$tmp/constants"

for h in "${headers[@]}"; do
  name=${h##*/}
  src=$tmp/${name%.h}.c
  {
    echo "#include <logonshim/$name>"
    # A named function keeps the unit non-empty for headers that declare
    # nothing on this platform (wrappers.h off Windows).
    echo "void lgs_header_test(void);"
    echo "void lgs_header_test(void)"
    echo "{"
    grep -oE '\bLGS_[A-Z0-9_]+\b' "$h" | sort -u | comm -12 - "$tmp/constants" | sed 's/.*/    (void)(&);/'
    echo "}"
  } >"$src"
  for lang in c c++; do
    if [[ $lang == c ]]; then
      compiler=$cc flags=(-x c -std=c11 -Wstrict-prototypes -Wmissing-prototypes)
    else
      compiler=$cxx flags=(-x c++ -std=c++11)
    fi
    for variant in dll static; do
      defs=()
      [[ $variant == static ]] && defs=(-DLOGONSHIM_STATIC)
      if "$compiler" "${flags[@]}" "${defs[@]}" -Wall -Wextra -Wpedantic -Werror -fsyntax-only \
           -I "$inc" "$src" >"$tmp/out" 2>&1; then
        passed=$((passed + 1))
        echo "ok   $lang $variant $name"
      else
        failed=$((failed + 1))
        echo "FAIL $lang $variant $name: does not compile alone:"
        sed 's/^/    /' "$tmp/out"
        echo "    (the unit compiled:)"
        sed 's/^/    | /' "$src"
      fi
    done
  done
done
echo "headers: $passed passed, $failed failed"
((failed == 0))
