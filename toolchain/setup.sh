#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test logonshim:
# Debian packages (only the missing ones, through apt-get, as root) and, once,
# CUnit built for mingw-w64 from Debian's source package. Idempotent: a second
# run finds everything in place and does nothing.
#
# Usage: toolchain/setup.sh
# Env:   LGS_CACHE   where the mingw CUnit builds go (default: <repo>/.cache)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
cache=${LGS_CACHE:-$repo/.cache}

pkgs=(gcc make cmake libcunit1-dev jq dpkg-dev pkg-config
      gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 binutils-mingw-w64-x86-64
      binutils-mingw-w64-i686 mingw-w64-common mingw-w64-x86-64-dev mingw-w64-i686-dev
      wine wine64 clang
      krb5-kdc krb5-admin-server krb5-user)
# (The MIT KDC packages: tests/kdc/ runs a throwaway realm on loopback for
# the integration tests and the demo. --krb5 is still accepted.)
# Hardening: clang with its sanitizer and libFuzzer runtimes, and
# the static analysers toolchain/lint.sh runs.
pkgs+=(clang libclang-rt-14-dev cppcheck clang-tidy)
# tests/headers_test.sh compiles every public header alone as C++ too, for
# the Windows target as well.
pkgs+=(g++ g++-mingw-w64-x86-64)
# MSVC-style consumers: llvm-dlltool makes the MSVC import libraries,
# clang --target=*-windows-msvc and lld-link build the consumer test.
# C++ consumers for both Windows targets.
pkgs+=(llvm lld g++-mingw-w64-i686)
# The outage chart (tests/bench/outage_chart.sh) draws its SVG with gnuplot.
pkgs+=(gnuplot-nox)
# NTLM under Wine: Wine's NTLM (and Negotiate's fallback to it) runs Samba's
# ntlm_auth, which Debian ships in winbind. Without it NTLM is absent and the
# tests that compare NTLM handshakes skip their NTLM half.
pkgs+=(winbind)
# 32-bit Windows programs under Wine: Debian's wine32 is an i386 package, so
# the i386 architecture is added first (only when missing: a second run
# does nothing). Only where the kernel runs 32-bit programs: elsewhere
# wine32 would break every Wine run, 64-bit ones included
# (toolchain/wine32.sh says why), and the i686 tests are not run.
if why=$(bash "$here/wine32.sh" --kernel); then
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    echo "setup: adding the i386 architecture for wine32"
    if [[ $(id -u) -eq 0 ]]; then dpkg --add-architecture i386; else sudo dpkg --add-architecture i386; fi
    force_update=1
  fi
  pkgs+=(wine32:i386)
else
  echo "setup: not installing wine32:i386: $why"
fi

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

apt_updated=0
if ((${#missing[@]} || ${force_update:-0})); then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  apt_updated=1
  # The KDC packages ask questions on install; nothing here can answer them.
  # winbind's install starts the winbindd daemon (and fails where it cannot
  # start, as in a container without a configured domain); the tests need
  # only its ntlm_auth program, so no service is started during the install:
  # a policy-rc.d that refuses every start is in place for it, unless the
  # machine has one of its own.
  if ((${#missing[@]})); then
    policy=/usr/sbin/policy-rc.d own_policy=0
    if [[ ! -e $policy ]]; then
      printf '#!/bin/sh\n# toolchain/setup.sh: no service starts while it installs packages\nexit 101\n' \
        | as_root tee "$policy" >/dev/null
      as_root chmod 755 "$policy"
      own_policy=1
    fi
    rc=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || rc=$?
    if ((own_policy)); then as_root rm -f "$policy"; fi
    ((rc == 0)) || exit "$rc"
  fi
fi

# CUnit for mingw: Debian ships only the native library, so build the
# Framework, Basic and Automated sources from Debian's source package.
build_cunit() {
  local triple=$1 out=$cache/cunit-$1
  if [[ -f $out/lib/libcunit.a && -f $out/include/CUnit/CUnit.h ]]; then
    return 0
  fi
  local src
  src=$(ls -d "$cache"/src/cunit-*/ 2>/dev/null | head -n1 || true)
  if [[ -z $src ]]; then
    local list=/etc/apt/sources.list.d/logonshim-deb-src.sources
    if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
      echo "setup: adding a deb-src entry for bookworm ($list)"
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        | as_root tee "$list" >/dev/null
      apt_updated=0
    fi
    if ((apt_updated == 0)); then as_root apt-get update -qq; apt_updated=1; fi
    mkdir -p "$cache/src"
    (cd "$cache/src" && apt-get source -qq cunit >/dev/null 2>&1)
    src=$(ls -d "$cache"/src/cunit-*/ | head -n1)
  fi
  echo "setup: building CUnit for $triple from $src"
  local obj=$out/obj
  rm -rf "$out"; mkdir -p "$obj" "$out/lib" "$out/include/CUnit"
  # The source package ships CUnit.h already generated; the headers are
  # used as they are.
  cp "$src"/CUnit/Headers/*.h "$out/include/CUnit/"
  local f
  for f in "$src"/CUnit/Sources/Framework/*.c "$src"/CUnit/Sources/Basic/*.c "$src"/CUnit/Sources/Automated/*.c; do
    "$triple-gcc" -O2 -w -I"$out/include" -I"$out/include/CUnit" -c "$f" -o "$obj/$(basename "${f%.c}").o"
  done
  "$triple-ar" rcs "$out/lib/libcunit.a" "$obj"/*.o
  rm -rf "$obj"
}

build_cunit x86_64-w64-mingw32
build_cunit i686-w64-mingw32
echo "setup: ready (CUnit for mingw in $cache)"
