//===- IndexRange.h - The range of an op's index values ---------*- C++ -*-===//
//
// A gather's indices, a scatter's, a loss's class labels: values that
// address another operand. The reference kernels fail on one out of range
// as they go; compiled kernels cannot fail, so the CPU backend checks the
// values with checkIndexRange before such a kernel runs, and the message is
// the reference kernel's.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_INDEXRANGE_H
#define KILN_RUNTIME_INDEXRANGE_H

#include "kiln/runtime/Status.h"
#include "kiln/runtime/Tensor.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace kiln {

/// Which operand of an op holds index values, and their range.
struct IndexRange {
  enum class Kind : uint8_t {
    /// An index into a dimension of size n: in [-n, n), negatives count
    /// from the end (Gather, GatherElements, GatherND, ScatterND,
    /// ScatterElements).
    Index,
    /// A class label among n classes: in [0, n), or equal to `ignore`
    /// when `hasIgnore` (NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss).
    Target,
  };
  Kind kind = Kind::Index;
  /// The operand holding the values (an i32 or i64 tensor).
  unsigned operand = 0;
  /// The size each value addresses, cycling over the values in row-major
  /// order: one size, or one per element of an index tuple (GatherND,
  /// ScatterND: the tuples are the operand's innermost dimension).
  std::vector<int64_t> sizes;
  /// The dimension sizes[0] addresses (the reference kernel names it).
  int64_t firstDim = 0;
  bool hasIgnore = false;
  int64_t ignore = 0;
};

/// Fails on the first value of \p values (i32 or i64) outside \p range, with
/// the message the op's reference kernel gives, prefixed by \p opName.
Status checkIndexRange(const IndexRange &range, const Tensor &values,
                       std::string_view opName);

} // namespace kiln

#endif // KILN_RUNTIME_INDEXRANGE_H
