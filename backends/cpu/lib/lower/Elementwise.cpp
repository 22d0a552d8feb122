//===- Elementwise.cpp - Lowering of elementwise kiln ops -----------------===//
//
// Every elementwise op becomes one linalg.generic over the result shape that
// reads its operands with numpy broadcasting (buildElementwise) and computes
// one element with arith/math ops:
//
//   kiln.add %a, %b -> linalg.generic { arith.addf }   (arith.addi for ints)
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace kiln::cpu {
namespace {

/// Lowers an op whose result element is `body(operand elements...)`.
template <typename OpTy>
struct ElementwisePattern : OpRewritePattern<OpTy> {
  using Body = std::function<Value(OpBuilder &, Location, ValueRange, Type)>;
  ElementwisePattern(MLIRContext *ctx, Body body)
      : OpRewritePattern<OpTy>(ctx), body(std::move(body)) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto type = staticType(op->getResult(0));
    if (!type)
      return rewriter.notifyMatchFailure(op, "result shape is not static");
    Type elem = cast<RankedTensorType>(op->getOperand(0).getType())
                    .getElementType();
    Value r = buildElementwise(
        rewriter, op.getLoc(), op->getOperands(), type,
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return body(b, loc, args, elem);
        });
    if (!r)
      return failure();
    rewriter.replaceOp(op, r);
    return success();
  }
  Body body;
};

template <typename OpTy, typename Body>
void add(RewritePatternSet &patterns, Body body) {
  patterns.add<ElementwisePattern<OpTy>>(patterns.getContext(), body);
}

/// Float op F or integer op I on two operands.
template <typename F, typename I>
Value arith2(OpBuilder &b, Location loc, ValueRange a, Type t) {
  if (isa<FloatType>(t))
    return b.create<F>(loc, a[0], a[1]);
  return b.create<I>(loc, a[0], a[1]);
}

} // namespace

void populateElementwiseLowering(RewritePatternSet &patterns) {
  add<AddOp>(patterns, arith2<arith::AddFOp, arith::AddIOp>);
  add<SubOp>(patterns, arith2<arith::SubFOp, arith::SubIOp>);
  add<MulOp>(patterns, arith2<arith::MulFOp, arith::MulIOp>);
  add<DivOp>(patterns, arith2<arith::DivFOp, arith::DivSIOp>);
  add<ReluOp>(patterns, [](OpBuilder &b, Location loc, ValueRange a, Type t) {
    Value zero = scalarConstant(b, loc, t, 0.0);
    if (isa<FloatType>(t))
      return b.create<arith::MaximumFOp>(loc, a[0], zero).getResult();
    return b.create<arith::MaxSIOp>(loc, a[0], zero).getResult();
  });
  add<ExpOp>(patterns, [](OpBuilder &b, Location loc, ValueRange a, Type t) {
    return b.create<math::ExpOp>(loc, a[0]).getResult();
  });
}

} // namespace kiln::cpu
