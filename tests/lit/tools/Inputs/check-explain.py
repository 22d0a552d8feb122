"""Checks a report written by kiln explain --json and summarizes it.

Usage: check-explain.py REPORT.json. Fails unless every section is there
with figures that hang together: positive times, layers whose shares add up
to at most the whole, hotspots that index layers, an ablation row per
optimization with its spread, thread and batch scaling (or a note saying why
a batch was not measured), subnormal counts no larger than their totals,
estimates marked as estimates, and findings. Prints one line per section.
"""
import json
import sys

with open(sys.argv[1]) as f:
    r = json.load(f)


def positive(obj, *keys):
    for k in keys:
        assert isinstance(obj.get(k), (int, float)) and obj[k] > 0, f"{k}: {obj.get(k)}"


assert r["kiln_explain"] == 1
m = r["machine"]
positive(m, "peak_gflops_1", "peak_gflops_all", "bandwidth_gbs_1", "vector_bits")
assert m["peak_method"] and m["bandwidth_method"] and m["cache_method"]
print("machine", m["vector_bits"], "bits")

t = r["time"]
positive(t, "load_ms", "compile_cold_ms", "compile_cached_ms", "first_run_ms", "interp_ms")
s = t["steady"]
positive(s, "min_ms", "median_ms", "p90_ms", "p99_ms")
assert s["min_ms"] <= s["median_ms"] <= s["p90_ms"] <= s["p99_ms"] <= s["max_ms"]
print("time steady runs", s["runs"])

layers = r["layers"]
assert layers, "no layers"
assert abs(sum(l["share"] for l in layers) - 1) < 1e-3, "layer shares do not add up to the steps"
for l in layers:
    assert l["bound"] in ("compute", "memory"), l
    assert l["ms"] >= 0 and l["flops"] >= 0, l
    assert l["bytes"] > 0 or l["kind"] == "in place", l
    assert l["nodes"], f"layer {l['index']} covers no ONNX node"
assert all(0 <= h < len(layers) for h in r["hotspots"])
slowest = [layers[h]["ms"] for h in r["hotspots"]]
assert slowest == sorted(slowest, reverse=True), "hotspots not slowest first"
positive(r["totals"], "flops", "bytes", "gflops")
print("layers", len(layers), "bounds", " ".join(sorted({l["bound"] for l in layers})))

a = r["ablation"]
names = [row["name"] for row in a["rows"]]
for row in a["rows"]:
    positive(row, "median_ms", "speedup")
    assert row["spread_ms"] >= 0
print("ablation", " ".join(names))

d = r["denormals"]
for key in ("weights", "activations"):
    assert 0 <= d[key]["subnormal"] <= d[key]["total"], d[key]
positive(d, "ftz_off_ms", "ftz_on_ms")
print("denormals weights", d["weights"]["total"] > 0)

sc = r["scaling"]
threads = [x["threads"] for x in sc["threads"]]
assert threads[0] == 1 and threads == sorted(threads)
batches = [x["batch"] for x in sc["batch"]]
assert batches == [1, 2, 4, 8][: len(batches)]
assert len(batches) == 4 or sc.get("batch_note"), "a batch missing without a note"
print("scaling threads", " ".join(map(str, threads)), "batches", " ".join(map(str, batches)))

assert r["training"]["estimate"] is True and r["int8"]["estimate"] is True
assert r["training"]["step_flops"] == 3 * r["training"]["forward_flops"]
assert r["int8"]["weight_bytes_int8"] * 4 == r["int8"]["weight_bytes_f32"]
print("estimates marked")
assert len(r["findings"]) >= 4
print("findings", len(r["findings"]))
