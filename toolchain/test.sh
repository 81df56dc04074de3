#!/usr/bin/env bash
# The README's test command: installs what is missing, then builds and runs
# every suite natively and under Wine (x86_64, and i686 where 32-bit Wine
# runs), and compiles the clang build.
#
# Every run, green or red, ends with the same three lines, the last one being
# the closing line CI reads:
#   tests: units: CTest tests P/N, fuzz harnesses P/N, ... (passed/counted)
#   tests: flaky K: NAME (stage), ...
#   tests: P passed, F failed
# P and F add up different units (a CTest test runs one CUnit suite or one
# script; a fuzz harness, the lint run, a build and a package check count one
# each), so the line before them says which unit each number came from. A
# stage that stops before it counted anything (a configure error, a missing
# CTest summary) counts as one failed "stage error". The run stops at the
# first failed stage and exits non-zero.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
start=$(date +%s)

# Counts per unit, in the order the units first appear.
units=() flaky=() not_run=()
declare -A unit_n=() unit_f=()
passed=0 failed=0
stage=setup failure_counted=0

# Adds n checks of a unit, f of them failed, to the totals.
add_counts() {
  local unit=$1 n=$2 f=$3
  [[ -v "unit_n[$unit]" ]] || { units+=("$unit"); unit_n[$unit]=0; unit_f[$unit]=0; }
  unit_n[$unit]=$((unit_n[$unit] + n)); unit_f[$unit]=$((unit_f[$unit] + f))
  passed=$((passed + n - f)); failed=$((failed + f))
  ((f == 0)) || failure_counted=1
}

# Prints the summary on every way out (set -e included) and sets the exit
# status: non-zero when anything failed or the script itself stopped early.
finish() {
  local rc=$1 u
  trap - EXIT
  # A stage that ended in an error before it reported a count (a build that
  # does not compile, a CTest run without a summary) is one failure.
  if ((rc != 0 && failure_counted == 0)); then
    echo "test.sh: stage '$stage' stopped with status $rc before its checks were counted" >&2
    add_counts "stage errors" 1 1
  fi
  local line="" sep=""
  for u in "${units[@]}"; do
    line+="$sep$u $((unit_n[$u] - unit_f[$u]))/${unit_n[$u]}"; sep=", "
  done
  local names="" x
  sep=""
  for x in "${flaky[@]}"; do names+="$sep$x"; sep=", "; done
  for x in "${not_run[@]}"; do echo "tests: NOT RUN: $x"; done
  echo "== done in $(( $(date +%s) - start )) s"
  echo "tests: units: ${line:-none} (passed/counted)"
  echo "tests: flaky ${#flaky[@]}${names:+: $names}"
  echo "tests: $passed passed, $failed failed"
  ((rc == 0 && failed == 0)) || exit 1
  exit 0
}
trap 'finish $?' EXIT

# Adds a stage's own counts to the totals; stops the run when it failed.
count_stage() {
  local rc=$1 unit=$2 n=$3 f=$4
  # A non-zero status with no failed check is still a failure of one.
  if ((rc != 0 && f == 0)); then f=1; n=$((n > 0 ? n : 1)); fi
  add_counts "$unit" "$n" "$f"
  ((f == 0)) || exit 1
}

# Builds a flavour; a build is one check.
build() {
  local rc=0
  bash toolchain/build.sh "$@" || rc=$?
  count_stage "$rc" builds 1 0
}

# The status lines of a CTest log: "NAME STATUS", one per run of a test.
ctest_results() {
  sed -nE 's/^ *([0-9]+\/[0-9]+ )?Test +#[0-9]+: ([^ ]+) \.+ *(\*\*\*)?([A-Za-z]+).*/\2 \4/p' "$1"
}

# Runs CTest in build/$1, keeps its output, and adds its counts to the totals.
# With --repeat until-pass:2 a test that failed and then passed is flaky: it
# is named on the "tests: flaky" line and run a third time on its own; if it
# fails again (twice in one run) it counts as failed.
run_ctest() {
  local dir=$1 log=build/$1.ctest.log rc=0
  shift
  (cd "build/$dir" && ctest --output-on-failure --timeout 600 "$@") 2>&1 | tee "$log" || rc=$?
  local line
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n1)
  if [[ -z $line ]]; then
    echo "test.sh: no CTest summary in $log" >&2
    exit 1
  fi
  local f n name
  f=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
  n=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
  local names
  names=$(ctest_results "$log" | awk '$2 != "Passed" { bad[$1] = 1 } $2 == "Passed" && bad[$1] { print $1 }' | sort -u)
  for name in $names; do
    flaky+=("$name ($dir)")
    echo "test.sh: $name ($dir) failed, then passed on its rerun: flaky; running it a third time"
    local third=build/$dir.third-$name.log
    (cd "build/$dir" && ctest --output-on-failure --timeout 600 -R "^$name\$") >"$third" 2>&1 || true
    if ctest_results "$third" | grep -qx "$name Passed"; then
      echo "test.sh: $name ($dir) passed its third run"
    else
      cat "$third"
      echo "test.sh: $name ($dir) failed twice in this run: counted as failed"
      f=$((f + 1))
    fi
  done
  count_stage "$rc" "CTest tests" "$n" "$f"
}

# Runs a script test that ends with "NAME: N passed, N failed" and adds its
# counts to the totals under UNIT.
run_script() {
  local unit=$1 log=build/$2.log rc=0
  shift 2
  "$@" 2>&1 | tee "$log" || rc=$?
  local line
  line=$(grep -E '^[a-z ]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n1)
  local p f
  p=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\1/' <<<"$line")
  f=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\2/' <<<"$line")
  # No closing line at all counts as a failure.
  count_stage "$rc" "$unit" "$(( ${p:-0} + ${f:-1} ))" "${f:-1}"
}

bash toolchain/setup.sh
mkdir -p build

stage=native; echo "== native build and tests"
build native
run_ctest native

# Hardening: the native suites again under the sanitizers; any
# report stops the test that caused it, so it fails the run.
stage=asan; echo "== ASan+UBSan build (clang), native tests"
build asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_ctest asan

stage=tsan; echo "== TSan build (clang), native tests"
build tsan
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 run_ctest tsan

stage=fuzz; echo "== libFuzzer harnesses (clang, ASan+UBSan), ${LGS_FUZZ_SECONDS:-60} s each"
build fuzz
rc=0
bash toolchain/fuzz.sh build/fuzz "${LGS_FUZZ_SECONDS:-60}" 2>&1 | tee build/fuzz.log || rc=$?
count_stage "$rc" "fuzz harnesses" "$(grep -c '^fuzz [a-z_]*: ' build/fuzz.log || true)" \
            "$(grep -c '^fuzz [a-z_]*: FAILED' build/fuzz.log || true)"

stage=lint; echo "== static analysis: cppcheck and clang-tidy on shim/, port/, win32/, examples/"
rc=0
bash toolchain/lint.sh 2>&1 | tee build/lint.log || rc=$?
count_stage "$rc" "lint runs" 1 "$((rc != 0))"

stage=mingw64; echo "== mingw-w64 x86_64 build, tests under Wine"
build mingw64
# A Wine process can fail to start on a loaded machine (seen a few times in
# hundreds of runs: no output, a few ms); such a test gets one more run, and
# run_ctest names it as flaky and gives it a third run.
run_ctest mingw64 --repeat until-pass:2
# The soak's and the stress suite's figures: CTest keeps the
# output of passing tests in LastTest.log only.
grep -hE '^(soak: |  stress: |  bad input)' build/mingw64/Testing/Temporary/LastTest.log || true

# The i686 build runs the same tests as x86_64 under 32-bit Wine (WoW64)
# where this machine can run 32-bit programs; elsewhere only the checks
# that run no Windows program, and the summary says what was not run.
stage=mingw32
if why32=$(bash toolchain/wine32.sh); then
  echo "== mingw-w64 i686 build, tests under 32-bit Wine"
  build mingw32
  run_ctest mingw32 --repeat until-pass:2
else
  echo "== mingw-w64 i686 build; its Wine tests are NOT run: $why32"
  not_run+=("i686 Wine tests: $why32")
  build mingw32
  run_ctest mingw32
fi

stage=clang64; echo "== clang for x86_64-w64-mingw32: every target, same warnings as errors"
build clang64

stage=packages; echo "== packages: ZIPs for win64 and win32, native install"
run_script "package checks" packages bash tests/package_test.sh "$repo"
