#!/bin/bash
# Interpreter vs JIT on the zoo models, in one run: per model the median
# latency (after a warm-up run) of the interpreter, of the JIT at 1 thread
# and at all threads, and the JIT's cold (empty cache) compile time and
# the time to take the prepared model from the cache.
#
#   bench/zoo-speed.sh BUILD_DIR [small|full|all] [RUNS]
set -euo pipefail
build=${1:?usage: zoo-speed.sh BUILD_DIR [small|full|all] [RUNS]}
set_=${2:-all}
runs=${3:-5}
kiln=$build/bin/kiln
zoo=$build/zoo-bench
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
case $set_ in
  small) models="resnet-small mobilenet-small bert-small" ;;
  full) models="resnet50 mobilenetv2 bert-base" ;;
  *) models="resnet-small mobilenet-small bert-small resnet50 mobilenetv2 bert-base" ;;
esac
mkdir -p "$zoo"
field() { sed -n "s/.*$1 \([0-9.]*\) ms.*/\1/p" | head -1; }
cores=$(nproc)
printf '%-16s %10s %10s %10s %8s %10s %8s %10s %10s\n' model interp_ms \
  jit1_ms jit${cores}_ms speedup1 speedup${cores} kernels cold_ms cached_ms
for m in $models; do
  [ -f "$zoo/$m.onnx" ] || "$build/bin/kiln-zoo" "$m" -o "$zoo" > /dev/null
  f=$zoo/$m.onnx
  interp=$("$kiln" run "$f" --backend=interp --runs "$runs" | field run)
  cold=$("$kiln" run "$f" --cache-dir "$cache" --threads "$cores" | field compile)
  out=$("$kiln" run "$f" --cache-dir "$cache" --threads "$cores" --runs "$runs")
  cached=$(echo "$out" | field 'cached model')
  jitn=$(echo "$out" | field run)
  kernels=$(echo "$out" | sed -n 's/^backend jit (\([^)]*\)).*/\1/p' | cut -d, -f1-2 | tr -d ' ')
  jit1=$("$kiln" run "$f" --cache-dir "$cache" --threads 1 --runs "$runs" | field run)
  printf '%-16s %10.2f %10.2f %10.2f %8.1f %10.1f %8s %10.0f %10.0f\n' "$m" \
    "$interp" "$jit1" "$jitn" "$(awk "BEGIN{print $interp / $jit1}")" \
    "$(awk "BEGIN{print $interp / $jitn}")" "${kernels%%kernels*}" "$cold" "$cached"
done
