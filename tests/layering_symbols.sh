#!/usr/bin/env bash
# layering_symbols.sh — arrows point down only, checked on the compiled
# library rather than on its text: for every object of the library, each
# symbol it uses from another of the library's modules must be defined in a
# module of the same layer or a lower one. The layers are written once, in
# docs/architecture.md, between "<!-- layers -->" and "<!-- /layers -->":
# one line per layer, lowest first, "- `N name`: file file ...", where
# port/P/ stands for the platform folder being built. A source file of
# shim/, port/ or win32/ that was compiled but has no layer fails the check,
# so a new module must be placed before it builds green.
#
# Usage: layering_symbols.sh SOURCE_DIR OBJECT_DIR [NM] [PLATFORM]
#   OBJECT_DIR  the library target's object folder, e.g.
#               build/native/CMakeFiles/logonshim_static.dir
#   NM          the toolchain's nm (default: nm)
#   PLATFORM    posix or win32 (default: posix)
# Prints each reference that runs up, and a count; exits 1 when there is one.
set -euo pipefail
src=${1:?usage: layering_symbols.sh SOURCE_DIR OBJECT_DIR [NM] [PLATFORM]}
objdir=${2:?usage: layering_symbols.sh SOURCE_DIR OBJECT_DIR [NM] [PLATFORM]}
nm=${3:-nm}
platform=${4:-posix}
doc=$src/docs/architecture.md

declare -A layer_of
while IFS= read -r line; do
  [[ $line =~ ^-\ \`([0-9]+)\ [a-z_-]+\`:\ (.*)$ ]] || continue
  n=${BASH_REMATCH[1]}
  files=${BASH_REMATCH[2]//\`/}
  files=${files//,/ }
  for f in $files; do layer_of[${f//port\/P\//port/$platform/}]=$n; done
done < <(sed -n '/<!-- layers -->/,/<!-- \/layers -->/p' "$doc")
if ((${#layer_of[@]} == 0)); then
  echo "layering_symbols: no layer table in $doc"
  exit 1
fi

# The library's modules: every source of shim/, port/PLATFORM/ and win32/
# that has an object here (CMake names it SOURCE.o or SOURCE.obj).
obj_of() {
  local o
  for o in "$objdir/$1.o" "$objdir/$1.obj"; do
    [[ -f $o ]] && { echo "$o"; return 0; }
  done
  return 1
}
modules=()
declare -A def_in
bad=0 refs=0
while IFS= read -r rel; do
  o=$(obj_of "$rel") || continue
  modules+=("$rel")
  if [[ -z ${layer_of[$rel]:-} ]]; then
    echo "layering_symbols: $rel is compiled into the library but has no layer in docs/architecture.md"
    bad=$((bad + 1))
  fi
  while read -r sym; do def_in[$sym]=$rel; done < <("$nm" --defined-only -g "$o" | awk 'NF == 3 { print $3 }')
done < <(cd "$src" && ls shim/*.c "port/$platform"/*.c win32/*.c 2>/dev/null)
if ((${#modules[@]} == 0)); then
  echo "layering_symbols: no object of the library under $objdir"
  exit 1
fi

for rel in "${modules[@]}"; do
  me=${layer_of[$rel]:-}
  [[ -n $me ]] || continue
  o=$(obj_of "$rel")
  while read -r sym; do
    d=${def_in[$sym]:-}
    [[ -z $d || $d == "$rel" ]] && continue
    refs=$((refs + 1))
    them=${layer_of[$d]:-}
    [[ -n $them ]] || continue # reported above
    if ((them > me)); then
      echo "layering_symbols: $rel (layer $me) uses $sym from $d (layer $them)"
      bad=$((bad + 1))
    fi
  done < <("$nm" -u "$o" | awk '{ print $NF }')
done
echo "layering_symbols: ${#modules[@]} modules, $refs references between them checked, $bad running up"
((bad == 0))
