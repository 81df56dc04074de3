#!/usr/bin/env bash
# Integration tests against a real MIT KDC on loopback (tests/kdc/kdc.sh),
# under Wine, through examples/sspi-handshake. Each scenario counts the
# logins that reached the KDC: AS_REQ lines in its log other than
# NEEDED_PREAUTH.
#
# Usage: kdc_test.sh SCENARIO KDC_DIR HANDSHAKE.exe EMULATOR...
#   handshake       Kerberos and Negotiate complete, sealed messages both ways
#   wrong_password  one attempt per call; the lockout guard stops the rest
#   unknown_user    one attempt per call (CLIENT_NOT_FOUND)
#   outage          KDC stopped: failures with guidance, no amplification;
#                   started again: the next call succeeds
#   config          unknown service principal, missing keytab: class, guidance
#
# Usage: kdc_test.sh hook_SCENARIO KDC_DIR PLAIN_HANDSHAKE.exe RUN.exe JQ EMULATOR...
#   tests/hook/plain_handshake.c (no logonshim in it) through logonshim-run:
#   hook_handshake       an injected SEC_E_INSUFFICIENT_MEMORY at ACH is
#                        recovered and the handshake completes: one login
#   hook_wrong_password  one AS-REQ per call, the lockout guard stops calls
#                        4 to 6; without the launcher all 6 reach the KDC
set -euo pipefail
scenario=$1 kdc=$2 exe=$3
shift 3
if [[ $scenario == hook_* ]]; then
  launcher=$1 jq=$2
  shift 2
fi
emu=("$@")
here=$(cd "$(dirname "$0")" && pwd)
out=$kdc/$scenario.out
export KRB5_CONFIG=$kdc/krb5.conf KRB5_KTNAME=FILE:$kdc/service.keytab
export KRB5CCNAME=FILE:$kdc/cc-$scenario
export LGS_PASSWORD
LGS_PASSWORD=$(cat "$kdc/alice.password")

fail() { echo "FAIL ($scenario): $*"; echo "--- output:"; cat "$out" 2>/dev/null; exit 1; }
count() { bash "$here/kdc.sh" count "$kdc" "$1"; }
# Runs the handshake program; its output (stdout and the shim's stderr log)
# goes to $out; returns its exit status.
run() { "${emu[@]}" "$exe" "$@" >"$out" 2>&1; }

case $scenario in
handshake)
  before=$(count alice@TEST.LOCAL)
  for pkg in Kerberos Negotiate; do
    run --package "$pkg" || fail "$pkg handshake failed"
    grep -q "handshake ok: $pkg" "$out" || fail "no 'handshake ok' for $pkg"
    grep -q 'server: unsealed "hello from the client"' "$out" || fail "client->server sealed message"
    grep -q 'client: unsealed "hello from the server"' "$out" || fail "server->client sealed message"
    grep -q '^stats: .*, 0 retries, 0 failed,' "$out" || fail "$pkg handshake: retries or failed calls in its stats"
  done
  after=$(count alice@TEST.LOCAL)
  ((after - before == 2)) || fail "expected 2 logins in the KDC log, saw $((after - before))"
  grep -q "ISSUE: .*alice@TEST.LOCAL" "$kdc/kdc.log" || fail "no ticket issued in the KDC log"
  echo "handshake: Kerberos and Negotiate ok; KDC logins: $((after - before))"
  ;;
wrong_password)
  before=$(count alice@TEST.LOCAL)
  LGS_PASSWORD=wrong-password run --acquire-only && fail "a wrong password succeeded"
  one=$(count alice@TEST.LOCAL)
  ((one - before == 1)) || fail "one call: expected 1 attempt at the KDC, saw $((one - before))"
  grep -q 'decision never_retry, 1 attempt' "$out" || fail "not reported as never retried"
  # The lockout guard (threshold 3) lets 3 failures through, then fails fast.
  LGS_PASSWORD=wrong-password run --acquire-only --calls 6 && fail "a wrong password succeeded"
  six=$(count alice@TEST.LOCAL)
  ((six - one == 3)) || fail "6 calls: expected 3 attempts at the KDC, saw $((six - one))"
  (($(grep -c 'decision lockout_guard, 0 attempt' "$out") == 3)) || fail "expected 3 lockout_guard fail-fasts"
  grep -q 'the lockout guard protects the account' "$out" || fail "no lockout warning in the log"
  grep -q 'PREAUTH_FAILED: alice@TEST.LOCAL' "$kdc/kdc.log" || fail "no PREAUTH_FAILED in the KDC log"
  echo "wrong_password: 1 call -> 1 KDC attempt; 6 calls -> $((six - one)) KDC attempts, 3 stopped by the lockout guard"
  ;;
unknown_user)
  before=$(count nosuchuser@TEST.LOCAL)
  run --acquire-only --user nosuchuser --calls 2 && fail "an unknown user succeeded"
  after=$(count nosuchuser@TEST.LOCAL)
  ((after - before == 2)) || fail "2 calls: expected 2 attempts at the KDC, saw $((after - before))"
  grep -q 'CLIENT_NOT_FOUND: nosuchuser@TEST.LOCAL' "$kdc/kdc.log" || fail "no CLIENT_NOT_FOUND"
  (($(grep -c 'decision never_retry, 1 attempt' "$out") == 2)) || fail "each call: one attempt, never retried"
  echo "unknown_user: 2 calls -> $((after - before)) KDC attempts (CLIENT_NOT_FOUND)"
  ;;
outage)
  trap 'bash "$here/kdc.sh" start "$kdc" >/dev/null' EXIT
  bash "$here/kdc.sh" stop "$kdc" >/dev/null
  lines=$(wc -l <"$kdc/kdc.log")
  run --acquire-only --calls 2 && fail "succeeded with the KDC stopped"
  (($(grep -c 'decision never_retry, 1 attempt' "$out") == 2)) || fail "each call: one attempt, not retried blindly"
  grep -q 'unreachable KDC' "$out" || fail "no guidance about reaching the authority"
  grep -q 'unreachable authority' "$out" || fail "no reaction about reaching the authority"
  bash "$here/kdc.sh" start "$kdc" >/dev/null
  trap - EXIT
  during=$(tail -n +"$((lines + 1))" "$kdc/kdc.log" | grep -c 'AS_REQ' || true)
  ((during == 0)) || fail "the KDC saw $during AS_REQ from the outage's calls"
  before=$(count alice@TEST.LOCAL)
  run --acquire-only || fail "no success after the KDC came back"
  after=$(count alice@TEST.LOCAL)
  ((after - before == 1)) || fail "after the outage: expected 1 attempt, saw $((after - before))"
  echo "outage: 2 calls failed once each (no retries, 0 AS_REQ); after restart 1 call -> 1 KDC attempt, ok"
  ;;
config)
  run --target host/nosuchhost.test.local && fail "an unknown SPN succeeded"
  grep -q 'FAILED client InitializeSecurityContext' "$out" || fail "the SPN failure was not reported at ISC"
  spn_line=$(grep -m1 'FAILED client InitializeSecurityContext' "$out")
  grep -q 'decision never_retry, 1 attempt' <<<"$spn_line" || fail "the SPN failure was retried"
  grep -q 'host/nosuchhost.test.local@TEST.LOCAL, Server not found' "$kdc/kdc.log" \
    || fail "the KDC did not see the unknown SPN"
  KRB5_KTNAME=FILE:$kdc/no-such.keytab run && fail "a missing keytab succeeded"
  grep -q 'FAILED server' "$out" || fail "the missing keytab was not reported on the server side"
  kt_line=$(grep -m1 'FAILED server' "$out")
  grep -q 'decision never_retry' <<<"$kt_line" || fail "the missing keytab failure was retried"
  echo "config: unknown SPN -> ${spn_line#FAILED }"
  echo "config: missing keytab -> ${kt_line#FAILED }"
  ;;
hook_*)
  log=$kdc/$scenario.jsonl
  # Through the launcher, records to $log; the program's lines to $out.
  hooked() {
    rm -f "$log"
    "${emu[@]}" "$launcher" --log "jsonl:Z:$log,storm=off" "$@" >"$out" 2>&1
  }
  records() { [[ -f $log ]] || { echo 0; return; }; "$jq" -c ".attributes | select($1)" "$log" | wc -l; }
  ach() { records ".[\"logonshim.api\"] == \"AcquireCredentialsHandleW\" and .[\"logonshim.kind\"] == \"$1\" and .[\"logonshim.decision\"] == \"$2\""; }
  if [[ $scenario == hook_handshake ]]; then
    before=$(count alice@TEST.LOCAL)
    hooked --faults "AcquireCredentialsHandleW=SEC_E_INSUFFICIENT_MEMORY" -- "Z:$exe" \
      || fail "the handshake through the launcher failed"
    grep -q '^handshake ok: Kerberos' "$out" || fail "no 'handshake ok'"
    (($(ach attempt retry) == 1)) || fail "the injected SEC_E_INSUFFICIENT_MEMORY was not retried"
    (($(ach outcome recovered) == 1)) || fail "no recovered ACH outcome"
    after=$(count alice@TEST.LOCAL)
    ((after - before == 1)) || fail "expected 1 login in the KDC log, saw $((after - before))"
    echo "hook_handshake: unmodified program through logonshim-run: fault recovered, authenticated, KDC logins: 1"
  elif [[ $scenario == hook_wrong_password ]]; then
    export LGS_PASSWORD=wrong-password
    before=$(count alice@TEST.LOCAL)
    "${emu[@]}" "$exe" --acquire-only --calls 6 >"$out" 2>&1 && fail "a wrong password succeeded"
    plain=$(count alice@TEST.LOCAL)
    ((plain - before == 6)) || fail "without the launcher: expected 6 attempts at the KDC, saw $((plain - before))"
    hooked -- "Z:$exe" --acquire-only && fail "a wrong password succeeded"
    one=$(count alice@TEST.LOCAL)
    ((one - plain == 1)) || fail "one call: expected 1 attempt at the KDC, saw $((one - plain))"
    (($(ach outcome never_retry) == 1)) || fail "not one never_retry ACH outcome"
    hooked -- "Z:$exe" --acquire-only --calls 6 && fail "a wrong password succeeded"
    six=$(count alice@TEST.LOCAL)
    ((six - one == 3)) || fail "6 calls: expected 3 attempts at the KDC, saw $((six - one))"
    (($(ach outcome never_retry) == 3)) || fail "expected 3 never_retry ACH outcomes"
    (($(ach outcome lockout_guard) == 3)) || fail "expected 3 lockout_guard ACH outcomes"
    (($(grep -c '^AcquireCredentialsHandleW 0x' "$out") == 6)) || fail "the program did not see 6 answers"
    grep -q '^AcquireCredentialsHandleW 0x00000000' "$out" && fail "a call succeeded"
    echo "hook_wrong_password: without the launcher 6 calls -> 6 KDC attempts; through it 1 call -> 1," \
      "6 calls -> $((six - one)), 3 stopped by the lockout guard"
  else
    echo "kdc_test.sh: unknown scenario $scenario" >&2; exit 2
  fi
  ;;
*) echo "kdc_test.sh: unknown scenario $scenario" >&2; exit 2 ;;
esac
