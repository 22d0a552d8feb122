//===- Elementwise.cpp - Lowering of elementwise kiln ops -----------------===//
//
// Every elementwise op becomes one linalg.generic over the result shape that
// reads its operands with numpy broadcasting (buildElementwise) and computes
// one element with arith/math ops that mirror the scalar function of its
// reference kernel (runtime/kernels/Elementwise*.cpp):
//
//   kiln.add %a, %b -> linalg.generic { arith.addf }   (arith.addi for ints)
//
// Mirroring means the same comparisons (C++ `<` is false on NaN, so
// `std::max(0.0, x)` is a select, not arith.maximumf), the same integer
// wrapping, the same saturating float-to-integer stores, and double
// precision where the kernel computes in double and the result depends on
// it. A pattern declines where the reference kernel would reject the
// operands or attributes, so that the reference step reports the error.
//
// This file holds the pattern shared by all elementwise ops and the unary
// math ops; ElementwiseActivation.cpp, ElementwiseBinary.cpp and
// ElementwiseNary.cpp hold the other families.
//
//===----------------------------------------------------------------------===//
#include "ElementwiseLowering.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/TypeUtilities.h"

#include <cmath>

using namespace mlir;

namespace kiln::cpu::elementwise {

unsigned typeClass(Type t) {
  if (t.isF32() || t.isF64())
    return kFloat;
  if (t.isSignlessInteger(32) || t.isSignlessInteger(64))
    return kInt;
  return t.isSignlessInteger(1) ? kBool : 0;
}

Type elementType(Value v) {
  return cast<ShapedType>(v.getType()).getElementType();
}

double floatAttr(Operation *op, StringRef name, double dflt) {
  auto attr = op->getAttrOfType<FloatAttr>(name);
  return attr ? attr.getValueAsDouble() : dflt;
}

int64_t intAttr(Operation *op, StringRef name, int64_t dflt) {
  auto attr = op->getAttrOfType<IntegerAttr>(name);
  return attr ? attr.getValue().getSExtValue() : dflt;
}

//===----------------------------------------------------------------------===//
// ScalarBuilder
//===----------------------------------------------------------------------===//

bool isFloat(Value v) {
  return isa<FloatType>(getElementTypeOrSelf(v.getType()));
}

Value ScalarBuilder::c(Value like, double v) {
  auto vector = dyn_cast<VectorType>(like.getType());
  if (!vector)
    return scalarConstant(b, loc, like.getType(), v);
  // A splat, for the epilogues of direct kernels (vector bodies).
  Type elem = vector.getElementType();
  Attribute value = isa<FloatType>(elem)
                        ? Attribute(b.getFloatAttr(elem, v))
                        : Attribute(b.getIntegerAttr(elem, int64_t(v)));
  return op<arith::ConstantOp>(DenseElementsAttr::get(vector, value));
}

Value ScalarBuilder::intConst(Type type, const APInt &v) {
  return op<arith::ConstantOp>(b.getIntegerAttr(type, v));
}

Value ScalarBuilder::add(Value x, Value y) {
  return isFloat(x) ? op<arith::AddFOp>(x, y) : op<arith::AddIOp>(x, y);
}

Value ScalarBuilder::sub(Value x, Value y) {
  return isFloat(x) ? op<arith::SubFOp>(x, y) : op<arith::SubIOp>(x, y);
}

Value ScalarBuilder::mul(Value x, Value y) {
  return isFloat(x) ? op<arith::MulFOp>(x, y) : op<arith::MulIOp>(x, y);
}

Value ScalarBuilder::div(Value x, Value y) {
  assert(isFloat(x) && "integer division needs a zero-divisor guard");
  return op<arith::DivFOp>(x, y);
}

Value ScalarBuilder::neg(Value x) {
  return isFloat(x) ? op<arith::NegFOp>(x) : sub(c(x, 0), x);
}

Value ScalarBuilder::cmp(arith::CmpFPredicate f, arith::CmpIPredicate i,
                         Value x, Value y) {
  return isFloat(x) ? op<arith::CmpFOp>(f, x, y) : op<arith::CmpIOp>(i, x, y);
}

Value ScalarBuilder::lt(Value x, Value y) {
  return cmp(arith::CmpFPredicate::OLT, arith::CmpIPredicate::slt, x, y);
}
Value ScalarBuilder::gt(Value x, Value y) {
  return cmp(arith::CmpFPredicate::OGT, arith::CmpIPredicate::sgt, x, y);
}
Value ScalarBuilder::le(Value x, Value y) {
  return cmp(arith::CmpFPredicate::OLE, arith::CmpIPredicate::sle, x, y);
}
Value ScalarBuilder::ge(Value x, Value y) {
  return cmp(arith::CmpFPredicate::OGE, arith::CmpIPredicate::sge, x, y);
}
Value ScalarBuilder::eq(Value x, Value y) {
  return cmp(arith::CmpFPredicate::OEQ, arith::CmpIPredicate::eq, x, y);
}
Value ScalarBuilder::ne(Value x, Value y) {
  return cmp(arith::CmpFPredicate::UNE, arith::CmpIPredicate::ne, x, y);
}

Value ScalarBuilder::isNaN(Value x) {
  return op<arith::CmpFOp>(arith::CmpFPredicate::UNO, x, x);
}

Value ScalarBuilder::select(Value cond, Value x, Value y) {
  return op<arith::SelectOp>(cond, x, y);
}

Value ScalarBuilder::stdMin(Value x, Value y) { return select(lt(y, x), y, x); }

Value ScalarBuilder::stdMax(Value x, Value y) { return select(lt(x, y), y, x); }

Value ScalarBuilder::toF64(Value x) {
  return convertScalar(b, loc, x, b.getF64Type());
}

Value ScalarBuilder::floatToInt(Value x, Type to) {
  if (to.isInteger(1))
    return ne(x, c(x, 0));
  Value d = toF64(x);
  unsigned width = to.getIntOrFloatBitWidth();
  APInt max = APInt::getSignedMaxValue(width);
  APInt min = APInt::getSignedMinValue(width);
  // fptosi is poison out of range; the selects never pick it there.
  Value r = op<arith::FPToSIOp>(to, d);
  r = select(ge(d, c(d, max.signedRoundToDouble())), intConst(to, max), r);
  r = select(le(d, c(d, min.signedRoundToDouble())), intConst(to, min), r);
  return select(isNaN(d), intConst(to, APInt::getZero(width)), r);
}

Value ScalarBuilder::expm1(Value x) {
  // f32 goes through MLIR's polynomial approximation, accurate near 0;
  // math-to-llvm would turn an f64 expm1 into exp(x) - 1, so use Kahan's
  // correction: u = e^x, (u - 1) * x / log(u).
  if (x.getType().isF32())
    return op<math::ExpM1Op>(x);
  Value u = op<math::ExpOp>(x);
  Value um1 = sub(u, c(x, 1));
  Value r = div(mul(um1, x), op<math::LogOp>(u));
  r = select(eq(um1, c(x, -1)), um1, r);
  r = select(eq(u, c(x, INFINITY)), u, r);
  return select(eq(u, c(x, 1)), x, r);
}

Value ScalarBuilder::log1p(Value x) {
  // As expm1: math-to-llvm would emit log(1 + x) for f64.
  if (x.getType().isF32())
    return op<math::Log1pOp>(x);
  Value u = add(c(x, 1), x);
  Value r = div(mul(op<math::LogOp>(u), x), sub(u, c(x, 1)));
  r = select(eq(u, c(x, INFINITY)), u, r);
  return select(eq(u, c(x, 1)), x, r);
}

//===----------------------------------------------------------------------===//
// ElementwisePattern
//===----------------------------------------------------------------------===//

namespace {

/// Lowers one elementwise op by its Rule.
struct ElementwisePattern : RewritePattern {
  ElementwisePattern(StringRef opName, MLIRContext *ctx, const Rule &rule)
      : RewritePattern(opName, /*benefit=*/1, ctx), rule(rule) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (const char *why = whyNot(rule, op))
      return rewriter.notifyMatchFailure(op, why);
    RankedTensorType type = staticType(op->getResult(0));
    unsigned n = std::min<unsigned>(rule.numInputs, op->getNumOperands());
    SmallVector<Value> inputs(op->operand_begin(), op->operand_begin() + n);
    Value r = buildElementwise(
        rewriter, op->getLoc(), inputs, type,
        [&](OpBuilder &b, Location loc, ValueRange args) {
          ScalarBuilder s(b, loc);
          Value v = rule.body(s, args, op);
          assert(v.getType() == type.getElementType() &&
                 "the body's result does not have the op's result type");
          return v;
        });
    rewriter.replaceOp(op, r);
    return success();
  }

  const Rule &rule;
};

/// A body applying the one-operand math op \p MathOp.
template <typename MathOp> Value mathOp(S &s, ValueRange a, Operation *) {
  return s.op<MathOp>(a[0]);
}

/// A body applying \p MathOp in f64 and rounding back, for the f32 ops
/// whose MLIR approximation is not accurate enough: sin and cos have an
/// absolute error near 1e-7 (so sin(1e-8) is 6e-8), asin a relative one of
/// 7% near 1.
template <typename MathOp> Value mathOpF64(S &s, ValueRange a, Operation *) {
  Value x = a[0];
  return convertScalar(s.b, s.loc, s.op<MathOp>(s.toF64(x)), x.getType());
}

/// log(x). MLIR's f32 approximation is off by 0.2% on subnormals; scale
/// them by 2^24 first (0 and negative inputs keep their -inf and NaN).
Value logBody(S &s, ValueRange a, Operation *) {
  Value x = a[0];
  if (!x.getType().isF32())
    return s.op<math::LogOp>(x);
  Value subnormal = s.lt(x, s.c(x, 0x1p-126));
  Value scaled = s.select(subnormal, s.mul(x, s.c(x, 0x1p24)), x);
  Value r = s.op<math::LogOp>(scaled);
  return s.select(subnormal, s.sub(r, s.c(x, 24 * M_LN2)), r);
}

} // namespace

void addRule(RuleTable &rules, StringRef opName, Rule rule) {
  bool inserted = rules.try_emplace(opName, std::move(rule)).second;
  (void)inserted;
  assert(inserted && "two rules for one op");
}

const char *whyNot(const Rule &rule, Operation *op) {
  RankedTensorType type = staticType(op->getResult(0));
  if (!type || !typeClass(type.getElementType()))
    return "result is not a static tensor of a compiled type";
  unsigned n = std::min<unsigned>(rule.numInputs, op->getNumOperands());
  if (n == 0)
    return "expected an operand";
  for (Value v : op->getOperands().take_front(n))
    if (!staticType(v) || !typeClass(elementType(v)))
      return "an operand is not a static tensor of a compiled type";
  Type first = elementType(op->getOperand(0));
  if (!(typeClass(first) & rule.accepts))
    return "the reference kernel rejects this element type";
  if (rule.sameTypes &&
      llvm::any_of(op->getOperands().take_front(n),
                   [&](Value v) { return elementType(v) != first; }))
    return "the operands have different element types";
  return rule.check ? rule.check(op) : nullptr;
}

const RuleTable &rules() {
  static const RuleTable table = [] {
    RuleTable t;
    populateUnaryMath(t);
    populateActivations(t);
    populateBinary(t);
    populateNary(t);
    return t;
  }();
  return table;
}

//===----------------------------------------------------------------------===//
// Unary math
//===----------------------------------------------------------------------===//

void populateUnaryMath(RuleTable &p) {
  add<AbsOp>(p, kNumeric, [](S &s, ValueRange a, Operation *) {
    Value x = a[0];
    if (isFloat(x))
      return s.op<math::AbsFOp>(x);
    return s.select(s.lt(x, s.c(x, 0)), s.neg(x), x); // wraps at INT_MIN
  });
  add<NegOp>(p, kNumeric,
             [](S &s, ValueRange a, Operation *) { return s.neg(a[0]); });
  add<ExpOp>(p, kFloat, mathOp<math::ExpOp>);
  add<LogOp>(p, kFloat, logBody);
  add<SqrtOp>(p, kFloat, mathOp<math::SqrtOp>);
  add<ReciprocalOp>(p, kFloat, [](S &s, ValueRange a, Operation *) {
    return s.div(s.c(a[0], 1), a[0]);
  });
  add<FloorOp>(p, kFloat, mathOp<math::FloorOp>);
  add<CeilOp>(p, kFloat, mathOp<math::CeilOp>);
  // Halves to even, as the kernel's nearbyint.
  add<RoundOp>(p, kFloat, mathOp<math::RoundEvenOp>);
  add<SignOp>(p, kNumeric, [](S &s, ValueRange a, Operation *) {
    Value x = a[0], zero = s.c(x, 0);
    Value r = s.select(s.lt(x, zero), s.c(x, -1), zero);
    r = s.select(s.gt(x, zero), s.c(x, 1), r);
    return isFloat(x) ? s.select(s.isNaN(x), x, r) : r;
  });
  // Integers: erf in double, stored back saturating (so -1, 0 or 1).
  add<ErfOp>(p, kNumeric, [](S &s, ValueRange a, Operation *) {
    Value x = a[0];
    if (isFloat(x))
      return s.op<math::ErfOp>(x);
    return s.floatToInt(s.op<math::ErfOp>(s.toF64(x)), x.getType());
  });
  add<SinOp>(p, kFloat, mathOpF64<math::SinOp>);
  add<CosOp>(p, kFloat, mathOpF64<math::CosOp>);
  add<TanOp>(p, kFloat, mathOp<math::TanOp>);
  add<AsinOp>(p, kFloat, mathOpF64<math::AsinOp>);
  add<AcosOp>(p, kFloat, mathOp<math::AcosOp>);
  add<AtanOp>(p, kFloat, mathOp<math::AtanOp>);
  add<SinhOp>(p, kFloat, mathOp<math::SinhOp>);
  add<CoshOp>(p, kFloat, mathOp<math::CoshOp>);
  add<AsinhOp>(p, kFloat, mathOp<math::AsinhOp>);
  add<AcoshOp>(p, kFloat, mathOp<math::AcoshOp>);
  add<AtanhOp>(p, kFloat, mathOp<math::AtanhOp>);
  add<NotOp>(p, kBool, [](S &s, ValueRange a, Operation *) {
    return s.op<arith::XOrIOp>(a[0], s.c(a[0], 1));
  });
  add<IsNaNOp>(p, kFloat,
               [](S &s, ValueRange a, Operation *) { return s.isNaN(a[0]); });
  add<IsInfOp>(p, kFloat, [](S &s, ValueRange a, Operation *op) {
    Value x = a[0];
    bool positive = intAttr(op, "detect_positive", 1) != 0;
    bool negative = intAttr(op, "detect_negative", 1) != 0;
    Value isPos = s.eq(x, s.c(x, INFINITY));
    Value isNeg = s.eq(x, s.c(x, -INFINITY));
    if (positive && negative)
      return s.op<arith::OrIOp>(isPos, isNeg);
    if (positive || negative)
      return positive ? isPos : isNeg;
    return s.op<arith::ConstantOp>(s.b.getBoolAttr(false));
  });
}

} // namespace kiln::cpu::elementwise

namespace kiln::cpu {

void populateElementwiseLowering(RewritePatternSet &patterns) {
  for (const auto &entry : elementwise::rules())
    patterns.add<elementwise::ElementwisePattern>(
        entry.getKey(), patterns.getContext(), entry.getValue());
}

} // namespace kiln::cpu
