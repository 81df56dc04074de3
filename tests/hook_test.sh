#!/usr/bin/env bash
# hook_test.sh — a program that never heard of logonshim (tests/hook/plain.h)
# run under Wine through logonshim-run, and without it, with LOGONSHIM_FAULTS.
#
#   1. Without the launcher the faults are not seen at all: Wine's LogonUserW
#      stub succeeds, and nothing is logged.
#   2. Through the launcher, a logon-session collision (1366) and an SSPI
#      out-of-memory are retried and recovered: the program sees success
#      and the shim's records (attempt + recovered) are in the log.
#   3. Through the launcher, a wrong password (1326) is tried once per call,
#      and after lockout.threshold (3) failures the guard answers the
#      fourth call without reaching the API: 3 never_retry, 1 lockout_guard.
#   4. The program's exit code comes back through the launcher (126 and no
#      run when the hook DLL is missing); hook.exclude
#      naming the program: the faults are not seen.
#
# Usage: hook_test.sh PROGRAM.exe logonshim-run.exe JQ EMULATOR...
set -euo pipefail
prog=$1 run=$2 jq=$3
shift 3
emu=("$@")
name=$(basename "$prog" .exe)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log=$tmp/shim.jsonl
out=$tmp/out
# Wine sees / as drive Z:.
winpath() { echo "Z:$1"; }

fail() {
  echo "FAIL ($name): $*"
  echo "--- output:"; cat "$out" 2>/dev/null || true
  echo "--- log:"; cat "$log" 2>/dev/null || true
  exit 1
}
# records FILTER: how many JSON records match a jq filter.
# The records are JSON lines schema 2: the logonshim fields sit under
# "attributes" (docs/logging.md); the filter sees that object as the input.
records() { [[ -f $log ]] || { echo 0; return; }; "$jq" -c ".attributes | select($1)" "$log" | wc -l; }
# expect N FILTER WHY: fails with WHY unless N records match FILTER.
expect() { [[ $(records "$2") == "$1" ]] || fail "$3"; }
# lines TEXT: how many lines of the output are TEXT (Wine writes CRLF).
lines() { tr -d '\r' <"$out" | grep -cxF -- "$1" || true; }

# 1. No launcher: the faults reach no one.
rm -f "$log"
LOGONSHIM_FAULTS="LogonUserW=1326*5" LOGONSHIM_LOG="jsonl:$(winpath "$log"),storm=off" \
  "${emu[@]}" "$prog" 2 >"$out" 2>&1 || fail "exit status $? without the launcher"
[[ $(lines "LogonUserW ok") == 2 ]] || fail "without the launcher the program saw a fault"
[[ ! -s $log ]] || fail "without the launcher something logged"
echo "hook_test ($name): without the launcher: no fault seen, nothing logged"

# 2. Through the launcher: recovered.
rm -f "$log"
"${emu[@]}" "$run" --faults "LogonUserW=1366;QuerySecurityPackageInfoW=SEC_E_INSUFFICIENT_MEMORY" \
  --log "jsonl:$(winpath "$log"),storm=off" -- "$(winpath "$prog")" 1 >"$out" 2>&1 \
  || fail "exit status $? through the launcher"
[[ $(lines "LogonUserW ok") == 1 ]] || fail "LogonUserW did not recover"
[[ $(lines "QuerySecurityPackageInfoW 0x00000000") == 1 ]] || fail "QuerySecurityPackageInfoW did not recover"
expect 1 '.["logonshim.kind"] == "attempt" and .["logonshim.api"] == "LogonUserW" and .["logonshim.code.value"] == 1366 and .["logonshim.decision"] == "retry"' \
  "no retried 1366 attempt record"
expect 1 '.["logonshim.kind"] == "outcome" and .["logonshim.api"] == "LogonUserW" and .["logonshim.decision"] == "recovered"' \
  "no recovered LogonUserW outcome record"
expect 1 '.["logonshim.kind"] == "outcome" and .["logonshim.api"] == "QuerySecurityPackageInfoW" and .["logonshim.decision"] == "recovered"' \
  "no recovered QuerySecurityPackageInfoW outcome record"
echo "hook_test ($name): through the launcher: 1366 and SEC_E_INSUFFICIENT_MEMORY recovered, records logged"

# 3. Through the launcher: a wrong password, once per call, then the guard.
rm -f "$log"
"${emu[@]}" "$run" --faults "LogonUserW=1326*5" --log "jsonl:$(winpath "$log"),storm=off" \
  -- "$(winpath "$prog")" 4 >"$out" 2>&1 || fail "exit status $? through the launcher"
[[ $(lines "LogonUserW failed 1326") == 4 ]] || fail "the program did not see 1326 four times"
expect 3 '.["logonshim.kind"] == "outcome" and .["logonshim.api"] == "LogonUserW" and .["logonshim.decision"] == "never_retry"' \
  "not one never_retry outcome for each of the first three calls"
expect 1 '.["logonshim.kind"] == "outcome" and .["logonshim.api"] == "LogonUserW" and .["logonshim.decision"] == "lockout_guard"' \
  "the fourth call was not stopped by the lockout guard"
expect 0 '.["logonshim.kind"] == "attempt" and .["logonshim.api"] == "LogonUserW" and .["logonshim.decision"] == "retry"' \
  "a wrong password was retried"
echo "hook_test ($name): through the launcher: 1326 once per call, lockout guard on the 4th"

# The program's exit code is the launcher's.
rc=0
"${emu[@]}" "$run" -- "$(winpath "$prog")" 1 7 >"$out" 2>&1 || rc=$?
((rc == 7)) || fail "exit code $rc through the launcher, the program's was 7"
# A hook DLL that is not there: 126, and the program never runs.
rc=0
"${emu[@]}" "$run" --hook "Z:$tmp/missing.dll" -- "$(winpath "$prog")" 1 >"$out" 2>&1 || rc=$?
((rc == 126)) || fail "exit code $rc with a missing hook DLL, not 126"
[[ $(lines "LogonUserW ok") == 0 ]] || fail "the program ran without its hooks"

# 4. hook.exclude names the program (and its DLL): untouched.
rm -f "$log"
LOGONSHIM_HOOK_EXCLUDE="$name.exe, plain_later_dll.dll" \
  "${emu[@]}" "$run" --faults "LogonUserW=1326*5" --log "jsonl:$(winpath "$log"),storm=off" \
  -- "$(winpath "$prog")" 1 >"$out" 2>&1 || fail "exit status $? through the launcher"
[[ $(lines "LogonUserW ok") == 1 ]] || fail "a module in hook.exclude was hooked"
echo "hook_test ($name): hook.exclude: not hooked"
echo "hook_test ($name): ok"
