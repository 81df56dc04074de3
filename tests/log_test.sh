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
# jq_domain FILE DOMAIN: some record of FILE has DOMAIN as its domain field.
jq_domain() { "$jq" -e -s --arg d "$2" 'any(.[]; .attributes["logonshim.domain"] == $d)' "$1" >/dev/null 2>&1; }

# Schema 2 (OpenTelemetry log data model): the top-level keys and the attributes' keys.
keys='["attributes","body","schema","severity_number","severity_text","time_ms","timestamp"]'
attr_keys='["error.type","logonshim.api","logonshim.attempt","logonshim.attempts","logonshim.authority","logonshim.authority_kind","logonshim.breaker.waited_ms","logonshim.call_id","logonshim.class","logonshim.code.hex","logonshim.code.name","logonshim.code.space","logonshim.code.value","logonshim.code.win32","logonshim.decision","logonshim.delay_ms","logonshim.detail","logonshim.domain","logonshim.elapsed_ms","logonshim.failed_fast","logonshim.guidance","logonshim.kind","logonshim.last_error","logonshim.last_error.name","logonshim.lockout.failures","logonshim.lockout.lift_ms","logonshim.max_attempts","logonshim.next_probe_ms","logonshim.package","logonshim.protocol_status","logonshim.remaining_ms","logonshim.substatus","logonshim.suppressed","logonshim.target","logonshim.wine_stub","process.pid","thread.id","user.name"]'
# jqf FILTER: FILTER over the records with their attributes flattened and
# unprefixed (.kind, .decision, .value, .user, ...), plus severity and time.
jqf() {
  "$jq" -e -s "map(. as \$r | (\$r.attributes | with_entries(.key |= (sub(\"^logonshim[.](code[.])?\"; \"\") | sub(\"^user[.]name\$\"; \"user\")))) + {severity: \$r.severity_text, time: \$r.timestamp, time_ms: \$r.time_ms}) | $1" <"$tmp/log.jsonl" >/dev/null 2>&1
}

# ---- the scripted sequence, through stderr and the JSON lines file ----
emit "stderr,jsonl:$(wpath "$tmp/log.jsonl"),level=warning,redact=plain" sequence
check "sequence: exit 0" test "$rc" -eq 0
# log.records=outcomes (the default): the given-up and the never-retried
# calls' last attempts are told by their outcomes alone.
check "jsonl: 7 lines" test "$(lines "$tmp/log.jsonl")" -eq 7
check "jsonl: every line parses" jqf 'length == 7'
check "jsonl: documented keys in every object" jqs -s "all(.[]; keys == $keys and (.attributes | keys) == $attr_keys and .schema == 2)"
check "jsonl: OpenTelemetry severity numbers" jqs -s '[.[].severity_number] == [13,13,13,17,21,13,13]'
check "jsonl: body is the text line" jqs -s 'all(.[]; .body | startswith("logonshim: "))'
check "jsonl: one call id per call" jqf '[.[0:5][].call_id] == [1,1,2,2,3] and .[5].call_id == null'
check "jsonl: kinds" jqf '[.[].kind] == ["attempt","outcome","attempt","outcome","outcome","wine_stub","setting"]'
check "jsonl: severities" jqf '[.[].severity] == ["warning","warning","warning","error","critical","warning","warning"]'
check "jsonl: decisions" jqf '[.[0:5][].decision] == ["retry","recovered","retry","give_up","never_retry"]'
check "jsonl: first attempt" jqf '.[0] | .api == "LogonUserW" and .name == "ERROR_LOGON_SESSION_COLLISION" and .value == 1366 and .hex == "0x00000556" and .win32 == 1366 and .space == "win32" and .class == "session_collision" and .attempt == 1 and .max_attempts == 2 and .delay_ms == 8 and .user == "CONTOSO\\alice" and .authority == "CONTOSO" and (.guidance.id | length) > 0 and (.guidance.summary | length) > 0'
check "jsonl: time is UTC ISO 8601 with ms" jqf 'all(.[]; .time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$"))'
check "jsonl: time_ms matches time" jqf 'all(.[]; (.time_ms / 1000 | floor | todate) == (.time | sub("\\.[0-9]+Z$"; "Z")))'
check "jsonl: recovery names what it recovered from" jqf '.[1] | .attempts == 2 and .value == 1366'
check "jsonl: security" jqf '.[4] | .class == "security" and .name == "SEC_E_MESSAGE_ALTERED" and .authority == "host/db1.contoso.com" and .user == null'
check "jsonl: wine stub" jqf '.[5] | .wine_stub == true and (.detail | test("fake token"))'
check "jsonl: setting" jqf '.[6] | .detail | test("LOGONSHIM_FAULTS")'
check "stderr: 7 lines" test "$(grep -c '^logonshim: ' "$tmp/err")" -eq 7
check "stderr: the retry line" grep -q '^logonshim: warning: LogonUserW: ERROR_LOGON_SESSION_COLLISION (1366, 0x556) session_collision, attempt 1 of at most 2, retry in 8 ms, user CONTOSO\\alice, domain CONTOSO, authority CONTOSO (domain), call 1 -- ' "$tmp/err"
check "stderr: the final failure" grep -q '^logonshim: error: LogonUserW failed: ERROR_LOGON_SESSION_COLLISION (1366, 0x556) session_collision, 2 attempts in 20 ms, give_up, user CONTOSO\\alice, domain CONTOSO, authority CONTOSO (domain), call 2 -- Gave up: all 2 attempts' "$tmp/err"
check "stderr: critical" grep -q '^logonshim: critical: DecryptMessage failed: SEC_E_MESSAGE_ALTERED' "$tmp/err"

# ---- under Wine: the same sequence through the Event Log and the debugger ----
if [[ $wine -eq 1 ]]; then
  rm -f "$tmp/debugger"
  WINEDEBUG=+eventlog emit "eventlog,debugger" sequence "$(wpath "$tmp/debugger")"
  check "eventlog: exit 0" test "$rc" -eq 0
  # One event per failed call that is not retried (the outcome); a retried
  # attempt is a warning event of its own.
  check "eventlog: 7 reports" test "$(grep -c 'eventlog:ReportEventW L"logonshim: ' "$tmp/err")" -eq 7
  check "eventlog: warnings as warning events" test "$(grep -c '^[0-9a-f]*:warn:eventlog:ReportEventW L"logonshim: warning: ' "$tmp/err")" -eq 5
  check "eventlog: errors as error events" test "$(grep -c '^[0-9a-f]*:err:eventlog:ReportEventW L"logonshim: \(error\|critical\): ' "$tmp/err")" -eq 2
  # Event ids: 1004 session_collision (x4), 1014 security, 1100 stub, 1102 setting.
  ids=$(grep -o 'ReportEventW ([0-9A-Fa-fx]*,0x[0-9a-f]*,0x[0-9a-f]*,0x[0-9a-f]*' "$tmp/err" | awk -F, '{print $4}' | tr '\n' ' ')
  check "eventlog: event ids" test "$ids" = "0x000003ec 0x000003ec 0x000003ec 0x000003ec 0x000003f6 0x0000044c 0x0000044e "
  check "eventlog: two inserts per report (line, what to do)" test "$(grep -c 'eventlog:ReportEventW L"' "$tmp/err")" -eq 14
  check "debugger: 7 lines" test "$(grep -c '^debugger: logonshim: ' "$tmp/debugger")" -eq 7
  check "debugger: the retry line" grep -q '^debugger: logonshim: warning: LogonUserW: ERROR_LOGON_SESSION_COLLISION (1366, 0x556) session_collision, attempt 1 of at most 2, retry in 8 ms' "$tmp/debugger"
  check "debugger: critical" grep -q '^debugger: logonshim: critical: DecryptMessage failed: SEC_E_MESSAGE_ALTERED' "$tmp/debugger"
fi

# ---- bad settings: each reported once, the other sinks keep working ----
rm -f "$tmp/log.jsonl"
emit "stderr,carrier-pigeon,jsonl:$(wpath "$tmp/log.jsonl"),level=loud,redact=omit" sequence
check "bad items: exit 0" test "$rc" -eq 0
check "bad items: JSON still written" jqs -s 'length == 9'
check "bad items: each reported once" jqf '([.[] | select(.kind == "setting" and (.detail | test("carrier-pigeon")))] | length) == 1 and ([.[] | select(.kind == "setting" and (.detail | test("level=loud")))] | length) == 1'
check "bad items: named on stderr" grep -q 'bad setting LOGONSHIM_LOG item = "level=loud"' "$tmp/err"
check "bad items: other settings applied (omit)" jqf 'all(.[]; .user == null)'
rm -f "$tmp/log.jsonl"
emit "stderr,jsonl:$(wpath "$tmp/no-such-dir/x.jsonl")" sequence
check "unopenable file: reported, stderr keeps working" grep -q 'bad setting LOGONSHIM_LOG item = "jsonl:.*no-such-dir' "$tmp/err"
check "unopenable file: the sequence still on stderr" test "$(grep -c '^logonshim: ' "$tmp/err")" -eq 8

# ---- many threads: whole lines ----
rm -f "$tmp/log.jsonl"
emit "jsonl:$(wpath "$tmp/log.jsonl"),storm=off,records=all" threads 8 2000
check "threads: exit 0" test "$rc" -eq 0
check "threads: 16000 lines" test "$(lines "$tmp/log.jsonl")" -eq 16000
check "threads: every line parses" jqf 'length == 16000 and all(.[]; .kind == "attempt")'

# ---- canary: the user name never appears when hashed or omitted ----
user=canary-user-7f3e; domain=CANARYDOM
sinks="stderr,jsonl:$(wpath "$tmp/canary.jsonl")"
if [[ $wine -eq 1 ]]; then sinks="$sinks,eventlog,debugger"; fi
for mode in plain hash omit; do
  rm -f "$tmp/canary.jsonl" "$tmp/copies"
  WINEDEBUG=+eventlog emit "$sinks,redact=$mode,storm=off,records=all" canary "$(wpath "$tmp/copies")" "$user" "$domain"
  check "canary $mode: exit 0" test "$rc" -eq 0
  check "canary $mode: JSON lines parse" "$jq" -e -s 'length >= 28' "$tmp/canary.jsonl"
  if [[ $wine -eq 1 ]]; then
    check "canary $mode: Event Log reached (WINEDEBUG)" grep -q 'eventlog:ReportEventW' "$tmp/err"
    check "canary $mode: debugger sink reached (capture hook)" grep -q '^debugger: logonshim: ' "$tmp/copies"
  fi
  # The user name appears only under plain; the domain under plain and
  # hash (only the account is hashed: docs/logging.md, Redaction).
  hits=$(cat "$tmp/canary.jsonl" "$tmp/err" "$tmp/copies" | grep -c -i -e "$user")
  dhits=$(cat "$tmp/canary.jsonl" "$tmp/err" "$tmp/copies" | grep -c -i -e "$domain")
  if [[ $mode == plain ]]; then
    check "canary plain: the search finds the name (control)" test "$hits" -gt 0
  else
    check "canary $mode: no user name anywhere" test "$hits" -eq 0
  fi
  if [[ $mode == omit ]]; then
    check "canary omit: no domain name anywhere" test "$dhits" -eq 0
  else
    check "canary $mode: the domain is shown" jq_domain "$tmp/canary.jsonl" "$domain"
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
    WINEDEBUG=+eventlog LOGONSHIM_LOG="$sinks,redact=$mode,storm=off,records=all" \
      "${run[@]:0:${#run[@]}-1}" "$LGS_CANARY" "$(wpath "$tmp/copies")" "$user" "$domain" "$password" \
      >"$tmp/out.raw" 2>"$tmp/err.raw"
    rc=$?
    tr -d '\r' <"$tmp/err.raw" >"$tmp/err"
    check "wrappers $mode: exit 0" test "$rc" -eq 0
    check "wrappers $mode: 34 wrappers called" grep -q 'canary: 34 wrappers' "$tmp/out.raw"
    check "wrappers $mode: JSON lines parse" "$jq" -e -s 'length >= 400 and ([.[].attributes["logonshim.api"]] | unique | length) >= 34' "$tmp/canary.jsonl"
    check "wrappers $mode: every class injected" "$jq" -e -s '([.[].attributes["logonshim.class"]] | unique) == ["account","clock","config","context_expired","credentials","privilege","programming","resource","security","session_collision","session_gone","session_state","shutdown","transient","unknown"]' "$tmp/canary.jsonl"
    check "wrappers $mode: Event Log reached" grep -q 'eventlog:ReportEventW' "$tmp/err"
    check "wrappers $mode: debugger sink reached" grep -q '^debugger: logonshim: ' "$tmp/copies"
    check "wrappers $mode: no password anywhere" test "$(cat "$tmp/canary.jsonl" "$tmp/err" "$tmp/copies" "$tmp/out.raw" | grep -c -F -e "$password" -e 'Pa55-canary')" -eq 0
    hits=$(cat "$tmp/canary.jsonl" "$tmp/err" "$tmp/copies" | grep -c -i -e "$user")
    dhits=$(cat "$tmp/canary.jsonl" "$tmp/err" "$tmp/copies" | grep -c -i -e "$domain")
    if [[ $mode == plain ]]; then
      check "wrappers plain: the search finds the name (control)" test "$hits" -gt 0
    else
      check "wrappers $mode: no user name anywhere" test "$hits" -eq 0
    fi
    if [[ $mode == omit ]]; then
      check "wrappers omit: no domain name anywhere" test "$dhits" -eq 0
    else
      check "wrappers $mode: the domain is shown" test "$dhits" -gt 0
    fi
  done
fi

echo "log: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
