//===- Window.cpp - Geometry of windowed ops ------------------------------===//
#include "Window.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <algorithm>

using namespace mlir;

namespace kiln::cpu::window {

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t ceilDiv(int64_t a, int64_t b) { return -floorDiv(-a, b); }

int64_t intAttr(Operation *op, StringRef name, int64_t def) {
  auto a = op->getAttrOfType<IntegerAttr>(name);
  return a ? a.getInt() : def;
}

/// Reads INTS attribute \p name with \p count values in [lo, kMaxAttr], or
/// \p def repeated; false when malformed.
bool readInts(Operation *op, StringRef name, size_t count, int64_t def,
              int64_t lo, SmallVectorImpl<int64_t> &out) {
  auto attr = op->getAttrOfType<ArrayAttr>(name);
  if (!attr) {
    out.assign(count, def);
    return true;
  }
  out.clear();
  for (Attribute a : attr) {
    auto i = dyn_cast<IntegerAttr>(a);
    if (!i || i.getInt() < lo || i.getInt() > kMaxAttr)
      return false;
    out.push_back(i.getInt());
  }
  return out.size() == count;
}

/// Fills the strides, dilations, pads and output sizes of \p w (whose `in`
/// and `kernel` are set) from \p op's attributes; false when they are
/// malformed or the window does not fit.
bool computeWindow(Operation *op, Window &w, bool ceilMode) {
  unsigned rank = w.rank();
  if (!readInts(op, "strides", rank, 1, 1, w.strides) ||
      !readInts(op, "dilations", rank, 1, 1, w.dilations))
    return false;
  auto autoPadAttr = op->getAttrOfType<StringAttr>("auto_pad");
  StringRef autoPad = autoPadAttr ? autoPadAttr.getValue() : "NOTSET";
  bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
  if (!same && autoPad != "NOTSET" && autoPad != "VALID" && !autoPad.empty())
    return false;
  SmallVector<int64_t> pads(2 * rank, 0);
  if ((autoPad == "NOTSET" || autoPad.empty()) &&
      !readInts(op, "pads", 2 * rank, 0, 0, pads))
    return false;
  w.padBegin.assign(rank, 0);
  w.padEnd.assign(rank, 0);
  w.out.assign(rank, 0);
  for (unsigned i = 0; i < rank; ++i) {
    int64_t in = w.in[i], s = w.strides[i];
    int64_t dk = (w.kernel[i] - 1) * w.dilations[i] + 1;
    if (same) {
      int64_t out = ceilDiv(in, s);
      int64_t total = std::max<int64_t>(0, (out - 1) * s + dk - in);
      w.padBegin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
      w.padEnd[i] = total - w.padBegin[i];
      w.out[i] = out;
      continue;
    }
    w.padBegin[i] = pads[i];
    w.padEnd[i] = pads[rank + i];
    int64_t padded = in + w.padBegin[i] + w.padEnd[i];
    if (padded < dk)
      return false;
    int64_t out = (ceilMode ? ceilDiv(padded - dk, s) : (padded - dk) / s) + 1;
    if (ceilMode && (out - 1) * s >= in + w.padBegin[i])
      --out;
    w.out[i] = out;
  }
  return llvm::all_of(w.out, [](int64_t o) { return o > 0; });
}

/// The spatial sizes of \p type (N x C x D...), or empty when it has fewer
/// than 3 dims or no elements.
SmallVector<int64_t> spatialSizes(RankedTensorType type) {
  if (!type || type.getRank() < 3 || type.getNumElements() == 0)
    return {};
  return SmallVector<int64_t>(type.getShape().drop_front(2));
}

/// Reads the window of a pooling op with a required kernel_shape.
bool poolWindow(Operation *op, RankedTensorType xType, Window &w,
                bool ceilMode) {
  w.in = spatialSizes(xType);
  if (w.in.empty() || !op->hasAttr("kernel_shape") ||
      !readInts(op, "kernel_shape", w.rank(), 1, 1, w.kernel))
    return false;
  return computeWindow(op, w, ceilMode);
}

/// Per output position of spatial dim \p i, how many window elements an
/// average counts: those in the input, or with \p includePad also those in
/// the explicit padding.
SmallVector<double> windowCounts(const Window &w, unsigned i, bool includePad) {
  SmallVector<double> counts;
  int64_t k = w.kernel[i], d = w.dilations[i], in = w.in[i];
  for (int64_t o = 0; o < w.out[i]; ++o) {
    int64_t start = o * w.strides[i] - w.padBegin[i];
    int64_t lo = includePad || start >= 0 ? 0 : ceilDiv(-start, d);
    int64_t end = includePad ? in + w.padEnd[i] : in;
    int64_t hi = std::min(k - 1, floorDiv(end - 1 - start, d));
    counts.push_back(double(std::max<int64_t>(0, hi - lo + 1)));
  }
  return counts;
}

} // namespace kiln::cpu::window
