//===- AttrBlob.h - Attributes as a self-describing byte string -*- C++ -*-===//
//
// An AOT library with reference steps carries each step's attributes as a
// byte string written at compile time and parsed by libkiln-rt.so before the
// kernel runs. The format is little-endian (the library runs on the machine
// it was compiled for) and self-describing:
//
//   "KAT1" u32 count, then per attribute, in name order:
//     u32 name length, name bytes, u8 kind (the AttrValue index), value:
//       0 int     i64
//       1 float   f64
//       2 string  u64 length, bytes
//       3 ints    u64 n, n x i64
//       4 floats  u64 n, n x f64
//       5 strings u64 n, n x (u64 length, bytes)
//       6 tensor  i32 ONNX dtype, u32 rank, rank x i64 dims, u64 bytes, data
//
// Parsing checks every length against the remaining bytes.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_ATTRBLOB_H
#define KILN_RUNTIME_ATTRBLOB_H

#include "kiln/runtime/Attributes.h"
#include "kiln/runtime/Status.h"

#include <string>

namespace kiln {

/// \p attrs in the format above.
std::string serializeAttrs(const AttrMap &attrs);

/// Parses \p size bytes at \p data into \p attrs (which it clears first).
Status parseAttrs(const void *data, size_t size, AttrMap &attrs);

} // namespace kiln

#endif // KILN_RUNTIME_ATTRBLOB_H
