//===- ElementwiseBinary.cpp - Lowering of binary elementwise kiln ops ----===//
//
// Arithmetic, Pow, Mod, comparisons, logic and bitwise ops, mirroring
// runtime/kernels/ElementwiseBinary.cpp:
//
//   kiln.div %a, %b : i32 -> b == -1 ? 0 - a : divsi(a, b == 0 ? 1 : b)
//   kiln.pow %a, %b : f32, i64 -> truncf(powf(extf(a), sitofp(b)) : f64)
//
// Integer division must not trap: a divisor of -1 negates (wrapping at
// INT_MIN) and a zero divisor is replaced. The reference kernel reports a
// zero divisor as an error, which a compiled kernel cannot; when the
// divisor is a constant holding a zero the pattern declines so that the
// reference step reports it, and a zero computed at run time yields the
// dividend (Div) or 0 (Mod) instead of an error.
//
// BitShift is not lowered: its reference kernel takes only ui8, which the
// compiled backend does not handle.
//
//===----------------------------------------------------------------------===//
#include "ElementwiseLowering.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln::cpu::elementwise {
namespace {

/// Declines an integer division whose divisor is a constant holding a zero.
const char *checkDivisor(Operation *op) {
  if (typeClass(elementType(op->getOperand(0))) != kInt)
    return nullptr;
  if (DenseElementsAttr divisor = getConstantValue(op->getOperand(1)))
    for (const APInt &v : divisor.getValues<APInt>())
      if (v.isZero())
        return "an integer divisor is 0 (the reference kernel reports it)";
  return nullptr;
}

/// The divisor \p b with 0 and -1 replaced by 1, and whether it was -1.
std::pair<Value, Value> safeDivisor(S &s, Value b) {
  Value one = s.c(b, 1);
  Value minusOne = s.eq(b, s.c(b, -1));
  Value bad = s.op<arith::OrIOp>(s.eq(b, s.c(b, 0)), minusOne);
  return {s.select(bad, one, b), minusOne};
}

/// base^exp for integers by repeated squaring, wrapping; a negative \p exp
/// (i64) gives the truncated real power: 1 or -1 for |base| = 1, else 0.
Value intPow(S &s, Value base, Value exp) {
  Type t = base.getType(), i64 = exp.getType();
  Value zero64 = s.c(exp, 0), one64 = s.c(exp, 1);
  Value negative = s.lt(exp, zero64);
  auto loop = s.b.create<scf::WhileOp>(
      s.loc, TypeRange{t, t, i64},
      ValueRange{s.c(base, 1), base, s.select(negative, zero64, exp)},
      [&](OpBuilder &b, Location loc, ValueRange args) {
        Value more = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne,
                                             args[2], zero64);
        b.create<scf::ConditionOp>(loc, more, args);
      },
      [&](OpBuilder &b, Location loc, ValueRange args) {
        S in(b, loc);
        Value odd = in.ne(in.op<arith::AndIOp>(args[2], one64), zero64);
        Value result = in.select(odd, in.mul(args[0], args[1]), args[0]);
        Value square = in.mul(args[1], args[1]);
        Value rest = in.op<arith::ShRUIOp>(args[2], one64);
        b.create<scf::YieldOp>(loc, ValueRange{result, square, rest});
      });
  Value odd = s.ne(s.op<arith::AndIOp>(exp, one64), zero64);
  Value one = s.c(base, 1), minusOne = s.c(base, -1);
  Value fraction = s.select(s.eq(base, minusOne), s.select(odd, minusOne, one),
                            s.c(base, 0));
  fraction = s.select(s.eq(base, one), one, fraction);
  return s.select(negative, fraction, loop.getResult(0));
}

/// A comparison body.
template <Value (S::*Cmp)(Value, Value)>
Value compare(S &s, ValueRange a, Operation *) {
  return (s.*Cmp)(a[0], a[1]);
}

/// A body applying integer (or bool) op \p OpTy to both operands.
template <typename OpTy> Value intOp(S &s, ValueRange a, Operation *) {
  return s.op<OpTy>(a[0], a[1]);
}

} // namespace

void populateBinary(RuleTable &p) {
  add<AddOp>(p, kNumeric,
             [](S &s, ValueRange a, Operation *) { return s.add(a[0], a[1]); });
  add<SubOp>(p, kNumeric,
             [](S &s, ValueRange a, Operation *) { return s.sub(a[0], a[1]); });
  add<MulOp>(p, kNumeric,
             [](S &s, ValueRange a, Operation *) { return s.mul(a[0], a[1]); });
  {
    // Integers: C division, truncating toward zero.
    Rule div;
    div.accepts = kNumeric;
    div.check = checkDivisor;
    div.body = [](S &s, ValueRange a, Operation *) {
      if (isFloat(a[0]))
        return s.div(a[0], a[1]);
      auto [divisor, minusOne] = safeDivisor(s, a[1]);
      Value q = s.op<arith::DivSIOp>(a[0], divisor);
      return s.select(minusOne, s.neg(a[0]), q);
    };
    add<DivOp>(p, std::move(div));
  }
  {
    // r = a rem b (C fmod for floats); with fmod = 0 a remainder whose sign
    // differs from b's moves by b, as Python's %.
    Rule mod;
    mod.accepts = kNumeric;
    mod.check = checkDivisor;
    mod.body = [](S &s, ValueRange a, Operation *op) {
      Value r;
      if (isFloat(a[0])) {
        r = s.op<arith::RemFOp>(a[0], a[1]);
      } else {
        // x rem 1 is the 0 that divisors -1 (and 0, an error) give.
        r = s.op<arith::RemSIOp>(a[0], safeDivisor(s, a[1]).first);
      }
      if (intAttr(op, "fmod", 0) != 0)
        return r;
      Value zero = s.c(r, 0);
      Value signsDiffer =
          s.op<arith::XOrIOp>(s.lt(r, zero), s.lt(a[1], s.c(a[1], 0)));
      Value adjust = s.op<arith::AndIOp>(s.ne(r, zero), signsDiffer);
      return s.select(adjust, s.add(r, a[1]), r);
    };
    add<ModOp>(p, std::move(mod));
  }
  {
    // Integer powers of integers are exact (wrapping); anything with a float
    // is pow in double, stored back in the base's type.
    Rule pow;
    pow.accepts = kNumeric;
    pow.sameTypes = false;
    pow.check = [](Operation *op) -> const char * {
      if (!(typeClass(elementType(op->getOperand(1))) & kNumeric))
        return "the reference kernel rejects this exponent type";
      return nullptr;
    };
    pow.body = [](S &s, ValueRange a, Operation *) {
      Value base = a[0], exp = a[1];
      Type t = base.getType();
      if (!isFloat(base) && !isFloat(exp))
        return intPow(s, base,
                      convertScalar(s.b, s.loc, exp, s.b.getI64Type()));
      Value r = s.op<math::PowFOp>(s.toF64(base), s.toF64(exp));
      return isFloat(base) ? convertScalar(s.b, s.loc, r, t)
                           : s.floatToInt(r, t);
    };
    add<PowOp>(p, std::move(pow));
  }

  add<EqualOp>(p, kAnyType, compare<&S::eq>);
  add<LessOp>(p, kNumeric, compare<&S::lt>);
  add<GreaterOp>(p, kNumeric, compare<&S::gt>);
  add<LessOrEqualOp>(p, kNumeric, compare<&S::le>);
  add<GreaterOrEqualOp>(p, kNumeric, compare<&S::ge>);

  add<AndOp>(p, kBool, intOp<arith::AndIOp>);
  add<OrOp>(p, kBool, intOp<arith::OrIOp>);
  add<XorOp>(p, kBool, intOp<arith::XOrIOp>);
  add<BitwiseAndOp>(p, kInt, intOp<arith::AndIOp>);
  add<BitwiseOrOp>(p, kInt, intOp<arith::OrIOp>);
  add<BitwiseXorOp>(p, kInt, intOp<arith::XOrIOp>);
  add<BitwiseNotOp>(p, kInt, [](S &s, ValueRange a, Operation *) {
    return s.op<arith::XOrIOp>(a[0], s.c(a[0], -1));
  });
}

} // namespace kiln::cpu::elementwise
