#!/usr/bin/env bash
# Runs `kiln run` and `kiln inspect` on every file of the malformed-model
# corpus (written by `kiln-zoo malformed`). Each must exit with status 1 (not
# a signal), print exactly one line on stderr containing every expected
# substring of MANIFEST (case-insensitive), and write no output file.
# Usage: run-corpus.sh KILN_ZOO KILN WORKDIR
set -u
zoo=$1 kiln=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
"$zoo" malformed -o "$work/corpus" > /dev/null || { echo "kiln-zoo failed"; exit 1; }
passed=0 failed=0
check() { # case command...
  local name=$1; shift
  local err="$work/stderr" out="$work/out-$name"
  "$@" > /dev/null 2> "$err"
  local rc=$?
  local problems=""
  if [ $rc -ge 128 ]; then problems+=" killed by signal $((rc - 128));"
  elif [ $rc -ne 1 ]; then problems+=" exit status $rc (expected 1);"; fi
  local lines; lines=$(wc -l < "$err")
  [ "$lines" -eq 1 ] || problems+=" $lines lines on stderr (expected 1);"
  IFS=$'\t' read -r -a want <<< "$expect"
  for w in "${want[@]}"; do
    grep -qiF -- "$w" "$err" || problems+=" message lacks '$w';"
  done
  if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
    problems+=" wrote outputs;"
  fi
  if [ -z "$problems" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name ($*):$problems"
    sed 's/^/    /' "$err" | head -5
  fi
}
while IFS=$'\t' read -r file rest; do
  [ -z "$file" ] && continue
  expect=$rest
  check "${file%.onnx}-run" "$kiln" run "$work/corpus/$file" --output-dir "$work/out-${file%.onnx}-run"
  check "${file%.onnx}-inspect" "$kiln" inspect "$work/corpus/$file"
done < "$work/corpus/MANIFEST"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
