#!/usr/bin/env bash
# kiln-zoo's matmul-MxNxK models (bench/ort-compare.sh's gemm set): one is
# written with the shapes its name gives, byte-identical for a seed, and runs
# on the JIT as on the interpreter; names out of range are refused with an
# error and write nothing.
# Usage: zoo-matmul.sh KILN_ZOO KILN WORKDIR
set -u
zoo=$1 kiln=$2 work=$3
rm -rf "$work"
mkdir -p "$work/a" "$work/b"
failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

"$zoo" --list | grep -q '^matmul-MxNxK' || fail "--list does not name matmul-MxNxK"

# A shape no kernel rounds to (M past one register tile with a tail, N not
# a whole vector, K odd), and a matrix-vector product.
"$zoo" matmul-13x40x33 matmul-1x17x5 -o "$work/a" > /dev/null || fail "kiln-zoo exit $?"
"$zoo" matmul-13x40x33 -o "$work/b" > /dev/null || fail "kiln-zoo exit $?"
cmp -s "$work/a/matmul-13x40x33.onnx" "$work/b/matmul-13x40x33.onnx" ||
  fail "two writes of one seed differ"
"$zoo" --seed 2 matmul-13x40x33 -o "$work/b" > /dev/null || fail "kiln-zoo exit $?"
cmp -s "$work/a/matmul-13x40x33.onnx" "$work/b/matmul-13x40x33.onnx" &&
  fail "seeds 1 and 2 wrote the same weights"

check_shapes() { # MODEL A_DIMS Y_DIMS
  local out
  out=$("$kiln" inspect "$work/a/$1.onnx") || { fail "$1: inspect"; return; }
  echo "$out" | grep -qE "^  A +$2 f32$" || fail "$1: input is not A $2 f32"
  echo "$out" | grep -qE "^  Y +$3 f32$" || fail "$1: output is not Y $3 f32"
  echo "$out" | grep -qE "^ +MatMul +1$" || fail "$1: not one MatMul"
}
check_shapes matmul-13x40x33 13x33 13x40
check_shapes matmul-1x17x5 1x5 1x17
for m in matmul-13x40x33 matmul-1x17x5; do
  "$kiln" compare "$work/a/$m.onnx" --runs 1 > "$work/$m.compare" 2>&1 ||
    { fail "$m: kiln compare"; tail -5 "$work/$m.compare"; }
done

for bad in matmul-0x4x4 matmul-4x4 matmul-4x4x4x4 matmul-4x4x4junk \
  matmul--4x4x4 matmul-1048577x1x1 matmul-99999999999999999999x1x1 \
  matmul-65536x65536x2 matmul-1x32768x16384; do
  err=$("$zoo" "$bad" -o "$work/bad" 2>&1 > /dev/null)
  rc=$?
  [ $rc -eq 1 ] || fail "$bad: exit $rc, expected 1"
  echo "$err" | grep -q "bad matmul model '$bad'" || fail "$bad: message '$err'"
  [ -z "$(ls "$work/bad" 2>/dev/null)" ] || fail "$bad: wrote $(ls "$work/bad")"
done

if [ $failed -eq 0 ]; then echo "zoo-matmul: all checks passed"; fi
[ $failed -eq 0 ]
