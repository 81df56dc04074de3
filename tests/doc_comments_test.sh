#!/usr/bin/env bash
# doc_comments_test.sh — every public function (LGS_API in include/logonshim)
# and every public type (typedef in the same headers) has a doc comment right
# above it: the line before the declaration closes a comment.
# Usage: doc_comments_test.sh INCLUDE_DIR
set -u
inc=$1
missing=0 checked=0
for h in "$inc"/logonshim/*.h; do
  out=$(awk -v file="$(basename "$h")" '
    { line[NR] = $0 }
    /^[[:space:]]*(LGS_API|typedef)[[:space:]]/ {
      checked++
      p = NR - 1
      while (p > 0 && line[p] ~ /^[[:space:]]*$/) p--
      if (line[p] !~ /\*\/[[:space:]]*$/) { printf "%s:%d: no doc comment: %s\n", file, NR, $0; missing++ }
    }
    END { printf "#%d %d\n", checked, missing }' "$h")
  echo "$out" | grep -v '^#'
  read -r c m < <(echo "$out" | sed -n 's/^#//p')
  checked=$((checked + c)); missing=$((missing + m))
done
echo "checked $checked public declarations, $missing without a doc comment"
if ((missing == 0 && checked > 50)); then
  echo "doc comments: 1 passed, 0 failed"
else
  echo "doc comments: 0 passed, 1 failed"; exit 1
fi
