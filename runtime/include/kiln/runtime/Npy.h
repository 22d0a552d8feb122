//===- Npy.h - numpy .npy file reading and writing --------------*- C++ -*-===//
//
// The .npy format (version 1.0/2.0/3.0): a magic string, a Python-dict header
// with 'descr', 'fortran_order' and 'shape', then raw little-endian data.
// Only C-order arrays of Kiln's dtypes are accepted; every header field and
// the data size are checked against the file.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_NPY_H
#define KILN_RUNTIME_NPY_H

#include "kiln/runtime/Tensor.h"

#include <string>

namespace kiln {

/// Reads \p path into \p out; fails with a message naming the file.
Status readNpy(const std::string &path, Tensor &out);
/// Parses an in-memory .npy image.
Status parseNpy(const std::string &bytes, const std::string &name, Tensor &out);
/// Writes \p t to \p path (via a temporary file renamed into place).
Status writeNpy(const std::string &path, const Tensor &t);
/// Serializes \p t as a .npy image.
std::string serializeNpy(const Tensor &t);

} // namespace kiln

#endif // KILN_RUNTIME_NPY_H
