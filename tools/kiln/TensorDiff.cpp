//===- TensorDiff.cpp - Compare a tensor with a reference -----------------===//
#include "TensorDiff.h"

#include <algorithm>
#include <cmath>

namespace kiln::tool {

void Diff::merge(const Diff &other) {
  if (shapeError.empty())
    shapeError = other.shapeError;
  maxAbs = std::max(maxAbs, other.maxAbs);
  maxRel = std::max(maxRel, other.maxRel);
  if (firstMismatch < 0)
    firstMismatch = other.firstMismatch;
  mismatches += other.mismatches;
}

Diff compareTensors(const Tensor &got, const Tensor &ref, double atol,
                    double rtol, const std::string &gotName,
                    const std::string &refName) {
  Diff d;
  // Containers: same kind and count, then each tensor in order.
  if (!got.isDense() || !ref.isDense()) {
    if (got.kind() != ref.kind() || got.dtype() != ref.dtype() ||
        got.items().size() != ref.items().size()) {
      d.shapeError = gotName + " " + describeValue(got) + ", " + refName + " " +
                     describeValue(ref);
      return d;
    }
    for (size_t i = 0; i < got.items().size(); ++i) {
      Diff item = compareTensors(got.items()[i], ref.items()[i], atol, rtol,
                                 gotName, refName);
      if (!item.shapeError.empty())
        item.shapeError =
            "tensor #" + std::to_string(i) + ": " + item.shapeError;
      d.merge(item);
    }
    return d;
  }
  if (got.dtype() != ref.dtype() || got.shape() != ref.shape()) {
    d.shapeError = gotName + " " + formatShape(got.shape()) + " " +
                   std::string(dtypeName(got.dtype())) + ", " + refName + " " +
                   formatShape(ref.shape()) + " " +
                   std::string(dtypeName(ref.dtype()));
    return d;
  }
  bool exact = !isFloat(ref.dtype());
  /// Accounts for element \p i, a pair that is not \p equal.
  auto visit = [&](int64_t i, double a, double b, bool equal) {
    if (equal)
      return;
    double diff = std::fabs(a - b);
    if (std::isnan(diff))
      diff = INFINITY;
    d.maxAbs = std::max(d.maxAbs, diff);
    if (b != 0)
      d.maxRel = std::max(d.maxRel, diff / std::fabs(b));
    // An infinity matches only itself: |b| = inf would otherwise make the
    // tolerance infinite (found by kiln-fuzz-graphs: -inf passed for inf).
    bool infinite = std::isinf(a) || std::isinf(b);
    if (exact || infinite || !(diff <= atol + rtol * std::fabs(b))) {
      if (d.mismatches++ == 0)
        d.firstMismatch = i;
    }
  };
  auto same = [](double a, double b) {
    return a == b || (std::isnan(a) && std::isnan(b));
  };
  int64_t n = ref.numElements();
  if (ref.dtype() == DType::F32) {
    const float *a = got.data<float>(), *b = ref.data<float>();
    for (int64_t i = 0; i < n; ++i)
      visit(i, a[i], b[i], same(a[i], b[i]));
  } else if (exact) {
    // As int64, so large i64 values are not rounded to equal doubles.
    for (int64_t i = 0; i < n; ++i) {
      int64_t a = got.getAsInt64(i), b = ref.getAsInt64(i);
      visit(i, static_cast<double>(a), static_cast<double>(b), a == b);
    }
  } else {
    for (int64_t i = 0; i < n; ++i) {
      double a = got.getAsDouble(i), b = ref.getAsDouble(i);
      visit(i, a, b, same(a, b));
    }
  }
  return d;
}

} // namespace kiln::tool
