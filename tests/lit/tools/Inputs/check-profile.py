"""Checks the JSON of kiln limits --json or kiln profile --json.

Usage: check-profile.py limits|profile FILE. Fails unless the file is one
JSON object with the documented keys and sensible values; prints a summary
for FileCheck.
"""
import json
import math
import sys

MACHINE = ["cpu", "vector_bits", "threads", "peak_gflops_1", "peak_gflops_all",
           "bandwidth_gbs_1", "bandwidth_gbs_all", "l1d_bytes", "l2_bytes",
           "l3_bytes", "peak_method", "bandwidth_method", "cache_method",
           "from_cache"]
LAYER = ["index", "node", "op", "kind", "nodes", "ms", "share", "interp_ms",
         "speedup", "flops", "bytes", "gflops", "gbs", "intensity",
         "attainable_gflops", "pct_of_attainable", "pct_of_bandwidth", "bound"]


def check_machine(m):
    missing = [k for k in MACHINE if k not in m]
    assert not missing, f"machine lacks {missing}"
    for k in ["peak_gflops_1", "peak_gflops_all", "bandwidth_gbs_1",
              "bandwidth_gbs_all"]:
        assert m[k] > 0, f"{k} = {m[k]}"
    assert m["vector_bits"] in (256, 512)
    print("machine ok, from cache", m["from_cache"])


kind, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    report = json.load(f)
if kind == "limits":
    check_machine(report)
    assert report["path"].endswith(".txt")
    sys.exit(0)

for k in ["model", "opset", "threads", "runs", "machine", "jit_ms", "observed_run_ms", "steps_per_run_ms",
          "interp_ms", "steps_ms", "flops", "bytes", "gflops", "layers",
          "hotspots"]:
    assert k in report, f"no {k}"
check_machine(report["machine"])
layers = report["layers"]
assert layers, "no layers"
for i, layer in enumerate(layers):
    missing = [k for k in LAYER if k not in layer]
    assert not missing, f"layer {i} lacks {missing}"
    assert layer["index"] == i
    assert layer["bound"] in ("compute", "memory")
    assert layer["flops"] >= 0 and layer["bytes"] >= 0
hot = report["hotspots"]
assert sorted(hot) == list(range(len(layers))), "hotspots are not every row"
times = [layers[h]["ms"] for h in hot]
assert times == sorted(times, reverse=True), "hotspots not slowest first"
print(f"layers {len(layers)}, all keys, hotspots slowest first")
total = sum(layer["flops"] for layer in layers)
assert math.isclose(total, report["flops"], rel_tol=1e-5), (total, report["flops"])
print(f"flops {report['flops']:g} equal the sum of the layers")
conv = [l for l in layers if l["op"] == "packed_conv"]
assert conv, "no packed_conv layer"
c = conv[0]
assert c["flops"] > 0 and c["bytes"] > 0 and c["attainable_gflops"] > 0
assert math.isclose(c["intensity"], c["flops"] / c["bytes"], rel_tol=1e-4)
print("a packed_conv layer on the roofline:", c["bound"])
