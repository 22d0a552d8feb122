//===- ConvToMatMul.cpp - 1x1 convolutions of one position as GEMMs -------===//
//
// See Passes.td. A packed 1x1 convolution whose input plane is a single
// position (the squeeze-and-excitation convolutions after a global pool) is
// Y[n][o] = sum_c X[n][c] W[o][c] + bias[o]: a matrix product of the
// N x C view of X. packed_conv vectorizes over output positions, so one
// position uses one lane of each vector (MobileNetV3's 960 -> 240 conv ran
// at 3 GFLOP/s); packed_mat_mul vectorizes over output channels. The
// weights are re-packed from the conv's panels of output channels into the
// GEMM's panels of columns; the views in and out (flatten, reshape) cost no
// step, and unary elementwise ops that alone read the result move before
// the view back so that they still fuse into the product's epilogue.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_CONVTOMATMUL
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

struct ConvToMatMulPass : kiln::impl::ConvToMatMulBase<ConvToMatMulPass> {
  using ConvToMatMulBase::ConvToMatMulBase;

  void runOnOperation() override {
    if (panelWidth < 1) {
      getOperation().emitError("expected panel-width >= 1, found ")
          << panelWidth;
      return signalPassFailure();
    }
    numRewritten += packed::rewriteEach<PackedConvOp>(
        getOperation(), [&](PackedConvOp conv) { return rewrite(conv); });
  }

  bool rewrite(PackedConvOp conv) {
    auto x = dyn_cast<RankedTensorType>(conv.getX().getType());
    auto y = dyn_cast<RankedTensorType>(conv.getY().getType());
    auto w = dyn_cast<RankedTensorType>(conv.getW().getType());
    if (!x || !y || !w || !x.hasStaticShape() || !y.hasStaticShape() ||
        x.getRank() != 4 || y.getRank() != 4 || w.getRank() != 3 ||
        x.getDimSize(2) != 1 || x.getDimSize(3) != 1 || y.getDimSize(2) != 1 ||
        y.getDimSize(3) != 1 || !packed::allEqual(conv.getKernelShape(), 1) ||
        !packed::allEqual(conv.getPads(), 0) || !conv.getPrologue().empty() ||
        conv.getInActivation())
      return false;
    int64_t n = x.getDimSize(0), c = x.getDimSize(1);
    int64_t cout = conv.getOutChannels(), mr = w.getDimSize(2);
    Value residualIn = conv.getResidual();
    if (w.getDimSize(1) != c || (!isa<NoneType>(residualIn.getType()) &&
                                 residualIn.getType() != Type(y)))
      return false;
    std::optional<Tensor> packedConv = packed::constantF32Tensor(conv.getW());
    if (!packedConv)
      return false;

    OpBuilder b(conv);
    Location loc = conv.getLoc();
    Type f32 = b.getF32Type();
    // W[p][k][i] = weight[p * mr + i][k] -> B[k][j] = weight[j][k] in
    // panels of nr columns (PackedLayout.h).
    const float *src = packedConv->data<float>();
    int64_t nr = panelWidth, panels = (cout + nr - 1) / nr;
    Value pw = packed::makeF32ConstantFilled(
        b, loc, {panels, c, nr}, packed::constantName(conv.getW()) + ".gemm",
        [&](llvm::MutableArrayRef<float> data) {
          for (int64_t o = 0; o < cout; ++o)
            for (int64_t k = 0; k < c; ++k)
              data[((o / nr) * c + k) * nr + o % nr] =
                  src[((o / mr) * c + k) * mr + o % mr];
        });

    // The N x cols view of v: the rows a rewritten conv viewed back (SE's
    // second conv reads the first's), or a flatten.
    auto rows = [&](Value v, int64_t cols) -> Value {
      auto type = RankedTensorType::get({n, cols}, f32);
      if (auto view = v.getDefiningOp<ReshapeOp>())
        if (view.getData().getType() == type)
          return view.getData();
      return b.create<FlattenOp>(loc, type, v, b.getI64IntegerAttr(1));
    };
    Value residual = residualIn;
    if (!isa<NoneType>(residual.getType()))
      residual = rows(residual, cout);
    auto mm = b.create<PackedMatMulOp>(
        loc, RankedTensorType::get({n, cout}, f32), rows(conv.getX(), c), pw,
        conv.getBias(), residual, b.getI64IntegerAttr(cout),
        conv.getActivationAttr(), conv.getClipMinAttr(), conv.getClipMaxAttr(),
        conv.getAlphaAttr());
    // The unary elementwise ops of the same block that alone read the
    // result (SE's HardSigmoid or Sigmoid) move before the view back, on
    // the rows, so kiln-fuse-elementwise can still fuse them into the
    // product's epilogue.
    Value rowsOut = mm.getY(), last = conv.getY();
    SmallVector<Operation *> moved;
    while (last.hasOneUse()) {
      Operation *user = *last.getUsers().begin();
      if (user->getBlock() != conv->getBlock() ||
          !user->hasTrait<kiln::OpTrait::KilnElementwise>() ||
          user->getNumOperands() != 1 || user->getNumResults() != 1 ||
          user->getResult(0).getType() != last.getType() ||
          !user->getRegions().empty())
        break;
      Operation *copy = b.clone(*user);
      copy->setOperand(0, rowsOut);
      copy->getResult(0).setType(rowsOut.getType());
      rowsOut = copy->getResult(0);
      last = user->getResult(0);
      moved.push_back(user);
    }
    auto shapeType = RankedTensorType::get({4}, b.getI64Type());
    Value shape = b.create<ConstantOp>(
        loc, DenseElementsAttr::get(shapeType,
                                    llvm::ArrayRef<int64_t>{n, cout, 1, 1}));
    Value out = b.create<ReshapeOp>(loc, y, rowsOut, shape, IntegerAttr());
    last.replaceAllUsesWith(out);
    for (Operation *op : llvm::reverse(moved))
      op->erase();
    Value input = conv.getX();
    conv.erase();
    if (auto view = input.getDefiningOp<ReshapeOp>())
      if (view->use_empty())
        view->erase();
    return true;
  }
};

} // namespace
