//===- VerifiersLayout.cpp - Verifiers of the layout reorders -------------===//
//
// kiln.to_blocked and kiln.from_blocked (LayoutOps.td) relate an N x C x H
// x W tensor to its N x C/c x H x W x c blocked form. Both sides are
// static: kiln-blocked-layout only blocks static shapes. The blocked
// global pool's result is the NCHW N x C x 1 x 1.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"

using namespace mlir;
using namespace kiln;

namespace {

/// Checks that \p blocked is \p plain (NCHW) in channel blocks of \p c.
LogicalResult verifyBlocking(Operation *op, Type plainType, Type blockedType,
                             int64_t c) {
  auto plain = dyn_cast<RankedTensorType>(plainType);
  auto blocked = dyn_cast<RankedTensorType>(blockedType);
  if (!plain || !blocked || !plain.hasStaticShape() ||
      !blocked.hasStaticShape() || plain.getRank() != 4 ||
      blocked.getRank() != 5)
    return op->emitOpError("expected a static NCHW tensor and its static "
                           "NCHWc form, found ")
           << plainType << " and " << blockedType;
  if (plain.getElementType() != blocked.getElementType())
    return op->emitOpError("expected one element type, found ")
           << plainType << " and " << blockedType;
  auto d = plain.getShape();
  if (c < 1 || d[1] % c != 0)
    return op->emitOpError("expected channels ")
           << d[1] << " to be a multiple of the block " << c;
  SmallVector<int64_t> expect{d[0], d[1] / c, d[2], d[3], c};
  if (blocked.getShape() != ArrayRef(expect))
    return op->emitOpError("expected the blocked form ")
           << RankedTensorType::get(expect, plain.getElementType()) << " of "
           << plainType << ", found " << blockedType;
  return success();
}

} // namespace

LogicalResult ToBlockedOp::verify() {
  return verifyBlocking(*this, getInput().getType(), getOutput().getType(),
                        getBlock());
}

LogicalResult FromBlockedOp::verify() {
  auto in = dyn_cast<RankedTensorType>(getInput().getType());
  int64_t c = in && in.getRank() == 5 ? in.getDimSize(4) : 0;
  return verifyBlocking(*this, getOutput().getType(), getInput().getType(), c);
}

LogicalResult BlockedGlobalAveragePoolOp::verify() {
  auto x = dyn_cast<RankedTensorType>(getX().getType());
  auto y = dyn_cast<RankedTensorType>(getY().getType());
  if (!x || !y || !x.hasStaticShape() || !y.hasStaticShape() ||
      x.getRank() != 5 || !x.getElementType().isF32() ||
      y.getElementType() != x.getElementType())
    return emitOpError("expected a static f32 NCHWc (rank-5) X and Y, found ")
           << getX().getType() << " and " << getY().getType();
  SmallVector<int64_t> expect{x.getDimSize(0),
                              x.getDimSize(1) * x.getDimSize(4), 1, 1};
  if (y.getShape() != ArrayRef(expect))
    return emitOpError("expected Y of shape ")
           << RankedTensorType::get(expect, x.getElementType()) << ", found "
           << y;
  return success();
}
