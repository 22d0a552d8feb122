"""Checks the JSON of kiln compare --ablate --json and summarizes it.

Usage: check-ablation.py REPORT ROUNDS PASS. Fails unless the file is JSON
whose "ablation" object has every documented key, ROUNDS rounds, the full
pipeline and every row with every row key, every variant matching the
interpreter, no row for a correctness pass, and a row for PASS whose plan
has more compiled steps than the full pipeline's (the pass's known effect).
Prints the variants in order, for FileCheck. Never looks at a time beyond
its being a number.
"""
import json
import math
import sys

path, rounds, known = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path) as f:
    report = json.load(f)
for key in ("model", "atol", "rtol", "ablation"):
    assert key in report, f"no {key!r}"
a = report["ablation"]
for key in ("runs", "runs_per_round", "spread", "threads", "opt_level",
            "load_average", "cores", "full_ms", "full_spread_ms", "full", "kept_on", "already_off",
            "rows"):
    assert key in a, f"no ablation key {key!r}"
assert a["runs"] == rounds, f"{a['runs']} rounds, expected {rounds}"
assert a["runs_per_round"] >= 1
row_keys = ("name", "what", "median_ms", "spread_ms", "speedup",
            "speedup_low", "speedup_high", "within_noise", "ok", "max_abs_err",
            "compiled_steps", "reference_steps", "compile_ms",
            "kernels_from_cache")
for row in [a["full"]] + a["rows"]:
    for key in row_keys:
        assert key in row, f"{row.get('name')}: no key {key!r}"
    assert "error" not in row, f"{row['name']}: {row.get('error')}"
    assert row["ok"] is True, f"{row['name']} differs from the interpreter"
    for key in ("median_ms", "spread_ms", "speedup"):
        assert isinstance(row[key], (int, float)) and math.isfinite(row[key]), \
            f"{row['name']}: {key} is {row[key]!r}"
    assert row["spread_ms"] >= 0
    assert row["speedup_low"] <= row["speedup_high"]
assert a["full_ms"] == a["full"]["median_ms"]
names = [row["name"] for row in a["rows"]]
for kept in a["kept_on"]:
    assert kept not in names, f"correctness pass {kept} was turned off"
assert known in names, f"no row for {known}"
row = a["rows"][names.index(known)]
full_steps = a["full"]["compiled_steps"]
assert row["compiled_steps"] > full_steps, \
    f"{known} off: {row['compiled_steps']} compiled steps, full {full_steps}"
assert isinstance(a["groups"], int) and 1 <= a["groups"] <= len(a["rows"])
print("groups:", a["groups"])
print("kept on:", " ".join(a["kept_on"]))
print("already off:", " ".join(a["already_off"]))
for name in names:
    print("row", name)
print(f"{known}: more compiled steps with it off")
