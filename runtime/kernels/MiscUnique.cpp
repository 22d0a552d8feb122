//===- MiscUnique.cpp - Unique reference kernel ---------------------------===//
//
// Unique finds the distinct elements of X (flattened) or the distinct slices
// of X along `axis`, like numpy.unique:
//
//   1. See X as outer x A x inner around the axis (A = all elements and
//      outer = inner = 1 without an axis); slice a holds the elements
//      (o, a, r) in row-major (o, r) order.
//   2. Stable-sort the slice numbers by lexicographic slice value, so equal
//      slices stay in order of occurrence; runs of equal slices are the
//      unique values, each first run member its first occurrence.
//   3. With sorted = 0 the runs are reordered by first occurrence.
//   4. Y gathers the unique slices; indices, inverse_indices and counts are
//      i64.
//
// Floats compare with NaN above every number and equal to every NaN, a
// total order std::stable_sort can rely on.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Misc.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <type_traits>
#include <vector>

namespace kiln::ref {
namespace {

/// -1, 0 or 1 comparing \p a and \p b, NaN last and equal to NaN.
template <typename C> int compareValues(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) {
    bool an = std::isnan(a), bn = std::isnan(b);
    if (an || bn)
      return an == bn ? 0 : (an ? 1 : -1);
  }
  return a < b ? -1 : (b < a ? 1 : 0);
}

/// Step 2 for storage type T: the slice numbers grouped into runs of equal
/// slices, in sorted order.
template <typename T>
std::vector<std::vector<int64_t>> groupSlices(const Tensor &x, int64_t outer,
                                              int64_t dim, int64_t inner) {
  using C = ComputeType<T>;
  const T *data = x.data<T>();
  auto cmp = [&](int64_t a, int64_t b) {
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t r = 0; r < inner; ++r) {
        int c = compareValues<C>(C(data[(o * dim + a) * inner + r]),
                                 C(data[(o * dim + b) * inner + r]));
        if (c != 0)
          return c;
      }
    return 0;
  };
  std::vector<int64_t> order(static_cast<size_t>(dim));
  std::iota(order.begin(), order.end(), int64_t(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t a, int64_t b) { return cmp(a, b) < 0; });
  std::vector<std::vector<int64_t>> runs;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i == 0 || cmp(order[i - 1], order[i]) != 0)
      runs.emplace_back();
    runs.back().push_back(order[i]);
  }
  return runs;
}

} // namespace

Status evalUnique(KernelContext &ctx) {
  const Tensor *input;
  KILN_RETURN_IF_ERROR(ctx.required(0, input));
  // Step 1.
  AxisView view;
  KILN_RETURN_IF_ERROR(viewAroundOptionalAxis(ctx, *input, view));
  const Tensor &x = view.x;
  int64_t axis = view.axis, outer = view.outer, dim = view.dim,
          inner = view.inner;

  // Steps 2 and 3.
  std::vector<std::vector<int64_t>> runs =
      dispatchAll(x.dtype(), [&](auto tag) {
        return groupSlices<typename decltype(tag)::type>(x, outer, dim, inner);
      });
  if (ctx.attributes().getInt("sorted", 1) == 0)
    std::stable_sort(runs.begin(), runs.end(),
                     [](const std::vector<int64_t> &a,
                        const std::vector<int64_t> &b) { return a[0] < b[0]; });

  // Step 4.
  int64_t k = static_cast<int64_t>(runs.size());
  Shape yShape = x.shape();
  yShape[axis] = k;
  Tensor y(x.dtype(), yShape);
  Tensor first(DType::I64, {k}), inverse(DType::I64, {dim}),
      counts(DType::I64, {k});
  size_t sz = dtypeSize(x.dtype());
  for (int64_t u = 0; u < k; ++u) {
    int64_t src = runs[u][0];
    first.data<int64_t>()[u] = src;
    counts.data<int64_t>()[u] = static_cast<int64_t>(runs[u].size());
    for (int64_t member : runs[u])
      inverse.data<int64_t>()[member] = u;
    for (int64_t o = 0; o < outer; ++o)
      if (inner > 0)
        std::memcpy(static_cast<char *>(y.raw()) + (o * k + u) * inner * sz,
                    static_cast<const char *>(x.raw()) +
                        (o * dim + src) * inner * sz,
                    static_cast<size_t>(inner) * sz);
  }
  Tensor results[] = {y, first, inverse, counts};
  for (size_t i = 0; i < ctx.numOutputs() && i < 4; ++i)
    ctx.outputs[i] = results[i];
  return Status::ok();
}

} // namespace kiln::ref
