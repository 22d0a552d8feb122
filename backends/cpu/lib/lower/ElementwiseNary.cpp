//===- ElementwiseNary.cpp - Lowering of n-ary, Where and cast kiln ops ---===//
//
// Sum, Mean, Min, Max, Where, Cast and CastLike, mirroring
// runtime/kernels/ElementwiseNary.cpp and castTensor (runtime/lib/Tensor.cpp):
//
//   kiln.sum %a, %b : f32   -> truncf(0 + extf(a) + extf(b))   (in double)
//   kiln.max %a, %b : f32   -> isnan(b) || b > a ? b : a       (NaN wins)
//   kiln.cast %x : f32->i32 -> fptosi, saturating, NaN to 0
//
//===----------------------------------------------------------------------===//
#include "ElementwiseLowering.h"

using namespace mlir;

namespace kiln::cpu::elementwise {
namespace {

/// The sum of the operands in double, from 0 as the kernel's accumulator.
Value sumF64(S &s, ValueRange a) {
  Value acc = s.toF64(a[0]);
  acc = s.add(s.c(acc, 0), acc);
  for (Value v : a.drop_front())
    acc = s.add(acc, s.toF64(v));
  return acc;
}

/// The extremum of the operands: operand k replaces the accumulator when it
/// is NaN or \p Better than it; a NaN accumulator stays.
template <Value (S::*Better)(Value, Value)>
Value extremum(S &s, ValueRange a, Operation *) {
  Value acc = a[0];
  for (Value v : a.drop_front()) {
    Value take = (s.*Better)(v, acc);
    if (isFloat(v))
      take = s.op<arith::OrIOp>(s.isNaN(v), take);
    acc = s.select(take, v, acc);
  }
  return acc;
}

/// Scalar \p x converted to \p to as castTensor does: integers to integers
/// by static_cast (nonzero is true), everything else through double.
Value castScalar(S &s, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  if (isa<FloatType>(to)) {
    // (float)(double)x rounds twice for i64 -> f32.
    if (from.isSignlessInteger(64) && to.isF32())
      x = s.toF64(x);
    return convertScalar(s.b, s.loc, x, to);
  }
  if (isFloat(x))
    return s.floatToInt(x, to);
  return convertScalar(s.b, s.loc, x, to);
}

} // namespace

void populateNary(RuleTable &p) {
  add<SumOp>(p, kFloat, [](S &s, ValueRange a, Operation *) {
    return convertScalar(s.b, s.loc, sumF64(s, a), a[0].getType());
  });
  add<MeanOp>(p, kFloat, [](S &s, ValueRange a, Operation *) {
    Value acc = sumF64(s, a);
    Value mean = s.div(acc, s.c(acc, double(a.size())));
    return convertScalar(s.b, s.loc, mean, a[0].getType());
  });
  add<MinOp>(p, kNumeric, extremum<&S::lt>);
  add<MaxOp>(p, kNumeric, extremum<&S::gt>);
  {
    Rule where;
    where.accepts = kBool;
    where.sameTypes = false;
    where.check = [](Operation *op) -> const char * {
      if (elementType(op->getOperand(1)) != elementType(op->getOperand(2)))
        return "X and Y have different element types";
      return nullptr;
    };
    where.body = [](S &s, ValueRange a, Operation *) {
      return s.select(a[0], a[1], a[2]);
    };
    add<WhereOp>(p, std::move(where));
  }
  {
    Rule cast;
    cast.check = [](Operation *op) -> const char * {
      return op->hasAttr("to") ? nullptr : "the 'to' attribute is missing";
    };
    cast.body = [](S &s, ValueRange a, Operation *op) {
      return castScalar(s, a[0], elementType(op->getResult(0)));
    };
    add<CastOp>(p, std::move(cast));
  }
  {
    // The target's values are never read.
    Rule castLike;
    castLike.numInputs = 1;
    castLike.body = [](S &s, ValueRange a, Operation *op) {
      return castScalar(s, a[0], elementType(op->getResult(0)));
    };
    add<CastLikeOp>(p, std::move(castLike));
  }
}

} // namespace kiln::cpu::elementwise
