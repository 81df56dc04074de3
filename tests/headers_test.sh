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
# With a fourth argument, the Windows CPU (x86_64 or i686), every header is
# also compiled as MSVC compiles it: clang for <cpu>-pc-windows-msvc with
# -fms-extensions -fms-compatibility, C11 and C++17, so that a construct cl
# rejects is caught here. The headers that pull in <windows.h> get
# mingw-w64's SDK headers (the only ones here), which need __GNUC__
# (-fgnuc-version) to parse under clang and _X86_ for i386; the portable
# headers are compiled in plain MSVC mode.
#
# Usage: headers_test.sh INCLUDE_DIR C_COMPILER CXX_COMPILER [MSVC_CPU]
set -uo pipefail
inc=$1 cc=$2 cxx=$3 msvc_cpu=${4:-}
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
  langs=(c c++)
  [[ -n $msvc_cpu ]] && langs+=(msvc-c msvc-c++)
  sdk=()
  if grep -qE '#[[:space:]]*include[[:space:]]*[<"](windows|logonshim/wrappers|logonshim/dropin|logonshim/logonshim)\.h[>"]' "$h"; then
    sdk=(-fgnuc-version=4.2.1 -isystem "/usr/$msvc_cpu-w64-mingw32/include")
    [[ $msvc_cpu == i686 ]] && sdk+=(-D_X86_)
  fi
  for lang in "${langs[@]}"; do
    msvc=(--target="$msvc_cpu-pc-windows-msvc" -fms-extensions -fms-compatibility "${sdk[@]}")
    case $lang in
      c) compiler=$cc flags=(-x c -std=c11 -Wstrict-prototypes -Wmissing-prototypes) ;;
      c++) compiler=$cxx flags=(-x c++ -std=c++11) ;;
      msvc-c) compiler=clang flags=("${msvc[@]}" -x c -std=c11 -Wstrict-prototypes -Wmissing-prototypes) ;;
      msvc-c++) compiler=clang++ flags=("${msvc[@]}" -x c++ -std=c++17) ;;
    esac
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
