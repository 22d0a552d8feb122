#!/usr/bin/env python3
"""Writes mixed.onnx: compiled kernels and reference steps in one model, for
the AOT test of libraries that link libkiln-rt.so. GRU (a reference step by
design) reads large weights from the weights blob, an absent optional input
(sequence_lens), an int and a string-list attribute; Cast to float16
and back are reference steps (f16 is not compiled) whose f16 result is also
a model output; Relu and Add are compiled kernels reading reference results.

With --nonzero it writes instead a model whose shapes depend on the data:
Relu (compiled) zeroes about half of x, NonZero gives the 2 x n indices of
the rest (a dynamic model output, also read later), Cast turns them to
float (a dynamic intermediate, freed after its last use) and ReduceSum adds
them up into a static scalar output.

Standard library only (tiny_model.py's hand-written protobuf encoding).
Usage: mixed_model.py OUT.onnx [--nonzero]
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tiny_model import FLOAT, f_bytes, f_int, initializer, value_info  # noqa

FLOAT16 = 10
ATTR_INT, ATTR_STRINGS = 2, 8


def attr_int(name, value):
    return f_bytes(1, name) + f_int(3, value) + f_int(20, ATTR_INT)


def attr_strings(name, values):
    return (f_bytes(1, name) + b"".join(f_bytes(9, v) for v in values) +
            f_int(20, ATTR_STRINGS))


def node(op, inputs, outputs, name, attrs=()):
    return (b"".join(f_bytes(1, i) for i in inputs) +
            b"".join(f_bytes(2, o) for o in outputs) + f_bytes(3, name) +
            f_bytes(4, op) + b"".join(f_bytes(5, a) for a in attrs))


def model(graph):
    return (f_int(1, 8) + f_bytes(2, "kiln-aot-test") +
            f_bytes(7, graph) + f_bytes(8, f_bytes(1, "") + f_int(2, 17)))


def nonzero_model():
    nodes = [
        node("Relu", ["x"], ["r"], "relu"),
        node("NonZero", ["r"], ["y"], "nz"),
        node("Cast", ["y"], ["yf"], "to_float", [attr_int("to", FLOAT)]),
        node("ReduceSum", ["yf"], ["total"], "sum",
             [attr_int("keepdims", 0)]),
    ]
    graph = b"".join(f_bytes(1, n) for n in nodes)
    graph += f_bytes(2, "nonzero")
    graph += f_bytes(11, value_info("x", FLOAT, [3, 4]))
    # y: 2 x n, n a symbolic dim (dim_param).
    shape = f_bytes(1, f_int(1, 2)) + f_bytes(1, f_bytes(2, "n"))
    tensor_type = f_int(1, 7) + f_bytes(2, shape)
    graph += f_bytes(12, f_bytes(1, "y") + f_bytes(2, f_bytes(1, tensor_type)))
    graph += f_bytes(12, value_info("total", FLOAT, []))
    return model(graph)


def mixed_model():
    seq, batch, inp, hid = 5, 2, 8, 16
    nodes = [
        node("GRU", ["x", "W", "R", "B", "", "h0"], ["Y", "Y_h"], "gru",
             [attr_int("hidden_size", hid),
              attr_strings("activations", ["Sigmoid", "Tanh"])]),
        node("Relu", ["Y"], ["r"], "relu"),
        node("Cast", ["Y_h"], ["h16"], "to_half", [attr_int("to", FLOAT16)]),
        node("Cast", ["h16"], ["h32"], "to_float", [attr_int("to", FLOAT)]),
        node("Add", ["h32", "Y_h"], ["s"], "add"),
    ]
    graph = b"".join(f_bytes(1, n) for n in nodes)
    graph += f_bytes(2, "mixed")
    graph += f_bytes(5, initializer(
        "W", [1, 3 * hid, inp],
        [0.3 * math.sin(0.37 * k) for k in range(3 * hid * inp)]))
    graph += f_bytes(5, initializer(
        "R", [1, 3 * hid, hid],
        [0.2 * math.cos(0.13 * k) for k in range(3 * hid * hid)]))
    graph += f_bytes(5, initializer(
        "B", [1, 6 * hid], [0.01 * k - 0.5 for k in range(6 * hid)]))
    graph += f_bytes(11, value_info("x", FLOAT, [seq, batch, inp]))
    graph += f_bytes(11, value_info("h0", FLOAT, [1, batch, hid]))
    graph += f_bytes(12, value_info("r", FLOAT, [seq, 1, batch, hid]))
    graph += f_bytes(12, value_info("h16", FLOAT16, [1, batch, hid]))
    graph += f_bytes(12, value_info("s", FLOAT, [1, batch, hid]))
    return model(graph)


def main():
    data = nonzero_model() if "--nonzero" in sys.argv[2:] else mixed_model()
    with open(sys.argv[1], "wb") as out:
        out.write(data)


if __name__ == "__main__":
    main()
