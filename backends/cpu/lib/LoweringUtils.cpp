//===- LoweringUtils.cpp - Helpers shared by the lowering patterns --------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace kiln::cpu {

void populateKilnToLinalgPatterns(RewritePatternSet &patterns) {
  populateCoreLowering(patterns);
  populateElementwiseLowering(patterns);
  populateReduceReshapeLowering(patterns);
  populateIndexingLowering(patterns);
  populateMatMulNormLowering(patterns);
  populateConvPoolLowering(patterns);
}

RankedTensorType staticType(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.hasStaticShape() ? t : RankedTensorType();
}

static bool isCompilableElement(Type t) {
  return t.isF32() || t.isF64() || t.isSignlessInteger(64) ||
         t.isSignlessInteger(32) || t.isInteger(1);
}

bool hasCompilableTypes(Operation *op) {
  auto ok = [](Value v) {
    if (isa<NoneType>(v.getType()))
      return true;
    RankedTensorType t = staticType(v);
    return t && isCompilableElement(t.getElementType());
  };
  return llvm::all_of(op->getOperands(), ok) &&
         llvm::all_of(op->getResults(), ok);
}

DenseElementsAttr getConstantValue(Value v) {
  Attribute attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return {};
  return dyn_cast<DenseElementsAttr>(attr);
}

std::optional<SmallVector<int64_t>> getConstantInts(Value v) {
  DenseElementsAttr attr = getConstantValue(v);
  if (!attr || !attr.getElementType().isIntOrIndex())
    return std::nullopt;
  SmallVector<int64_t> out;
  for (const APInt &x : attr.getValues<APInt>())
    out.push_back(attr.getElementType().isInteger(1) ? x.getZExtValue()
                                                     : x.getSExtValue());
  return out;
}

Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return b.create<tensor::EmptyOp>(loc, type.getShape(),
                                   type.getElementType());
}

Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   Value value) {
  return b.create<linalg::FillOp>(loc, value, emptyTensor(b, loc, type))
      .getResult(0);
}

Value scalarConstant(OpBuilder &b, Location loc, Type type, double value) {
  if (auto f = dyn_cast<FloatType>(type))
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(f, value));
  return b.create<arith::ConstantOp>(
      loc, b.getIntegerAttr(type, static_cast<int64_t>(value)));
}

AffineMap broadcastMap(MLIRContext *ctx, RankedTensorType operandType,
                       unsigned rank) {
  SmallVector<AffineExpr> exprs;
  unsigned offset = rank - operandType.getRank();
  for (unsigned d = 0; d < operandType.getRank(); ++d)
    exprs.push_back(operandType.getDimSize(d) == 1
                        ? getAffineConstantExpr(0, ctx)
                        : getAffineDimExpr(d + offset, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

Value buildElementwise(OpBuilder &b, Location loc, ValueRange inputs,
                       RankedTensorType resultType, ScalarBody body) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = resultType.getRank();
  SmallVector<AffineMap> maps;
  for (Value in : inputs) {
    auto t = cast<RankedTensorType>(in.getType());
    // An operand of the full shape is read directly, even where a dimension
    // is 1 in both.
    maps.push_back(t.getShape() == resultType.getShape()
                       ? b.getMultiDimIdentityMap(rank)
                       : broadcastMap(ctx, t, rank));
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, resultType, inputs, emptyTensor(b, loc, resultType), maps, iters,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value r = body(nb, nl, args.drop_back());
        nb.create<linalg::YieldOp>(nl, r);
      });
  return generic.getResult(0);
}

Value convertScalar(OpBuilder &b, Location loc, Value v, Type to,
                    bool isUnsigned) {
  Type from = v.getType();
  if (from == to)
    return v;
  bool fromFloat = isa<FloatType>(from), toFloat = isa<FloatType>(to);
  if (fromFloat && toFloat)
    return from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth()
               ? b.create<arith::ExtFOp>(loc, to, v).getResult()
               : b.create<arith::TruncFOp>(loc, to, v).getResult();
  if (!fromFloat && toFloat)
    return isUnsigned || from.isInteger(1)
               ? b.create<arith::UIToFPOp>(loc, to, v).getResult()
               : b.create<arith::SIToFPOp>(loc, to, v).getResult();
  if (fromFloat && !toFloat) {
    if (to.isInteger(1)) {
      Value zero = scalarConstant(b, loc, from, 0.0);
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, v, zero);
    }
    return isUnsigned ? b.create<arith::FPToUIOp>(loc, to, v).getResult()
                      : b.create<arith::FPToSIOp>(loc, to, v).getResult();
  }
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  if (to.isInteger(1)) {
    Value zero = scalarConstant(b, loc, from, 0.0);
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, v, zero);
  }
  if (fw < tw)
    return isUnsigned || from.isInteger(1)
               ? b.create<arith::ExtUIOp>(loc, to, v).getResult()
               : b.create<arith::ExtSIOp>(loc, to, v).getResult();
  return b.create<arith::TruncIOp>(loc, to, v);
}

} // namespace kiln::cpu
