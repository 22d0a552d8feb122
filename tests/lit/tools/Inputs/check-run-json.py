"""Checks the report of `kiln run --json` and summarizes it.

Usage: check-run-json.py REPORT.json RUNS BACKEND. Fails unless the file is
one JSON object with the documented keys, RUNS timed runs (0: only the cold
first run, whose steady figures are null with a note), and statistics that
agree with the listed run times: min and max are theirs, min <= median <=
p90 <= p99 <= max, and p90, p99 are nearest-rank picks among them.
"""
import json
import math
import sys

path, runs, backend = sys.argv[1], int(sys.argv[2]), sys.argv[3]
r = json.load(open(path))
assert r["backend"] == backend, r["backend"]
for key in ("model", "opset", "backend_details", "threads", "flush_denormals",
            "inputs", "outputs", "time"):
    assert key in r, key
t = r["time"]
assert t["runs"] == runs and len(t["run_ms"]) == runs, (t["runs"], runs)
assert t["first_run_ms"] > 0
assert t["prepare_ms"] >= 0 and isinstance(t["prepare_stages"], list)
outputs = ", ".join("%s %s %s" % (o["name"], o["shape"], o["dtype"])
                    for o in r["outputs"])
if runs == 0:
    assert t["median_ms"] is None and t["p99_ms"] is None
    print("runs 0, outputs %s, %s" % (outputs, t["steady_note"]))
    sys.exit(0)
times = sorted(t["run_ms"])


def rank(p):
    return times[max(1, math.ceil(p * len(times) / 100)) - 1]


def close(a, b):
    return abs(a - b) <= 1e-5 * max(abs(a), abs(b)) + 1e-9


assert close(t["min_ms"], times[0]) and close(t["max_ms"], times[-1])
assert t["min_ms"] <= t["median_ms"] <= t["p90_ms"] <= t["p99_ms"] <= t["max_ms"]
assert close(t["p90_ms"], rank(90)) and close(t["p99_ms"], rank(99))
print("runs %d, outputs %s, stages %d, statistics consistent" % (
    runs, outputs, len(t["prepare_stages"])))
