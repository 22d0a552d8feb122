//===- FuseConvPrologue.cpp - Scale, shift and relu into conv packing ----===//
//
// See Passes.td. The chain is matched from the conv upwards: an optional
// relu, an optional add of a per-channel shift, then a multiply by a
// per-channel scale (either operand order); every op of the chain must have
// the conv as its only user, so nothing else needs the values it computed.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_FUSECONVPROLOGUE
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// True when \p v is a per-channel f32 tensor for an NCHW value of batch
/// \p n and \p c channels: C x 1 x 1 or N' x C x 1 x 1 with N' = 1 or n.
bool isPerChannel(Value v, int64_t n, int64_t c) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  if (!t || !t.hasStaticShape() || !t.getElementType().isF32())
    return false;
  ArrayRef<int64_t> d = t.getShape();
  int64_t r = t.getRank();
  return (r == 3 || r == 4) && d[r - 1] == 1 && d[r - 2] == 1 &&
         d[r - 3] == c && (r == 3 || d[0] == 1 || d[0] == n);
}

/// True when \p op has one result, used once, by \p user.
bool onlyFeeds(Operation *op, Operation *user) {
  return op && op->getNumResults() == 1 && op->getResult(0).hasOneUse() &&
         *op->getResult(0).getUsers().begin() == user;
}

struct FuseConvProloguePass
    : kiln::impl::FuseConvPrologueBase<FuseConvProloguePass> {
  void runOnOperation() override {
    SmallVector<PackedConvOp> convs;
    getOperation().walk([&](PackedConvOp conv) { convs.push_back(conv); });
    for (PackedConvOp conv : convs)
      if (fuse(conv))
        ++numFused;
  }

  /// Folds the chain before \p conv into it; false when there is none.
  static bool fuse(PackedConvOp conv) {
    if (!conv.getPrologue().empty())
      return false;
    for (Attribute pad : conv.getPads())
      if (cast<IntegerAttr>(pad).getInt() != 0)
        return false;
    auto xType = dyn_cast<RankedTensorType>(conv.getX().getType());
    if (!xType || !xType.hasStaticShape() || xType.getRank() != 4)
      return false;
    int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
    auto sameType = [&](Operation *op) {
      return op->getResult(0).getType() == xType;
    };

    SmallVector<Operation *> chain; // from the conv upwards
    Operation *next = conv;
    Value at = conv.getX();
    bool relu = false;
    if (auto r = at.getDefiningOp<ReluOp>();
        r && onlyFeeds(r, next) && sameType(r)) {
      relu = true;
      chain.push_back(r);
      next = r;
      at = r->getOperand(0);
    }
    Value shift;
    if (auto add = at.getDefiningOp<AddOp>();
        add && onlyFeeds(add, next) && sameType(add)) {
      // The shift is the per-channel operand; the other must be the
      // product matched below.
      for (int i = 0; i < 2 && !shift; ++i) {
        if (isPerChannel(add->getOperand(i), n, c)) {
          shift = add->getOperand(i);
          chain.push_back(add);
          next = add;
          at = add->getOperand(1 - i);
        }
      }
    }
    auto mul = at.getDefiningOp<MulOp>();
    if (!mul || !onlyFeeds(mul, next) || !sameType(mul))
      return false;
    Value x, scale;
    for (int i = 0; i < 2 && !scale; ++i) {
      Value s = mul->getOperand(i), other = mul->getOperand(1 - i);
      if (isPerChannel(s, n, c) && other.getType() == xType) {
        scale = s;
        x = other;
      }
    }
    if (!scale)
      return false;
    chain.push_back(mul);

    // The conv with X = x and the prologue operands, its location fused
    // with the chain's (the ONNX nodes it covers stay known).
    SmallVector<Location> locs;
    for (Operation *op : llvm::reverse(chain))
      locs.push_back(op->getLoc());
    locs.push_back(conv.getLoc());
    OpBuilder b(conv);
    OperationState state(FusedLoc::get(conv.getContext(), locs),
                         conv->getName());
    SmallVector<Value> operands(conv->getOperands());
    operands[0] = x;
    operands.push_back(scale);
    if (shift)
      operands.push_back(shift);
    state.addOperands(operands);
    state.addTypes(conv.getY().getType());
    NamedAttrList attrs(conv->getAttrDictionary());
    if (relu)
      attrs.set("in_activation", b.getStringAttr("relu"));
    state.addAttributes(attrs);
    Operation *fused = b.create(state);
    conv.getY().replaceAllUsesWith(fused->getResult(0));
    conv.erase();
    for (Operation *op : chain) // users first
      op->erase();
    return true;
  }
};

} // namespace
