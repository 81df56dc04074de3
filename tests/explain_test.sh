#!/usr/bin/env bash
# explain_test.sh — logonshim-explain as a user runs it: exit codes, text and
# JSON output (every line parsed by jq), --list, stdin, and that every
# SEC_E_/SEC_I_ name in the SDK's winerror.h is in the catalogue.
#
# Usage: explain_test.sh JQ [EMULATOR...] EXPLAIN
set -u
jq=$1; shift
run=("$@")
winerror=${LGS_WINERROR_H:-/usr/share/mingw-w64/include/winerror.h}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

ok()   { passed=$((passed + 1)); echo "ok   $1"; }
bad()  { failed=$((failed + 1)); echo "FAIL $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

# Runs the tool; stdout (CR stripped: Windows text mode) to $tmp/out, stderr
# to $tmp/err, exit status to $rc.
explain() {
  "${run[@]}" "$@" >"$tmp/out.raw" 2>"$tmp/err.raw"
  rc=$?
  tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
  tr -d '\r' <"$tmp/err.raw" >"$tmp/err"
}
jqs() { "$jq" -e "$@" <"$tmp/out" >/dev/null 2>&1; }
lines() { wc -l <"$tmp/out" | tr -d ' '; }

explain 1366
check "text: exit 0" test "$rc" -eq 0
check "text: name" grep -q '^ERROR_LOGON_SESSION_COLLISION$' "$tmp/out"
check "text: class and action" grep -q 'session_collision (default action: cleanup_retry)' "$tmp/out"
check "text: value forms" grep -q '1366 = 0x00000556 = 1366, HRESULT 0x80070556' "$tmp/out"

explain --json 1366 0x556 0xC0000105 -2146893042 0x80070556 STATUS_LOGON_SESSION_COLLISION \
  win32:1312 ntstatus:0xC000005F sec:0x8009030E
check "json: exit 0" test "$rc" -eq 0
check "json: one line per input" test "$(lines)" -eq 9
check "json: every line parses" jqs -s 'length == 9'
check "json: keys" jqs -s 'all(.[]; keys == (["action","class","guidance","hex","hresult","input","name","space","summary","value","win32"]))'
check "json: 1366" jqs -s '.[0] | .name == "ERROR_LOGON_SESSION_COLLISION" and .space == "win32" and .value == 1366 and .hex == "0x00000556" and .win32 == 1366 and .class == "session_collision" and .action == "cleanup_retry" and .input == "1366"'
check "json: 0x556 is 1366" jqs -s '.[1].name == "ERROR_LOGON_SESSION_COLLISION"'
check "json: NTSTATUS twin" jqs -s '.[2] | .name == "STATUS_LOGON_SESSION_COLLISION" and .space == "ntstatus" and .value == 3221225733 and .win32 == 1366'
check "json: negative decimal" jqs -s '.[3] | .name == "SEC_E_NO_CREDENTIALS" and .space == "security" and .class == "session_gone" and .win32 == 1312'
check "json: HRESULT unwraps" jqs -s '.[4] | .name == "ERROR_LOGON_SESSION_COLLISION" and .space == "win32"'
check "json: name" jqs -s '.[5].hex == "0xC0000105"'
check "json: prefixes" jqs -s '.[6].name == "ERROR_NO_SUCH_LOGON_SESSION" and .[7].name == "STATUS_NO_SUCH_LOGON_SESSION" and .[8].name == "SEC_E_NO_CREDENTIALS"'
check "json: guidance object" jqs -s 'all(.[]; (.guidance | keys) == ["causes","diagnose","id","meaning","resolve"])'

explain --json 0xFFFE ntstatus:0xC0FFFFFF
check "unknown: exit 0" test "$rc" -eq 0
check "unknown: class unknown, name null" jqs -s 'length == 2 and all(.[]; .class == "unknown" and .name == null and .action == "fail")'

explain --json 1366 'bogus!' 0x12345678901 1312
check "malformed: exit 2" test "$rc" -eq 2
check "malformed: others still explained" jqs -s 'length == 2 and .[0].value == 1366 and .[1].value == 1312'
check "malformed: stderr names the input" grep -q "'bogus!'" "$tmp/err"
check "malformed: stderr names the second input" grep -q "'0x12345678901'" "$tmp/err"

explain --list --json
check "list: exit 0" test "$rc" -eq 0
check "list: every line parses, >= 150 rows" jqs -s 'length >= 150'
check "list: one object per line" test "$(lines)" -eq "$("$jq" -s length <"$tmp/out")"
check "list: no input key" jqs -s 'all(.[]; has("input") | not)'
check "list: names unique" jqs -s '(map(.name) | unique | length) == length'
check "list: (space, value) unique" jqs -s '(map([.space, .value]) | unique | length) == length'

explain --list
check "list text: exit 0" test "$rc" -eq 0

printf '1366\n0xC0000105, SEC_E_NO_CREDENTIALS\n' >"$tmp/in"
"${run[@]}" --json <"$tmp/in" >"$tmp/out.raw" 2>"$tmp/err"; rc=$?
tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
check "stdin: exit 0" test "$rc" -eq 0
check "stdin: three codes" jqs -s 'length == 3 and .[2].name == "SEC_E_NO_CREDENTIALS"'

explain --help
check "help: exit 0" test "$rc" -eq 0
explain --frobnicate
check "unknown option: exit 2" test "$rc" -eq 2

if [[ -f $winerror ]]; then
  mapfile -t names < <(grep -oE '^#define (SEC_[EI]_[A-Z0-9_]+)' "$winerror" | awk '{print $2}' | sort -u)
  explain --json "${names[@]}"
  check "SDK: all ${#names[@]} SEC_E_/SEC_I_ names known" jqs -s "length == ${#names[@]} and all(.[]; .name != null)"
  check "SDK: exit 0" test "$rc" -eq 0
else
  bad "SDK header $winerror not found"
fi

echo "explain: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
