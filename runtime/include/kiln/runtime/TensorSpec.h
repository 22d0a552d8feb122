//===- TensorSpec.h - A value's declared type -------------------*- C++ -*-===//
//
// What a caller, or a control-flow op's description, knows of a value
// before it runs: its element type and its dimensions where known.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_TENSORSPEC_H
#define KILN_RUNTIME_TENSORSPEC_H

#include "kiln/runtime/DType.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiln {

/// A graph input or output as the caller sees it.
struct TensorSpec {
  std::string name;
  DType dtype = DType::F32;
  /// Dimensions, -1 where dynamic; empty with `ranked == false` if unknown.
  std::vector<int64_t> shape;
  bool ranked = true;
  /// True when every dimension is known.
  bool isStatic() const;
  /// "1x3x224x224xf32", with '?' for dynamic dimensions.
  std::string format() const;
};

} // namespace kiln

#endif // KILN_RUNTIME_TENSORSPEC_H
