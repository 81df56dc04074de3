#!/usr/bin/env bash
# patch_test.sh — logonshim-patch from outside, as a user runs it, on
# programs built with plain mingw-w64 and no logonshim header.
#
#   patch_test.sh native TOOL SOURCE_DIR
#     TOOL is the native logonshim-patch. Builds x86_64 and i686 images of
#     tests/win/patch_target.c (with and without symbols) and checks on each:
#     the patched import as llvm-readobj reads it (the original descriptors
#     and their address tables unchanged), --check, --remove byte for byte,
#     the input untouched, and every refusal: signed (and --force-unsigned),
#     other architecture, .NET, no room for a section header, patched twice,
#     not a PE, truncated images, output naming the input.
#   patch_test.sh wine TOOL.exe TARGET.exe PROBE.dll EXPLAIN.exe EMULATOR...
#     The Windows build of the tool, run under Wine, patches TARGET.exe and
#     logonshim-explain.exe to import PROBE.dll (which says so on stderr when
#     it loads); each patched program runs under Wine with the same standard
#     output, standard error (but the probe's line) and exit status as its
#     original, and the probe loaded in it
#     (and in no original); --check and --remove round trip.
#   patch_test.sh service TOOL.exe SERVICE.exe PROBE.dll EMULATOR...
#     examples/service patched to import PROBE.dll, installed, started and
#     stopped by Wine's service control manager: it runs, and the probe
#     loaded in the process the SCM started.
#   patch_test.sh plain-service TOOL.exe PLAIN_SERVICE.exe HOOK_DIR JQ PREFIX EMULATOR...
#     tests/hook/plain_service.c (no logonshim in it) patched with the
#     default hook DLL (HOOK_DIR holds logonshim-hook.dll and logonshim.dll),
#     run by Wine's SCM in the Wine prefix PREFIX: an injected fault from the
#     system environment is retried and recovered, and the records reach the
#     sink the registry names; the unpatched service sees and logs nothing.
# Prints ok/FAIL per check and a count; exits 1 on any failure, 77 when a
# tool it needs is missing.
set -u
mode=${1:?usage: patch_test.sh native TOOL SOURCE_DIR | wine TOOL TARGET PROBE EXPLAIN EMULATOR...}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/patch_test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() {
  local n=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $n"; else failed=$((failed + 1)); echo "FAIL $n"; fi
}
# Runs the tool; its exit status in $rc, its stdout and stderr in $out.
run() { "${tool[@]}" "$@" >"$tmp/out" 2>&1; rc=$?; out=$(cat "$tmp/out"); }
# Passes when the last run exited with status $1 and printed something matching $2.
said() { [[ $rc -eq $1 && $out == *$2* ]] || { echo "     exit $rc: $out"; return 1; }; }

# Little-endian fields of a file, by offset.
rd() { od -An -tu"$3" -j "$2" -N "$3" "$1" | tr -d ' '; }
wr32() {
  local v=$3
  printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((v & 255)) $((v >> 8 & 255)) $((v >> 16 & 255)) $((v >> 24 & 255)))" |
    dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
# The file offset of data directory $2 of image $1.
dir_at() {
  local pe magic
  pe=$(rd "$1" 60 4)
  magic=$(rd "$1" $((pe + 24)) 2)
  if ((magic == 0x20b)); then echo $((pe + 24 + 112 + 8 * $2)); else echo $((pe + 24 + 96 + 8 * $2)); fi
}
# The file offset just past the section table of image $1.
section_table_end() {
  local pe
  pe=$(rd "$1" 60 4)
  echo $((pe + 24 + $(rd "$1" $((pe + 20)) 2) + 40 * $(rd "$1" $((pe + 6)) 2)))
}

# Under Wine: the Windows tool through the emulator (Wine maps / to Z:),
# and a run directory $d holding the probe DLL. wine_setup TOOL PROBE DIR EMULATOR...
wine_setup() {
  emu=("${@:4}")
  tool=("${emu[@]}" "$1")
  d=$3
  mkdir -p "$d"
  cp "$2" "$d/lgs_patch_probe.dll"
}
# Patches image $1 into $2 to import the probe DLL; one check named by $3.
patch_probe() {
  run --dll lgs_patch_probe.dll --symbol lgs_probe_anchor "$1" "$2"
  check "$3: patched" said 0 "imports lgs_patch_probe.dll!lgs_probe_anchor"
}

static_checks() { # ARCH IMAGE: everything that needs no Windows program to run
  local a=$1 img=$2 d=$tmp/$1-$(basename "$2" .exe)
  local other=i686; [[ $a == i686 ]] && other=x86_64
  mkdir -p "$d"
  local sum; sum=$(sha256sum <"$img")
  patch_probe "$img" "$d/p.exe" "$a $(basename "$img")"
  check "$a $(basename "$img"): input untouched" test "$(sha256sum <"$img")" = "$sum"
  check "$a $(basename "$img"): no temporary file left" test -z "$(ls "$d" | grep -v '^p.exe$')"
  # The import table as an independent reader sees it: the original
  # descriptors, with the same address tables, then the new one.
  "$readobj" --coff-imports "$img" | grep -E '^  (Name|ImportAddressTableRVA):' >"$d/before"
  "$readobj" --coff-imports "$d/p.exe" | grep -E '^  (Name|ImportAddressTableRVA|Symbol):' >"$d/after"
  check "$a: original imports kept at their RVAs" \
    diff <(grep -v 'Symbol:' "$d/after" | head -n "$(wc -l <"$d/before")") "$d/before"
  check "$a: last import is the probe's" \
    bash -c "grep -A2 'Name: lgs_patch_probe.dll' '$d/after' | grep -q 'Symbol: lgs_probe_anchor'"
  run --check --dll lgs_patch_probe.dll "$d/p.exe"
  check "$a: --check patched exits 0" said 0 "patched: imports lgs_patch_probe.dll"
  run --check --dll lgs_patch_probe.dll "$img"
  check "$a: --check original exits 1" said 1 "not patched"
  run --check "$d/p.exe"
  check "$a: --check for the default DLL exits 1" said 1 "does not import logonshim-hook.dll"
  run --remove "$d/p.exe" "$d/r.exe"
  check "$a: --remove exits 0" said 0 "the original"
  check "$a: --remove gives the original byte for byte" cmp "$img" "$d/r.exe"
  run --dll lgs_patch_probe.dll --symbol lgs_probe_anchor "$d/p.exe" "$d/pp.exe"
  check "$a: patching twice refused" said 1 "already patched"
  check "$a: nothing written when refused" test ! -e "$d/pp.exe"
  run --remove "$img" "$d/rr.exe"
  check "$a: --remove of an unpatched image refused" said 1 "not patched by logonshim-patch"
  run "$img" "$d/default.exe"
  check "$a: default DLL and symbol" said 0 "imports logonshim-hook.dll!lgs_hook_anchor"
  run --arch "$other" "$img" "$d/x.exe"
  check "$a: --arch $other refused" said 1 "the image is $a, the hook DLL is $other"
  run --arch "$a" "$img" "$d/y.exe"
  check "$a: --arch $a accepted" said 0 "imports"

  # A signature: the security directory (4) points at data.
  cp "$img" "$d/signed.exe"
  local sec; sec=$(dir_at "$d/signed.exe" 4)
  wr32 "$d/signed.exe" "$sec" "$(stat -c %s "$img")"
  wr32 "$d/signed.exe" $((sec + 4)) 8
  run "$d/signed.exe" "$d/s.exe"
  check "$a: signed image refused" said 1 "patching breaks the signature"
  run --force-unsigned "$d/signed.exe" "$d/s.exe"
  check "$a: --force-unsigned patches" said 0 "signature removed"
  check "$a: --force-unsigned clears the security directory" \
    test "$(rd "$d/s.exe" "$sec" 4):$(rd "$d/s.exe" $((sec + 4)) 4)" = "0:0"
  run --remove "$d/s.exe" "$d/s-r.exe"
  check "$a: --remove gives the signed original back" cmp "$d/signed.exe" "$d/s-r.exe"

  # .NET: the CLR directory (14).
  cp "$img" "$d/clr.exe"
  wr32 "$d/clr.exe" "$(dir_at "$d/clr.exe" 14)" 4096
  run "$d/clr.exe" "$d/c.exe"
  check "$a: .NET image refused" said 1 ".NET image"

  # No room: the bytes after the section table in use.
  cp "$img" "$d/full.exe"
  wr32 "$d/full.exe" "$(($(section_table_end "$img") + 8))" 0x41414141
  run "$d/full.exe" "$d/f.exe"
  check "$a: no room for a section header refused" said 1 "no room in the headers"

  # Output naming the input, by the same and by another spelling.
  cp "$img" "$d/same.exe"
  sum=$(sha256sum <"$d/same.exe")
  run "$d/same.exe" "$d/same.exe"
  check "$a: output = input refused" said 1 "is the input"
  run "$d/same.exe" "$d/../$(basename "$d")/same.exe"
  check "$a: output = input by another path refused" said 1 "is the input"
  check "$a: the input left as it was" test "$(sha256sum <"$d/same.exe")" = "$sum"
}

if [[ $mode == native ]]; then
  tool=("${2:?TOOL}")
  src=${3:?SOURCE_DIR}
  readobj=$(command -v llvm-readobj || command -v llvm-readobj-14) || { echo "skip: no llvm-readobj"; exit 77; }
  for a in x86_64 i686; do
    cc=$a-w64-mingw32-gcc
    command -v "$cc" >/dev/null || { echo "skip: no $cc"; exit 77; }
    mkdir -p "$tmp/img-$a"
    "$cc" -O2 -o "$tmp/img-$a/target.exe" "$src/tests/win/patch_target.c" -limagehlp || exit 1
    "$cc" -O2 -s -o "$tmp/img-$a/stripped.exe" "$src/tests/win/patch_target.c" -limagehlp || exit 1
    for img in "$tmp/img-$a"/*.exe; do static_checks "$a" "$img"; done
  done

  # Not PE images, and a real image cut short at many lengths: an error
  # message and exit 1 (2 for --check), never a crash.
  echo "just text" >"$tmp/text.exe"
  run "$tmp/text.exe" "$tmp/o.exe"
  check "text file refused" said 1 "not a PE image"
  img=$tmp/img-x86_64/stripped.exe
  bad=0
  for n in 2 64 100 128 200 300 400 512 1024 1500 2048 4096 8192 $(($(stat -c %s "$img") - 1)); do
    head -c "$n" "$img" >"$tmp/cut.exe"
    run "$tmp/cut.exe" "$tmp/o.exe"
    [[ $rc -eq 1 && $out == logonshim-patch:* ]] || { echo "     cut at $n: exit $rc: $out"; bad=1; }
    run --check "$tmp/cut.exe"
    [[ $rc -eq 2 || $rc -eq 1 ]] || { echo "     --check cut at $n: exit $rc: $out"; bad=1; }
  done
  check "truncated images refused, no crash" test "$bad" -eq 0
  run "$tmp/missing.exe" "$tmp/o.exe"
  check "missing input refused" said 1 "cannot open"
  # On a case-sensitive file system a.exe and A.exe are two files.
  mkdir -p "$tmp/case" && cp "$img" "$tmp/case/a.exe"
  run "$tmp/case/a.exe" "$tmp/case/A.exe"
  check "an output differing from the input by case only is another file here" said 0 "imports"
  run only-one.exe
  check "one file: usage, exit 2" said 2 "usage:"
elif [[ $mode == wine ]]; then
  target=${3:?TARGET} explain=${5:?EXPLAIN}
  wine_setup "${2:?TOOL}" "${4:?PROBE}" "$tmp/run" "${@:6}"
  cp "$target" "$d/target.exe"
  cp "$explain" "$d/explain.exe"
  for prog in target explain; do patch_probe "$d/$prog.exe" "$d/$prog-p.exe" "$prog"; done
  # One program, original and patched: same stdout, same exit status; the
  # probe loaded only in the patched one.
  same_run() {
    local name=$1; shift
    "${emu[@]}" "$d/$name.exe" "$@" >"$tmp/o1" 2>"$tmp/e1"; local rc1=$?
    "${emu[@]}" "$d/$name-p.exe" "$@" >"$tmp/o2" 2>"$tmp/e2"; local rc2=$?
    check "$name $*: same exit status ($rc1)" test "$rc1" = "$rc2"
    check "$name $*: same standard output" cmp "$tmp/o1" "$tmp/o2"
    check "$name $*: probe loaded in the patched program" grep -q "lgs_patch_probe: loaded" "$tmp/e2"
    check "$name $*: probe not in the original" bash -c "! grep -q lgs_patch_probe '$tmp/e1'"
    check "$name $*: same standard error but the probe's line" \
      cmp "$tmp/e1" <(grep -v '^lgs_patch_probe: loaded' "$tmp/e2")
    check "$name $*: the program said something" test -s "$tmp/o1" -o -s "$tmp/e1"
  }
  same_run target 7 "two words"
  same_run target 0
  same_run explain --json 0xC0000105
  same_run explain not-a-code
  run --check --dll lgs_patch_probe.dll "$d/target-p.exe"
  check "--check patched exits 0 (Windows tool)" said 0 "patched"
  run --remove "$d/target-p.exe" "$d/target-r.exe"
  check "--remove exits 0 (Windows tool)" said 0 "original"
  check "--remove byte for byte (Windows tool)" cmp "$d/target.exe" "$d/target-r.exe"
  run "$d/target.exe" "$d/target.exe"
  check "output = input refused (Windows tool)" said 1 "is the input"
  run "$d/target.exe" "$d/../run/./TARGET.exe"
  check "output = input by another path refused (Windows tool)" said 1 "is the input"
  check "the input left as it was (Windows tool)" cmp "$target" "$d/target.exe"
  # The checksum, as Windows' MapFileAndCheckSumA computes it: an image
  # that carries one (here a wrong one) gets a right one in the copy.
  cp "$d/target.exe" "$d/sum.exe"
  pe=$(rd "$d/sum.exe" 60 4)
  wr32 "$d/sum.exe" $((pe + 24 + 64)) 0x12345
  patch_probe "$d/sum.exe" "$d/sum-p.exe" "image with a checksum"
  "${emu[@]}" "$d/target.exe" --checksum "$d/sum-p.exe" >"$tmp/o1" 2>&1
  check "the copy's checksum is right" test $? -eq 0
  "${emu[@]}" "$d/target.exe" --checksum "$d/sum.exe" >"$tmp/o1" 2>&1
  check "the checksum check sees a wrong one" test $? -eq 1
  # The Windows tool's default architecture is its own (the package's hook
  # DLL): an i686 image is refused by the x86_64 tool.
  if command -v i686-w64-mingw32-gcc >/dev/null; then
    i686-w64-mingw32-gcc -O2 -o "$d/t32.exe" "$(dirname "$0")/win/patch_target.c" -limagehlp
    run "$d/t32.exe" "$d/t32-p.exe"
    check "i686 image refused by the x86_64 tool" said 1 "the image is i686, the hook DLL is x86_64"
  fi
elif [[ $mode == service ]]; then
  # examples/service, patched to import the probe, installed (its installer
  # registers its own path: the copy's), started by Wine's SCM, stopped and
  # deleted: the SCM-started copy runs as the original does and loads the DLL.
  wine_setup "${2:?TOOL}" "${4:?PROBE}" "$tmp/svc" "${@:5}"
  mkdir -p "$d/log"
  patch_probe "${3:?SERVICE}" "$d/service-patched.exe" service
  svc=("${emu[@]}" "$d/service-patched.exe")
  "${svc[@]}" uninstall >/dev/null 2>&1 || true
  "${svc[@]}" install --log "Z:${d//\//\\}\\log" >"$tmp/install.out" 2>&1
  check "patched service installs" test $? -eq 0
  "${emu[@]}" sc start logonshim-service >"$tmp/start.out" 2>&1
  check "sc start" test $? -eq 0
  for _ in $(seq 1 150); do grep -q '^running' "$d/log/service.log" 2>/dev/null && break; sleep 0.1; done
  check "the SCM-started copy reaches running" grep -q '^running' "$d/log/service.log"
  "${emu[@]}" sc stop logonshim-service >"$tmp/stop.out" 2>&1
  for _ in $(seq 1 150); do grep -q '^stopped' "$d/log/service.log" 2>/dev/null && break; sleep 0.1; done
  check "and stops" grep -q '^stopped' "$d/log/service.log"
  sleep 0.5
  "${svc[@]}" uninstall >"$tmp/uninstall.out" 2>&1
  check "and is deleted" test $? -eq 0
  check "the probe loaded in the service process" grep -qi 'loaded in .*service-patched.exe' "$d/lgs_patch_probe.dll.loaded"
  check "the service wrote its own records as the original does" test -s "$d/log/logonshim.jsonl"
elif [[ $mode == plain-service ]]; then
  # tests/hook/plain_service.c, a service that never heard of logonshim,
  # patched with the defaults (logonshim-hook.dll!lgs_hook_anchor), created,
  # started, stopped and deleted by Wine's SCM, configured as a service is:
  # the log sink in HKLM\SOFTWARE\logonshim, the faults in the system
  # environment (HKLM\...\Session Manager\Environment), which services.exe
  # reads when it starts — so the prefix's wineserver is restarted after the
  # change and after the clean-up. The unpatched service under the same
  # configuration is the control: no fault seen, nothing logged.
  tool_exe=${2:?TOOL} plain=${3:?PLAIN_SERVICE} hookdir=${4:?HOOK_DIR} jq=${5:?JQ} prefix=${6:?PREFIX}
  wine_setup "$tool_exe" /dev/null "$tmp/psvc" "${@:7}"
  rm -f "$d/lgs_patch_probe.dll"
  cp "$hookdir/logonshim-hook.dll" "$hookdir/logonshim.dll" "$d/"
  cp "$plain" "$d/plain.exe"
  win_d="Z:${d//\//\\}"
  name=lgs-plain-service
  senv='HKLM\System\CurrentControlSet\Control\Session Manager\Environment'
  faults="LogonUserW=1366;QuerySecurityPackageInfoW=SEC_E_INSUFFICIENT_MEMORY"
  # Stops the prefix's server and starts a persistent one again, as
  # toolchain/wine-prefix.sh does for the tests after this one.
  wine_restart() {
    WINEPREFIX=$prefix wineserver -k 2>/dev/null
    WINEPREFIX=$prefix wineserver -w 2>/dev/null
    WINEPREFIX=$prefix wineserver -p60 </dev/null >/dev/null 2>&1
    true
  }
  reg() { "${emu[@]}" reg "$@" >>"$tmp/reg.out" 2>&1; }
  unconfigure() {
    "${emu[@]}" sc stop "$name" >/dev/null 2>&1
    "${emu[@]}" sc delete "$name" >/dev/null 2>&1
    reg delete "$senv" /v LOGONSHIM_FAULTS /f
    reg delete 'HKLM\SOFTWARE\logonshim\log' /f
    wine_restart
  }
  trap 'unconfigure; rm -rf "$tmp"' EXIT
  run "$d/plain.exe" "$d/plain-p.exe"
  check "plain service: patched with the default hook DLL" said 0 "imports logonshim-hook.dll!lgs_hook_anchor"
  unconfigure
  reg add 'HKLM\SOFTWARE\logonshim\log' /v jsonl.path /t REG_SZ /d "$win_d\\shim.jsonl" /f
  reg add 'HKLM\SOFTWARE\logonshim\log' /v sinks /t REG_SZ /d jsonl /f
  reg add "$senv" /v LOGONSHIM_FAULTS /t REG_SZ /d "$faults" /f
  check "plain service: configured in the registry" test "$(grep -c 'completed successfully' "$tmp/reg.out")" -ge 3
  wine_restart
  # One run of the service, $1 the executable: its log in $tmp/$1.log.
  serve() {
    local exe=$1
    rm -f "$d/plain_service.log" "$d/shim.jsonl"
    "${emu[@]}" sc create "$name" binpath= "$win_d\\$exe" >"$tmp/create.out" 2>&1
    check "$exe: created" test $? -eq 0
    "${emu[@]}" sc start "$name" >"$tmp/start.out" 2>&1
    check "$exe: sc start" test $? -eq 0
    for _ in $(seq 1 150); do grep -q '^running' "$d/plain_service.log" 2>/dev/null && break; sleep 0.1; done
    check "$exe: the SCM-started service reaches running" grep -q '^running' "$d/plain_service.log"
    "${emu[@]}" sc stop "$name" >"$tmp/stop.out" 2>&1
    for _ in $(seq 1 150); do grep -q '^stopped' "$d/plain_service.log" 2>/dev/null && break; sleep 0.1; done
    check "$exe: and stops" grep -q '^stopped' "$d/plain_service.log"
    sleep 0.5
    "${emu[@]}" sc delete "$name" >"$tmp/delete.out" 2>&1
    check "$exe: and is deleted" test $? -eq 0
    tr -d '\r' <"$d/plain_service.log" >"$tmp/$exe.log"
    cp "$d/shim.jsonl" "$tmp/$exe.jsonl" 2>/dev/null || : >"$tmp/$exe.jsonl"
  }
  records() { "$jq" -c ".attributes | select($2)" "$tmp/$1.jsonl" | wc -l; }
  serve plain.exe
  check "unpatched: LogonUserW succeeds (Wine's stub), no fault seen" grep -qx 'LogonUserW ok' "$tmp/plain.exe.log"
  check "unpatched: QuerySecurityPackageInfoW sees no injected fault" \
    grep -qx 'QuerySecurityPackageInfoW 0x00000000' "$tmp/plain.exe.log"
  check "unpatched: nothing logged" test ! -s "$tmp/plain.exe.jsonl"
  serve plain-p.exe
  check "patched: LogonUserW recovered" grep -qx 'LogonUserW ok' "$tmp/plain-p.exe.log"
  check "patched: QuerySecurityPackageInfoW recovered" grep -qx 'QuerySecurityPackageInfoW 0x00000000' "$tmp/plain-p.exe.log"
  parses() { "$jq" -e . "$1" >/dev/null; }
  check "patched: the records are JSON lines" parses "$tmp/plain-p.exe.jsonl"
  check "patched: the injected 1366 retried" test "$(records plain-p.exe '.["logonshim.kind"] == "attempt" and
    .["logonshim.api"] == "LogonUserW" and .["logonshim.code.value"] == 1366 and .["logonshim.decision"] == "retry"')" -eq 1
  check "patched: LogonUserW recovered (record)" test "$(records plain-p.exe '.["logonshim.kind"] == "outcome" and
    .["logonshim.api"] == "LogonUserW" and .["logonshim.decision"] == "recovered"')" -eq 1
  check "patched: QuerySecurityPackageInfoW recovered (record)" test "$(records plain-p.exe '.["logonshim.kind"] == "outcome" and
    .["logonshim.api"] == "QuerySecurityPackageInfoW" and .["logonshim.decision"] == "recovered"')" -eq 1
  [[ $failed -eq 0 ]] || { for f in "$tmp"/*.log "$tmp"/*.jsonl "$tmp"/*.out; do echo "--- $f"; cat "$f"; done; }
else
  echo "patch_test.sh: unknown mode $mode" >&2
  exit 2
fi
echo "patch: $passed passed, $failed failed"
((failed == 0))
