"""Writes an ONNX model whose activations are subnormal floats.

Usage: subnormal-model.py KIND OUT.onnx [SIZE]
  chain:  y = x * 1e-39, then 16 elementwise ops (* 1.25, * 0.8, + 1e-40)
          that keep it subnormal; x is 1 x SIZE (default 65536).
  matmul: y = x @ w, w SIZE x SIZE (default 256) of subnormal weights
          (+-1e-39 and 0), x 64 x SIZE.
Every value of y is subnormal or 0 for inputs in [-1, 1), unless flushed.
The protobuf is encoded by hand, so that no onnx package is needed.
"""
import random
import struct
import sys


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(num, value):
    """A field: int as varint, bytes or str length-delimited."""
    if isinstance(value, int):
        return varint(num << 3) + varint(value)
    if isinstance(value, str):
        value = value.encode()
    return varint(num << 3 | 2) + varint(len(value)) + value


def tensor(name, dims, values):
    raw = struct.pack("<%df" % len(values), *values)
    return (b"".join(field(1, d) for d in dims) + field(2, 1) + field(8, name)
            + field(9, raw))


def value_info(name, dims):
    shape = b"".join(field(1, field(1, d)) for d in dims)
    tensor_type = field(1, 1) + field(2, shape)
    return field(1, name) + field(2, field(1, tensor_type))


def node(op, inputs, outputs, name):
    return (b"".join(field(1, i) for i in inputs)
            + b"".join(field(2, o) for o in outputs) + field(3, name)
            + field(4, op))


def model(nodes, initializers, inputs, outputs):
    graph = (b"".join(field(1, n) for n in nodes) + field(2, "subnormal")
             + b"".join(field(5, t) for t in initializers)
             + b"".join(field(11, v) for v in inputs)
             + b"".join(field(12, v) for v in outputs))
    opset = field(1, "") + field(2, 17)
    return field(1, 8) + field(2, "subnormal-model.py") + field(7, graph) \
        + field(8, opset)


def chain(size):
    nodes = [node("Mul", ["x", "tiny"], ["t0"], "scale")]
    inits = [tensor("tiny", [1], [1e-39]), tensor("up", [1], [1.25]),
             tensor("down", [1], [0.8]), tensor("nudge", [1], [1e-40])]
    ops = [("Mul", "up"), ("Add", "nudge"), ("Mul", "down")]
    last = "t0"
    for i in range(16):
        op, const = ops[i % 3]
        out = "y" if i == 15 else "t%d" % (i + 1)
        nodes.append(node(op, [last, const], [out], "%s_%d" % (op.lower(), i)))
        last = out
    return model(nodes, inits, [value_info("x", [1, size])],
                 [value_info("y", [1, size])])


def matmul(size):
    rng = random.Random(0)
    w = [rng.choice([1e-39, -1e-39, 0.0]) for _ in range(size * size)]
    return model([node("MatMul", ["x", "w"], ["y"], "mm")],
                 [tensor("w", [size, size], w)],
                 [value_info("x", [64, size])], [value_info("y", [64, size])])


kind, out = sys.argv[1], sys.argv[2]
size = int(sys.argv[3]) if len(sys.argv) > 3 else None
data = chain(size or 65536) if kind == "chain" else matmul(size or 256)
with open(out, "wb") as f:
    f.write(data)
