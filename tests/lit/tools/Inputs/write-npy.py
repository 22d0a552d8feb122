"""Writes a .npy file (format 1.0) without numpy.

Usage: write-npy.py FILE DTYPE SHAPE VALUE... where DTYPE is f4, i8 or b1
and SHAPE is dims joined by x ("" or "scalar" for rank 0), e.g.
write-npy.py m.npy i8 scalar 5, write-npy.py y.npy f4 1 -2.0.
"""
import struct
import sys

path, dtype, shape_text = sys.argv[1:4]
values = sys.argv[4:]
shape = () if shape_text in ("", "scalar") else tuple(
    int(d) for d in shape_text.split("x"))
count = 1
for d in shape:
    count *= d
assert len(values) == count, f"{len(values)} values for shape {shape}"
formats = {"f4": ("<f4", "<f", float), "i8": ("<i8", "<q", int),
           "b1": ("|b1", "<?", lambda v: v.lower() in ("1", "true"))}
descr, packing, convert = formats[dtype]
shape_repr = "(" + "".join(f"{d}, " for d in shape).rstrip(" ") + ")"
if len(shape) > 1:
    shape_repr = "(" + ", ".join(str(d) for d in shape) + ")"
header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape_repr}, }}"
# Magic (6) + version (2) + length (2) + header + newline, a multiple of 64.
pad = 64 - (10 + len(header) + 1) % 64
header = header + " " * (pad % 64) + "\n"
with open(path, "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
    f.write(header.encode("latin1"))
    for v in values:
        f.write(struct.pack(packing, convert(v)))
