#!/bin/bash
# Kiln (JIT) against ONNX Runtime (onnxruntime-node, CPU) on the benchmark
# zoo, in one run: per model and thread count (1 and all cores), `kiln run`
# and bench/ort/ort-bench.js are run back to back, in interleaved rounds
# (below), on the same model file and the same .npy inputs, and the table
# gives both times (N timed runs after one warm-up run per process), the
# ratio kiln/ort (< 1: Kiln is faster) and its range over the rounds, and how far
# Kiln's outputs are from ORT's (max abs / max rel error; "ok" when every
# element is within atol 1e-4 + rtol 1e-3 of ORT's). The last lines give the
# geometric mean of kiln/ort per thread count, and the same without the
# three small hand-built models (whose ratios ORT's per-call overhead
# decides). Memory columns, in MiB:
# kiln_arena is the JIT's arena of intermediates (planned from lifetimes);
# kiln_+rss and ort_+rss are how far each process's resident memory peaked
# above its size before the first run, over the runs (intermediates,
# outputs and run-time scratch; memory the process had freed while loading
# is reused first, so these are lower bounds).
#
#   bench/ort-compare.sh BUILD_DIR [SET|MODEL...] [--runs N] [--rounds K]
#                        [--cpu NAME]
#
# Interleaved rounds: each row is K rounds, a round being one `kiln run` and
# one ORT process of N timed runs each, the order alternating from round to
# round (kiln first, then ORT first...). A round's ratio compares two
# medians taken seconds apart, so a load that comes and goes on a shared
# machine weighs on both sides of it; the row gives the median of the
# rounds' medians per engine, the median of the rounds' ratios, and their
# range (min-max: how far the machine's noise moved that row). The column
# by_min is the ratio of the two engines' fastest runs over all rounds:
# time a run lost to another load only ever adds, so on a noisy machine the
# minima are the steadier comparison of the code itself; the geomeans are
# given for both.
#
# Sets: small and full (kiln-zoo's hand-built resnet, mobilenet and bert),
# torch (real architectures exported by bench/export-torch.py with seeded
# random weights: ResNet-50, MobileNetV2/V3, EfficientNet-B0, DenseNet-121,
# GoogLeNet, SqueezeNet, VGG-16, ViT-B/16 and a BERT-base encoder, at batch
# 1 and 8 where it makes sense; `bench/export-torch.py --list`), all (every
# model; the default), gemm (kiln-bench's GEMM shapes as one-MatMul models,
# `kiln-zoo matmul-MxNxK`; not part of all). A model name may be given
# instead of a set, matmul-MxNxK for any shape. A matmul row is followed by
# both engines' rates in GFLOP/s, each as a fraction of the FMA peak at
# that thread count (of the vector width Kiln's code uses), which
# kiln-bench measures again just before each matmul model's rows: on a
# shared machine the peak itself moves by tens of percent within minutes.
#
# --cpu NAME runs Kiln's code for that CPU (`kiln run --cpu`; e.g.
# x86-64-v3 for the AVX2 code on an AVX-512 host), and its rates are then
# fractions of that code's peak; ORT, which picks its kernels from the
# host, is still measured against the host's.
#
# Models, inputs and outputs go to BUILD_DIR/ort-bench. Float inputs are
# uniform in [-1,1); integer inputs named *mask* are all 1, *type* all 0, and
# other integer inputs (token ids) uniform in [0, V) where V is the row count
# of the embedding table the model gathers them from (read from
# `kiln compile --emit=kiln`), else [0,10). The node dependencies are
# installed with `npm ci` into bench/ort/node_modules when missing, and
# Debian's python3-torch, python3-torchvision and python3-onnx (for the
# exports) with apt-get when missing.
#
# KILN_ARGS is added to each `kiln run` (for example
# KILN_ARGS=--disable-pass=kiln-fuse-elementwise to measure what a pass buys).
#
# Timing notes: kiln prints its median in ms to 0.0001 below 0.1 ms and
# to 0.001 below 10 ms; ORT's time
# is session.run() as seen from JavaScript, so it includes the N-API call
# and promise overhead (tens of microseconds), which matters on the small
# models only.
set -euo pipefail
usage='usage: ort-compare.sh BUILD_DIR [small|full|torch|all|gemm|MODEL...] [--runs N] [--rounds K] [--cpu NAME]'
build=${1:?$usage}
shift
runs=5
rounds=3
cpu=
names=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:?$usage}; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    --rounds) rounds=${2:?$usage}; shift 2 ;;
    --rounds=*) rounds=${1#--rounds=}; shift ;;
    --cpu) cpu=${2:?$usage}; shift 2 ;;
    --cpu=*) cpu=${1#--cpu=}; shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
[ ${#names[@]} -gt 0 ] || names=(all)
[[ $runs =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] ||
  { echo "ort-compare: --runs and --rounds take a positive count" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
ortdir=$here/ort
build=$(cd "$build" && pwd)
kiln=$build/bin/kiln
work=$build/ort-bench
small="resnet-small mobilenet-small bert-small"
full="resnet50 mobilenetv2 bert-base"
gemm="matmul-512x512x512 matmul-3136x64x576 matmul-128x2304x768
  matmul-128x3072x768 matmul-128x768x3072 matmul-197x3072x768
  matmul-197x768x3072"
need_torch() {
  if ! /usr/bin/python3 -c 'import torch, torchvision, onnx' 2> /dev/null; then
    echo "installing python3-torch, python3-torchvision, python3-onnx" >&2
    "$here/../scripts/install-deps.sh" python3-torch python3-torchvision \
      python3-onnx >&2
  fi
}
torch_models() {
  need_torch
  /usr/bin/python3 "$here/export-torch.py" --list
}
models=
for n in "${names[@]}"; do
  case $n in
    small) models+=" $small" ;;
    full) models+=" $full" ;;
    gemm) models+=" $(echo $gemm)" ;;
    torch) models+=" $(torch_models | tr '\n' ' ')" ;;
    all) models+=" $small $full $(torch_models | tr '\n' ' ')" ;;
    *) models+=" $n" ;;
  esac
done
[ -x "$kiln" ] || { echo "ort-compare: no $kiln" >&2; exit 1; }
cpuargs=()
[ -z "$cpu" ] || cpuargs=(--cpu "$cpu")

if [ ! -d "$ortdir/node_modules/onnxruntime-node" ]; then
  echo "installing onnxruntime-node (npm ci --prefix bench/ort)" >&2
  # The package's postinstall only fetches optional CUDA binaries: skip it.
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --prefix "$ortdir" --no-audit \
    --no-fund >&2
fi
ortbench() { node "$ortdir/ort-bench.js" "$@"; }

mkdir -p "$work"
cores=$(nproc)
threads_list="1"
[ "$cores" -gt 1 ] && threads_list="1 $cores"
runfield() { sed -n 's/^time .*run \([0-9.]*\) ms.*/\1/p' | head -1; }
# The fastest timed run: kiln's "runs ... min X," line, ORT's "min X ms".
minfield() {
  sed -n -e 's/^runs .* min \([0-9.]*\),.*/\1/p' \
    -e 's/^time .*, min \([0-9.]*\) ms.*/\1/p' | head -1
}
growthfield() { sed -n 's/^memory .*peak +\([0-9.]*\) MiB.*/\1/p' | head -1; }
# The median of the numbers given.
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# One round's process of each engine, on the current model ($f, $args, $d)
# at $t threads: its output in kout or oout (empty when it failed).
kiln_round() {
  kout=$("$kiln" run "$f" "${args[@]}" "${cpuargs[@]}" ${KILN_ARGS:-} --threads "$t" --runs "$runs" \
    --output-dir "$d/kiln-t$t" 2>&1) || { echo "$kout" >&2; kout=; }
}
ort_round() {
  oout=$(ortbench "$f" "${args[@]}" --threads "$t" --runs "$runs" \
    --warmup 1 --output-dir "$d/ort-t$t" 2>&1) || { echo "$oout" >&2; oout=; }
}
arenafield() { sed -n 's/^backend .*intermediates \([0-9.]*\) MiB.*/\1/p' | head -1; }

# The machine's FMA peak at 1 and all threads (kiln-bench's first line), at
# the start and at the end: on a shared machine another load can take a
# core, and the rows timed meanwhile (the multi-thread ones above all) are
# then not worth comparing. A warning says so. peak WHEN [--cpu=NAME]
# prints it and sets peak1 and peakN (GFLOP/s, medians); with WHEN empty
# it prints nothing. A --cpu that kiln-bench refuses ends the script.
peak() {
  peak1= peakN=
  [ -x "$build/bin/kiln-bench" ] || return 0
  local when=$1 line
  shift
  if ! line=$("$build/bin/kiln-bench" "$@" --filter=-no-such-case- --skip-reference 2>&1); then
    # Only a --cpu of the user's can make it fail before timing anything.
    [ $# -eq 0 ] || { echo "ort-compare: $line" >&2; exit 2; }
  fi
  line=$(echo "$line" | grep -m1 '^fp32 FMA peak' || true)
  peak1=$(echo "$line" | sed -n 's/.*1 thread median \([0-9.]*\).*/\1/p')
  peakN=$(echo "$line" | sed -n 's/.*threads median \([0-9.]*\).*/\1/p')
  [ -n "$when" ] || return 0
  echo "$when: $line"
  awk -v when="$when" -v cores="$cores" -v one="${peak1:-0}" -v all="${peakN:-0}" 'BEGIN {
    if (cores > 1 && one > 0 && all < 0.8 * cores * one)
      printf "warning (%s): the %d-thread peak is %.2fx the 1-thread one, not %dx: another load shares the cores\n",
        when, cores, all / one, cores }'
}
# The peaks a matmul model's rows are fractions of: the host's (ORT's),
# and that of Kiln's code where --cpu names another CPU. rowpeaks [WHEN]
# sets hostpeak1/N and kpeak1/N.
rowpeaks() {
  peak "${1:-}"
  hostpeak1=$peak1 hostpeakN=$peakN kpeak1=$peak1 kpeakN=$peakN
  if [ -n "$cpu" ]; then
    peak "${1:+$1 (--cpu $cpu)}" --cpu="$cpu"
    kpeak1=$peak1 kpeakN=$peakN
  fi
}
rowpeaks "peak before"
echo "$("$kiln" --version 2>/dev/null | head -1)," \
  "onnxruntime-node $(node -p "require('$ortdir/node_modules/onnxruntime-node/package.json').version")," \
  "$cores cores, $rounds interleaved rounds of $runs timed runs after 1 warm-up;" \
  "times: median of the rounds' medians; kiln/ort: median (range) of the rounds' ratios"
printf '%-20s %7s %10s %10s %9s %11s %7s %11s %10s %10s  %-s\n' model threads kiln_ms \
  ort_ms kiln/ort "ratio range" by_min kiln_arena kiln_+rss ort_+rss \
  "kiln vs ort outputs (max abs, max rel)"
status=0
declare -A logsum count biglog bigcount minlog
for m in $models; do
  f=$work/$m.onnx
  if [ ! -f "$f" ]; then
    case " $small $full " in
      *" $m "*) "$build/bin/kiln-zoo" "$m" -o "$work" > /dev/null ;;
      *)
        if [[ $m == matmul-* ]]; then
          "$build/bin/kiln-zoo" "$m" -o "$work" > /dev/null || exit 1
        else
          need_torch
          /usr/bin/python3 "$here/export-torch.py" "$work" "$m"
        fi
        ;;
    esac
  fi
  d=$work/$m
  rm -rf "$d"
  mkdir -p "$d/in"

  # Inputs: "  NAME  DIMS DTYPE" lines between "inputs" and "outputs".
  inputs=$("$kiln" inspect "$f" | sed -n '/^inputs/,/^outputs/{/^  /p}')
  args=()
  ir=
  i=0
  seed=1
  while read -r name dims dtype; do
    [ -n "$name" ] || continue
    [[ $dims =~ ^[0-9]+(x[0-9]+)*$ ]] ||
      { echo "ort-compare: $m: input $name has non-static shape $dims" >&2; exit 1; }
    file=$d/in/$name.npy
    case $dtype in
      f32|f64) ortbench gen-input "$file" "$dtype" "$dims" uniform -1 1 --seed $seed ;;
      i64|i32)
        case $name in
          *mask*) ortbench gen-input "$file" "$dtype" "$dims" fill 1 ;;
          *type*) ortbench gen-input "$file" "$dtype" "$dims" fill 0 ;;
          *)
            [ -n "$ir" ] || ir=$("$kiln" compile "$f" --emit=kiln)
            vocab=$(echo "$ir" | sed -n "s/.*kiln\.gather %[^ ]*, %arg$i : (tensor<\([0-9]*\)x.*/\1/p" | head -1)
            ortbench gen-input "$file" "$dtype" "$dims" randint 0 "${vocab:-10}" --seed $seed ;;
        esac ;;
      bool) ortbench gen-input "$file" bool "$dims" fill 1 ;;
      *) echo "ort-compare: $m: input $name has unsupported dtype $dtype" >&2; exit 1 ;;
    esac
    args+=(--input "$name=$file")
    i=$((i + 1))
    seed=$((seed + 1))
  done <<< "$inputs"

  [[ $m != matmul-* ]] || rowpeaks
  for t in $threads_list; do
    kall=() oall=() rall=() kmin= omin= failed=
    for ((r = 0; r < rounds; r++)); do
      if ((r % 2 == 0)); then kiln_round; ort_round; else ort_round; kiln_round; fi
      k=$(echo "$kout" | runfield) o=$(echo "$oout" | runfield)
      if [ -z "$k" ] || [ -z "$o" ]; then failed=1; break; fi
      kall+=("$k") oall+=("$o")
      km=$(echo "$kout" | minfield) om=$(echo "$oout" | minfield)
      kmin=$(printf '%s\n' $kmin ${km:-$k} | sort -g | head -1)
      omin=$(printf '%s\n' $omin ${om:-$o} | sort -g | head -1)
      rall+=("$(awk "BEGIN{ if ($o > 0) print $k / $o; else print \"inf\" }")")
    done
    kms= oms= ratio=- range=- byMin=-
    if [ -z "$failed" ]; then
      kms=$(median "${kall[@]}") oms=$(median "${oall[@]}")
      rmed=$(median "${rall[@]}")
      ratio=$(awk "BEGIN{ printf \"%.2f\", $rmed }")
      range=$(printf '%s\n' "${rall[@]}" | sort -g |
        awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }')
      byMin=$(awk "BEGIN{ if ($omin > 0) printf \"%.2f\", $kmin / $omin; else print \"inf\" }")
    fi
    if [ -n "$kms" ] && [ -n "$oms" ]; then
      logsum[$t]=$(awk "BEGIN{ print ${logsum[$t]:-0} + log($rmed) }")
      minlog[$t]=$(awk "BEGIN{ print ${minlog[$t]:-0} + log($kmin / $omin) }")
      count[$t]=$(( ${count[$t]:-0} + 1 ))
      case " $small " in
        *" $m "*) ;;
        *)
          biglog[$t]=$(awk "BEGIN{ print ${biglog[$t]:-0} + log($rmed) }")
          bigcount[$t]=$(( ${bigcount[$t]:-0} + 1 ))
          ;;
      esac
    fi
    agree="(no outputs to compare)"
    if [ -n "$kms" ] && [ -n "$oms" ]; then
      cmp=$(ortbench compare "$d/ort-t$t" "$d/kiln-t$t") || status=1
      agree=$(echo "$cmp" | awk '
        $2 == "MISMATCH" || $2 == "MISSING" { s = s sep $1 " " $2; sep = "; "; next }
        { s = s sep $1 " " $5 "/" $7 " " ($0 ~ /FAIL/ ? "FAIL" : $NF); sep = "; " }
        END { print s }')
      echo "$cmp" | grep -q 'FAIL\|MISMATCH\|MISSING' && echo "$cmp" | sed "s/^/  $m t$t: /" >&2
    else
      status=1
    fi
    printf '%-20s %7s %10s %10s %9s %11s %7s %11s %10s %10s  %s\n' "$m" "$t" \
      "${kms:-ERR}" "${oms:-ERR}" "$ratio" "$range" "$byMin" "$(echo "$kout" | arenafield)" \
      "$(echo "$kout" | growthfield)" "$(echo "$oout" | growthfield)" "$agree"
    if [[ $m =~ ^matmul-([0-9]+)x([0-9]+)x([0-9]+)$ ]] && [ -n "$kms" ] && [ -n "$oms" ]; then
      kp=$kpeak1 hp=$hostpeak1
      [ "$t" = 1 ] || kp=$kpeakN hp=$hostpeakN
      awk -v f="$((2 * BASH_REMATCH[1] * BASH_REMATCH[2] * BASH_REMATCH[3]))" \
        -v k="$kms" -v o="$oms" -v kp="${kp:-0}" -v hp="${hp:-0}" -v t="$t" 'BEGIN {
        kg = f / k / 1e6; og = f / o / 1e6
        printf "  %d thread(s): kiln %.1f GFLOP/s", t, kg
        if (kp > 0) printf " = %.1f%% of its peak", 100 * kg / kp
        printf ", ort %.1f GFLOP/s", og
        if (hp > 0) printf " = %.1f%% of the host'"'"'s", 100 * og / hp
        printf "\n" }'
    fi
  done
done
for t in $threads_list; do
  [ -n "${count[$t]:-}" ] || continue
  awk "BEGIN{ printf \"geomean kiln/ort at %s thread(s): %.2f over %d models (by minima: %.2f)\\n\", \
    $t, exp(${logsum[$t]} / ${count[$t]}), ${count[$t]}, exp(${minlog[$t]} / ${count[$t]}) }"
  # The small hand-built models run in tens of microseconds, where ORT's
  # per-call overhead decides their ratio: the geomean without them too.
  if [ -n "${bigcount[$t]:-}" ] && [ "${bigcount[$t]}" != "${count[$t]}" ]; then
    awk "BEGIN{ printf \"geomean kiln/ort at %s thread(s) without the small models: %.2f over %d models\\n\", \
      $t, exp(${biglog[$t]} / ${bigcount[$t]}), ${bigcount[$t]} }"
  fi
done
rowpeaks "peak after"
exit $status
