//===- FuseLayerNorm.cpp - Decomposed layer and RMS norms as one op -------===//
//
// See Passes.td. The match starts at each ReduceMean (a layer norm's mean,
// or an RMS norm's mean of squares) and walks its users;
// every intermediate must have exactly the users of the form (so nothing
// outside reads a value the rewrite removes), and every op its static f32
// type.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SetVector.h"

namespace kiln {
#define GEN_PASS_DEF_FUSELAYERNORM
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// The single value of a one-element f32 constant.
std::optional<float> scalarOf(Value v) {
  std::optional<std::vector<float>> values = packed::constantF32(v);
  if (!values || values->size() != 1)
    return std::nullopt;
  return values->front();
}

/// The distinct ops using \p v.
llvm::SmallSetVector<Operation *, 4> usersOf(Value v) {
  llvm::SmallSetVector<Operation *, 4> users;
  for (Operation *u : v.getUsers())
    users.insert(u);
  return users;
}

/// The only op using \p v, if one op does.
Operation *onlyUser(Value v) {
  auto users = usersOf(v);
  return users.size() == 1 ? users.front() : nullptr;
}

/// The operand of binary op \p op other than \p v (either side).
Value otherOperand(Operation *op, Value v) {
  if (op->getNumOperands() != 2)
    return {};
  if (op->getOperand(0) == v)
    return op->getOperand(1);
  if (op->getOperand(1) == v)
    return op->getOperand(0);
  return {};
}

/// The first reduced dim of \p mean when it averages over the trailing dims
/// [axis, rank) of its input, keeping them as 1s; -1 otherwise.
int64_t trailingAxis(ReduceMeanOp mean) {
  auto type = dyn_cast<RankedTensorType>(mean.getData().getType());
  if (!type || mean.getKeepdims().value_or(1) != 1)
    return -1;
  int64_t rank = type.getRank();
  llvm::SmallVector<bool> reduced(rank, false);
  if (isa<NoneType>(mean.getAxes().getType())) {
    if (mean.getNoopWithEmptyAxes().value_or(0) != 0)
      return -1;
    reduced.assign(rank, true);
  } else {
    auto c = mean.getAxes().getDefiningOp<ConstantOp>();
    Tensor axes;
    if (!c || !tensorFromElementsAttr(c.getValue(), axes))
      return -1;
    for (int64_t i = 0; i < axes.numElements(); ++i) {
      int64_t a = axes.dtype() == DType::I64   ? axes.data<int64_t>()[i]
                  : axes.dtype() == DType::I32 ? axes.data<int32_t>()[i]
                                               : rank;
      a = a < 0 ? a + rank : a;
      if (a < 0 || a >= rank)
        return -1;
      reduced[a] = true;
    }
  }
  int64_t axis = rank;
  while (axis > 0 && reduced[axis - 1])
    --axis;
  for (int64_t d = 0; d < axis; ++d)
    if (reduced[d])
      return -1;
  return axis < rank ? axis : -1;
}

/// A per-element parameter (Scale or B) for normalized dims [axis, rank) of
/// a \p rank tensor: constant \p v with 1s in every dim before axis, as a
/// constant of the normalized dims alone.
Value normalizedParameter(OpBuilder &b, Value v, int64_t rank, int64_t axis) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  std::optional<std::vector<float>> values = packed::constantF32(v);
  if (!type || !values || type.getRank() > rank)
    return {};
  int64_t lead = type.getRank() - (rank - axis);
  for (int64_t d = 0; d < lead; ++d)
    if (type.getDimSize(d) != 1)
      return {};
  if (lead <= 0)
    return v;
  return packed::makeF32Constant(b, v.getLoc(),
                                 type.getShape().drop_front(lead), *values,
                                 packed::constantName(v));
}

struct FuseLayerNormPass : kiln::impl::FuseLayerNormBase<FuseLayerNormPass> {
  void runOnOperation() override {
    SmallVector<ReduceMeanOp> means;
    getOperation().walk([&](ReduceMeanOp op) { means.push_back(op); });
    llvm::DenseSet<Operation *> erased;
    for (ReduceMeanOp mean : means)
      if (!erased.contains(mean) &&
          (fuse(mean, erased) || fuseRms(mean, erased)))
        ++numFused;
    packed::eraseDeadConstants(getOperation());
  }

  /// Rewrites the layer norm starting at \p mean; false when it is not one.
  /// Adds the ops it erases to \p erased.
  static bool fuse(ReduceMeanOp mean, llvm::DenseSet<Operation *> &erased) {
    Value x = mean.getData();
    auto type = dyn_cast<RankedTensorType>(x.getType());
    if (!type || !type.hasStaticShape() || !type.getElementType().isF32())
      return false;
    int64_t rank = type.getRank(), axis = trailingAxis(mean);
    if (axis < 0)
      return false;
    auto isX = [&](Value v) { return v.getType() == type; };
    // d = x - mean
    auto sub = dyn_cast_or_null<SubOp>(onlyUser(mean.getResult()));
    if (!sub || sub.getOperand(0) != x || !isX(sub.getResult()))
      return false;
    Value d = sub.getResult();
    // Its users: d^2 and d / sqrt(...).
    auto dUsers = usersOf(d);
    if (dUsers.size() != 2)
      return false;
    Operation *square = nullptr;
    DivOp div;
    for (Operation *u : dUsers) {
      if (auto dv = dyn_cast<DivOp>(u); dv && dv.getOperand(0) == d)
        div = dv;
      else if (auto pow = dyn_cast<PowOp>(u);
               pow && pow.getOperand(0) == d &&
               scalarOf(pow.getOperand(1)) == 2.0f)
        square = pow;
      else if (auto mul = dyn_cast<MulOp>(u);
               mul && mul.getOperand(0) == d && mul.getOperand(1) == d)
        square = mul;
    }
    if (!square || !div || !isX(square->getResult(0)) || !isX(div.getResult()))
      return false;
    // var = mean(d^2) over the same dims; + eps; sqrt; the divisor.
    auto var = dyn_cast_or_null<ReduceMeanOp>(onlyUser(square->getResult(0)));
    if (!var || trailingAxis(var) != axis ||
        var.getResult().getType() != mean.getResult().getType())
      return false;
    auto addEps = dyn_cast_or_null<AddOp>(onlyUser(var.getResult()));
    if (!addEps || addEps.getResult().getType() != var.getResult().getType())
      return false;
    std::optional<float> eps = scalarOf(otherOperand(addEps, var.getResult()));
    auto sqrt = dyn_cast_or_null<SqrtOp>(onlyUser(addEps.getResult()));
    if (!eps || !sqrt || onlyUser(sqrt.getResult()) != div ||
        div.getOperand(1) != sqrt.getResult())
      return false;
    // An optional affine map after it: * Scale, then + B.
    OpBuilder b(div);
    SmallVector<Operation *> chain{mean, sub, square, var, addEps, sqrt, div};
    Value result = div.getResult(), scale, bias;
    if (auto mul = dyn_cast_or_null<MulOp>(onlyUser(result));
        mul && isX(mul.getResult())) {
      scale = normalizedParameter(b, otherOperand(mul, result), rank, axis);
      if (scale) {
        chain.push_back(mul);
        result = mul.getResult();
        if (auto add = dyn_cast_or_null<AddOp>(onlyUser(result));
            add && isX(add.getResult())) {
          bias = normalizedParameter(b, otherOperand(add, result), rank, axis);
          if (bias) {
            chain.push_back(add);
            result = add.getResult();
          }
        }
      }
    }
    if (!oneBlock(chain))
      return false;
    Location loc = div.getLoc();
    if (!scale)
      scale = packed::makeF32Constant(b, loc, {1}, {1.0f}, "layer_norm.one");
    if (!bias)
      bias = b.create<NoneOp>(loc, b.getNoneType());
    replaceChain<LayerNormalizationOp>(chain, result, {x, scale, bias}, axis,
                                       *eps, erased);
    return true;
  }

  /// Rewrites the RMS normalization whose mean of squares is \p mean
  ///
  ///   y = x / sqrt(mean(x^2) + eps)  or  x * (1 / sqrt(...)), then * Scale
  ///
  /// (1 / s as Reciprocal(s) or Div(1, s), either operand order of the
  /// products); false when it is not one. Adds the ops it erases to
  /// \p erased.
  static bool fuseRms(ReduceMeanOp mean, llvm::DenseSet<Operation *> &erased) {
    Operation *square = mean.getData().getDefiningOp();
    Value x;
    if (auto pow = dyn_cast_or_null<PowOp>(square);
        pow && scalarOf(pow.getOperand(1)) == 2.0f)
      x = pow.getOperand(0);
    else if (auto mul = dyn_cast_or_null<MulOp>(square);
             mul && mul.getOperand(0) == mul.getOperand(1))
      x = mul.getOperand(0);
    if (!x || onlyUser(square->getResult(0)) != mean)
      return false;
    auto type = dyn_cast<RankedTensorType>(x.getType());
    if (!type || !type.hasStaticShape() || !type.getElementType().isF32() ||
        square->getResult(0).getType() != type)
      return false;
    int64_t rank = type.getRank(), axis = trailingAxis(mean);
    if (axis < 0)
      return false;
    auto isX = [&](Value v) { return v.getType() == type; };
    Type statType = mean.getResult().getType();
    // + eps; sqrt.
    auto addEps = dyn_cast_or_null<AddOp>(onlyUser(mean.getResult()));
    if (!addEps || addEps.getResult().getType() != statType)
      return false;
    std::optional<float> eps = scalarOf(otherOperand(addEps, mean.getResult()));
    auto sqrt = dyn_cast_or_null<SqrtOp>(onlyUser(addEps.getResult()));
    if (!eps || !sqrt)
      return false;
    SmallVector<Operation *> chain{square, mean, addEps, sqrt};
    // x / sqrt, or x times its reciprocal.
    Operation *norm = onlyUser(sqrt.getResult());
    if (auto div = dyn_cast_or_null<DivOp>(norm);
        !div || div.getOperand(0) != x || div.getOperand(1) != sqrt) {
      Operation *inverse = norm;
      auto asDiv = dyn_cast_or_null<DivOp>(inverse);
      bool reciprocal = isa_and_nonnull<ReciprocalOp>(inverse) ||
                        (asDiv && asDiv.getOperand(1) == sqrt.getResult() &&
                         scalarOf(asDiv.getOperand(0)) == 1.0f);
      if (!reciprocal || inverse->getResult(0).getType() != statType)
        return false;
      auto mul = dyn_cast_or_null<MulOp>(onlyUser(inverse->getResult(0)));
      if (!mul || otherOperand(mul, inverse->getResult(0)) != x)
        return false;
      chain.push_back(inverse);
      norm = mul;
    }
    if (!isX(norm->getResult(0)))
      return false;
    chain.push_back(norm);
    // An optional * Scale after it, when the row kernel takes that Scale
    // (one value, or one per element of a row).
    OpBuilder b(norm);
    Value result = norm->getResult(0), scale;
    int64_t rowSize = 1;
    for (int64_t d = axis; d < rank; ++d)
      rowSize *= type.getDimSize(d);
    if (auto mul = dyn_cast_or_null<MulOp>(onlyUser(result));
        mul && isX(mul.getResult())) {
      scale = normalizedParameter(b, otherOperand(mul, result), rank, axis);
      int64_t count =
          scale ? cast<RankedTensorType>(scale.getType()).getNumElements() : 0;
      if (count == rowSize || count == 1) {
        chain.push_back(mul);
        result = mul.getResult();
      } else {
        scale = {};
      }
    }
    if (!oneBlock(chain))
      return false;
    if (!scale)
      scale = packed::makeF32Constant(b, norm->getLoc(), {1}, {1.0f},
                                      "rms_norm.one");
    replaceChain<RMSNormalizationOp>(chain, result, {x, scale}, axis, *eps,
                                     erased);
    return true;
  }

  /// True when the ops of \p chain are one block's (nothing moves across a
  /// region boundary).
  static bool oneBlock(ArrayRef<Operation *> chain) {
    return llvm::all_of(chain, [&](Operation *op) {
      return op->getBlock() == chain.front()->getBlock();
    });
  }

  /// Replaces \p chain, whose value \p result its last op defines, by one
  /// \c NormOp of \p operands with \p axis and \p eps.
  template <typename NormOp>
  static void replaceChain(ArrayRef<Operation *> chain, Value result,
                           ValueRange operands, int64_t axis, float eps,
                           llvm::DenseSet<Operation *> &erased) {
    // The new op goes where the last op of the chain was: every operand is
    // defined before it (x before the chain, constants just created).
    OpBuilder b(chain.back());
    NamedAttribute attrs[] = {
        b.getNamedAttr("axis", b.getI64IntegerAttr(axis)),
        b.getNamedAttr("epsilon", b.getF32FloatAttr(eps))};
    // At every location of the chain, in order: the ONNX nodes it covers
    // stay known (the last, whose value it defines, is its node).
    SmallVector<Location> locs;
    for (Operation *op : chain)
      locs.push_back(op->getLoc());
    auto norm = b.create<NormOp>(FusedLoc::get(b.getContext(), locs),
                                 TypeRange{result.getType()}, operands, attrs);
    result.replaceAllUsesWith(norm->getResult(0));
    for (Operation *op : llvm::reverse(chain)) {
      erased.insert(op);
      op->erase();
    }
  }
};

} // namespace
