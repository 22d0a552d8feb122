#!/usr/bin/env python3
"""Compares the .npy files of two folders: the same file names, then per
file dtype and shape, then values within |a - b| <= atol + rtol * |b|
(integers and bools exactly; NaN only equals NaN). Standard library only.

Usage: compare_npy.py EXPECTED_DIR ACTUAL_DIR [--atol A] [--rtol R]
Prints one line per file; exits 1 on any difference.
"""
import argparse
import ast
import math
import os
import struct
import sys

FORMATS = {"<f4": "f", "<f8": "d", "<f2": "e", "<i8": "q", "<i4": "i",
           "|i1": "b", "|u1": "B", "|b1": "?"}


def read_npy(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x93NUMPY":
        raise ValueError("%s: not a .npy file" % path)
    major = data[6]
    if major == 1:
        (hlen,), start = struct.unpack("<H", data[8:10]), 10
    else:
        (hlen,), start = struct.unpack("<I", data[8:12]), 12
    header = ast.literal_eval(data[start:start + hlen].decode("latin1"))
    descr, shape = header["descr"], tuple(header["shape"])
    if header["fortran_order"] or descr not in FORMATS:
        raise ValueError("%s: unsupported array %r" % (path, header))
    count = math.prod(shape)
    fmt = "<%d%s" % (count, FORMATS[descr])
    body = data[start + hlen:]
    if len(body) != struct.calcsize(fmt):
        raise ValueError("%s: %d data bytes for shape %s" %
                         (path, len(body), shape))
    return descr, shape, struct.unpack(fmt, body)


def compare(expected, actual, atol, rtol):
    """Returns an error text, or '' with the max abs error appended."""
    ed, es, ev = read_npy(expected)
    ad, as_, av = read_npy(actual)
    if ed != ad:
        return "dtype %s, expected %s" % (ad, ed), 0.0
    if es != as_:
        return "shape %s, expected %s" % (as_, es), 0.0
    exact = ed[1] != "f"
    worst, where = 0.0, -1
    for i, (e, a) in enumerate(zip(ev, av)):
        if exact:
            if e != a:
                return "element %d is %r, expected %r" % (i, a, e), 0.0
            continue
        if math.isnan(e) or math.isnan(a):
            if not (math.isnan(e) and math.isnan(a)):
                return "element %d is %r, expected %r" % (i, a, e), 0.0
            continue
        err = abs(a - e)
        if err > worst:
            worst, where = err, i
        if err > atol + rtol * abs(e):
            return ("element %d is %r, expected %r (|diff| %.3g > atol %g + "
                    "rtol %g * |expected|)" % (i, a, e, err, atol, rtol)), err
    return "", worst


def main():
    p = argparse.ArgumentParser()
    p.add_argument("expected")
    p.add_argument("actual")
    p.add_argument("--atol", type=float, default=1e-4)
    p.add_argument("--rtol", type=float, default=1e-4)
    args = p.parse_args()
    names = lambda d: sorted(f for f in os.listdir(d) if f.endswith(".npy"))
    exp, act = names(args.expected), names(args.actual)
    if not exp or exp != act:
        print("FAIL files differ: expected %s, found %s" % (exp, act))
        return 1
    failed = 0
    for name in exp:
        try:
            err, worst = compare(os.path.join(args.expected, name),
                                 os.path.join(args.actual, name),
                                 args.atol, args.rtol)
        except ValueError as e:
            err, worst = str(e), 0.0
        if err:
            failed += 1
            print("FAIL %s: %s" % (name, err))
        else:
            print("ok   %s (max |diff| %.3g)" % (name, worst))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
