#!/usr/bin/env bash
# Creates the Wine prefix the tests use (once; a second call finds it ready).
# Usage: wine-prefix.sh DIR
set -euo pipefail
prefix=${1:?usage: wine-prefix.sh DIR}
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml=
# One server for the whole run, kept 60 s after its last client: a client
# that starts while a server is shutting down fails with "recvmsg:
# Connection reset by peer" (it did, between back-to-back tests). No pipe
# reaches it, so nothing waits on it; wine_server_stop ends it.
start_server() { wineserver -p60 </dev/null >/dev/null 2>&1; }
# A prefix made before wine32 was installed no longer starts once it is
# ("could not load kernel32.dll, status c0000135"), and one made with it
# has a 32-bit half the other lacks: the ready mark records which Wine made
# the prefix, and a prefix made by the other one is made again.
kind=win64
[[ -x /usr/lib/wine/wine ]] && kind=wow64
if [[ -f $prefix/system.reg && $(cat "$prefix/.lgs-ready" 2>/dev/null) == "$kind" ]]; then
  start_server
  exit 0
fi
if [[ -d $prefix ]]; then
  echo "wine prefix $prefix was not made by this Wine ($kind): making it again"
  WINEPREFIX=$prefix wineserver -k 2>/dev/null || true
  rm -rf "$prefix"
fi
mkdir -p "$prefix"
wineboot --init >"$prefix/../wineboot.log" 2>&1 </dev/null
wineserver -w
echo "$kind" >"$prefix/.lgs-ready"
start_server
echo "wine prefix ready: $prefix"
