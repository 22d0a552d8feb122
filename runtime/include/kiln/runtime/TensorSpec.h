//===- TensorSpec.h - A value's declared type -------------------*- C++ -*-===//
//
// What a caller, or a control-flow op's description, knows of a value
// before it runs: its kind (a tensor, a sequence, an optional), its element
// type and its (elements') dimensions where known.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_TENSORSPEC_H
#define KILN_RUNTIME_TENSORSPEC_H

#include "kiln/runtime/DType.h"
#include "kiln/runtime/Tensor.h"

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
  /// A tensor, or a container whose tensors `dtype` and `shape` describe.
  ValueKind kind = ValueKind::Tensor;
  /// An optional's content: Tensor or Sequence.
  ValueKind optionalOf = ValueKind::Tensor;
  /// True for a tensor whose every dimension is known.
  bool isStatic() const;
  /// "1x3x224x224xf32", with '?' for dynamic dimensions; "seq<?x4xf32>",
  /// "opt<seq<*xf32>>" for containers.
  std::string format() const;
  /// True when \p value fits: its kind, element type and the known
  /// dimensions of each tensor it holds (an empty optional fits any
  /// optional of its element type, and a value fits an optional of its
  /// kind).
  bool accepts(const Tensor &value) const;
  /// True when \p value has this spec's kind and element type, whatever the
  /// dimensions (a loop may change them between iterations); a value of an
  /// optional's kind stands for the optional.
  bool holdsKindOf(const Tensor &value) const;
};

} // namespace kiln

#endif // KILN_RUNTIME_TENSORSPEC_H
