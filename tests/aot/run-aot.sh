#!/usr/bin/env bash
# The AOT backend end to end. For tiny.onnx (tiny_model.py: ops that compile
# today) and every small zoo model:
#   1. kiln compile MODEL -o libNAME.so builds the library and header;
#   2. ldd shows no LLVM, MLIR, libstdc++ or oneTBB, and only NAME_* is
#      exported;
#   3. kiln run --backend=aot and --backend=interp, same seed, write .npy
#      outputs that agree within atol/rtol (compare_npy.py).
# Then, for each library, the example C program (examples/run_model.c)
# builds against its header, runs (plain and through a chunked
# parallel-for), and its outputs match kiln run on the inputs it saved. On
# tiny, --weights-file libraries load, and refuse missing, short, long,
# corrupt, foreign-format and foreign-build weights. Libraries with
# reference steps (mixed_model.py and conformance cases: GRU, LSTM, casts
# to f16) link libkiln-rt.so, which is copied beside them: ldd shows it and
# no LLVM, MLIR or oneTBB, the outputs
# match the interpreter, the folder still runs after a move, and a kernel's
# error comes out of NAME_run with its message. A fully compiled library
# never links libkiln-rt.so, and tiny and the zoo models must stay fully
# compiled: one that gains a reference step FAILS the ldd check. A model
# whose shapes depend on the data (NonZero) builds: its dynamic output comes
# back through kiln_dynamic_output, to kiln run and to the C example. tiny
# is also built for x86-64-v3 (the AVX2 kernels) and checked the same way,
# and a library for a CPU with features this one lacks is refused, by kiln
# run and by the library's own init.
# With SIZE full, only steps 1-3 and the C example (against the library, not
# again against the interpreter) run, on the full-size zoo models (ResNet-50,
# MobileNetV2, BERT-base), read from $KILN_ZOO_MODELS when set (ctest's
# zoo-models-full fixture), and the libraries (hundreds of MB: they hold the
# weights) are removed once every check passed.
# Usage: run-aot.sh KILN_ZOO KILN WORKDIR SOURCE_DIR [small|full]
set -u
zoo=$1 kiln=$2 work=$3 src=$4 size=${5:-small}
here=$src/tests/aot
cc=${CC:-cc}
atol=1e-4 rtol=1e-4
rm -rf "$work"
mkdir -p "$work"
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

mdir=$work
if [ "$size" = full ] && [ -n "${KILN_ZOO_MODELS:-}" ]; then
  mdir=$KILN_ZOO_MODELS
else
  "$zoo" "all-$size" -o "$work" > /dev/null || { echo "kiln-zoo failed"; exit 1; }
fi
models=$("$zoo" --list | awk -v s="$size" '$2 == s {print $1}')
if [ "$size" = small ]; then
  python3 "$here/tiny_model.py" "$work/tiny.onnx" || { echo "tiny_model.py failed"; exit 1; }
  models="tiny $models"
fi

# check_model NAME [COMPILE_FLAGS...]: steps 1-3.
check_model() {
  local m=$1 d=$work/$1
  local lib=$d/lib$m.so prefix=${1//-/_}
  shift
  mkdir -p "$d"
  if ! "$kiln" compile "$mdir/$m.onnx" -o "$lib" "$@" > "$d/compile.log" 2>&1; then
    fail "$m: kiln compile -o lib$m.so"; sed 's/^/    /' "$d/compile.log" | head -40
    return
  fi
  [ -f "$d/$m.h" ] || { fail "$m: no header $m.h"; return; }
  local deps
  deps=$(ldd "$lib" | grep -Ei 'llvm|mlir|stdc\+\+|tbb|kiln-rt')
  [ -z "$deps" ] || { fail "$m: library depends on: $deps"; return; }
  local exported
  exported=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v "^${prefix}_")
  [ -z "$exported" ] || { fail "$m: exports more than ${prefix}_*: $exported"; return; }
  "$kiln" run "$mdir/$m.onnx" --backend=interp --seed 7 --output-dir "$d/interp" \
    > "$d/interp.log" 2>&1 || { fail "$m: interp run"; cat "$d/interp.log"; return; }
  "$kiln" run "$lib" --seed 7 --runs 5 --output-dir "$d/aot" \
    > "$d/aot.log" 2>&1 || { fail "$m: aot run"; cat "$d/aot.log"; return; }
  if ! python3 "$here/compare_npy.py" "$d/interp" "$d/aot" --atol $atol --rtol $rtol \
      > "$d/compare.log"; then
    fail "$m: aot and interp outputs differ"; cat "$d/compare.log"; return
  fi
  pass "$m: $(grep '^backend' "$d/aot.log" | cut -c9-); $(grep '^time' "$d/aot.log" | cut -c9-)"
}
for m in $models; do check_model "$m"; done
# The AVX2 variant of the kernels (8 lanes, 16 registers), whatever the host.
if [ "$size" = small ]; then
  cp "$work/tiny.onnx" "$work/tiny-avx2.onnx"
  check_model tiny-avx2 --cpu=x86-64-v3
  models="$models tiny-avx2"
fi

# check_example NAME: the C example against libNAME.so, on the inputs it
# makes: plain and chunked runs agree exactly with each other and with kiln
# run on the same inputs, and (small models) with the interpreter within
# tolerance.
check_example() {
  local m=$1 d=$work/$1 ex=$work/$1/example prefix=${1//-/_}
  [ -f "$d/lib$m.so" ] || return # its failure is already reported
  mkdir -p "$ex"
  if ! "$cc" -std=c11 -O2 -Wall -Werror -I "$d" -DMODEL_HEADER="\"$m.h\"" \
      -DMODEL_PREFIX="$prefix" "$src/examples/run_model.c" -L "$d" -l"$m" \
      -Wl,-rpath,"$d" -o "$ex/run_model" 2> "$ex/cc.log"; then
    fail "$m: examples/run_model.c does not compile"; cat "$ex/cc.log"; return
  fi
  local ok=1 inputs="" f
  "$ex/run_model" --save "$ex/plain" > "$ex/plain.log" 2>&1 || ok=0
  "$ex/run_model" --chunks 3 --save "$ex/chunked" > "$ex/chunked.log" 2>&1 || ok=0
  for f in "$ex/plain/inputs"/*.npy; do
    inputs="$inputs --input $(basename "$f" .npy)=$f"
  done
  "$kiln" run "$d/lib$m.so" $inputs --output-dir "$ex/kiln" > "$ex/kiln.log" 2>&1 || ok=0
  python3 "$here/compare_npy.py" "$ex/kiln" "$ex/plain/outputs" --atol 0 --rtol 0 \
    > "$ex/compare.log" || ok=0
  python3 "$here/compare_npy.py" "$ex/plain/outputs" "$ex/chunked/outputs" --atol 0 --rtol 0 \
    >> "$ex/compare.log" || ok=0
  # The full-size models' interpreter runs take minutes (ResNet-50 ~2): there
  # the library met the interpreter in check_model, and the example meets the
  # library exactly.
  local also=""
  if [ "$size" = small ]; then
    "$kiln" run "$mdir/$m.onnx" --backend=interp $inputs --output-dir "$ex/interp" \
      > "$ex/interp.log" 2>&1 || ok=0
    python3 "$here/compare_npy.py" "$ex/interp" "$ex/plain/outputs" --atol $atol --rtol $rtol \
      >> "$ex/compare.log" || ok=0
    also=" and interp"
  fi
  if [ $ok -eq 1 ]; then
    pass "$m: examples/run_model.c runs; its $(grep -c '^output' "$ex/plain.log") outputs match kiln run$also"
  else
    fail "$m: examples/run_model.c"; cat "$ex"/*.log | head -40
  fi
}
for m in $models; do check_example "$m"; done
if [ "$size" = full ]; then
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || exit 1
  find "$work" -name 'lib*.so' -delete
  exit 0
fi

# Weights files, on tiny.
w=$work/weights
mkdir -p "$w"
if "$kiln" compile "$work/tiny.onnx" -o "$w/libtiny.so" --weights-file > "$w/compile.log" 2>&1 &&
    [ -f "$w/tiny.weights" ]; then
  ok=1
  d=$work/tiny
  "$kiln" run "$w/libtiny.so" --seed 7 --output-dir "$w/out" > "$w/run.log" 2>&1 || ok=0
  python3 "$here/compare_npy.py" "$d/interp" "$w/out" --atol $atol --rtol $rtol \
    > "$w/compare.log" || ok=0
  # expect_refusal WHAT TEXT: kiln run must fail, naming the problem.
  expect_refusal() {
    if "$kiln" run "$w/libtiny.so" > "$w/bad.log" 2>&1 || ! grep -q "$2" "$w/bad.log"; then
      ok=0; echo "    $1 weights: expected an error with '$2':"; cat "$w/bad.log"
    fi
  }
  cp "$w/tiny.weights" "$w/good"
  head -c 1000 "$w/good" > "$w/tiny.weights"; expect_refusal short "is truncated: expected"
  { cat "$w/good"; printf x; } > "$w/tiny.weights"; expect_refusal long "is too long: expected"
  cp "$w/good" "$w/tiny.weights"
  printf '\x55' | dd of="$w/tiny.weights" bs=1 seek=3000 conv=notrunc 2> /dev/null
  expect_refusal corrupt "is corrupt: its header gives the checksum"
  # A file of another Kiln build (its identity at bytes 24-40 of the header).
  cp "$w/good" "$w/tiny.weights"
  printf '0123456789abcdef' | dd of="$w/tiny.weights" bs=1 seek=24 conv=notrunc 2> /dev/null
  expect_refusal foreign "was written by Kiln build '0123456789abcdef', expected build '"
  cp "$w/good" "$w/tiny.weights"
  printf 'XXXXXXXX' | dd of="$w/tiny.weights" bs=1 seek=0 conv=notrunc 2> /dev/null
  expect_refusal foreign "is not a Kiln weights file: expected magic 'KILNWTS2', found 'XXXXXXXX'"
  rm "$w/tiny.weights"; expect_refusal missing "cannot be opened"
  # The example loads the weights file through tiny_init.
  if "$cc" -std=c11 -O2 -I "$w" -DMODEL_HEADER='"tiny.h"' -DMODEL_PREFIX=tiny \
      "$src/examples/run_model.c" -L "$w" -ltiny -Wl,-rpath,"$w" -o "$w/run_model" &&
      "$w/run_model" --weights "$w/good" --save "$w/example" > "$w/example.log" 2>&1; then
    python3 "$here/compare_npy.py" "$d/example/plain/outputs" "$w/example/outputs" \
      --atol 0 --rtol 0 > "$w/compare.log" || ok=0
  else
    ok=0; cat "$w/example.log"
  fi
  if [ $ok -eq 1 ]; then pass "weights file: loads (kiln run and the example), and refuses short, long, corrupt, foreign-build, foreign-format and missing files"
  else fail "weights file"; cat "$w/run.log" "$w/compare.log"; fi
else
  fail "kiln compile --weights-file"; cat "$w/compile.log"
fi

# A library for a CPU with features this one lacks: kiln run refuses it by
# name, and the C example's init gets KILN_ERR_CPU and the message, instead
# of an illegal instruction. The CPU is the first of the list that the JIT
# refuses here.
foreign=
for c in skylake-avx512 sapphirerapids diamondrapids; do
  if ! "$kiln" run "$work/tiny.onnx" --cpu=$c > /dev/null 2> "$work/jit-$c.log" &&
      grep -q "cannot run code for $c here: this CPU" "$work/jit-$c.log"; then
    foreign=$c
    break
  fi
done
if [ -z "$foreign" ]; then
  echo "SKIP foreign CPU: this CPU has every feature of skylake-avx512, sapphirerapids and diamondrapids"
else
  f=$work/foreign
  mkdir -p "$f"
  ok=1
  "$kiln" compile "$work/tiny.onnx" --cpu=$foreign -o "$f/libtiny.so" > "$f/compile.log" 2>&1 ||
    { ok=0; cat "$f/compile.log"; }
  if "$kiln" run "$f/libtiny.so" > "$f/run.log" 2>&1 ||
      ! grep -q "its kernels were compiled for $foreign and this CPU (.*) lacks" "$f/run.log"; then
    ok=0; echo "    kiln run did not refuse the library:"; cat "$f/run.log"
  fi
  if "$cc" -std=c11 -O2 -Wall -Werror -I "$f" -DMODEL_HEADER='"tiny.h"' -DMODEL_PREFIX=tiny \
      "$src/examples/run_model.c" -L "$f" -ltiny -Wl,-rpath,"$f" -o "$f/run_model" 2> "$f/cc.log"; then
    if "$f/run_model" > "$f/example.log" 2>&1 ||
        ! grep -q "init failed: the kernels were compiled for $foreign and this CPU lacks" "$f/example.log"; then
      ok=0; echo "    the example did not get KILN_ERR_CPU:"; cat "$f/example.log"
    fi
  else
    ok=0; cat "$f/cc.log"
  fi
  if [ $ok -eq 1 ]; then
    pass "foreign CPU: a library for $foreign is refused by kiln run and by its own init ($(grep -o 'lacks .*' "$f/example.log"))"
  else
    fail "foreign CPU ($foreign)"
  fi
fi

# Reference steps through libkiln-rt.so.
rt=$work/refsteps
mkdir -p "$rt"
node=/usr/share/libonnx-testdata/data/node
python3 "$here/mixed_model.py" "$rt/mixed.onnx" || fail "mixed_model.py"
for c in test_gru_defaults test_lstm_defaults test_cast_FLOAT_to_FLOAT16 \
    test_roialign_aligned_false; do
  cp "$node/$c/model.onnx" "$rt/$c.onnx"
done
# build_reference NAME: compiles $rt/NAME.onnx; checks the files and ldd.
build_reference() {
  local m=$1 d=$rt/$1 prefix=${1//-/_}
  local lib=$d/lib$m.so
  mkdir -p "$d"
  if ! "$kiln" compile "$rt/$m.onnx" -o "$lib" > "$d/compile.log" 2>&1; then
    fail "$m: kiln compile -o lib$m.so"; sed 's/^/    /' "$d/compile.log" | head -20
    return 1
  fi
  [ -f "$d/libkiln-rt.so" ] || { fail "$m: no libkiln-rt.so beside the library"; return 1; }
  grep -q 'libkiln-rt.so' "$d/$m.h" || { fail "$m: the header does not say it needs libkiln-rt.so"; return 1; }
  local deps
  deps=$(ldd "$lib")
  echo "$deps" | grep -q "libkiln-rt.so => $d/libkiln-rt.so" ||
    { fail "$m: ldd does not resolve libkiln-rt.so beside the library:"; echo "$deps"; return 1; }
  if echo "$deps" | grep -Eqi 'llvm|mlir|tbb'; then
    fail "$m: library depends on: $(echo "$deps" | grep -Ei 'llvm|mlir|tbb')"; return 1
  fi
  local exported
  exported=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v "^${prefix}_")
  [ -z "$exported" ] || { fail "$m: exports more than ${prefix}_*: $exported"; return 1; }
  exported=$(nm -D --defined-only "$d/libkiln-rt.so" | awk '{print $3}' | grep -v '^kiln_rt_')
  [ -z "$exported" ] || { fail "libkiln-rt.so exports more than kiln_rt_*: $exported"; return 1; }
}
# check_reference NAME: outputs match the interpreter, and again after the
# folder moves.
check_reference() {
  local m=$1 d=$rt/$1
  build_reference "$m" || return
  "$kiln" run "$rt/$m.onnx" --backend=interp --seed 7 --output-dir "$d/interp" \
    > "$d/interp.log" 2>&1 || { fail "$m: interp run"; cat "$d/interp.log"; return; }
  "$kiln" run "$d/lib$m.so" --seed 7 --output-dir "$d/aot" \
    > "$d/aot.log" 2>&1 || { fail "$m: aot run"; cat "$d/aot.log"; return; }
  python3 "$here/compare_npy.py" "$d/interp" "$d/aot" --atol $atol --rtol $rtol \
    > "$d/compare.log" || { fail "$m: aot and interp outputs differ"; cat "$d/compare.log"; return; }
  mv "$d" "$d.moved"
  local ok=1
  "$kiln" run "$d.moved/lib$m.so" --seed 7 --output-dir "$d.moved/again" \
    > "$d.moved/again.log" 2>&1 || ok=0
  python3 "$here/compare_npy.py" "$d.moved/aot" "$d.moved/again" --atol 0 --rtol 0 \
    > /dev/null 2>&1 || ok=0
  mv "$d.moved" "$d"
  [ $ok -eq 1 ] || { fail "$m: the library does not run after its folder moved"; cat "$d/again.log"; return; }
  pass "$m: $(grep -o '[0-9]* reference steps\?' "$d/compile.log") through libkiln-rt.so match interp, also after a move"
}
for m in mixed test_gru_defaults test_lstm_defaults test_cast_FLOAT_to_FLOAT16; do
  check_reference "$m"
done
# RoiAlign on random batch indices in [0, 10) with a batch of 1: the kernel
# fails, and kiln run reports its message through NAME_status_string.
m=test_roialign_aligned_false
if build_reference "$m"; then
  d=$rt/$m
  if "$kiln" run "$d/lib$m.so" --seed 7 > "$d/aot.log" 2>&1; then
    fail "$m: a run with out-of-range batch indices succeeded"
  elif ! grep -q "kiln.roi_align" "$d/aot.log"; then
    fail "$m: the kernel's error does not reach kiln run"; cat "$d/aot.log"
  else
    pass "$m: a kernel error comes out of the library: $(grep -o 'failed.*' "$d/aot.log" | head -c 200)"
  fi
fi

# Shapes that depend on the data (mixed_model.py --nonzero): NonZero's 2 x n
# result is a model output the library allocates (kiln_dynamic_output) and
# is also read by a Cast whose dynamic result is freed after ReduceSum reads
# it. kiln run matches the interpreter, the header says which output is
# dynamic, and examples/run_model.c gets the right shape through the struct
# (check_example: its outputs match kiln run and the interpreter).
python3 "$here/mixed_model.py" "$rt/nonzero.onnx" --nonzero || fail "mixed_model.py --nonzero"
check_reference nonzero
d=$rt/nonzero
if [ -f "$d/libnonzero.so" ]; then
  if grep -q '^#define NONZERO_OUTPUT0_DYNAMIC 1$' "$d/nonzero.h" &&
      grep -q '^#define NONZERO_OUTPUT1_DYNAMIC 0$' "$d/nonzero.h" &&
      grep -q 'nonzero_output0_shape\[2\] = {2, -1}' "$d/nonzero.h"; then
    pass "nonzero: the header marks output 0 dynamic (2 x -1) and output 1 static"
  else
    fail "nonzero: the header does not describe the dynamic output"; grep -n 'OUTPUT' "$d/nonzero.h"
  fi
  cp "$rt/nonzero.onnx" "$work/nonzero.onnx"
  mkdir -p "$work/nonzero"
  cp "$d"/libnonzero.so "$d"/nonzero.h "$d"/libkiln-rt.so "$work/nonzero/"
  check_example nonzero
  grep -q '^output y \[2x[0-9]*\]' "$work/nonzero/example/plain.log" ||
    fail "nonzero: run_model.c does not print y's run-time shape"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
