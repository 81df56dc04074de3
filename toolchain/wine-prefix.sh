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
if [[ -f $prefix/system.reg && -f $prefix/.lgs-ready ]]; then
  start_server
  exit 0
fi
mkdir -p "$prefix"
wineboot --init >"$prefix/../wineboot.log" 2>&1 </dev/null
wineserver -w
touch "$prefix/.lgs-ready"
start_server
echo "wine prefix ready: $prefix"
