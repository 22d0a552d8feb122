//===- DecomposeBatchNorm.cpp - BatchNorm as a per-channel multiply-add ---===//
//
// See Passes.td. The statistics are read with the helpers of the weight
// packing (PackedLayout.h); s and t are computed in double, as
// kiln-fuse-epilogue computes the BatchNorm it folds.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"

#include <cmath>

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
        !type.getElementType().isF32() || bn.getY().getType() != type ||
        bn.getTrainingMode().value_or(0) != 0 ||
        bn.getSpatial().value_or(1) != 1)
      return false;
    int64_t c = type.getDimSize(1);
    auto scale = packed::constantF32(bn.getScale());
    auto shift = packed::constantF32(bn.getB());
    auto mean = packed::constantF32(bn.getInputMean());
    auto var = packed::constantF32(bn.getInputVar());
    auto hasC = [&](const std::optional<std::vector<float>> &v) {
      return v && static_cast<int64_t>(v->size()) == c;
    };
    if (!hasC(scale) || !hasC(shift) || !hasC(mean) || !hasC(var))
      return false;
    double eps = bn.getEpsilon() ? bn.getEpsilon()->convertToDouble() : 1e-5;
    std::vector<float> s(c), t(c);
    for (int64_t i = 0; i < c; ++i) {
      double si = double((*scale)[i]) / std::sqrt(double((*var)[i]) + eps);
      s[i] = float(si);
      t[i] = float(double((*shift)[i]) - double((*mean)[i]) * si);
    }
    SmallVector<int64_t> shape(type.getRank() - 1, 1);
    shape[0] = c;
    OpBuilder b(bn);
    Location loc = bn.getLoc();
    std::string name = packed::constantName(bn.getScale());
    Value sv = packed::makeF32Constant(b, loc, shape, s, name + ".bn_scale");
    Value tv = packed::makeF32Constant(b, loc, shape, t, name + ".bn_shift");
    Value mul = b.create<MulOp>(loc, type, bn.getX(), sv);
    Value add = b.create<AddOp>(loc, type, mul, tv);
    bn.getY().replaceAllUsesWith(add);
    SmallVector<Value> stats{bn.getScale(), bn.getB(), bn.getInputMean(),
                             bn.getInputVar()};
    bn.erase();
    // Statistics no other op reads would stay in the graph as dead blobs.
    for (Value v : stats)
      if (auto constant = v.getDefiningOp<ConstantOp>();
          constant && constant->use_empty())
        constant->erase();
    return true;
  }
};

} // namespace
