#!/usr/bin/env python3
"""Writes tiny.onnx: a small model whose ops the compiled backend lowers
today (Add, Sub, Mul, Div, Relu, Exp), so the AOT test always has one model
that compiles fully. It has large weights (buffers in the weights blob),
small ones (inlined into kernels), intermediates whose lives end at different
steps (the scratch plan reuses their space), an output that later steps also
read, and an int64 path.

Standard library only: the protobuf encoding of ModelProto is written by
hand. Usage: tiny_model.py OUT.onnx
"""
import math
import struct
import sys

FLOAT, INT64 = 1, 7


def varint(n):
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(num, wire, payload):
    return varint(num << 3 | wire) + payload


def f_int(num, n):
    return field(num, 0, varint(n))


def f_bytes(num, data):
    if isinstance(data, str):
        data = data.encode()
    return field(num, 2, varint(len(data)) + data)


def value_info(name, elem, dims):
    shape = b"".join(f_bytes(1, f_int(1, d)) for d in dims)
    tensor_type = f_int(1, elem) + f_bytes(2, shape)
    return f_bytes(1, name) + f_bytes(2, f_bytes(1, tensor_type))


def initializer(name, dims, values):
    raw = struct.pack("<%df" % len(values), *values)
    return (b"".join(f_int(1, d) for d in dims) + f_int(2, FLOAT) +
            f_bytes(8, name) + f_bytes(9, raw))


def node(op, inputs, outputs, name):
    return (b"".join(f_bytes(1, i) for i in inputs) +
            b"".join(f_bytes(2, o) for o in outputs) + f_bytes(3, name) +
            f_bytes(4, op))


def main():
    act = [1, 8, 16, 16]
    n = 8 * 16 * 16
    nodes = [
        ("Mul", ["x", "w1"], ["a"]),        # large weight, same shape
        ("Add", ["a", "b1"], ["b"]),        # small weight, broadcast
        ("Relu", ["b"], ["c"]),             # output 'c', read again below
        ("Sub", ["c", "y"], ["d"]),
        ("Mul", ["d", "w3"], ["e"]),        # large weight, broadcast
        ("Mul", ["e", "tenth"], ["e2"]),
        ("Exp", ["e2"], ["f"]),
        ("Add", ["c", "two"], ["c2"]),
        ("Div", ["f", "c2"], ["g"]),        # output 'g'
        ("Relu", ["d"], ["h"]),             # output 'h'
        ("Add", ["k", "k"], ["k2"]),
        ("Mul", ["k2", "k"], ["k3"]),       # output 'k3', int64
    ]
    graph = b"".join(
        f_bytes(1, node(op, i, o, "%s_%d" % (op.lower(), idx)))
        for idx, (op, i, o) in enumerate(nodes))
    graph += f_bytes(2, "tiny")
    graph += f_bytes(5, initializer(
        "w1", act, [math.sin(0.37 * k) for k in range(n)]))
    graph += f_bytes(5, initializer(
        "b1", [8, 1, 1], [0.25 * k - 1.0 for k in range(8)]))
    graph += f_bytes(5, initializer(
        "w3", act[1:], [math.cos(0.11 * k) * 0.5 for k in range(n)]))
    graph += f_bytes(5, initializer("tenth", [], [0.1]))
    graph += f_bytes(5, initializer("two", [], [2.0]))
    graph += f_bytes(11, value_info("x", FLOAT, act))
    graph += f_bytes(11, value_info("y", FLOAT, act))
    graph += f_bytes(11, value_info("k", INT64, [3, 5]))
    graph += f_bytes(12, value_info("g", FLOAT, act))
    graph += f_bytes(12, value_info("c", FLOAT, act))
    graph += f_bytes(12, value_info("h", FLOAT, act))
    graph += f_bytes(12, value_info("k3", INT64, [3, 5]))
    model = (f_int(1, 8) + f_bytes(2, "kiln-aot-test") +
             f_bytes(7, graph) + f_bytes(8, f_bytes(1, "") + f_int(2, 17)))
    with open(sys.argv[1], "wb") as out:
        out.write(model)


if __name__ == "__main__":
    main()
