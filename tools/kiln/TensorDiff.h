//===- TensorDiff.h - Compare a tensor with a reference ---------*- C++ -*-===//
//
// The one comparison of backend results with reference results used by
// `kiln compare` and kiln-fuzz-graphs: shape and dtype first, then values,
// floats within an explicit atol + rtol * |ref|, NaN only against NaN and an
// infinity only against itself, integers and bools exactly.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_TENSORDIFF_H
#define KILN_TOOLS_KILN_TENSORDIFF_H

#include "kiln/runtime/Tensor.h"

#include <cstdint>
#include <string>

namespace kiln::tool {

/// How a tensor compares with its reference.
struct Diff {
  /// Set when the shapes or dtypes differ; the values are then not compared.
  std::string shapeError;
  /// Largest |got - ref|, and largest |got - ref| / |ref| over the
  /// elements where ref is nonzero (infinite for a NaN on one side only).
  double maxAbs = 0, maxRel = 0;
  /// Elements outside the tolerance, and the first of them (-1: none).
  int64_t mismatches = 0, firstMismatch = -1;
  bool ok() const { return shapeError.empty() && mismatches == 0; }
  /// Folds \p other into this, for a step with several results.
  void merge(const Diff &other);
};

/// Compares \p got with \p ref: floats within |got - ref| <= atol + rtol *
/// |ref| (NaN matches only NaN, infinities only themselves), integers and
/// bools exactly; a sequence or an optional matches one of its kind and
/// count whose tensors match in order. \p gotName and \p refName label the
/// two in shapeError.
Diff compareTensors(const Tensor &got, const Tensor &ref, double atol,
                    double rtol, const std::string &gotName = "jit",
                    const std::string &refName = "interp");

} // namespace kiln::tool

#endif // KILN_TOOLS_KILN_TENSORDIFF_H
