#!/usr/bin/env bash
# expect_output.sh — runs a test program and passes only when it exits 0 and
# its output (stdout and stderr) has a line matching a pattern. CTest's
# PASS_REGULAR_EXPRESSION alone ignores the exit status, so a program that
# printed its summary and then failed (a LeakSanitizer report at exit, a bad
# setting it reported and carried on past) would pass.
#
# Usage: expect_output.sh ERE COMMAND...   (COMMAND may start with an emulator)
set -uo pipefail
pattern=$1
shift
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
if ((rc != 0)); then
  echo "expect_output: FAIL: exit status $rc from $*"
  exit 1
fi
if ! grep -Eq -- "$pattern" "$out"; then
  echo "expect_output: FAIL: no line matches /$pattern/"
  exit 1
fi
