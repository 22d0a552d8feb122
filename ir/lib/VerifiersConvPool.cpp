//===- VerifiersConvPool.cpp - Verifiers of convolutions and pools --------===//
//
// Rejects window ops that are certainly invalid: ranks of X and W, channel
// counts against group, kernel_shape against W, and attribute lengths
// against the number of spatial dims. Dynamic dims and unranked operands
// skip the checks that need them.
//
//===----------------------------------------------------------------------===//
#include "VerifierUtils.h"

#include "llvm/Support/MathExtras.h"

#include "kiln/ir/KilnDialect.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::shape;
using namespace kiln::verify;

namespace {

/// Checks auto_pad, and kernel_shape, strides, dilations and pads against
/// \p n spatial dims when n is known.
LogicalResult verifyWindowAttrs(Operation *op, std::optional<int64_t> n) {
  StringRef autoPad = strAttrOr(op, "auto_pad", "NOTSET");
  if (autoPad != "NOTSET" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER" && autoPad != "VALID")
    return op->emitOpError("expected auto_pad to be NOTSET, SAME_UPPER, "
                           "SAME_LOWER or VALID, found '")
           << autoPad << "'";
  std::optional<int64_t> n2;
  if (n)
    n2 = 2 * *n;
  if (failed(checkIntsAttr(op, "kernel_shape", n, 1,
                           "one per spatial dim of input X")) ||
      failed(checkIntsAttr(op, "strides", n, 1,
                           "one per spatial dim of input X")) ||
      failed(checkIntsAttr(op, "dilations", n, 1,
                           "one per spatial dim of input X")) ||
      failed(checkIntsAttr(op, "pads", n2, 0,
                           "begin and end per spatial dim of input X")))
    return failure();
  return success();
}

/// Checks the ranks of X and W of a convolution; returns the number of
/// spatial dims when either is ranked.
FailureOr<std::optional<int64_t>> verifyConvRanks(Operation *op, Value x,
                                                  Value w) {
  std::optional<int64_t> rx = rankOf(x), rw = rankOf(w);
  if (rx && *rx < 3)
    return op->emitOpError("expected input X to have rank at least 3 "
                           "(N x C x D1 ...), found rank ")
           << *rx;
  if (rx && rw && *rx != *rw)
    return op->emitOpError("expected weight W rank (")
           << *rw << ") to equal input X rank (" << *rx << ")";
  if (!rx && rw && *rw < 3)
    return op->emitOpError("expected weight W to have rank at least 3, "
                           "found rank ")
           << *rw;
  std::optional<int64_t> r = rx ? rx : rw;
  if (r)
    return std::optional<int64_t>(*r - 2);
  return std::optional<int64_t>();
}

/// Checks kernel_shape, when present, against the spatial dims of W.
LogicalResult verifyKernelShape(Operation *op, Value w) {
  std::optional<SmallVector<int64_t>> kernel = intsAttr(op, "kernel_shape");
  MaybeDims wd = dimsOf(w);
  if (!kernel || !wd || kernel->size() + 2 != wd->size())
    return success();
  for (size_t i = 0; i < kernel->size(); ++i)
    if (isStatic((*wd)[i + 2]) && (*kernel)[i] != (*wd)[i + 2])
      return op->emitOpError("expected kernel_shape ")
             << formatList(*kernel) << " to equal the spatial dims of weight W "
             << formatList(ArrayRef(*wd).drop_front(2));
  return success();
}

/// Checks that the optional bias \p b is 1-D of size \p m.
LogicalResult verifyBias(Operation *op, Value b, int64_t m) {
  MaybeDims bd = dimsOf(b);
  if (!bd)
    return success();
  if (bd->size() != 1)
    return op->emitOpError("expected bias B to be 1-D, found rank ")
           << bd->size();
  if (isStatic(m) && isStatic((*bd)[0]) && (*bd)[0] != m)
    return op->emitOpError("expected bias B size (")
           << (*bd)[0] << ") to equal the output channels (" << m << ")";
  return success();
}

/// MaxPool, AveragePool, LpPool: kernel_shape required, one entry per
/// spatial dim of X.
LogicalResult verifyPool(Operation *op) {
  std::optional<SmallVector<int64_t>> kernel = intsAttr(op, "kernel_shape");
  if (!kernel)
    return op->emitOpError("expected a kernel_shape attribute");
  std::optional<int64_t> rx = rankOf(op->getOperand(0));
  if (rx && *rx < 3)
    return op->emitOpError("expected input X to have rank at least 3 "
                           "(N x C x D1 ...), found rank ")
           << *rx;
  std::optional<int64_t> n = rx ? *rx - 2 : int64_t(kernel->size());
  return verifyWindowAttrs(op, n);
}

} // namespace

LogicalResult ConvOp::verify() {
  FailureOr<std::optional<int64_t>> n = verifyConvRanks(*this, getX(), getW());
  if (failed(n) || failed(verifyWindowAttrs(*this, *n)) ||
      failed(verifyKernelShape(*this, getW())))
    return failure();
  int64_t group = intAttrOr(*this, "group", 1);
  if (group < 1)
    return emitOpError("expected group to be positive, found ") << group;
  MaybeDims x = dimsOf(getX()), w = dimsOf(getW());
  int64_t m = w ? (*w)[0] : kDynamic;
  // A product that overflows cannot equal the input's channels (found by
  // the loader fuzzer: group near INT64_MAX).
  int64_t channels = 0;
  if (x && w && isStatic((*x)[1]) && isStatic((*w)[1]) &&
      (llvm::MulOverflow((*w)[1], group, channels) || (*x)[1] != channels))
    return emitOpError("expected input channels (")
           << (*x)[1] << ") to equal weight dim 1 (" << (*w)[1]
           << ") times group (" << group << ")";
  if (isStatic(m) && m % group != 0)
    return emitOpError("expected group (")
           << group << ") to divide weight dim 0 (" << m << ")";
  return verifyBias(*this, getB(), m);
}

LogicalResult ConvTransposeOp::verify() {
  FailureOr<std::optional<int64_t>> n = verifyConvRanks(*this, getX(), getW());
  if (failed(n) || failed(verifyWindowAttrs(*this, *n)) ||
      failed(verifyKernelShape(*this, getW())) ||
      failed(checkIntsAttr(*this, "output_padding", *n, 0,
                           "one per spatial dim of input X")))
    return failure();
  if (auto outShape = intsAttr(*this, "output_shape");
      outShape && *n && int64_t(outShape->size()) != **n &&
      int64_t(outShape->size()) != **n + 2)
    return emitOpError("expected output_shape to have ")
           << **n << " or " << **n + 2 << " entries, found "
           << outShape->size();
  int64_t group = intAttrOr(*this, "group", 1);
  if (group < 1)
    return emitOpError("expected group to be positive, found ") << group;
  MaybeDims x = dimsOf(getX()), w = dimsOf(getW());
  if (x && w && isStatic((*x)[1]) && isStatic((*w)[0]) && (*x)[1] != (*w)[0])
    return emitOpError("expected input channels (")
           << (*x)[1] << ") to equal weight dim 0 (" << (*w)[0] << ")";
  if (w && isStatic((*w)[0]) && (*w)[0] % group != 0)
    return emitOpError("expected group (")
           << group << ") to divide weight dim 0 (" << (*w)[0] << ")";
  return verifyBias(*this, getB(), w ? mulDims((*w)[1], group) : kDynamic);
}

LogicalResult MaxPoolOp::verify() { return verifyPool(*this); }
LogicalResult AveragePoolOp::verify() { return verifyPool(*this); }
LogicalResult LpPoolOp::verify() { return verifyPool(*this); }
