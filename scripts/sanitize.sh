#!/usr/bin/env bash
# Builds Kiln with sanitizers into its own folder and runs the tests that
# matter under them; any finding stops the process that has it and fails
# its step, and the script fails if any step did.
#   asan: AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer) in
#         build-asan/: the runtime kernel tests, the unit tests, lit, a
#         sample of the ONNX conformance cases on the interpreter and the
#         JIT, the small zoo models on the interpreter, the JIT and AOT
#         libraries, and 60 random graphs of kiln-fuzz-graphs.
#   tsan: ThreadSanitizer in build-tsan/: the unit tests that run one model
#         from many threads, the executor's worker threads (oneTBB), control
#         flow on the JIT and model entries.
# Only Kiln's code is instrumented: JIT-generated code, LLVM/MLIR, oneTBB,
# protobuf and libonnx are not. scripts/sanitize/*.supp suppress findings
# inside those libraries only, each entry with its reason.
# Usage: scripts/sanitize.sh asan|tsan [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD

mode=${1:-}
case "$mode" in
  asan) sanitize=address,undefined recover=-fno-sanitize-recover=undefined ;;
  tsan) sanitize=thread recover= ;;
  *) echo "usage: scripts/sanitize.sh asan|tsan [cmake arguments]" >&2; exit 2 ;;
esac
shift

# What scripts/build.sh installs, and the sanitizer runtimes of Debian's g++.
scripts/install-deps.sh libasan8 libubsan1 libtsan2

# -O1 keeps the instrumented tests fast enough, -g1 gives line numbers in
# the reports; UB is an error, not a warning that scrolls by.
build=$src/build-$mode
flags="-O1 -g1"
mkdir -p "$build"
cmake -G Ninja -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$flags" \
  -DCMAKE_CXX_FLAGS="$recover" -DCMAKE_C_FLAGS="$recover" \
  -DKILN_SANITIZE="$sanitize" "$@" > "$build/cmake.log" 2>&1 || {
  cat "$build/cmake.log"; exit 1; }

supp=$src/scripts/sanitize
# An allocation over 8 GiB fails (bad_alloc, a clean error) as it does in
# the normal build under `kiln conformance`'s address-space limit, which a
# sanitized build cannot set.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:allocator_may_return_null=1:max_allocation_size_mb=8192"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1:suppressions=$supp/ubsan.supp"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$supp/tsan.supp"
# The JIT's kernel cache of the sanitized build stays in its folder. ccache
# follows XDG_CACHE_HOME too: it keeps the cache folder and the settings file
# it had before (CCACHE_DIR alone would make it read $CCACHE_DIR/ccache.conf).
if command -v ccache > /dev/null; then
  conf=$(ccache -s -v 2> /dev/null | sed -n 's/^Config file: *//p' || true)
  [ -z "$conf" ] || export CCACHE_CONFIGPATH=${CCACHE_CONFIGPATH:-$conf}
  dir=$(ccache -k cache_dir 2> /dev/null || true)
  [ -z "$dir" ] || export CCACHE_DIR=${CCACHE_DIR:-$dir}
fi
export XDG_CACHE_HOME=$build/cache
work=$build/sanitize-work
rm -rf "$work"
mkdir -p "$work"

failed=()
# step NAME COMMAND...: runs one test step with its output in
# $work/NAME.log; prints its time and result.
step() {
  local name=$1 start=$SECONDS rc=0
  shift
  "$@" > "$work/$name.log" 2>&1 || rc=$?
  if [ $rc -eq 0 ]; then
    echo "PASS $name ($((SECONDS - start)) s)"
  else
    echo "FAIL $name ($((SECONDS - start)) s, exit $rc): last lines of $work/$name.log"
    tail -60 "$work/$name.log"
    failed+=("$name")
  fi
}

# Every N-th case of the default conformance folders, as case folders.
sample_cases() {
  local every=$1 data=/usr/share/libonnx-testdata/data
  find "$data/node" "$data/pytorch-converted" "$data/pytorch-operator" "$data/simple" \
    -mindepth 1 -maxdepth 1 -type d | sort | awk -v n="$every" 'NR % n == 1'
}

start=$SECONDS
bin=$build/bin
if [ "$mode" = asan ]; then
  # Every tool the lit tests run (kiln-bench: tools/bench-model.test).
  ninja -C "$build" kiln-runtime-tests kiln-unit-tests kiln kiln-opt kiln-zoo kiln-rt \
    kiln-fuzz-graphs kiln-bench
  echo "built in $((SECONDS - start)) s"
  expect=$src/tests/conformance/expected.txt
  step runtime-tests "$bin/kiln-runtime-tests" --gtest_brief=1
  step unit-tests "$bin/kiln-unit-tests" --gtest_brief=1
  step lit python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$build/tests/lit"
  step conformance-interp "$bin/kiln" conformance --backend=interp --expect "$expect"
  # shellcheck disable=SC2046
  step conformance-jit "$bin/kiln" conformance --backend=jit --expect "$expect" \
    $(sample_cases 8)
  step zoo-small "$src/tests/models/run-zoo.sh" "$bin/kiln-zoo" "$bin/kiln" "$work/zoo" small
  step compare-zoo-small "$src/tests/models/compare-zoo.sh" "$bin/kiln-zoo" "$bin/kiln" \
    "$work/compare-zoo" small 1
  # Random graphs through the instrumented generator, importer, passes,
  # planner and interpreter (the JIT's kernels are generated code): it found
  # a memcpy from a null pointer in GraphBuilder that no fixed test reached.
  step fuzz-graphs "$bin/kiln-fuzz-graphs" --seeds 0..59 --jobs 2 \
    --backends=interp,jit --fail-on-reject --out "$work/fuzz-findings"
  # The C example of run-aot.sh links libkiln-rt.so, sanitized here, and
  # the ASan runtime must come first in a process: the example is built
  # with ASan too. Libraries from kiln compile stay as they are (generated
  # code, like the JIT's).
  printf '%s\n' '#!/bin/sh' \
    'case " $* " in *run_model.c*) exec cc -fsanitize=address "$@" ;; esac' \
    'exec cc "$@"' > "$work/cc"
  chmod +x "$work/cc"
  CC=$work/cc step aot "$src/tests/aot/run-aot.sh" "$bin/kiln-zoo" "$bin/kiln" "$work/aot" "$src"
else
  # kiln-thread-tests holds only the unit tests that run threads
  # (tests/unit/CMakeLists.txt), so the job does not build the others: the
  # concurrency tests, the JIT kernel tests, which run kernels on two oneTBB
  # workers, control flow (region steps whose kernels run on the workers,
  # called from the host loop) and model entries (checksums and reads in
  # parallel, forEachIndex).
  ninja -C "$build" kiln-thread-tests kiln-rt
  echo "built in $((SECONDS - start)) s"
  step concurrency "$bin/kiln-thread-tests" --gtest_brief=1
fi
echo "sanitize $mode: $((SECONDS - start)) s in all"
if [ ${#failed[@]} -gt 0 ]; then
  echo "sanitize $mode: FAILED: ${failed[*]}"
  exit 1
fi
echo "sanitize $mode: all passed"
