#!/usr/bin/env bash
# layering_test.sh — shim/ stays portable C: this script fails when a file
# in shim/ names a platform or reaches into a layer it must not know.
#
# The rules, written here once:
#   1. No platform branches and no platform declarations in shim/: the words
#      _WIN32, _WIN64, __MINGW32__, __MINGW64__, __CYGWIN__, __linux__,
#      __unix__, __APPLE__, __declspec, __stdcall and WINAPI do not appear,
#      nor "windows.h" in any case. Platform code lives in port/<platform>/.
#   2. A shim/ file includes <...> only the headers of the C standard (C11);
#      POSIX headers (<pthread.h>, <unistd.h>, ...) and Windows headers
#      (<io.h>, <winternl.h>, ...) belong to port/ or win32/.
#   3. A shim/ file includes "..." only:
#      - another header of shim/;
#      - the public headers include/logonshim/*.h, except wrappers.h (the
#        Windows-typed wrapper declarations), dropin.h (for programs only)
#        and logonshim.h (which brings wrappers.h in);
#      - lgs_port.h, the port header of the platform being built
#        (port/<platform>/lgs_port.h: the inline clock and thread-state
#        reads), and port/lgs_yield.h (the one call a spinlock needs).
#      Nothing from win32/ (the API wrappers sit above the core) and no
#      other file of port/.
# Usage: layering_test.sh [REPO]   (default: the tree this script is in)
# Prints each violation as file:line and a count; exits 1 when there is one.
set -u
repo=${1:-$(cd "$(dirname "$0")/.." && pwd)}
shim=$repo/shim
[[ -d $shim ]] || { echo "layering: no shim/ in $repo"; exit 2; }

std_headers=" assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h
  limits.h locale.h math.h setjmp.h signal.h stdalign.h stdarg.h stdatomic.h stdbool.h
  stddef.h stdint.h stdio.h stdlib.h stdnoreturn.h string.h tgmath.h threads.h time.h
  uchar.h wchar.h wctype.h "
std_headers=$(echo $std_headers)
port_headers="lgs_port.h lgs_yield.h"
public_banned="logonshim/wrappers.h logonshim/dropin.h logonshim/logonshim.h"

failed=0
checked=0
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
has_word() { [[ " $1 " == *" $2 "* ]]; }

# Rule 1.
while IFS= read -r hit; do
  fail "$hit (a platform name in shim/)"
done < <(grep -nwE '_WIN32|_WIN64|__MINGW32__|__MINGW64__|__CYGWIN__|__linux__|__unix__|__APPLE__|__declspec|__stdcall|WINAPI' \
           "$shim"/*.c "$shim"/*.h | sed "s|^$repo/||"
         grep -niF 'windows.h' "$shim"/*.c "$shim"/*.h | sed "s|^$repo/||")

# Rules 2 and 3.
for f in "$shim"/*.c "$shim"/*.h; do
  checked=$((checked + 1))
  rel=${f#"$repo"/}
  while IFS=: read -r line text; do
    if [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<([^>]+)\> ]]; then
      h=${BASH_REMATCH[1]}
      has_word "$std_headers" "$h" || fail "$rel:$line: <$h> is not a C standard header"
    elif [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]]; then
      h=${BASH_REMATCH[1]}
      if has_word "$port_headers" "$h"; then
        continue
      elif [[ $h == logonshim/* ]]; then
        if has_word "$public_banned" "$h"; then
          fail "$rel:$line: \"$h\" is for programs, not for the core"
        elif [[ ! -f $repo/include/$h ]]; then
          fail "$rel:$line: \"$h\" is not a public header"
        fi
      elif [[ $h == */* || ! -f $shim/$h ]]; then
        fail "$rel:$line: \"$h\" is not a header of shim/ (win32/ and port/ are off limits)"
      fi
    elif [[ $text =~ ^[[:space:]]*#[[:space:]]*include ]]; then
      fail "$rel:$line: an include this script cannot check"
    fi
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$f")
done

echo "layering: $checked files of shim/ checked, $failed violations"
((failed == 0))
