"""Checks a Chrome trace written by kiln run --trace and summarizes it.

Usage: check-trace.py TRACE RUNS CATEGORY. Fails unless the file is JSON
with RUNS "run" spans, the same number of step spans inside each run, every
step span inside its run, at least one step span of CATEGORY, and every
"work items" span (a chunk of a step's work run on one thread) ending inside
a span of its step.
"""
import json
import sys

path, runs, category = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path) as f:
    trace = json.load(f)
spans = [e for e in trace["traceEvents"] if e["ph"] == "X"]
run_spans = [e for e in spans if e["cat"] == "run"]
steps = [e for e in spans if e["cat"] not in ("run", "work items")]
items = [e for e in spans if e["cat"] == "work items"]
assert len(run_spans) == runs, f"{len(run_spans)} run spans, expected {runs}"
assert steps, "no step spans"
per_run = []
for r in run_spans:
    inside = [s for s in steps
              if s["ts"] >= r["ts"] - 1 and s["ts"] + s["dur"] <= r["ts"] + r["dur"] + 1]
    per_run.append(len(inside))
assert len(set(per_run)) == 1, f"step spans per run differ: {per_run}"
assert per_run[0] * runs == len(steps), "a step span lies outside every run"
assert all(s["dur"] >= 0 for s in spans), "a negative duration"
cats = sorted({s["cat"] for s in steps})
assert category in cats, f"no {category} span in {cats}"
print("runs", runs)
print("steps per run", per_run[0])
print("categories", " ".join(cats))
print("args", " ".join(sorted(set().union(*(s["args"].keys() for s in steps)))))
# A chunk's span ends when the chunk did; a step's span ends when its
# observer ran, a little after the step's last chunk. So a chunk ends inside
# its step's span, and starts at most a little before it (its span is as
# long as the step's, shifted by that delay).
for i in items:
    assert any(s["name"] == i["name"] and s["ts"] - 1 <= i["ts"] + i["dur"] and
               i["ts"] + i["dur"] <= s["ts"] + s["dur"] + 1 and
               i["dur"] <= s["dur"] + 1 for s in steps), \
        f"work items outside their step: {i}"
if items:
    print("work items", len(items), "on", len({i["tid"] for i in items}),
          "thread(s)")
