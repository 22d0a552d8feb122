#!/usr/bin/env bash
# The installed package, used the way a user would (ctest `install`):
#   1. `cmake --install BUILD --prefix W/prefix` (copies what is built);
#      the files a user needs are there, libkiln.so exports only kiln_*,
#      and the installed kiln builds an AOT library that needs the
#      installed libkiln-rt.so;
#   2. examples/capi, a fresh CMake project, finds the package with
#      -DCMAKE_PREFIX_PATH=W/prefix alone, builds and runs on tiny.onnx;
#      the installed `kiln run` on the same inputs writes the same outputs
#      (and the same summary lines); on the interpreter they agree within
#      tolerance;
#   3. the example built again with `pkg-config --cflags --libs kiln` alone
#      prints the same; tests/install/capi_errors.c checks the C API's
#      errors (statuses and messages) against the installed library;
#   4. tests/install/capi_shapes.c runs kiln-zoo's mlp-dynamic (input
#      [batch, 784]) through the C API at batches 1, 3 and 1 against the
#      interpreter.
# Usage: run-install-test.sh CMAKE BUILD_DIR SOURCE_DIR WORK_DIR
set -uo pipefail
cmake=$1 build=$2 src=$3 w=$4
model=$src/tests/golden/tiny.onnx
rm -rf "$w" && mkdir -p "$w"
# The JIT's caches stay in the work folder.
export XDG_CACHE_HOME=$w/cache
status=0
fail() { echo "FAIL: $*"; status=1; }
pass() { echo "ok:   $*"; }

# 1. Install.
if ! "$cmake" --install "$build" --prefix "$w/prefix" > "$w/install.log" 2>&1; then
  cat "$w/install.log"; echo "FAIL: cmake --install"; exit 1
fi
p=$w/prefix
for f in bin/kiln lib/libkiln.so lib/libkiln-rt.so include/kiln/kiln.h \
    include/kiln/runtime/kiln_rt.h lib/cmake/Kiln/KilnConfig.cmake \
    lib/cmake/Kiln/KilnConfigVersion.cmake lib/cmake/Kiln/KilnTargets.cmake \
    lib/pkgconfig/kiln.pc; do
  [ -e "$p/$f" ] || fail "cmake --install did not write $f"
done
nm -D --defined-only "$p/lib/libkiln.so" | awk '{print $3}' | grep -v '^$' > "$w/exports.txt"
if grep -qv '^kiln_' "$w/exports.txt"; then
  fail "libkiln.so exports more than kiln_*: $(grep -v '^kiln_' "$w/exports.txt" | head -5 | tr '\n' ' ')"
else
  pass "libkiln.so exports $(wc -l < "$w/exports.txt") symbols, all kiln_*"
fi

# The installed tool builds an AOT library with a reference step (NonZero),
# which needs the installed libkiln-rt.so copied beside it, and runs it.
nz=/usr/share/libonnx-testdata/data/node/test_nonzero_example/model.onnx
if "$p/bin/kiln" compile "$nz" -o "$w/aot/libnonzero.so" > "$w/aot.log" 2>&1 &&
    [ -e "$w/aot/libkiln-rt.so" ] &&
    "$p/bin/kiln" run "$w/aot/libnonzero.so" --runs 1 >> "$w/aot.log" 2>&1; then
  pass "the installed kiln builds and runs an AOT library with a reference step"
else
  cat "$w/aot.log"; fail "the installed kiln compile -o (reference step)"
fi

# 2. The example, a project of its own, against the installed package only.
if "$cmake" -S "$src/examples/capi" -B "$w/example" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$p" > "$w/example.log" 2>&1 &&
    "$cmake" --build "$w/example" >> "$w/example.log" 2>&1; then
  pass "examples/capi configured (find_package(Kiln)) and built"
else
  cat "$w/example.log"; echo "FAIL: examples/capi does not build"; exit 1
fi
ex=$w/example/run_model
if "$ex" "$model" --threads 2 --seed 7 --save "$w/jit" > "$w/jit.log" 2>&1; then
  cat "$w/jit.log"
else
  cat "$w/jit.log"; echo "FAIL: run_model on the JIT"; exit 1
fi
inputs=""
for f in "$w/jit/inputs"/*.npy; do inputs="$inputs --input $(basename "$f" .npy)=$f"; done
# shellcheck disable=SC2086
if "$p/bin/kiln" run "$model" $inputs --threads 2 --runs 1 \
    --output-dir "$w/kiln" > "$w/kiln.log" 2>&1; then
  pass "the installed kiln runs the example's inputs"
else
  cat "$w/kiln.log"; fail "the installed kiln run"
fi
if python3 "$src/tests/aot/compare_npy.py" "$w/kiln" "$w/jit/outputs" \
    --atol 0 --rtol 0 > "$w/compare.log" 2>&1; then
  pass "run_model's outputs are kiln run's, bit for bit"
else
  cat "$w/compare.log"; fail "run_model and kiln run differ"
fi
# The summary lines of the outputs: "  g  1x8x16x16 f32  min ...  max ...".
grep -E '^  [^ ]+  [0-9x]+ [a-z0-9]+  (min|empty)' "$w/kiln.log" \
  | sed 's/  -> .*//' > "$w/kiln.stats"
grep -E '^  [^ ]+  [0-9x]+ [a-z0-9]+  (min|empty)' "$w/jit.log" > "$w/jit.stats"
if [ -s "$w/jit.stats" ] && diff "$w/kiln.stats" "$w/jit.stats" > "$w/stats.diff"; then
  pass "run_model prints the output statistics kiln run prints"
else
  cat "$w/stats.diff"; fail "run_model's statistics are not kiln run's"
fi
if "$ex" "$model" --backend interp --seed 7 --save "$w/interp" > "$w/interp.log" 2>&1 &&
    python3 "$src/tests/aot/compare_npy.py" "$w/interp/outputs" "$w/jit/outputs" \
      --atol 1e-4 --rtol 1e-3 > "$w/compare-interp.log" 2>&1; then
  pass "run_model on the interpreter agrees with the JIT"
else
  cat "$w/interp.log" "$w/compare-interp.log"; fail "run_model --backend interp"
fi
if "$ex" /nonexistent.onnx > "$w/missing.log" 2>&1; then
  fail "run_model on a missing model succeeded"
elif grep -qx "run_model: /nonexistent.onnx: cannot open model file: no such file" "$w/missing.log"; then
  pass "a missing model: $(cat "$w/missing.log")"
else
  cat "$w/missing.log"; fail "run_model on a missing model: wrong message"
fi

# 3. pkg-config alone, and the C API's errors.
export PKG_CONFIG_PATH=$p/lib/pkgconfig
flags=$(pkg-config --cflags --libs kiln) || fail "pkg-config kiln"
# shellcheck disable=SC2086
if cc -std=c11 -O2 -Wall -Werror "$src/examples/capi/run_model.c" $flags -lm \
      -Wl,-rpath,"$p/lib" -o "$w/run_model_pc" 2> "$w/pc.log" &&
    "$w/run_model_pc" "$model" --threads 2 --seed 7 > "$w/pc-run.log" 2>&1 &&
    diff "$w/jit.log" "$w/pc-run.log" > /dev/null; then
  pass "built with pkg-config ($flags): the same output"
else
  cat "$w/pc.log" "$w/pc-run.log"; fail "the example built with pkg-config"
fi
# shellcheck disable=SC2086
if cc -std=c11 -O2 -Wall -Werror -pthread "$src/tests/install/capi_errors.c" $flags \
      -Wl,-rpath,"$p/lib" -o "$w/capi_errors" 2> "$w/errors-cc.log" &&
    "$w/capi_errors" "$model" > "$w/errors.log" 2>&1; then
  pass "the C API's errors ($(grep -c '^ok' "$w/errors.log") checks)"
else
  cat "$w/errors-cc.log" "$w/errors.log"; fail "capi_errors"
fi
# 4. A dynamic batch.
# shellcheck disable=SC2086
if "$build/bin/kiln-zoo" mlp-dynamic -o "$w" > /dev/null &&
    cc -std=c11 -O2 -Wall -Werror "$src/tests/install/capi_shapes.c" $flags \
      -lm -Wl,-rpath,"$p/lib" -o "$w/capi_shapes" 2> "$w/shapes-cc.log" &&
    "$w/capi_shapes" "$w/mlp-dynamic.onnx" > "$w/shapes.log" 2>&1; then
  pass "a dynamic batch through the C API ($(grep -c '^ok' "$w/shapes.log") checks)"
else
  cat "$w/shapes-cc.log" "$w/shapes.log"; fail "capi_shapes"
fi
exit $status
