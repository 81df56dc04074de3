#!/usr/bin/env bash
# readme_test.sh — the README's classes table is what the code says: the block
# between <!-- classes:begin --> and <!-- classes:end --> must equal
# `logonshim-explain --list --markdown`. Regenerate it with
#   bash tests/readme_test.sh --update build/native/examples/logonshim-explain
# Usage: readme_test.sh [--update] EXPLAIN
set -u
update=0
[[ ${1:-} == --update ]] && { update=1; shift; }
explain=$1
here=$(cd "$(dirname "$0")" && pwd)
readme=$here/../README.md
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$explain" --list --markdown | tr -d '\r' >"$tmp/table" || { echo "readme: 0 passed, 1 failed"; exit 1; }
awk '/<!-- classes:begin -->/{f=1; next} /<!-- classes:end -->/{f=0} f' "$readme" >"$tmp/current"
if ((update)); then
  awk -v t="$tmp/table" '/<!-- classes:begin -->/{print; while ((getline l < t) > 0) print l; skip=1; next}
                        /<!-- classes:end -->/{skip=0} !skip' "$readme" >"$tmp/new" && cp "$tmp/new" "$readme"
  echo "README.md updated"; exit 0
fi
if [[ $(wc -l <"$tmp/table") -lt 18 ]]; then
  echo "FAIL: the generated table is too short"; echo "readme: 0 passed, 1 failed"; exit 1
fi
if diff -u "$tmp/current" "$tmp/table"; then
  echo "readme: 1 passed, 0 failed"
else
  echo "FAIL: README.md's classes table is stale; run: bash tests/readme_test.sh --update $explain"
  echo "readme: 0 passed, 1 failed"; exit 1
fi
