//===- IndexRange.cpp - The range of an op's index values -----------------===//
//
// The messages are those of runtime/kernels/IndexingGather.cpp (wrapIndex)
// and runtime/kernels/MiscLoss.cpp (reduceLoss); the unit tests compare the
// compiled and interpreted failures of each op.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/IndexRange.h"

namespace kiln {

namespace {

/// Whether any of \p v (n values) is outside \p range: one branch-free
/// pass (x in [lo, hi) is one unsigned compare of x - lo with hi - lo); the
/// search for the first one runs only on a failure.
template <typename T>
bool anyOutOfRange(const T *v, int64_t n, const IndexRange &range) {
  const std::vector<int64_t> &sizes = range.sizes;
  int64_t m = static_cast<int64_t>(sizes.size());
  bool target = range.kind == IndexRange::Kind::Target;
  uint64_t bad = 0;
  if (target) {
    uint64_t size = static_cast<uint64_t>(sizes[0]);
    int64_t ignore = range.ignore;
    for (int64_t i = 0; i < n; ++i) {
      int64_t x = static_cast<int64_t>(v[i]);
      bad |= (static_cast<uint64_t>(x) >= size) &
             !(range.hasIgnore && x == ignore);
    }
    return bad;
  }
  if (m == 1) {
    uint64_t size = static_cast<uint64_t>(sizes[0]);
    // Unsigned: x + size wraps instead of overflowing for any x.
    for (int64_t i = 0; i < n; ++i)
      bad |=
          static_cast<uint64_t>(static_cast<int64_t>(v[i])) + size >= 2 * size;
    return bad;
  }
  for (int64_t i = 0; i + m <= n; i += m)
    for (int64_t k = 0; k < m; ++k)
      bad |= static_cast<uint64_t>(static_cast<int64_t>(v[i + k])) +
                 static_cast<uint64_t>(sizes[k]) >=
             2 * static_cast<uint64_t>(sizes[k]);
  return bad || n % m != 0;
}

/// The first position of \p v (n values) outside \p range, or -1.
template <typename T>
int64_t firstOutOfRange(const T *v, int64_t n, const IndexRange &range) {
  if (!anyOutOfRange(v, n, range))
    return -1;
  const std::vector<int64_t> &sizes = range.sizes;
  int64_t m = static_cast<int64_t>(sizes.size());
  bool target = range.kind == IndexRange::Kind::Target;
  for (int64_t i = 0, k = 0; i < n; ++i, k = k + 1 == m ? 0 : k + 1) {
    int64_t x = static_cast<int64_t>(v[i]), size = sizes[k];
    if (target) {
      if ((x < 0 || x >= size) && !(range.hasIgnore && x == range.ignore))
        return i;
    } else if (x < -size || x >= size) {
      return i;
    }
  }
  return -1;
}

} // namespace

Status checkIndexRange(const IndexRange &range, const Tensor &values,
                       std::string_view opName) {
  int64_t n = values.numElements();
  if (n == 0 || range.sizes.empty())
    return Status::ok();
  int64_t at;
  if (values.dtype() == DType::I64)
    at = firstOutOfRange(values.data<int64_t>(), n, range);
  else if (values.dtype() == DType::I32)
    at = firstOutOfRange(values.data<int32_t>(), n, range);
  else
    return Status::errorf("{}: expected int32 or int64 indices, found {}",
                          opName, dtypeName(values.dtype()));
  if (at < 0)
    return Status::ok();
  int64_t value = values.getAsInt64(at);
  size_t k = static_cast<size_t>(at) % range.sizes.size();
  if (range.kind == IndexRange::Kind::Target)
    return Status::errorf("{}: expected target values in [0, {}) or "
                          "ignore_index, found {} at element {}",
                          opName, range.sizes[k], value, at);
  return Status::errorf(
      "{}: index {} is out of range for dimension {} of size {}", opName, value,
      range.firstDim + static_cast<int64_t>(k), range.sizes[k]);
}

} // namespace kiln
