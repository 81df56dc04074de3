#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds logonshim for
# Windows and runs the demo under Wine: real SSPI calls through Wine's
# secur32, each result explained by the catalogue.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
bash toolchain/setup.sh
mkdir -p build
bash toolchain/build.sh mingw64 >/dev/null
bash toolchain/wine-prefix.sh "$repo/build/mingw64/wineprefix"
exec toolchain/wine-run.sh --prefix "$repo/build/mingw64/wineprefix" build/mingw64/examples/logonshim-demo.exe "$@"
