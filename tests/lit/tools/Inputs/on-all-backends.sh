#!/usr/bin/env bash
# Runs a model with `kiln run` on the interpreter, the JIT and an AOT library
# (same seed) and fails unless all three exit with the same status, print
# the same diagnostics and, when they succeed, write the same outputs (same
# names, dtypes and shapes; values within 1e-5). Then prints the status, the
# interpreter's stderr and its output lines, for FileCheck.
# Usage: on-all-backends.sh COMPARE_NPY MODEL WORKDIR [kiln run options...]
set -u
compare=$1 model=$2 work=$3
shift 3
rm -rf "$work" && mkdir -p "$work"
for b in interp jit aot; do
  kiln run "$model" --backend=$b --seed 5 --output-dir "$work/$b" "$@" \
    > "$work/$b.out" 2> "$work/$b.err"
  echo $? > "$work/$b.rc"
done
for b in jit aot; do
  if ! cmp -s "$work/interp.rc" "$work/$b.rc"; then
    echo "exit status: interp $(cat "$work/interp.rc"), $b $(cat "$work/$b.rc")"
    cat "$work/interp.err" "$work/$b.err"
    exit 1
  fi
  if ! diff "$work/interp.err" "$work/$b.err" > "$work/diff"; then
    echo "stderr differs between interp and $b:"
    cat "$work/diff"
    exit 1
  fi
  if [ "$(cat "$work/interp.rc")" = 0 ] &&
      ! python3 "$compare" "$work/interp" "$work/$b" --atol 1e-5 --rtol 1e-5 \
        > "$work/compare"; then
    echo "outputs differ between interp and $b:"
    cat "$work/compare"
    exit 1
  fi
done
echo "status $(cat "$work/interp.rc")"
cat "$work/interp.err"
sed -n '/^outputs/,/^time/p' "$work/interp.out" | grep -v '^time' |
  sed 's/  -> .*//'
