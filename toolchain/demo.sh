#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds logonshim for
# Windows, starts a throwaway MIT KDC on loopback (realm TEST.LOCAL, in
# build/mingw64/kdc-demo) and runs examples/sspi-handshake under Wine:
# a real Kerberos/Negotiate handshake through the shim, then the same flows
# with LOGONSHIM_FAULTS injecting failures, each with the shim's text log and
# its stats. The KDC is stopped by its pid at the end, also on failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
start=$(date +%s)
bash toolchain/setup.sh
mkdir -p build
bash toolchain/build.sh mingw64 >build/mingw64.build.log 2>&1 || { cat build/mingw64.build.log; exit 1; }
prefix=$repo/build/mingw64/wineprefix
bash toolchain/wine-prefix.sh "$prefix"
kdc=$repo/build/mingw64/kdc-demo
bash tests/kdc/kdc.sh up "$kdc"
trap 'bash "$repo/tests/kdc/kdc.sh" stop "$kdc" >/dev/null' EXIT
export KRB5_CONFIG=$kdc/krb5.conf KRB5_KTNAME=FILE:$kdc/service.keytab KRB5CCNAME=FILE:$kdc/cc-demo
export LGS_PASSWORD
LGS_PASSWORD=$(cat "$kdc/alice.password")
exe=$repo/build/mingw64/examples/sspi-handshake/sspi-handshake.exe
logins() { bash tests/kdc/kdc.sh count "$kdc" alice@TEST.LOCAL; }

# Runs the handshake program; its output, then the shim's text log (stderr).
show() {
  local out=$kdc/demo.out err=$kdc/demo.err rc=0
  toolchain/wine-run.sh --prefix "$prefix" "$exe" "$@" >"$out" 2>"$err" || rc=$?
  sed 's/^/  | /' "$out"
  if [[ -s $err ]]; then
    echo "  shim's log:"
    cut -c1-220 "$err" | sed 's/^/  > /'
  fi
  echo "  (exit status $rc)"
}
section() { echo; echo "== $*"; }

section "1. Kerberos handshake through the shim against the KDC: ACH(alice) -> ISC/ASC -> sealed messages"
before=$(logins)
show --package Kerberos
show --package Negotiate
echo "  KDC: $(( $(logins) - before )) logins of alice"

section "2. LOGONSHIM_FAULTS=LogonUserW=ERROR_LOGON_SESSION_COLLISION: a logon-session collision, recovered after one retry"
LOGONSHIM_FAULTS="LogonUserW=ERROR_LOGON_SESSION_COLLISION" show --logon --acquire-only

section "3. LOGONSHIM_FAULTS=AcquireCredentialsHandleW=SEC_E_NO_CREDENTIALS: guidance, no retry"
LOGONSHIM_FAULTS="AcquireCredentialsHandleW=SEC_E_NO_CREDENTIALS" show --acquire-only

section "4. A wrong password, 4 calls (real: the KDC answers PREAUTH_FAILED): one attempt each, then the lockout guard"
before=$(logins)
LGS_PASSWORD=wrong-password show --acquire-only --calls 4
echo "  KDC: $(( $(logins) - before )) attempts reached it for 4 calls (lockout.threshold = 3)"

section "5. A KDC outage: SEC_E_NO_AUTHENTICATING_AUTHORITY*5 injected, LOGONSHIM_BREAKER_BREAK_MIN_MS=300ms; 4 calls 400 ms apart"
before=$(logins)
LOGONSHIM_BREAKER_BREAK_MIN_MS=300ms LOGONSHIM_FAULTS="AcquireCredentialsHandleW=SEC_E_NO_AUTHENTICATING_AUTHORITY*5" \
  show --acquire-only --calls 4 --pause 400
echo "  bounded retries (4 attempts, then give_up); the next call recovered on its retry once the outage ended; while a breaker is open, calls wait for its probe instead of failing (breaker.wait)"
echo "  KDC: $(( $(logins) - before )) logins (only the calls after the outage reached it)"

echo
echo "demo done in $(( $(date +%s) - start )) s (KDC log: $kdc/kdc.log)"
