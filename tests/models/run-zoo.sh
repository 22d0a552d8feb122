#!/usr/bin/env bash
# Generates the zoo models of one size (small or full) and checks that each
# imports, inspects, prints its IR and runs on the interpreter with finite
# outputs written as .npy files.
# With KILN_ZOO_MODELS set, the models are read from that folder (ctest's
# zoo-models-full fixture writes them once for the three full-size tests).
# Usage: run-zoo.sh KILN_ZOO KILN WORKDIR small|full
set -u
zoo=$1 kiln=$2 work=$3 size=$4
mkdir -p "$work"
models=${KILN_ZOO_MODELS:-$work}
if [ -z "${KILN_ZOO_MODELS:-}" ]; then
  "$zoo" "all-$size" -o "$work" > /dev/null || { echo "kiln-zoo failed"; exit 1; }
fi
passed=0 failed=0
for model in $("$zoo" --list | awk -v s="$size" '$2 == s {print $1}'); do
  f="$models/$model.onnx" out="$work/out-$model"
  rm -rf "$out"
  ok=1
  "$kiln" inspect "$f" > "$work/$model.inspect" 2>&1 || ok=0
  grep -q "unsupported none" "$work/$model.inspect" || ok=0
  "$kiln" compile "$f" --emit=kiln -o "$work/$model.mlir" 2> "$work/$model.err" || ok=0
  "$kiln" run "$f" --output-dir "$out" > "$work/$model.run" 2>> "$work/$model.err" || ok=0
  grep -qE '(^| )-?(nan|inf)( |$)|NaN' "$work/$model.run" && ok=0
  [ -n "$(ls "$out"/*.npy 2>/dev/null)" ] || ok=0
  if [ $ok -eq 1 ]; then
    passed=$((passed + 1))
    echo "PASS $model: $(grep '^time' "$work/$model.run")"
  else
    failed=$((failed + 1))
    echo "FAIL $model"; cat "$work/$model.err" "$work/$model.run" | head -10
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
