#!/usr/bin/env python3
"""End-to-end test of `kiln serve`: a real HTTP client (http.client) against
real servers on 127.0.0.1, each on a free port (--port 0) and always stopped
at the end.

1. health, server and model metadata;
2. inference on tests/golden/tiny.onnx (FP32 and INT64 inputs) matches
   `kiln run` on the same data, as JSON and with the binary-data extension;
3. 8 client threads x 25 requests on 4 input sets, every reply checked;
4. every kind of bad request gets its status and message;
5. a full queue answers 503 (one worker, a queue of one, slow runs);
6. a model that fails when it runs answers 500 with Kiln's message;
7. --backend=interp serves the same outputs;
8. SIGTERM with requests in flight: they all complete, the server exits 0;
9. a model with a dynamic batch runs at the batch of each request (one
   variant compiled per batch, at most --max-variants kept), as `kiln run`
   does at that batch; a batch-1 export refuses another batch.

Standard library only. Usage: serve-test.py KILN KILN_ZOO TINY.onnx WORKDIR
"""
import http.client
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time

KILN, ZOO, TINY, WORK = sys.argv[1:5]
TIMEOUT = 60  # seconds any one request or start-up may take
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)


class Server:
    """A `kiln serve` child on a free port; stop() ends it and returns its
    exit status and output."""

    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [KILN, "serve", "--port", "0", "--cache-dir",
             os.path.join(WORK, "cache"), *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = []
        found = threading.Event()
        self.port = None

        def read_output():  # all of it, so that the pipe never fills
            for line in self.proc.stdout:
                self.lines.append(line)
                if "listening on http://127.0.0.1:" in line:
                    self.port = int(line.split("127.0.0.1:")[1].split()[0])
                    found.set()
            found.set()

        self.reader = threading.Thread(target=read_output, daemon=True)
        self.reader.start()
        found.wait(TIMEOUT)
        if self.port is None:
            self.proc.kill()
            self.reader.join(TIMEOUT)
            raise SystemExit("kiln serve did not start: " + "".join(self.lines))

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body bytes) of one request on a new connection."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                          timeout=TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            conn.close()

    def json(self, method, path, payload=None, raw=None, headers=None):
        """(status, decoded JSON body) of one request."""
        body = raw if raw is not None else (
            None if payload is None else json.dumps(payload))
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        status, _, data = self.request(method, path, body, h)
        return status, json.loads(data)

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(TIMEOUT)
        return self.proc.returncode, "".join(self.lines)


# .npy files (version 1.0, little-endian, C order), without numpy.
NPY_TYPES = {"FP32": ("<f4", "f", 4), "INT64": ("<i8", "q", 8)}


def write_npy(path, datatype, shape, values):
    descr, code, _ = NPY_TYPES[datatype]
    dims = "(" + "".join(f"{d}," for d in shape) + ")"
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {dims}, }}"
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
        f.write(header.encode() + struct.pack(f"<{len(values)}{code}", *values))


def read_npy_bytes(path):
    """(shape, raw data bytes) of a .npy file."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:6] == b"\x93NUMPY"
    n = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + n].decode()
    dims = header.split("'shape': (")[1].split(")")[0]
    shape = [int(d) for d in dims.split(",") if d.strip()]
    return shape, data[10 + n:]


def unpack(datatype, raw):
    _, code, size = NPY_TYPES[datatype]
    return list(struct.unpack(f"<{len(raw) // size}{code}", raw))


def f32(values):
    """Floats rounded to float32, as the server's FP32 tensors hold them."""
    return unpack("FP32", struct.pack(f"<{len(values)}f", *values))


# tiny.onnx: x, y FP32 1x8x16x16 and k INT64 3x5 -> g, c, h FP32, k3 INT64.
SHAPE, KSHAPE = [1, 8, 16, 16], [3, 5]
OUTPUTS = [("g", "FP32", SHAPE), ("c", "FP32", SHAPE), ("h", "FP32", SHAPE),
           ("k3", "INT64", KSHAPE)]


def make_inputs(seed):
    rng = random.Random(seed)
    return {"x": f32([rng.uniform(-2, 2) for _ in range(2048)]),
            "y": f32([rng.uniform(-2, 2) for _ in range(2048)]),
            "k": [rng.randrange(-1000, 1000) for _ in range(15)]}


def expected_outputs(seed, inputs):
    """Outputs of `kiln run` on \\p inputs, as {name: raw bytes}."""
    d = os.path.join(WORK, f"run{seed}")
    os.makedirs(d, exist_ok=True)
    args = []
    for name, dt, shape in (("x", "FP32", SHAPE), ("y", "FP32", SHAPE),
                            ("k", "INT64", KSHAPE)):
        write_npy(os.path.join(d, name + ".npy"), dt, shape, inputs[name])
        args += ["--input", f"{name}={os.path.join(d, name + '.npy')}"]
    subprocess.run([KILN, "run", TINY, *args, "--runs", "1", "--output-dir",
                    d, "--cache-dir", os.path.join(WORK, "cache")],
                   check=True, stdout=subprocess.DEVNULL, timeout=TIMEOUT)
    out = {}
    for name, _, shape in OUTPUTS:
        s, raw = read_npy_bytes(os.path.join(d, name + ".npy"))
        assert s == shape, (name, s)
        out[name] = raw
    return out


def infer_body(inputs):
    """A JSON request of \p inputs (copies: tests edit them)."""
    return {"id": "req", "inputs": [
        {"name": "x", "shape": SHAPE, "datatype": "FP32",
         "data": list(inputs["x"])},
        {"name": "y", "shape": SHAPE, "datatype": "FP32",
         "data": list(inputs["y"])},
        {"name": "k", "shape": KSHAPE, "datatype": "INT64",
         "data": list(inputs["k"])}]}


def check_json_reply(reply, expected, what):
    check(reply.get("model_name") == "tiny" and reply.get("id") == "req",
          f"{what}: model_name and id echoed: {str(reply)[:200]}")
    outs = reply.get("outputs", [])
    check([o["name"] for o in outs] == [n for n, _, _ in OUTPUTS],
          f"{what}: every output, in model order")
    for o, (name, dt, shape) in zip(outs, OUTPUTS):
        check(o["datatype"] == dt and o["shape"] == shape,
              f"{what}: output {name} is {o['datatype']} {o['shape']}")
        want = unpack(dt, expected[name])
        got = f32(o["data"]) if dt == "FP32" else o["data"]
        check(got == want, f"{what}: output {name} matches kiln run")


def test_basics(srv, expected0, inputs0):
    check(srv.json("GET", "/v2/health/live") == (200, {"live": True}),
          "live")
    check(srv.json("GET", "/v2/health/ready") == (200, {"ready": True}),
          "ready")
    status, meta = srv.json("GET", "/v2")
    check(status == 200 and meta["name"] == "kiln" and
          "binary_tensor_data" in meta["extensions"], f"server metadata {meta}")
    status, meta = srv.json("GET", "/v2/models/tiny")
    check(status == 200 and meta["name"] == "tiny" and
          meta["platform"] == "kiln_jit", f"model metadata {meta}")
    check([(i["name"], i["datatype"], i["shape"]) for i in meta["inputs"]] ==
          [("x", "FP32", SHAPE), ("y", "FP32", SHAPE), ("k", "INT64", KSHAPE)],
          f"model inputs {meta['inputs']}")
    check([(o["name"], o["datatype"], o["shape"]) for o in meta["outputs"]] ==
          OUTPUTS, f"model outputs {meta['outputs']}")
    check(srv.json("GET", "/v2/models/tiny/ready") ==
          (200, {"name": "tiny", "ready": True}), "model ready")

    # JSON in, JSON out: the same values as kiln run.
    status, reply = srv.json("POST", "/v2/models/tiny/infer",
                             infer_body(inputs0))
    check(status == 200, f"infer status {status}: {reply}")
    check_json_reply(reply, expected0, "json infer")

    # Nested data arrays are read row-major, as flat ones.
    body = infer_body(inputs0)
    k = inputs0["k"]
    body["inputs"][2]["data"] = [k[0:5], k[5:10], k[10:15]]
    body["outputs"] = [{"name": "k3"}]
    status, reply = srv.json("POST", "/v2/models/tiny/infer", body)
    check(status == 200 and [o["name"] for o in reply["outputs"]] == ["k3"] and
          reply["outputs"][0]["data"] == unpack("INT64", expected0["k3"]),
          f"nested data, one output asked for: {str(reply)[:200]}")

    # The binary-data extension both ways: the bytes of kiln run's outputs.
    header = {"inputs": [
        {"name": "x", "shape": SHAPE, "datatype": "FP32",
         "parameters": {"binary_data_size": 8192}},
        {"name": "y", "shape": SHAPE, "datatype": "FP32",
         "data": inputs0["y"]},
        {"name": "k", "shape": KSHAPE, "datatype": "INT64",
         "parameters": {"binary_data_size": 120}}],
        "outputs": [{"name": "h", "parameters": {"binary_data": True}},
                    {"name": "k3", "parameters": {"binary_data": True}},
                    {"name": "g"}]}
    head = json.dumps(header).encode()
    blob = (struct.pack("<2048f", *inputs0["x"]) +
            struct.pack("<15q", *inputs0["k"]))
    status, headers, data = srv.request(
        "POST", "/v2/models/tiny/infer", head + blob,
        {"Inference-Header-Content-Length": str(len(head)),
         "Content-Type": "application/octet-stream"})
    check(status == 200, f"binary infer status {status}: {data[:200]}")
    n = int(headers.get("Inference-Header-Content-Length", "-1"))
    check(n > 0, "binary reply has Inference-Header-Content-Length")
    reply = json.loads(data[:n])
    outs = reply["outputs"]
    check([o["name"] for o in outs] == ["h", "k3", "g"], "binary reply order")
    check(outs[0]["parameters"]["binary_data_size"] == 8192 and
          outs[1]["parameters"]["binary_data_size"] == 120 and
          "data" not in outs[0], f"binary sizes {outs}")
    check(data[n:] == expected0["h"] + expected0["k3"],
          "binary outputs are kiln run's bytes")
    check(f32(outs[2]["data"]) == unpack("FP32", expected0["g"]),
          "a JSON output beside binary ones")


def test_concurrent(srv, sets):
    """8 threads x 25 requests on kept-alive connections, sets interleaved;
    every reply checked against kiln run."""
    errors = []
    done = [0]
    lock = threading.Lock()

    def client(t):
        conn = http.client.HTTPConnection("127.0.0.1", srv.port,
                                          timeout=TIMEOUT)
        try:
            for r in range(25):
                seed = (t + r) % len(sets)
                inputs, expected = sets[seed]
                body = infer_body(inputs)
                body["outputs"] = [{"name": "h"}, {"name": "k3"}]
                conn.request("POST", "/v2/models/tiny/infer",
                             json.dumps(body),
                             {"Content-Type": "application/json"})
                resp = conn.getresponse()
                reply = json.loads(resp.read())
                ok = (resp.status == 200 and
                      f32(reply["outputs"][0]["data"]) ==
                      unpack("FP32", expected["h"]) and
                      reply["outputs"][1]["data"] ==
                      unpack("INT64", expected["k3"]))
                with lock:
                    done[0] += 1
                    if not ok:
                        errors.append(f"thread {t} request {r}: "
                                      f"{resp.status} {str(reply)[:200]}")
        except Exception as e:  # a broken connection is a failure too
            with lock:
                errors.append(f"thread {t}: {e!r}")
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(t,)) for t in range(8)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"concurrent: {done[0]} requests in "
          f"{time.monotonic() - start:.2f} s, {len(errors)} wrong", flush=True)
    check(done[0] == 200 and not errors,
          f"200 concurrent requests all right: {errors[:3]}")


def test_bad_requests(srv, inputs0):
    infer = "/v2/models/tiny/infer"

    def expect(status, needle, what, **kw):
        got, body = srv.json(kw.pop("method", "POST"), kw.pop("path", infer),
                             **kw)
        msg = body.get("error", "") if isinstance(body, dict) else ""
        check(got == status and needle in msg,
              f"{what}: expected {status} with '{needle}', got {got} {body}")

    def body_with(change):
        b = infer_body(inputs0)
        change(b)
        return b

    def inp(b, name):
        return next(i for i in b["inputs"] if i["name"] == name)

    expect(400, "malformed JSON: parse error at line 1, column",
           "malformed JSON", raw='{"inputs": [')
    expect(400, "must be a JSON object", "a JSON array", raw="[1, 2]")
    expect(400, "no \"inputs\" array", "no inputs", payload={"id": "a"})
    expect(404, "unknown model \"nope\"; serving tiny", "unknown model",
           path="/v2/models/nope/infer", payload=infer_body(inputs0))
    expect(404, "unknown model", "unknown model's metadata", method="GET",
           path="/v2/models/nope")
    expect(404, "unknown path \"/v1/models\"", "unknown path", method="GET",
           path="/v1/models")
    expect(400, "unknown input \"q\"; the model's inputs are x, y, k",
           "unknown input", payload=body_with(
               lambda b: inp(b, "x").update(name="q")))
    expect(400, "missing input 'y'", "missing input", payload=body_with(
        lambda b: b["inputs"].pop(1)))
    expect(400, "input 'x' is given twice", "duplicate input",
           payload=body_with(lambda b: b["inputs"].append(b["inputs"][0])))
    expect(400, "input 'x' has datatype FP64 but the model expects FP32",
           "wrong datatype", payload=body_with(
               lambda b: inp(b, "x").update(datatype="FP64")))
    expect(400, "input 'x' has datatype BYTES, which Kiln does not support",
           "unsupported datatype", payload=body_with(
               lambda b: inp(b, "x").update(datatype="BYTES")))
    expect(400, "unknown datatype \"float\"", "unknown datatype",
           payload=body_with(lambda b: inp(b, "x").update(datatype="float")))
    expect(400, "input 'x' has shape [1, 8, 256] but the model expects "
           "[1, 8, 16, 16]", "wrong shape", payload=body_with(
               lambda b: inp(b, "x").update(shape=[1, 8, 256])))
    expect(400, "dimensions must be non-negative integers", "negative dim",
           payload=body_with(lambda b: inp(b, "x").update(shape=[1, 8, -16,
                                                                  -16])))
    expect(400, "input 'x' has 2047 values but its shape [1, 8, 16, 16] "
           "holds 2048", "too few values", payload=body_with(
               lambda b: inp(b, "x")["data"].pop()))
    expect(400, "input 'k' has 16 values but its shape [3, 5] holds 15",
           "too many nested values", payload=body_with(
               lambda b: inp(b, "k").update(data=[list(range(5)),
                                                  list(range(11))])))
    expect(400, "input 'x' value 3 is \"a\": FP32 data must be numbers",
           "a string value", payload=body_with(
               lambda b: inp(b, "x")["data"].__setitem__(3, "a")))
    expect(400, "input 'k' value 2 is 1.5: INT64 data must be integers",
           "a fraction for INT64", payload=body_with(
               lambda b: inp(b, "k")["data"].__setitem__(2, 1.5)))
    expect(400, "unknown output \"zz\"; the model's outputs are g, c, h, k3",
           "unknown output", payload=body_with(
               lambda b: b.update(outputs=[{"name": "zz"}])))
    expect(400, "input 'x' has no \"data\"", "no data", payload=body_with(
        lambda b: inp(b, "x").pop("data")))
    # Wrong methods: 405 with Allow.
    status, headers, data = srv.request("GET", infer)
    check(status == 405 and headers.get("Allow") == "POST" and
          b"this endpoint takes POST" in data, f"GET infer: {status} {data}")
    status, headers, data = srv.request("POST", "/v2/health/live", b"{}")
    check(status == 405 and headers.get("Allow") == "GET, HEAD",
          f"POST live: {status} {data}")
    # Oversized bodies: 413, also when they come in chunks.
    big = b'{"inputs": []' + b" " * 300000 + b"}"
    status, headers, data = srv.request("POST", infer, big,
                                        {"Content-Type": "application/json"})
    check(status == 413 and b"body of 300014 bytes is larger than the "
          b"server's limit of 200000 bytes (--max-body-bytes)" in data and
          headers.get("Connection") == "close",
          f"oversized body: {status} {headers} {data[:200]}")
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=TIMEOUT)
    try:
        conn.request("POST", infer, (big[i:i + 65536]
                                     for i in range(0, len(big), 65536)),
                     {"Content-Type": "application/json"},
                     encode_chunked=True)
        r = conn.getresponse()
        data = r.read()
        check(r.status == 413 and b"the request body is larger than the "
              b"server's limit of 200000 bytes" in data,
              f"oversized chunked body: {r.status} {data[:200]}")
    except OSError as e:  # the server may close before all chunks are sent
        check(False, f"oversized chunked body: {e!r}")
    finally:
        conn.close()
    # A JSON body sent as a form (curl -d) is read as JSON, past 8 KiB.
    status, reply = srv.json("POST", infer, infer_body(inputs0), headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    check(status == 200 and len(reply["outputs"]) == 4,
          f"a form-encoded JSON body: {status} {str(reply)[:200]}")
    # The binary-data extension's sizes.
    head = json.dumps({"inputs": [
        {"name": "x", "shape": SHAPE, "datatype": "FP32",
         "parameters": {"binary_data_size": 100}}]}).encode()
    for headers, body, needle, what in [
        ({"Inference-Header-Content-Length": "99999"}, head,
         b"but the body has only", "header length past the body"),
        ({"Inference-Header-Content-Length": "12ab"}, head,
         b"is not a byte count", "header length not a number"),
        ({"Inference-Header-Content-Length": str(len(head))}, head + b"0" * 100,
         b"binary_data_size 100 but its shape [1, 8, 16, 16] of FP32 takes "
         b"8192 bytes", "binary size against the shape"),
        ({}, head, b"no Inference-Header-Content-Length header",
         "binary data without the header")]:
        status, _, data = srv.request("POST", infer, body, headers)
        check(status == 400 and needle in data,
              f"{what}: {status} {data[:200]}")
    # After all that, the server still answers.
    check(srv.json("GET", "/v2/health/live")[0] == 200, "alive after errors")


def test_queue_full(expected0, inputs0):
    """One worker, a queue of one, runs of 1 s: of 6 requests at once,
    those past the queue get 503 with a message, the others the right
    outputs."""
    srv = Server(f"tiny={TINY}", "--workers", "1", "--queue", "1",
                 "--test-run-delay-ms", "1000")
    results = []
    lock = threading.Lock()

    def client():
        body = infer_body(inputs0)
        body["outputs"] = [{"name": "k3"}]
        status, reply = srv.json("POST", "/v2/models/tiny/infer", body)
        with lock:
            results.append((status, reply))

    try:
        threads = [threading.Thread(target=client) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        code, out = srv.stop()
    ok = [r for s, r in results if s == 200]
    busy = [r for s, r in results if s == 503]
    print(f"queue full: {len(ok)} answered, {len(busy)} got 503", flush=True)
    check(len(ok) + len(busy) == 6 and len(ok) >= 2 and len(busy) >= 1,
          f"queue full: statuses {[s for s, _ in results]}")
    check(all(r["outputs"][0]["data"] == unpack("INT64", expected0["k3"])
              for r in ok), "queued requests answered right")
    check(all("the server is busy" in r["error"] for r in busy),
          f"503 message: {busy[:1]}")
    check(code == 0, f"queue-full server exit status {code}: {out}")


def test_run_failure():
    """A model that fails when it runs: 500 with Kiln's message."""
    zoo = os.path.join(WORK, "mutated")
    subprocess.run([ZOO, "mutated", "-o", zoo], check=True,
                   stdout=subprocess.DEVNULL, timeout=TIMEOUT)
    srv = Server(os.path.join(zoo, "dequantize_declared.onnx"))
    try:
        status, meta = srv.json("GET", "/v2/models/dequantize_declared")
        check(status == 200 and meta["inputs"][0]["datatype"] == "INT8",
              f"INT8 metadata {meta}")
        body = {"inputs": [{"name": "x", "shape": [3], "datatype": "INT8",
                            "data": [1, -2, 3]}]}
        status, reply = srv.json(
            "POST", "/v2/models/dequantize_declared/infer", body)
        check(status == 500 and "result #0 is 3 f32 but the graph declares "
              "4 f32" in reply.get("error", ""), f"run failure: {status} "
              f"{reply}")
        body["inputs"][0]["data"] = [1, 200, 3]
        status, reply = srv.json(
            "POST", "/v2/models/dequantize_declared/infer", body)
        check(status == 400 and "INT8 data must be integers in [-128, 127]"
              in reply.get("error", ""), f"INT8 range: {status} {reply}")
    finally:
        code, out = srv.stop()
    check(code == 0, f"failing-model server exit status {code}: {out}")


def test_interp(expected0, inputs0):
    """--backend=interp serves the same model: outputs within float
    tolerance of the JIT's (kiln run's), integers exact."""
    srv = Server(f"tiny={TINY}", "--backend=interp", "--workers", "2")
    try:
        status, meta = srv.json("GET", "/v2/models/tiny")
        check(status == 200 and meta["platform"] == "kiln_interp",
              f"interp metadata {meta}")
        status, reply = srv.json("POST", "/v2/models/tiny/infer",
                                 infer_body(inputs0))
        check(status == 200, f"interp infer: {status} {str(reply)[:200]}")
        for o, (name, dt, _) in zip(reply.get("outputs", []), OUTPUTS):
            want = unpack(dt, expected0[name])
            if dt == "INT64":
                check(o["data"] == want, f"interp {name} exact")
            else:
                check(all(abs(a - b) <= 1e-5 + 1e-5 * abs(b)
                          for a, b in zip(o["data"], want)) and
                      len(o["data"]) == len(want), f"interp {name} close")
    finally:
        code, out = srv.stop()
    check(code == 0, f"interp server exit status {code}: {out}")


def test_sigterm(expected0, inputs0):
    """SIGTERM with 4 requests in flight (runs of 1.5 s on 2 workers): all
    of them are answered right, the server exits 0 and says so."""
    srv = Server(f"tiny={TINY}", "--workers", "2", "--queue", "8",
                 "--test-run-delay-ms", "1500")
    results = []
    lock = threading.Lock()

    def client():
        body = infer_body(inputs0)
        body["outputs"] = [{"name": "k3"}]
        try:
            results.append(srv.json("POST", "/v2/models/tiny/infer", body))
        except Exception as e:
            with lock:
                results.append((None, repr(e)))

    threads = [threading.Thread(target=client) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # all four are read: two run, two wait
    start = time.monotonic()
    code, out = srv.stop(signal.SIGTERM)
    for t in threads:
        t.join()
    took = time.monotonic() - start
    print(f"sigterm: stopped in {took:.2f} s", flush=True)
    check(code == 0, f"exit status after SIGTERM {code}: {out}")
    check("SIGTERM: stopping; finishing 4 requests in flight" in out and
          "kiln serve: stopped" in out, f"stop messages: {out}")
    check(len(results) == 4 and all(
        s == 200 and r["outputs"][0]["data"] == unpack("INT64",
                                                       expected0["k3"])
        for s, r in results), f"in-flight requests finished: {results}")
    # After the stop, nothing listens on the port.
    try:
        srv.request("GET", "/v2/health/live")
        check(False, "the port still answers after the stop")
    except OSError:
        pass


def test_dynamic_batch():
    """mlp-dynamic (input [batch, 784]) at batches 1, 3, 1, 2, 5 with
    --max-variants 2: each reply equals `kiln run` on the same data; a
    request of the wrong rank is 400; mlp (exported at batch 1) refuses
    batch 2 naming the input."""
    zoo = os.path.join(WORK, "shapes")
    subprocess.run([ZOO, "all-shapes", "-o", zoo], check=True,
                   stdout=subprocess.DEVNULL, timeout=TIMEOUT)
    dynamic = os.path.join(zoo, "mlp-dynamic.onnx")
    srv = Server(dynamic, os.path.join(zoo, "mlp.onnx"), "--workers", "2",
                 "--max-variants", "2")
    try:
        out = "".join(srv.lines)
        check("compiled for each set of input shapes a request brings, at "
              "most 2 kept" in out, f"dynamic model's start-up line: {out}")
        status, meta = srv.json("GET", "/v2/models/mlp-dynamic")
        check(status == 200 and meta["inputs"][0]["shape"] == [-1, 784] and
              meta["outputs"][0]["shape"] == [-1, 10],
              f"dynamic metadata {meta}")
        rng = random.Random(9)
        for batch in (1, 3, 1, 2, 5):
            data = f32([rng.uniform(-1, 1) for _ in range(batch * 784)])
            d = os.path.join(WORK, f"dynamic{batch}")
            os.makedirs(d, exist_ok=True)
            write_npy(os.path.join(d, "input.npy"), "FP32", [batch, 784], data)
            subprocess.run([KILN, "run", dynamic, "--input",
                            f"input={os.path.join(d, 'input.npy')}", "--runs",
                            "1", "--output-dir", d, "--cache-dir",
                            os.path.join(WORK, "cache")],
                           check=True, stdout=subprocess.DEVNULL,
                           timeout=TIMEOUT)
            shape, raw = read_npy_bytes(os.path.join(d, "logits.npy"))
            body = {"inputs": [{"name": "input", "shape": [batch, 784],
                                "datatype": "FP32", "data": data}]}
            status, reply = srv.json("POST", "/v2/models/mlp-dynamic/infer",
                                     body)
            outs = reply.get("outputs", [{}])
            check(status == 200 and outs[0].get("shape") == [batch, 10] and
                  shape == [batch, 10] and
                  f32(outs[0].get("data", [])) == unpack("FP32", raw),
                  f"batch {batch}: {status} {str(reply)[:200]}")
        status, reply = srv.json("POST", "/v2/models/mlp-dynamic/infer", {
            "inputs": [{"name": "input", "shape": [784], "datatype": "FP32",
                        "data": [0.0] * 784}]})
        check(status == 400 and "input" in reply.get("error", ""),
              f"dynamic model, wrong rank: {status} {reply}")
        status, reply = srv.json("POST", "/v2/models/mlp/infer", {
            "inputs": [{"name": "input", "shape": [2, 784], "datatype": "FP32",
                        "data": [0.0] * 1568}]})
        check(status == 400 and "'input'" in reply.get("error", "") and
              "[1, 784]" in reply.get("error", ""),
              f"batch-1 export, batch 2: {status} {reply}")
    finally:
        code, out = srv.stop()
    check(code == 0, f"dynamic-model server exit status {code}: {out}")
    # Batches 1, 3, 1 (kept), 2 (evicts 3), 5 (evicts 1): four compiles.
    compiled = [line.split("input shapes ")[1].split()[0] for line in
                out.splitlines() if "mlp-dynamic: compiled for" in line]
    print(f"dynamic batch: variants compiled for {compiled}", flush=True)
    check(compiled == ["1x784", "3x784", "2x784", "5x784"],
          f"variants compiled: {compiled}: {out}")


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    sets = []
    for seed in range(4):
        inputs = make_inputs(seed)
        sets.append((inputs, expected_outputs(seed, inputs)))
    inputs0, expected0 = sets[0]
    srv = Server(TINY, "--workers", "2", "--max-body-bytes", "200000")
    try:
        print("".join(srv.lines), end="", flush=True)
        test_basics(srv, expected0, inputs0)
        test_concurrent(srv, sets)
        test_bad_requests(srv, inputs0)
    finally:
        code, out = srv.stop(signal.SIGINT)
    check(code == 0 and "SIGINT: stopping" in out,
          f"exit status after SIGINT {code}: {out}")
    test_queue_full(expected0, inputs0)
    test_run_failure()
    test_interp(expected0, inputs0)
    test_sigterm(expected0, inputs0)
    test_dynamic_batch()
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
