#!/usr/bin/env bash
# Answers whether this machine can run 32-bit Windows programs under Wine,
# for setup.sh (install wine32:i386 or not), the i686 toolchain file
# (register the Wine tests or not) and test.sh (run the i686 stage or only
# build it).
#
# Two things must hold. The kernel must run 32-bit x86 programs: some
# kernels are built or booted without IA-32 emulation ("32-bit emulation
# disabled. You can reenable with ia32_emulation=on" in dmesg), and there
# wine32:i386 does worse than nothing: Debian's /usr/bin/wine prefers the
# 32-bit loader whenever it is installed, so every Wine run, 64-bit ones
# included, fails with "Exec format error". And wine32:i386 must be
# installed (its loader is /usr/lib/wine/wine).
#
# Usage: wine32.sh [--kernel]   exit 0: yes; 1: no, with the reason on stdout
#        --kernel checks the kernel only (before wine32 is installed).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The smallest i386 ELF program: one PT_LOAD segment whose code is
# exit(0) through int 0x80 (mov eax,1; mov ebx,0; int 0x80). No 32-bit
# compiler or library is needed to build it, so it asks the kernel alone.
printf '\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00'`
      `'\x02\x00\x03\x00\x01\x00\x00\x00\x54\x80\x04\x08\x34\x00\x00\x00'`
      `'\x00\x00\x00\x00\x00\x00\x00\x00\x34\x00\x20\x00\x01\x00\x00\x00'`
      `'\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x80\x04\x08'`
      `'\x00\x80\x04\x08\x60\x00\x00\x00\x60\x00\x00\x00\x05\x00\x00\x00'`
      `'\x00\x10\x00\x00\xb8\x01\x00\x00\x00\xbb\x00\x00\x00\x00\xcd\x80' >"$tmp/probe"
chmod +x "$tmp/probe"
if ! "$tmp/probe" 2>/dev/null; then
  echo "this kernel runs no 32-bit x86 programs (IA-32 emulation off: boot with ia32_emulation=on)"
  exit 1
fi
[[ ${1:-} == --kernel ]] && exit 0
if [[ ! -x /usr/lib/wine/wine ]]; then
  echo "wine32:i386 is not installed (toolchain/setup.sh installs it)"
  exit 1
fi
exit 0
