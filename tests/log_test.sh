#!/usr/bin/env bash
# log_test.sh — the log sinks as a user configures them (LOGONSHIM_LOG), seen
# from outside: every JSON line parses with jq and has the documented keys,
# severities and decisions of a scripted sequence, the stderr text, a bad
# setting reported once while the other sinks keep working, whole lines from
# many threads, and a canary search of everything written for the user name.
# Under Wine the Event Log and debugger sinks are on too, and their output is
# captured through WINEDEBUG=+eventlog (Wine prints ReportEventW's strings)
# and the debugger sink's capture hook.
#
# Usage: log_test.sh JQ [EMULATOR...] LGS_LOG_EMIT
set -u
jq=$1; shift
run=("$@")
wine=0; [[ $# -gt 1 ]] && wine=1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok()   { passed=$((passed + 1)); echo "ok   $1"; }
bad()  { failed=$((failed + 1)); echo "FAIL $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

# The path the program is given for a file in $tmp (Wine maps Z: to /).
wpath() { if [[ $wine -eq 1 ]]; then echo "Z:$1"; else echo "$1"; fi; }

# emit SPEC ARGS...: runs the program with LOGONSHIM_LOG=SPEC; stderr (CR
# stripped) to $tmp/err, exit status to $rc.
emit() {
  local spec=$1; shift
  LOGONSHIM_LOG=$spec "${run[@]}" "$@" >"$tmp/out.raw" 2>"$tmp/err.raw"
  rc=$?
  tr -d '\r' <"$tmp/err.raw" >"$tmp/err"
}
jqs() { "$jq" -e "$@" <"$tmp/log.jsonl" >/dev/null 2>&1; }
lines() { wc -l <"$1" | tr -d ' '; }

keys='["api","attempt","attempts","authority","class","decision","delay_ms","detail","elapsed_ms","guidance","hex","kind","max_attempts","name","pid","protocol_status","remaining_ms","severity","space","substatus","suppressed","tid","time","time_ms","user","value","win32","wine_stub"]'

# ---- the scripted sequence, through stderr and the JSON lines file ----
emit "stderr,jsonl:$(wpath "$tmp/log.jsonl"),level=warning,redact=plain" sequence
check "sequence: exit 0" test "$rc" -eq 0
check "jsonl: 9 lines" test "$(lines "$tmp/log.jsonl")" -eq 9
check "jsonl: every line parses" jqs -s 'length == 9'
check "jsonl: documented keys in every object" jqs -s "all(.[]; keys == $keys)"
check "jsonl: kinds" jqs -s '[.[].kind] == ["attempt","outcome","attempt","attempt","outcome","attempt","outcome","wine_stub","setting"]'
check "jsonl: severities" jqs -s '[.[].severity] == ["warning","warning","warning","error","error","critical","critical","warning","warning"]'
check "jsonl: decisions" jqs -s '[.[0:7][].decision] == ["retry","recovered","retry","give_up","give_up","never_retry","never_retry"]'
check "jsonl: first attempt" jqs -s '.[0] | .api == "LogonUserW" and .name == "ERROR_LOGON_SESSION_COLLISION" and .value == 1366 and .hex == "0x00000556" and .win32 == 1366 and .space == "win32" and .class == "session_collision" and .attempt == 1 and .max_attempts == 2 and .delay_ms == 8 and .user == "CONTOSO\\alice" and .authority == "CONTOSO" and (.guidance.id | length) > 0 and (.guidance.summary | length) > 0'
check "jsonl: time is UTC ISO 8601 with ms" jqs -s 'all(.[]; .time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$"))'
check "jsonl: time_ms matches time" jqs -s 'all(.[]; (.time_ms / 1000 | floor | todate) == (.time | sub("\\.[0-9]+Z$"; "Z")))'
check "jsonl: recovery names what it recovered from" jqs -s '.[1] | .attempts == 2 and .value == 1366'
check "jsonl: security" jqs -s '.[5] | .class == "security" and .name == "SEC_E_MESSAGE_ALTERED" and .authority == "host/db1.contoso.com" and .user == null'
check "jsonl: wine stub" jqs -s '.[7] | .wine_stub == true and (.detail | test("fake token"))'
check "jsonl: setting" jqs -s '.[8] | .detail | test("LOGONSHIM_FAULTS")'
check "stderr: 9 lines" test "$(grep -c '^logonshim: ' "$tmp/err")" -eq 9
check "stderr: the retry line" grep -q '^logonshim: warning: LogonUserW: ERROR_LOGON_SESSION_COLLISION (1366, 0x556) session_collision, attempt 1/2, retry in 8 ms, user CONTOSO\\alice, authority CONTOSO -- ' "$tmp/err"
check "stderr: the final failure" grep -q '^logonshim: error: LogonUserW failed: ERROR_LOGON_SESSION_COLLISION (1366, 0x556) session_collision, 2 attempts in 20 ms, giving up' "$tmp/err"
check "stderr: critical" grep -q '^logonshim: critical: DecryptMessage: SEC_E_MESSAGE_ALTERED' "$tmp/err"

# ---- under Wine: the same sequence through the Event Log and the debugger ----
if [[ $wine -eq 1 ]]; then
  rm -f "$tmp/debugger"
  WINEDEBUG=+eventlog emit "eventlog,debugger" sequence "$(wpath "$tmp/debugger")"
  check "eventlog: exit 0" test "$rc" -eq 0
  check "eventlog: 9 reports" test "$(grep -c 'eventlog:ReportEventW L"logonshim: ' "$tmp/err")" -eq 9
  check "eventlog: warnings as warning events" test "$(grep -c '^[0-9a-f]*:warn:eventlog:ReportEventW L"logonshim: warning: ' "$tmp/err")" -eq 5
  check "eventlog: errors as error events" test "$(grep -c '^[0-9a-f]*:err:eventlog:ReportEventW L"logonshim: \(error\|critical\): ' "$tmp/err")" -eq 4
  # Event ids: 1004 session_collision (x5), 1014 security (x2), 1100 stub, 1102 setting.
  ids=$(grep -o 'ReportEventW ([0-9A-Fa-fx]*,0x[0-9a-f]*,0x[0-9a-f]*,0x[0-9a-f]*' "$tmp/err" | awk -F, '{print $4}' | tr '\n' ' ')
  check "eventlog: event ids" test "$ids" = "0x000003ec 0x000003ec 0x000003ec 0x000003ec 0x000003ec 0x000003f6 0x000003f6 0x0000044c 0x0000044e "
  check "eventlog: two inserts per report (line, what to do)" test "$(grep -c 'eventlog:ReportEventW L"' "$tmp/err")" -eq 18
  check "debugger: 9 lines" test "$(grep -c '^debugger: logonshim: ' "$tmp/debugger")" -eq 9
  check "debugger: the retry line" grep -q '^debugger: logonshim: warning: LogonUserW: ERROR_LOGON_SESSION_COLLISION (1366, 0x556) session_collision, attempt 1/2, retry in 8 ms' "$tmp/debugger"
  check "debugger: critical" grep -q '^debugger: logonshim: critical: DecryptMessage: SEC_E_MESSAGE_ALTERED' "$tmp/debugger"
fi

# ---- bad settings: each reported once, the other sinks keep working ----
rm -f "$tmp/log.jsonl"
emit "stderr,carrier-pigeon,jsonl:$(wpath "$tmp/log.jsonl"),level=loud,redact=omit" sequence
check "bad items: exit 0" test "$rc" -eq 0
check "bad items: JSON still written" jqs -s 'length == 11'
check "bad items: each reported once" jqs -s '([.[] | select(.kind == "setting" and (.detail | test("carrier-pigeon")))] | length) == 1 and ([.[] | select(.kind == "setting" and (.detail | test("level=loud")))] | length) == 1'
check "bad items: named on stderr" grep -q 'bad setting LOGONSHIM_LOG item = "level=loud"' "$tmp/err"
check "bad items: other settings applied (omit)" jqs -s 'all(.[]; .user == null)'
rm -f "$tmp/log.jsonl"
emit "stderr,jsonl:$(wpath "$tmp/no-such-dir/x.jsonl")" sequence
check "unopenable file: reported, stderr keeps working" grep -q 'bad setting LOGONSHIM_LOG item = "jsonl:.*no-such-dir' "$tmp/err"
check "unopenable file: the sequence still on stderr" test "$(grep -c '^logonshim: ' "$tmp/err")" -eq 10

# ---- many threads: whole lines ----
rm -f "$tmp/log.jsonl"
emit "jsonl:$(wpath "$tmp/log.jsonl"),storm=off" threads 8 2000
check "threads: exit 0" test "$rc" -eq 0
check "threads: 16000 lines" test "$(lines "$tmp/log.jsonl")" -eq 16000
check "threads: every line parses" jqs -s 'length == 16000 and all(.[]; .kind == "attempt")'

# ---- canary: the user name never appears when hashed or omitted ----
user=canary-user-7f3e; domain=CANARYDOM
sinks="stderr,jsonl:$(wpath "$tmp/canary.jsonl")"
if [[ $wine -eq 1 ]]; then sinks="$sinks,eventlog,debugger"; fi
for mode in plain hash omit; do
  rm -f "$tmp/canary.jsonl" "$tmp/copies"
  WINEDEBUG=+eventlog emit "$sinks,redact=$mode,storm=off" canary "$(wpath "$tmp/copies")" "$user" "$domain"
  check "canary $mode: exit 0" test "$rc" -eq 0
  check "canary $mode: JSON lines parse" "$jq" -e -s 'length >= 28' "$tmp/canary.jsonl"
  if [[ $wine -eq 1 ]]; then
    check "canary $mode: Event Log reached (WINEDEBUG)" grep -q 'eventlog:ReportEventW' "$tmp/err"
    check "canary $mode: debugger sink reached (capture hook)" grep -q '^debugger: logonshim: ' "$tmp/copies"
  fi
  hits=$(cat "$tmp/canary.jsonl" "$tmp/err" "$tmp/copies" | grep -c -i -e "$user" -e "$domain")
  if [[ $mode == plain ]]; then
    check "canary plain: the search finds the name (control)" test "$hits" -gt 0
  else
    check "canary $mode: no user or domain name anywhere" test "$hits" -eq 0
  fi
done

# ---- canary through every wrapper (Windows: LGS_CANARY names lgs_canary) ----
# Every wrapper gets the account and a known password, and a failure of
# every class from the fault injector. The password must appear nowhere,
# whatever the redaction; the names nowhere with hash or omit.
if [[ $wine -eq 1 && -n ${LGS_CANARY:-} ]]; then
  password='Pa55-canary-9d1c!'
  for mode in plain hash omit; do
    rm -f "$tmp/canary.jsonl" "$tmp/copies"
    WINEDEBUG=+eventlog LOGONSHIM_LOG="$sinks,redact=$mode,storm=off" \
      "${run[@]:0:${#run[@]}-1}" "$LGS_CANARY" "$(wpath "$tmp/copies")" "$user" "$domain" "$password" \
      >"$tmp/out.raw" 2>"$tmp/err.raw"
    rc=$?
    tr -d '\r' <"$tmp/err.raw" >"$tmp/err"
    check "wrappers $mode: exit 0" test "$rc" -eq 0
    check "wrappers $mode: 34 wrappers called" grep -q 'canary: 34 wrappers' "$tmp/out.raw"
    check "wrappers $mode: JSON lines parse" "$jq" -e -s 'length >= 400 and ([.[].api] | unique | length) >= 34' "$tmp/canary.jsonl"
    check "wrappers $mode: every class injected" "$jq" -e -s '([.[].class] | unique) == ["account","clock","config","context_expired","credentials","privilege","programming","resource","security","session_collision","session_gone","session_state","shutdown","transient","unknown"]' "$tmp/canary.jsonl"
    check "wrappers $mode: Event Log reached" grep -q 'eventlog:ReportEventW' "$tmp/err"
    check "wrappers $mode: debugger sink reached" grep -q '^debugger: logonshim: ' "$tmp/copies"
    check "wrappers $mode: no password anywhere" test "$(cat "$tmp/canary.jsonl" "$tmp/err" "$tmp/copies" "$tmp/out.raw" | grep -c -F -e "$password" -e 'Pa55-canary')" -eq 0
    hits=$(cat "$tmp/canary.jsonl" "$tmp/err" "$tmp/copies" | grep -c -i -e "$user" -e "$domain")
    if [[ $mode == plain ]]; then
      check "wrappers plain: the search finds the name (control)" test "$hits" -gt 0
    else
      check "wrappers $mode: no user or domain name anywhere" test "$hits" -eq 0
    fi
  done
fi

echo "log: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
