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
  populateMiscLossLowering(patterns);
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

std::string describeUncompilableTypes(Operation *op) {
  auto why = [](Value v, const char *what, size_t i) -> std::string {
    if (isa<NoneType>(v.getType()))
      return "";
    std::string where = std::string(what) + " " + std::to_string(i);
    if (isa<SequenceType>(v.getType()))
      return where + " is a sequence (containers are reference steps)";
    if (isa<OptionalType>(v.getType()))
      return where + " is an optional (containers are reference steps)";
    RankedTensorType t = staticType(v);
    if (!t)
      return where + " has a shape known only at run time";
    if (isCompilableElement(t.getElementType()))
      return "";
    std::string type;
    llvm::raw_string_ostream os(type);
    os << t.getElementType();
    return where + " has element type " + type +
           ", which compiled kernels do not handle";
  };
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    if (std::string s = why(v, "operand", i); !s.empty())
      return s;
  for (auto [i, v] : llvm::enumerate(op->getResults()))
    if (std::string s = why(v, "result", i); !s.empty())
      return s;
  return "";
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

bool areKnownAtCompileTime(ValueRange values) {
  return llvm::all_of(values, [](Value v) {
    return isa<NoneType>(v.getType()) || getConstantValue(v);
  });
}

Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
}

Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   Value value) {
  return b.create<linalg::FillOp>(loc, value, emptyTensor(b, loc, type))
      .getResult(0);
}

Value referenceMax(OpBuilder &b, Location loc, Value acc, Value v) {
  Value greater =
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, v, acc);
  Value vNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, v, v);
  Value accNumber =
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::ORD, acc, acc);
  Value take = b.create<arith::OrIOp>(
      loc, greater, b.create<arith::AndIOp>(loc, vNaN, accNumber));
  return b.create<arith::SelectOp>(loc, take, v, acc);
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

/// \p x (same element count) reshaped to \p to: a row-major reinterpretation
/// through a 1-D collapse_shape/expand_shape pair, which bufferizes to views.
Value reshapeByCopy(OpBuilder &b, Location loc, Value x, RankedTensorType to) {
  auto from = cast<RankedTensorType>(x.getType());
  assert(from.getNumElements() == to.getNumElements() &&
         "a reshape keeps the element count");
  if (from.getShape() == to.getShape())
    return x;
  auto all = [](int64_t rank) {
    ReassociationIndices group;
    for (int64_t i = 0; i < rank; ++i)
      group.push_back(i);
    return SmallVector<ReassociationIndices>{group};
  };
  auto flatType =
      RankedTensorType::get({from.getNumElements()}, from.getElementType());
  Value flat = x;
  if (from.getRank() == 0)
    flat = b.create<tensor::ExpandShapeOp>(loc, flatType, x,
                                           ArrayRef<ReassociationIndices>{});
  else if (from.getRank() > 1)
    flat = b.create<tensor::CollapseShapeOp>(loc, flatType, x,
                                             all(from.getRank()));
  if (to.getRank() == 1)
    return flat;
  if (to.getRank() == 0)
    return b.create<tensor::CollapseShapeOp>(loc, to, flat,
                                             ArrayRef<ReassociationIndices>{});
  return b.create<tensor::ExpandShapeOp>(loc, to, flat, all(to.getRank()));
}

/// \p axis in [0, rank), counting negatives from the end; none when out of
/// range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

/// True when a result of \p op has no elements, or an operand passed as a
/// buffer of rank > 1 has none. Kernels with such buffers do not lower to
/// LLVM yet (1-D ones do), and have nothing to compute: these ops stay
/// reference steps.
bool hasEmptyTensor(Operation *op) {
  auto empty = [](Value v) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    return t && t.hasStaticShape() && t.getNumElements() == 0;
  };
  return llvm::any_of(op->getResults(), empty) ||
         llvm::any_of(op->getOperands(), [&](Value v) {
           return empty(v) &&
                  cast<RankedTensorType>(v.getType()).getRank() > 1 &&
                  !getConstantValue(v);
         });
}

const char *const kEmptyReason = "a tensor has no elements";

/// \p values as index attributes (static offsets, sizes, strides).
SmallVector<OpFoldResult> indexAttrs(OpBuilder &b, ArrayRef<int64_t> values) {
  SmallVector<OpFoldResult> out;
  for (int64_t v : values)
    out.push_back(b.getIndexAttr(v));
  return out;
}

/// A linalg.generic over \p type that reads \p x through \p map.
Value gatherByMap(OpBuilder &b, Location loc, Value x, AffineMap map,
                  RankedTensorType type) {
  unsigned rank = type.getRank();
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, type, x, emptyTensor(b, loc, type),
          ArrayRef<AffineMap>{map, b.getMultiDimIdentityMap(rank)}, iters,
          [](OpBuilder &nb, Location nl, ValueRange args) {
            nb.create<linalg::YieldOp>(nl, args[0]);
          })
      .getResult(0);
}

/// The static result type of a compilable single-result op, or null.
RankedTensorType compilableResultType(Operation *op) {
  if (!hasCompilableTypes(op) || op->getNumResults() != 1)
    return {};
  return staticType(op->getResult(0));
}

} // namespace kiln::cpu
