#!/usr/bin/env bash
# Generates the zoo models of one size (small or full) and runs
# `kiln compare --json` on each: the JIT against the interpreter on the same
# seeded random inputs. Fails when an output is out of the default tolerance,
# when a comparison errors, or when its JSON is malformed. A failing model is
# compared again with --per-layer to show where it first diverges.
# With KILN_ZOO_MODELS set, the models are read from that folder.
# Usage: compare-zoo.sh KILN_ZOO KILN WORKDIR small|full [RUNS]
set -u
zoo=$1 kiln=$2 work=$3 size=$4 runs=${5:-3}
mkdir -p "$work"
models=${KILN_ZOO_MODELS:-$work}
if [ -z "${KILN_ZOO_MODELS:-}" ]; then
  "$zoo" "all-$size" -o "$work" > /dev/null || { echo "kiln-zoo failed"; exit 1; }
fi
passed=0 failed=0
for model in $("$zoo" --list | awk -v s="$size" '$2 == s {print $1}'); do
  f="$models/$model.onnx" json="$work/$model.compare.json"
  "$kiln" compare "$f" --json --runs "$runs" > "$json" 2> "$work/$model.compare.err"
  rc=$?
  # One line per model; exit 1 unless the JSON has every key and says ok.
  summary=$(python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
b = {x["name"]: x for x in r["backends"]}
errs = ", ".join("%s %s (max abs %s, max rel %s)" % (
    o["name"], "ok" if o["ok"] else "FAIL", o["max_abs_err"], o["max_rel_err"])
    for o in r["outputs"])
print("interp %.2f ms, jit %.2f ms (compile %.0f ms), speedup %.1fx; %s" % (
    b["interp"]["median_ms"], b["jit"]["median_ms"], b["jit"]["prepare_ms"],
    r["speedup"] or 0, errs))
sys.exit(0 if r["ok"] and all(o["ok"] for o in r["outputs"]) else 1)
PY
  )
  pyrc=$?
  if [ $rc -eq 0 ] && [ $pyrc -eq 0 ]; then
    passed=$((passed + 1))
    echo "PASS $model: $summary"
  else
    failed=$((failed + 1))
    echo "FAIL $model (exit $rc): $summary"
    head -5 "$work/$model.compare.err"
    "$kiln" compare "$f" --per-layer --runs 1 2>&1 |
      grep -E '^(first divergence|not compared|result)'
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
