//===- ShapeInferenceConvPool.cpp - Shapes of windowed ops ----------------===//
//
// Result shapes of convolutions, pools, global pools and the block
// rearrangements (DepthToSpace, SpaceToDepth). The spatial sizes follow the
// reference kernels (runtime/kernels/ConvPool.cpp):
//
//   NOTSET/VALID: out = floor((in + pad_begin + pad_end - dk) / s) + 1,
//                 dk = (k - 1) * d + 1; with ceil_mode, ceil instead, minus
//                 one when the last window would start in the end padding
//   SAME_*:       out = ceil(in / s)
//   transposed:   out = s * (in - 1) + output_padding + dk - pads, or
//                 output_shape, or in * s with SAME_*
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/ShapeInference.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::shape;

namespace {

/// The window attributes of a conv or pool with \p n spatial dims, with
/// ONNX defaults; std::nullopt when an attribute has the wrong length.
struct Window {
  SmallVector<int64_t> strides, dilations, pads;
  StringRef autoPad;
};

std::optional<Window> readWindow(Operation *op, size_t n) {
  Window w;
  w.strides = intsAttr(op, "strides").value_or(SmallVector<int64_t>(n, 1));
  w.dilations = intsAttr(op, "dilations").value_or(SmallVector<int64_t>(n, 1));
  w.pads = intsAttr(op, "pads").value_or(SmallVector<int64_t>(2 * n, 0));
  w.autoPad = strAttrOr(op, "auto_pad", "NOTSET");
  if (w.strides.size() != n || w.dilations.size() != n ||
      w.pads.size() != 2 * n)
    return std::nullopt;
  if (w.autoPad == "VALID")
    w.pads.assign(2 * n, 0);
  for (size_t i = 0; i < n; ++i)
    if (w.strides[i] < 1 || w.dilations[i] < 1)
      return std::nullopt;
  return w;
}

int64_t floorDiv(int64_t a, int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}
int64_t ceilDiv(int64_t a, int64_t b) { return -floorDiv(-a, b); }

/// Output spatial sizes of a forward window op (conv or pool) over the input
/// spatial dims \p in with kernel \p kernel; dynamic where unknown.
Dims windowOutput(Operation *op, ArrayRef<int64_t> in, ArrayRef<int64_t> kernel,
                  bool ceilMode) {
  size_t n = in.size();
  Dims out(n, kDynamic);
  std::optional<Window> w = readWindow(op, n);
  if (!w || kernel.size() != n)
    return out;
  bool same = w->autoPad == "SAME_UPPER" || w->autoPad == "SAME_LOWER";
  for (size_t i = 0; i < n; ++i) {
    int64_t s = w->strides[i];
    if (!isStatic(in[i]))
      continue;
    if (same) {
      out[i] = ceilDiv(in[i], s);
      continue;
    }
    if (!isStatic(kernel[i]) || kernel[i] < 1)
      continue;
    // dk = (kernel - 1) * dilation + 1, padded = in + pads; attributes
    // from a model can overflow them, which leaves the dim unknown.
    int64_t dk, padded;
    if (llvm::MulOverflow(kernel[i] - 1, w->dilations[i], dk) ||
        llvm::AddOverflow(dk, int64_t(1), dk) ||
        llvm::AddOverflow(in[i], w->pads[i], padded) ||
        llvm::AddOverflow(padded, w->pads[n + i], padded))
      continue;
    if (padded < dk)
      continue; // invalid; the kernel reports it
    int64_t o = (ceilMode ? ceilDiv(padded - dk, s) : (padded - dk) / s) + 1;
    if (ceilMode && (o - 1) * s >= in[i] + w->pads[i])
      --o;
    out[i] = o;
  }
  return out;
}

/// The spatial dims of \p dims (all but the first two).
Dims spatial(ArrayRef<int64_t> dims) {
  return dims.size() >= 2 ? Dims(dims.drop_front(2)) : Dims();
}

/// Shapes of MaxPool, AveragePool and LpPool: N x C x windowed dims, for
/// every result (MaxPool's Indices too).
LogicalResult inferPoolShapes(Operation *op, SmallVectorImpl<Type> &types) {
  std::optional<SmallVector<int64_t>> kernel = intsAttr(op, "kernel_shape");
  MaybeDims x = dimsOf(op->getOperand(0));
  if (!kernel || (x && x->size() != kernel->size() + 2))
    return setResultShapes(op, {}, types);
  Dims in = x ? spatial(*x) : Dims(kernel->size(), kDynamic);
  Dims y{x ? (*x)[0] : kDynamic, x ? (*x)[1] : kDynamic};
  llvm::append_range(
      y, windowOutput(op, in, *kernel, intAttrOr(op, "ceil_mode", 0) != 0));
  SmallVector<MaybeDims> shapes(op->getNumResults(), y);
  return setResultShapes(op, shapes, types);
}

/// Shapes of the global pools: N x C x 1 x ... x 1.
LogicalResult inferGlobalPoolShapes(Operation *op,
                                    SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(op->getOperand(0));
  if (!x || x->size() < 2)
    return setResultShapes(op, {}, types);
  Dims y(x->size(), 1);
  y[0] = (*x)[0];
  y[1] = (*x)[1];
  return setResultShapes(op, {MaybeDims(y)}, types);
}

} // namespace

LogicalResult ConvOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getX()), w = dimsOf(getW());
  if ((!x && !w) || (x && w && x->size() != w->size()) ||
      (x ? x->size() : w->size()) < 3)
    return setResultShapes(*this, {}, types);
  size_t rank = x ? x->size() : w->size();
  Dims in = x ? spatial(*x) : Dims(rank - 2, kDynamic);
  Dims kernel = w ? spatial(*w) : Dims(rank - 2, kDynamic);
  if (std::optional<SmallVector<int64_t>> k = intsAttr(*this, "kernel_shape"))
    kernel = Dims(*k);
  Dims y{x ? (*x)[0] : kDynamic, w ? (*w)[0] : kDynamic};
  llvm::append_range(y, windowOutput(*this, in, kernel, /*ceilMode=*/false));
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

LogicalResult ConvTransposeOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getX()), w = dimsOf(getW());
  if ((!x && !w) || (x && w && x->size() != w->size()) ||
      (x ? x->size() : w->size()) < 3)
    return setResultShapes(*this, {}, types);
  size_t rank = x ? x->size() : w->size(), n = rank - 2;
  Dims in = x ? spatial(*x) : Dims(n, kDynamic);
  Dims kernel = w ? spatial(*w) : Dims(n, kDynamic);
  if (std::optional<SmallVector<int64_t>> k = intsAttr(*this, "kernel_shape"))
    kernel = Dims(*k);
  int64_t group = intAttrOr(*this, "group", 1);
  Dims y{x ? (*x)[0] : kDynamic, w ? mulDims((*w)[1], group) : kDynamic};
  Dims out(n, kDynamic);
  std::optional<Window> win = readWindow(*this, n);
  SmallVector<int64_t> outPad =
      intsAttr(*this, "output_padding").value_or(SmallVector<int64_t>(n, 0));
  std::optional<SmallVector<int64_t>> outShape =
      intsAttr(*this, "output_shape");
  if (outShape && outShape->size() == n + 2)
    outShape->erase(outShape->begin(), outShape->begin() + 2);
  if (win && kernel.size() == n && outPad.size() == n &&
      (!outShape || outShape->size() == n)) {
    bool same = win->autoPad == "SAME_UPPER" || win->autoPad == "SAME_LOWER";
    for (size_t i = 0; i < n; ++i) {
      if (outShape)
        out[i] = (*outShape)[i];
      else if (same)
        out[i] = mulDims(in[i], win->strides[i]);
      else if (isStatic(in[i]) && isStatic(kernel[i]))
        out[i] = win->strides[i] * (in[i] - 1) + outPad[i] +
                 (kernel[i] - 1) * win->dilations[i] + 1 - win->pads[i] -
                 win->pads[n + i];
      if (isStatic(out[i]) && out[i] < 0)
        out[i] = kDynamic; // invalid; the kernel reports it
    }
  }
  llvm::append_range(y, out);
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

LogicalResult MaxPoolOp::inferShapes(SmallVectorImpl<Type> &types) {
  return inferPoolShapes(*this, types);
}
LogicalResult AveragePoolOp::inferShapes(SmallVectorImpl<Type> &types) {
  return inferPoolShapes(*this, types);
}
LogicalResult LpPoolOp::inferShapes(SmallVectorImpl<Type> &types) {
  return inferPoolShapes(*this, types);
}
LogicalResult GlobalMaxPoolOp::inferShapes(SmallVectorImpl<Type> &types) {
  return inferGlobalPoolShapes(*this, types);
}
LogicalResult GlobalAveragePoolOp::inferShapes(SmallVectorImpl<Type> &types) {
  return inferGlobalPoolShapes(*this, types);
}
LogicalResult GlobalLpPoolOp::inferShapes(SmallVectorImpl<Type> &types) {
  return inferGlobalPoolShapes(*this, types);
}

// N x C x H x W -> N x C/b^2 x H*b x W*b
LogicalResult DepthToSpaceOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getInput());
  int64_t b = intAttrOr(*this, "blocksize", 0);
  if (!x || x->size() != 4 || b < 1)
    return setResultShapes(*this, {}, types);
  int64_t c = (*x)[1], bb = mulDims(b, b);
  Dims y{(*x)[0],
         isStatic(c) && isStatic(bb) && c % bb == 0 ? c / bb : kDynamic,
         mulDims((*x)[2], b), mulDims((*x)[3], b)};
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// N x C x H x W -> N x C*b^2 x H/b x W/b
LogicalResult SpaceToDepthOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getInput());
  int64_t b = intAttrOr(*this, "blocksize", 0);
  if (!x || x->size() != 4 || b < 1)
    return setResultShapes(*this, {}, types);
  auto divided = [&](int64_t d) {
    return isStatic(d) && d % b == 0 ? d / b : kDynamic;
  };
  Dims y{(*x)[0], mulDims((*x)[1], mulDims(b, b)), divided((*x)[2]),
         divided((*x)[3])};
  return setResultShapes(*this, {MaybeDims(y)}, types);
}
