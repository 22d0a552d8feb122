#!/usr/bin/env bash
# Fuzzes the ONNX loader (bytes -> load -> check -> import -> shape
# inference) with libFuzzer for a fixed length, and fails on any crash,
# sanitizer report, hang, out-of-memory or leak.
#
# Installs clang-19 and its fuzzer runtime if missing, builds
# build-fuzz/bin/kiln-fuzz-loader (KILN_FUZZ=ON: only the runtime, ir,
# frontend and passes libraries, with -fsanitize=fuzzer,address,undefined),
# writes the seed corpus (the small zoo models, the malformed corpus, every
# 8th conformance model of libonnx-testdata and tests/fuzz/regressions) and
# runs. Inputs the fuzzer finds stay in build-fuzz/corpus/found and seed
# the next run; a failing input is written to build-fuzz/artifacts/ and its
# path printed: fix the loader, then copy the input into
# tests/fuzz/regressions/ (see the README there).
#
# Usage: scripts/fuzz-loader.sh [SECONDS | -runs=N] [more libFuzzer flags]
#        (default: 240 seconds)
set -euo pipefail
cd "$(dirname "$0")/.."

length=${1:-240}
shift || true
case "$length" in
  -runs=*) limit=("$length") ;;
  *[!0-9]*|"") echo "usage: scripts/fuzz-loader.sh [SECONDS | -runs=N] [libFuzzer flags]" >&2; exit 2 ;;
  *) limit=("-max_total_time=$length") ;;
esac

scripts/install-deps.sh clang-19 libclang-rt-19-dev

build=build-fuzz
mkdir -p "$build"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DKILN_FUZZ=ON \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    > "$build/cmake.log" 2>&1 || { cat "$build/cmake.log"; exit 1; }
fi
ninja -C "$build" kiln-fuzz-loader kiln-zoo

# Seeds, rewritten every run (they are deterministic).
seeds=$build/corpus/seeds
rm -rf "$seeds" && mkdir -p "$seeds"
zoo_env=(env ASAN_OPTIONS=detect_leaks=0)
"${zoo_env[@]}" "$build/bin/kiln-zoo" all-small -o "$build/corpus/zoo" > /dev/null
"${zoo_env[@]}" "$build/bin/kiln-zoo" malformed -o "$build/corpus/malformed" > /dev/null
max_seed=$((256 * 1024))
for f in "$build"/corpus/zoo/*.onnx "$build"/corpus/malformed/*.onnx; do
  [ "$(stat -c %s "$f")" -le $max_seed ] && cp "$f" "$seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
done
testdata=$(dpkg -L libonnx-testdata | grep '/model\.onnx$' | sort | awk 'NR % 8 == 1')
for f in $testdata; do
  name=$(basename "$(dirname "$f")")
  [ "$(stat -c %s "$f")" -le $max_seed ] && cp "$f" "$seeds/onnx-$name.onnx"
done
cp tests/fuzz/regressions/*.onnx "$seeds/" 2> /dev/null || true
found=$build/corpus/found
mkdir -p "$found" "$build/artifacts"
echo "fuzz-loader: $(ls "$seeds" | wc -l) seeds, $(ls "$found" | wc -l) inputs from earlier runs"

log=$build/fuzz.log
set +e
# -timeout: a single input taking 10 s is a hang; -rss_limit_mb: an input
# making the loader use 2 GiB is a finding (Kiln caps every size it reads).
"$build/bin/kiln-fuzz-loader" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
  -malloc_limit_mb=2048 -detect_leaks=1 -max_len=$max_seed -print_final_stats=1 \
  -artifact_prefix="$build/artifacts/" "$@" "$found" "$seeds" > "$log" 2>&1
rc=$?
set -e
grep -E '^#[0-9]+ +(INITED|DONE)' "$log" | tail -2 || true
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
if [ $rc -ne 0 ]; then
  echo "fuzz-loader: FAILED (libFuzzer exit status $rc); the report:"
  grep -nE 'ERROR|SUMMARY|==[0-9]+==|kiln-fuzz-loader:|Test unit written|runtime error' "$log" | head -40
  echo "full log: $log"
  exit 1
fi
echo "fuzz-loader: no crash, hang or leak"
