#!/usr/bin/env bash
# explain_test.sh — logonshim-explain as a user runs it: exit codes, text and
# JSON output (every line parsed by jq), --list, stdin, the forms operators
# paste (bare hex, 0n decimals, punctuation, options anywhere) and the reason
# given for each rejected form, and that every SEC_E_/SEC_I_ name in the SDK's
# winerror.h is in the catalogue.
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
check "json: keys" jqs -s 'all(.[]; keys == (["action","class","facility","guidance","hex","hresult","input","last_error","name","space","summary","system_message","value","win32"]))'
check "json: 1366" jqs -s '.[0] | .name == "ERROR_LOGON_SESSION_COLLISION" and .space == "win32" and .value == 1366 and .hex == "0x00000556" and .win32 == 1366 and .class == "session_collision" and .action == "cleanup_retry" and .input == "1366"'
check "json: 0x556 is 1366" jqs -s '.[1].name == "ERROR_LOGON_SESSION_COLLISION"'
check "json: NTSTATUS twin" jqs -s '.[2] | .name == "STATUS_LOGON_SESSION_COLLISION" and .space == "ntstatus" and .value == 3221225733 and .win32 == 1366'
check "json: negative decimal" jqs -s '.[3] | .name == "SEC_E_NO_CREDENTIALS" and .space == "hresult" and .class == "session_gone" and .win32 == 1312'
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
check "list: jq . parses the stream" eval '"$jq" . "$tmp/out" >/dev/null'
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
check "help: exit codes documented" grep -q '^exit status: 0' "$tmp/out"
check "help: exit 2 documented" grep -qE '^ +2 +an option or an input was malformed' "$tmp/out"
explain -h
check "-h: exit 0, usage on stdout" eval 'test "$rc" -eq 0 && grep -q "^usage: logonshim-explain" "$tmp/out"'
explain --frobnicate
check "unknown option: exit 2" test "$rc" -eq 2
explain -x 5
check "unknown short option: exit 2" test "$rc" -eq 2

# What operators paste (issue 16, section 4): each accepted form, then each
# rejected form with its reason.
explain 5 --json
check "options after codes: exit 0" test "$rc" -eq 0
check "options after codes: JSON" jqs -s 'length == 1 and .[0].name == "ERROR_ACCESS_DENIED"'
explain 1366 --json 1312
check "options between codes" jqs -s 'length == 2 and .[1].name == "ERROR_NO_SUCH_LOGON_SESSION"'
explain --json -- -2146893042
check "-- then a negative decimal" jqs -s '.[0].name == "SEC_E_NO_CREDENTIALS"'
explain --json -2146893042
check "negative decimal is a code, not an option" jqs -s '.[0].name == "SEC_E_NO_CREDENTIALS"'
explain --json 8009030C c000006d C000006D sec:8009030c
check "bare hex: exit 0" test "$rc" -eq 0
check "bare hex: names" jqs -s '[.[].name] == ["SEC_E_LOGON_DENIED","STATUS_LOGON_FAILURE","STATUS_LOGON_FAILURE","SEC_E_LOGON_DENIED"]'
check "bare hex: input kept as typed" jqs -s '.[1].input == "c000006d"'
explain --json '(0x80090322)' '0x80090322.' '0x80090322,' '"0x80090322"' '[1326]' "'STATUS_LOGON_FAILURE';"
check "punctuation: exit 0" test "$rc" -eq 0
check "punctuation: names" jqs -s 'length == 6 and (.[0:4] | all(.name == "SEC_E_WRONG_PRINCIPAL")) and .[4].name == "ERROR_LOGON_FAILURE" and .[5].name == "STATUS_LOGON_FAILURE"'
check "punctuation: input kept as typed" jqs -s '.[0].input == "(0x80090322)"'
explain --json 0n1326 ntstatus:0n3221225581 0N5
check "0n decimals: exit 0" test "$rc" -eq 0
check "0n decimals: names" jqs -s '[.[].name] == ["ERROR_LOGON_FAILURE","STATUS_LOGON_FAILURE","ERROR_ACCESS_DENIED"]'
explain --json 0x8010006B 8010006c 0x800B0109
check "SCARD and CERT HRESULTs: hresult space" jqs -s 'all(.[]; .space == "hresult") and [.[].name] == ["SCARD_W_WRONG_CHV","SCARD_W_CHV_BLOCKED","CERT_E_UNTRUSTEDROOT"] and .[0].class == "credentials" and .[1].class == "account"'
printf '(0x80090322), 0n1326.\nc000006d;\n' >"$tmp/in"
"${run[@]}" --json <"$tmp/in" >"$tmp/out.raw" 2>"$tmp/err"; rc=$?
tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
check "stdin: pasted forms" jqs -s '[.[].name] == ["SEC_E_WRONG_PRINCIPAL","ERROR_LOGON_FAILURE","STATUS_LOGON_FAILURE"]'
rejects=(
  "0n|no decimal digits after 0n"
  "0n12a|'a' is not a decimal digit (0n marks a decimal number)"
  "8009030C0|9 hex digits do not fit in 32 bits"
  "()|no code, only punctuation"
  "DEAD|not a known code name"
  "0x|'0x' has no hex digits after it"
)
for r in "${rejects[@]}"; do
  in=${r%%|*} reason=${r#*|}
  explain --json 1366 "$in"
  check "rejected '$in': exit 2, the rest explained" eval 'test "$rc" -eq 2 && test "$(lines)" -eq 1'
  check "rejected '$in': says why" grep -qF "'$in': $reason" "$tmp/err"
done

# Codes the SDK names but the catalogue does not classify (issue 16,
# section 3): named, still class unknown; NTSTATUS twins and last_error from
# the generated table (RtlNtStatusToDosError as Wine answers).
explain --json 1400 ERROR_FILE_NOT_FOUND 0xC0000034 e_fail
check "SDK names: exit 0" test "$rc" -eq 0
check "SDK names: names" jqs -s '[.[].name] == ["ERROR_INVALID_WINDOW_HANDLE","ERROR_FILE_NOT_FOUND","STATUS_OBJECT_NAME_NOT_FOUND","E_FAIL"]'
check "SDK names: still unknown" jqs -s 'all(.[]; .class == "unknown")'
check "SDK names: NTSTATUS twin" jqs -s '.[2].win32 == 2 and .[2].last_error.name == "ERROR_FILE_NOT_FOUND"'
check "SDK names: E_FAIL is an HRESULT" jqs -s '.[3].space == "hresult" and .[3].hex == "0x80004005" and .[3].last_error == null'
# HRESULTs (issue 16, section 1): placed by shape, facility decoded.
explain --json 0x80004005 0x800B0109 0x8010006B 0x80090016 0x8009030C 0x80096004 hresult:0x80004001 0x80000005
check "HRESULT: exit 0" test "$rc" -eq 0
check "HRESULT: E_FAIL and CERT not NTSTATUS" jqs -s '.[0].space == "hresult" and .[0].name == "E_FAIL" and .[1].space == "hresult" and .[1].name == "CERT_E_UNTRUSTEDROOT"'
check "HRESULT: facilities" jqs -s '[.[0:7][].facility.name] == ["NULL","CERT","SCARD","SECURITY (NTE_, CryptoAPI)","SSPI (SEC_E_, SEC_I_)","SECURITY (TRUST_E_)","NULL"]'
check "HRESULT: hresult: prefix" jqs -s '.[6].name == "E_NOTIMPL" and .[6].space == "hresult"'
check "HRESULT: NTSTATUS warning stays NTSTATUS" jqs -s '.[7].space == "ntstatus" and .[7].name == "STATUS_BUFFER_OVERFLOW" and .[7].facility == null'
explain 1400
check "SDK names: text says not in the catalogue" grep -q '^ERROR_INVALID_WINDOW_HANDLE (named by the SDK headers, not in the catalogue)$' "$tmp/out"
explain --json STATUS_NO_TGT_REPLY STATUS_LOGON_FAILURE STATUS_SMARTCARD_WRONG_PIN 1326 SEC_E_LOGON_DENIED
check "last_error: HRESULT mapping exposed" jqs -s '.[0].win32 == null and .[0].last_error.hex == "0x80090334" and .[0].last_error.name == "SEC_E_NO_TGT_REPLY"'
check "last_error: Win32 mapping" jqs -s '.[1].last_error == {"value":1326,"hex":"0x0000052E","name":"ERROR_LOGON_FAILURE"}'
check "last_error: SCARD mapping" jqs -s '.[2].last_error.name == "SCARD_W_WRONG_CHV"'
check "last_error: Win32 code is its own, HRESULT has none" jqs -s '.[3].last_error.value == 1326 and .[4].last_error == null'
# The system's own message (FormatMessageW; ntdll's table for NTSTATUS): on
# Windows (and Wine) only; natively the field is null.
explain --json 5 0xC0000022 1366
if ((${#run[@]} > 1)); then
  check "system message: Win32 code" jqs -s '.[0].system_message | type == "string" and length > 0'
else
  check "system message: null natively" jqs -s 'all(.[]; .system_message == null)'
fi

# Kerberos protocol codes as DC events 4768/4771 print them (issue 16,
# section 3): class, guidance, and the code Windows reports where known.
explain --json krb:0x18 KRB:24 krb:0n24 krb:18 kdc_err_c_principal_unknown krb:0x25 krb:0x19 krb:0x7F
check "krb: exit 0" test "$rc" -eq 0
check "krb: 0x18 three ways" jqs -s '.[0:3] | all(.name == "KDC_ERR_PREAUTH_FAILED" and .space == "krb" and .value == 24 and .class == "credentials" and .reported_as == "STATUS_WRONG_PASSWORD")'
check "krb: bare digits are decimal" jqs -s '.[3].value == 18 and .[3].name == "KDC_ERR_CLIENT_REVOKED" and .[3].class == "account"'
check "krb: by name" jqs -s '.[4].value == 6 and .[4].class == "credentials"'
check "krb: skew is clock" jqs -s '.[5].name == "KRB_AP_ERR_SKEW" and .[5].class == "clock" and .[5].guidance.id == "time-skew"'
check "krb: preauth required is not a failure" jqs -s '.[6].class == "continue"'
check "krb: unknown code" jqs -s '.[7].name == null and .[7].class == "unknown"'
check "krb: same keys as other codes, plus two" jqs -s '.[0] | keys == (["action","class","facility","guidance","hex","hresult","input","kerberos","last_error","name","reported_as","space","summary","system_message","value","win32"])'
explain krb:0x18
check "krb: text" grep -q '^KDC_ERR_PREAUTH_FAILED$' "$tmp/out"
explain --json 1366 krb:
check "krb: nothing after it, exit 2" eval 'test "$rc" -eq 2 && grep -qF "'"'"'krb:'"'"'" "$tmp/err"'
explain --json 1366 krb:zz
check "krb: not a number, exit 2" eval 'test "$rc" -eq 2 && test "$(lines)" -eq 1 && grep -qF "after krb: give a number" "$tmp/err"'

names_h=${LGS_CODE_NAMES_H:-$(dirname "$0")/../examples/explain/code_names.h}
if [[ -f $names_h ]]; then
  mapfile -t sdk < <(grep -oE '^  X\([A-Za-z0-9_]+,' "$names_h" | sed 's/^  X(//; s/,$//')
  printf '%s\n' "${sdk[@]}" >"$tmp/in"
  "${run[@]}" --json <"$tmp/in" >"$tmp/out.raw" 2>"$tmp/err"; rc=$?
  tr -d '\r' <"$tmp/out.raw" >"$tmp/out"
  check "SDK names: all ${#sdk[@]} generated names explained" eval 'test "$rc" -eq 0 && test "$(lines)" -eq ${#sdk[@]}'
  check "SDK names: none nameless" jqs -s 'all(.[]; .name != null)'
else
  bad "code_names.h not found"
fi

if [[ -f $winerror ]]; then
  mapfile -t names < <(grep -oE '^#define (SEC_[EI]_[A-Z0-9_]+)' "$winerror" | awk '{print $2}' | sort -u)
  explain --json "${names[@]}"
  check "SDK: all ${#names[@]} SEC_E_/SEC_I_ names known" jqs -s "length == ${#names[@]} and all(.[]; .name != null)"
  check "SDK: exit 0" test "$rc" -eq 0
else
  bad "SDK header $winerror not found"
fi

# --hash-name: the digest of an account under the configured key (issue 15),
# the same from --key-stdin and from LOGONSHIM_LOG, the same for each
# spelling of one account, never the key itself; no key, no digest.
key='an operator key of 16+ chars'
explain --hash-name 'CORP\alice' --hash-name alice@corp.example.com --hash-name CORP\\bob --key-stdin <<<"$key"
check "hash-name: exit 0" test "$rc" -eq 0
check "hash-name: one digest per name" eval '[[ $(lines) -eq 3 ]] && ! grep -vqE "^#[0-9a-f]{16}$" "$tmp/out"'
check "hash-name: spellings of one account alike" eval '[[ $(sed -n 1p "$tmp/out") == $(sed -n 2p "$tmp/out") ]]'
check "hash-name: another account differs" eval '[[ $(sed -n 1p "$tmp/out") != $(sed -n 3p "$tmp/out") ]]'
check "hash-name: the key is not printed" eval '! grep -q "operator key" "$tmp/out" "$tmp/err"'
first=$(sed -n 1p "$tmp/out")
LOGONSHIM_LOG="redact.key=$key" explain --json --hash-name 'corp\ALICE' </dev/null
check "hash-name: key from LOGONSHIM_LOG, json" jqs --arg d "$first" '.digest == $d and .input == "corp\\ALICE"'
explain --hash-name alice </dev/null
check "hash-name: no key, exit 2 with the reason" eval '[[ $rc -eq 2 ]] && grep -q "no log.redact.key" "$tmp/err" && [[ ! -s $tmp/out ]]'
explain --hash-name alice --key-stdin <<<"short"
check "hash-name: short key refused, not echoed" eval '[[ $rc -eq 2 ]] && ! grep -q short "$tmp/err"'
explain --hash-name
check "hash-name: no name, exit 2" test "$rc" -eq 2

echo "explain: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
