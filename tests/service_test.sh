#!/usr/bin/env bash
# examples/service under Wine's service control manager: install it
# (CreateServiceW, through its installer mode), start it with `sc start`,
# follow its log files, stop it with `sc stop`, delete it. The start-up logon
# meets two injected ERROR_NO_LOGON_SERVERS (--faults), so the engine waits
# twice and the service reports SCM checkpoints from the wait hook.
#
# Usage: service_test.sh DIR SERVICE.exe JQ EMULATOR...
set -uo pipefail
dir=$1 exe=$2 jq=$3
shift 3
emu=("$@")
rm -rf "$dir"; mkdir -p "$dir"
windir="Z:${dir//\//\\}"
fail() { echo "FAIL: $*"; for f in "$dir"/*; do echo "--- $f"; cat "$f"; done; cleanup; exit 1; }
cleanup() {
  "${emu[@]}" sc stop logonshim-service >"$dir/sc-stop2.out" 2>&1 || true
  "${emu[@]}" "$exe" uninstall >"$dir/uninstall2.out" 2>&1 || true
}
# Waits up to 15 s for a line matching $1 in service.log.
wait_for() {
  local i
  for i in $(seq 1 150); do
    grep -q "$1" "$dir/service.log" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

"${emu[@]}" "$exe" uninstall >/dev/null 2>&1 || true   # a leftover of an aborted run
"${emu[@]}" "$exe" install --log "$windir" --faults "LogonUserW=ERROR_NO_LOGON_SERVERS*2" \
  >"$dir/install.out" 2>&1 || fail "install failed"
"${emu[@]}" sc start logonshim-service >"$dir/sc-start.out" 2>&1 || fail "sc start failed"
wait_for '^running' || fail "the service did not reach running"
"${emu[@]}" sc stop logonshim-service >"$dir/sc-stop.out" 2>&1 || fail "sc stop failed"
wait_for '^stopped' || fail "the service did not stop"
sleep 0.5
"${emu[@]}" "$exe" uninstall >"$dir/uninstall.out" 2>&1 || fail "uninstall failed"
# Deleted: a second uninstall finds no such service.
"${emu[@]}" "$exe" uninstall >"$dir/uninstall-again.out" 2>&1 && fail "still installed after uninstall"

log=$dir/service.log jsonl=$dir/logonshim.jsonl
(($(grep -c '^checkpoint' "$log") == 2)) || fail "expected 2 checkpoints from the wait hook"
grep -q '^LogonUserW ok' "$log" || fail "the logon did not recover"
# Default credentials: SEC_E_NO_CREDENTIALS (session_gone) without a ticket
# cache; a Wine session that an earlier test gave one succeeds.
grep -Eq '^AcquireCredentialsHandleW (ok|failed: [A-Z_]+ \(0x[0-9A-F]+\) class [a-z_]+)' "$log" \
  || fail "the ACH result was not reported (with its class on failure)"
grep -q '^stats: .* 2 retries, 1 recovered' "$log" || fail "stats: expected 2 retries, 1 recovered"
"$jq" -e . "$jsonl" >/dev/null || fail "the JSON lines file does not parse"
"$jq" -se '[.[].attributes | select(.["logonshim.api"]=="LogonUserW" and .["logonshim.kind"]=="attempt"
            and .["logonshim.decision"]=="retry" and .["logonshim.code.name"]=="ERROR_NO_LOGON_SERVERS")]
            | length == 2' "$jsonl" >/dev/null \
  || fail "expected 2 retried LogonUserW attempts in the JSON lines"
"$jq" -se '[.[].attributes | select(.["logonshim.api"]=="LogonUserW" and .["logonshim.kind"]=="outcome"
            and .["logonshim.decision"]=="recovered")] | length == 1' "$jsonl" >/dev/null || fail "expected one recovered LogonUserW outcome"
if grep -q '^AcquireCredentialsHandleW failed' "$log"; then
  "$jq" -se '[.[].attributes | select(.["logonshim.api"]=="AcquireCredentialsHandleW"
              and .["logonshim.kind"]=="outcome" and .["logonshim.guidance"].id != null)] | length == 1' "$jsonl" >/dev/null \
    || fail "expected the ACH failure with guidance in the JSON lines"
fi
echo "service: installed, started, 2 SCM checkpoints, logon recovered, stopped, deleted"
