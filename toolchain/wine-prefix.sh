#!/usr/bin/env bash
# Creates the Wine prefix the tests use (once; a second call finds it ready).
# Usage: wine-prefix.sh DIR
set -euo pipefail
prefix=${1:?usage: wine-prefix.sh DIR}
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml=
if [[ -f $prefix/system.reg && -f $prefix/.lgs-ready ]]; then
  exit 0
fi
mkdir -p "$prefix"
wineboot --init >"$prefix/../wineboot.log" 2>&1 </dev/null
wineserver -w
touch "$prefix/.lgs-ready"
echo "wine prefix ready: $prefix"
