//===- DecomposeBatchNorm.cpp - BatchNorm as a per-channel multiply-add ---===//
//
// See Passes.td. s and t come from packed::batchNormAffine (PackedLayout.h),
// as for the BatchNorms kiln-fuse-epilogue folds.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SetVector.h"

namespace kiln {
#define GEN_PASS_DEF_DECOMPOSEBATCHNORM
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

struct DecomposeBatchNormPass
    : kiln::impl::DecomposeBatchNormBase<DecomposeBatchNormPass> {
  void runOnOperation() override {
    SmallVector<BatchNormalizationOp> ops;
    getOperation().walk([&](BatchNormalizationOp bn) { ops.push_back(bn); });
    for (BatchNormalizationOp bn : ops)
      if (decompose(bn))
        ++numDecomposed;
  }

  /// Rewrites \p bn; false when it is not of the handled form.
  static bool decompose(BatchNormalizationOp bn) {
    auto type = dyn_cast<RankedTensorType>(bn.getX().getType());
    if (!type || !type.hasStaticShape() || type.getRank() < 2 ||
        !type.getElementType().isF32() || bn.getY().getType() != type)
      return false;
    int64_t c = type.getDimSize(1);
    std::optional<packed::AffineChannels> affine =
        packed::batchNormAffine(bn, c);
    if (!affine)
      return false;
    SmallVector<int64_t> shape(type.getRank() - 1, 1);
    shape[0] = c;
    OpBuilder b(bn);
    Location loc = bn.getLoc();
    std::string name = packed::constantName(bn.getScale());
    Value sv = packed::makeF32Constant(b, loc, shape, affine->scale,
                                       name + ".bn_scale");
    Value tv = packed::makeF32Constant(b, loc, shape, affine->shift,
                                       name + ".bn_shift");
    Value mul = b.create<MulOp>(loc, type, bn.getX(), sv);
    Value add = b.create<AddOp>(loc, type, mul, tv);
    bn.getY().replaceAllUsesWith(add);
    // Statistics no other op reads would stay in the graph as dead blobs
    // (one constant may be several of them: each is erased once).
    llvm::SmallSetVector<Operation *, 4> stats;
    for (Value v :
         {bn.getScale(), bn.getB(), bn.getInputMean(), bn.getInputVar()})
      if (auto constant = v.getDefiningOp<ConstantOp>())
        stats.insert(constant);
    bn.erase();
    for (Operation *constant : stats)
      if (constant->use_empty())
        constant->erase();
    return true;
  }
};

} // namespace
