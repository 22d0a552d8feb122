#!/bin/bash
# How long Kiln takes to get ready against ONNX Runtime's session creation,
# per model, in one run: Kiln cold (load + import + compile with an empty
# cache, and writing the cache), Kiln with only the kernels cached (load,
# import, graph passes, plan, kernel cache lookup and link: the model entry
# is removed first), Kiln cached (the whole prepared model from its entry:
# the model file hashed, the entry mapped and checked, the kernels linked)
# and ORT (InferenceSession.create, which includes its graph optimizations
# and weight pre-packing), with the ratios to ORT and each process's peak
# resident memory (/usr/bin/time; ORT's includes ~40 MB of Node.js). The
# last lines give the geometric means of the ratios.
#
#   bench/prepare-compare.sh BUILD_DIR [MODEL...] [--threads N]
#
# The models and their inputs are those bench/ort-compare.sh writes into
# BUILD_DIR/ort-bench (run it first); default: every model there. Threads:
# all cores unless given (Kiln compiles on all cores whatever --threads).
# The cache is a folder of its own under BUILD_DIR/ort-bench, emptied
# before each cold run.
set -euo pipefail
usage='usage: prepare-compare.sh BUILD_DIR [MODEL...] [--threads N]'
build=${1:?$usage}
shift
threads=$(nproc)
models=()
while [ $# -gt 0 ]; do
  case $1 in
    --threads) threads=${2:?$usage}; shift 2 ;;
    --threads=*) threads=${1#--threads=}; shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) models+=("$1"); shift ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$build" && pwd)
kiln=$build/bin/kiln
work=$build/ort-bench
cache=$work/prepare-cache
[ -x "$kiln" ] || { echo "prepare-compare: no $kiln" >&2; exit 1; }
if [ ${#models[@]} -eq 0 ]; then
  for f in "$work"/*.onnx; do
    [ -e "$f" ] && models+=("$(basename "$f" .onnx)")
  done
fi
[ ${#models[@]} -gt 0 ] ||
  { echo "prepare-compare: no models in $work: run bench/ort-compare.sh first" >&2; exit 1; }
[ -d "$here/ort/node_modules/onnxruntime-node" ] ||
  { echo "prepare-compare: no onnxruntime-node: run bench/ort-compare.sh first" >&2; exit 1; }

# prepared LOG: the milliseconds of every stage before the run in a `kiln
# run` summary ("time load A ms, import B ms, compile C ms, cache write D
# ms, run ..." or "time cached model A ms, run ...").
prepared() {
  sed -n 's/^time *\(.*\), run .*/\1/p' "$1" | tr ',' '\n' |
    awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "ms") t += $i } END { printf "%.0f", t }'
}
rss() { awk '/Maximum resident/ {printf "%.0f", $NF / 1024}' "$1"; }

echo "$("$kiln" --version | head -1), onnxruntime-node" \
  "$(node -p "require('$here/ort/node_modules/onnxruntime-node/package.json').version"), $threads threads"
printf '%-20s %10s %10s %10s %8s %9s %11s %9s %10s %9s\n' model kiln_cold \
  kiln_kernels kiln_cached ort cold/ort cached/ort kiln_MiB kiln_c_MiB ort_MiB
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for m in "${models[@]}"; do
  f=$work/$m.onnx
  [ -f "$f" ] || { echo "$m: no $f" >&2; status=1; continue; }
  inputs=()
  for i in "$work/$m"/in/*.npy; do
    [ -e "$i" ] && inputs+=(--input "$(basename "$i" .npy)=$i")
  done
  rm -rf "$cache"
  ok=1
  /usr/bin/time -v "$kiln" run "$f" "${inputs[@]}" --threads "$threads" \
    --runs 1 --cache-dir "$cache" > "$tmp/cold" 2> "$tmp/cold.time" || ok=0
  rm -f "$cache"/*.kmodel
  "$kiln" run "$f" "${inputs[@]}" --threads "$threads" \
    --runs 1 --cache-dir "$cache" > "$tmp/kernels" || ok=0
  grep -q 'kernels.*from cache' "$tmp/kernels" || ok=0
  /usr/bin/time -v "$kiln" run "$f" "${inputs[@]}" --threads "$threads" \
    --runs 1 --cache-dir "$cache" > "$tmp/cached" 2> "$tmp/cached.time" || ok=0
  grep -q 'from the model cache' "$tmp/cached" || ok=0
  /usr/bin/time -v node "$here/ort/ort-bench.js" "$f" "${inputs[@]}" \
    --threads "$threads" --runs 1 > "$tmp/ort" 2> "$tmp/ort.time" || ok=0
  if [ $ok -eq 0 ]; then
    echo "$m: a run failed or the second Kiln run missed the cache:" >&2
    cat "$tmp/cold" "$tmp/kernels" "$tmp/cached" "$tmp/ort" >&2
    status=1
    continue
  fi
  cold=$(prepared "$tmp/cold") kern=$(prepared "$tmp/kernels") warm=$(prepared "$tmp/cached")
  ort=$(sed -n 's/^time *load \([0-9.]*\) ms.*/\1/p' "$tmp/ort" | awk '{printf "%.0f", $1}')
  awk -v m="$m" -v c="$cold" -v k="$kern" -v w="$warm" -v o="$ort" \
    -v r1="$(rss "$tmp/cold.time")" -v r2="$(rss "$tmp/cached.time")" \
    -v r3="$(rss "$tmp/ort.time")" 'BEGIN {
      printf "%-20s %10d %10d %10d %8d %9.2f %11.2f %9d %10d %9d\n", m, c, k, w,
        o, c / o, w / o, r1, r2, r3 }' | tee -a "$tmp/table"
done
rm -rf "$cache"
[ -s "$tmp/table" ] && awk '{ lc += log($6); lw += log($7); n++ } END {
  printf "geomean over %d models: cold/ort %.2f, cached/ort %.2f\n", n, exp(lc / n), exp(lw / n) }' "$tmp/table"
exit $status
