#!/usr/bin/env bash
# Writes logonshim.def, the module-definition file of logonshim.dll, from
# the export table of the DLL itself (so it can never list a function the
# DLL lacks), and the MSVC-format import library logonshim.lib made from it
# with llvm-dlltool: what an MSVC user links (`cl ... logonshim.lib`).
#
# The names are written as the DLL exports them. On i686 that is the
# decorated stdcall name (lgs_LogonUserW@24); llvm-dlltool then gives the
# library the symbol MSVC's compiler references (__imp__lgs_LogonUserW@24)
# and an import by the DLL's exact name, so no --kill-at is wanted.
#
# Usage: dll_def.sh OBJDUMP DLLTOOL DLL OUT_DEF OUT_LIB
set -euo pipefail
objdump=$1 dlltool=$2 dll=$3 def=$4 lib=$5
case $("$objdump" -f "$dll") in
  *pei-i386*) machine=i386 ;;
  *pei-x86-64*) machine=i386:x86-64 ;;
  *) echo "dll_def.sh: $dll is neither a 32- nor a 64-bit x86 DLL" >&2; exit 1 ;;
esac
{
  echo "LIBRARY $(basename "$dll")"
  echo "EXPORTS"
  "$objdump" -p "$dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' \
    | sed -nE 's/^[[:space:]]*\[[[:space:]]*[0-9]+\][[:space:]]+([A-Za-z0-9_@]+).*/    \1/p'
} >"$def.tmp"
if (($(wc -l <"$def.tmp") < 3)); then
  echo "dll_def.sh: no exports found in $dll" >&2; exit 1
fi
mv "$def.tmp" "$def"
"$dlltool" -m "$machine" -d "$def" -D "$(basename "$dll")" -l "$lib"
