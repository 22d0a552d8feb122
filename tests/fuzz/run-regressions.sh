#!/usr/bin/env bash
# Replays the inputs on which the loader fuzzer once found a crash, a
# sanitizer report, a hang or a leak (under a sanitizer build of kiln, the
# bugs themselves are checked again):
#   regressions/*.onnx        invalid models: `kiln inspect` and `kiln compile
#                             --emit=kiln` must refuse each cleanly, exit
#                             status 1 (not a signal) and one line on stderr
#                             starting "kiln: error:";
#   regressions/valid/*.onnx  models Kiln imports (the bug was further on):
#                             `kiln inspect` and `kiln compile
#                             --emit=optimized` (import, shape inference and
#                             the graph passes) must succeed.
# Usage: run-regressions.sh KILN REGRESSIONS_DIR WORKDIR
set -u
kiln=$1 dir=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
passed=0 failed=0
check() { # name expected-status command...
  local name=$1 want=$2; shift 2
  local err="$work/stderr"
  timeout 60 "$@" > /dev/null 2> "$err"
  local rc=$? problems=""
  if [ $rc -eq 124 ]; then problems+=" timed out after 60 s;"
  elif [ $rc -ge 128 ]; then problems+=" killed by signal $((rc - 128));"
  elif [ $rc -ne "$want" ]; then problems+=" exit status $rc (expected $want);"; fi
  if [ "$want" -eq 1 ]; then
    local lines; lines=$(wc -l < "$err")
    [ "$lines" -eq 1 ] || problems+=" $lines lines on stderr (expected 1);"
    grep -q '^kiln: error: ' "$err" || problems+=" no 'kiln: error:' line;"
  fi
  if [ -z "$problems" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name:$problems"
    head -5 "$err" | sed 's/^/    /'
  fi
}
shopt -s nullglob
invalid=("$dir"/*.onnx) valid=("$dir"/valid/*.onnx)
[ $((${#invalid[@]} + ${#valid[@]})) -gt 0 ] || { echo "no inputs in $dir"; exit 1; }
for f in "${invalid[@]}"; do
  name=$(basename "$f" .onnx)
  check "$name-inspect" 1 "$kiln" inspect "$f"
  check "$name-compile" 1 "$kiln" compile "$f" --emit=kiln -o "$work/$name.mlir"
  [ -e "$work/$name.mlir" ] && { echo "FAIL $name-compile: wrote $work/$name.mlir"; failed=$((failed + 1)); }
done
for f in "${valid[@]}"; do
  name=$(basename "$f" .onnx)
  check "valid/$name-inspect" 0 "$kiln" inspect "$f"
  check "valid/$name-compile" 0 "$kiln" compile "$f" --emit=optimized -o "$work/$name.mlir"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
