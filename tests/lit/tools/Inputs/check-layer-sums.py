"""Checks that the per-layer figures of `kiln compare --json --per-layer`
add up: the layers' jit_ms and interp_ms (plus the uncovered interpreter
ops) sum to layer_sums, and each sum plus the time outside the steps is the
whole run's median, as reported for the backend. Prints the layer count.

Usage: check-layer-sums.py REPORT.json
"""
import json
import sys

r = json.load(open(sys.argv[1]))
s = r["layer_sums"]
b = {x["name"]: x for x in r["backends"]}


def close(a, b):
    # The figures are printed with 6 significant digits.
    return abs(a - b) <= 1e-4 * max(abs(a), abs(b)) + 1e-6


jit = sum(l["jit_ms"] for l in r["layers"])
interp = sum(l["interp_ms"] for l in r["layers"]) + r["uncovered_interp_ms"]
assert close(jit, s["jit_steps_ms"]), (jit, s["jit_steps_ms"])
assert close(interp, s["interp_ops_ms"]), (interp, s["interp_ops_ms"])
assert close(s["jit_whole_run_ms"], b["jit"]["median_ms"])
assert close(s["interp_whole_run_ms"], b["interp"]["median_ms"])
assert close(s["jit_steps_ms"] + s["jit_outside_steps_ms"], s["jit_whole_run_ms"])
assert close(s["interp_ops_ms"] + s["interp_outside_ops_ms"],
             s["interp_whole_run_ms"])
assert close(s["speedup_by_sums"], s["interp_ops_ms"] / s["jit_steps_ms"])
assert close(s["speedup_whole_run"], r["speedup"])
print("layers %d, sums add up" % len(r["layers"]))
