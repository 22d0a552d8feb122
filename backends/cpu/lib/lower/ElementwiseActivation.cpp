//===- ElementwiseActivation.cpp - Lowering of activation kiln ops --------===//
//
// The ONNX activation functions, Clip and Shrink, mirroring
// runtime/kernels/ElementwiseActivation.cpp (Relu and LeakyRelu are in
// Elementwise.cpp there). The kernels evaluate in double and round once;
// here f32 is evaluated in f32 (exp, expm1, log1p and tanh become MLIR's
// polynomial approximations, accurate to a few ulp), which differs from the
// kernel by a few ulp. Branches that compare the input with an attribute
// (Shrink, ThresholdedRelu) go the same way: the attributes are f32 values,
// so the comparison is exact in either precision. Two exceptions keep the
// kernel's accuracy where f32 cancels: Gelu's exact form runs in double,
// and its tanh form is rewritten as a sigmoid. Where the kernel's
// std::min/std::max turn NaN into a bound (Celu, HardSigmoid), the selects
// do the same.
//
//===----------------------------------------------------------------------===//
#include "ElementwiseLowering.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;

namespace kiln::cpu::elementwise {
namespace {

/// log(1 + e^x), written like the kernel's to avoid overflow: both of its
/// branches need e^-|x|.
Value softplus(S &s, Value x) {
  Value positive = s.gt(x, s.c(x, 0));
  Value e = s.op<math::ExpOp>(s.select(positive, s.neg(x), x));
  Value l = s.log1p(e);
  return s.select(positive, s.add(x, l), l);
}

/// The element of single-element tensor \p t (rank 0 or 1).
Value scalarOf(S &s, Value t) {
  auto type = cast<RankedTensorType>(t.getType());
  SmallVector<Value> zeros(type.getRank(),
                           s.op<arith::ConstantIndexOp>(int64_t(0)));
  return s.op<tensor::ExtractOp>(t, zeros);
}

/// Clip's bounds must be absent or single elements of the input's type.
const char *checkClip(Operation *op) {
  Type elem = elementType(op->getOperand(0));
  for (Value bound : op->getOperands().drop_front()) {
    if (isa<NoneType>(bound.getType()))
      continue;
    RankedTensorType t = staticType(bound);
    if (!t || t.getElementType() != elem)
      return "a bound is not a static tensor of the input's type";
    if (t.getNumElements() != 1 || t.getRank() > 1)
      return "a bound is not a scalar";
  }
  return nullptr;
}

} // namespace

void populateActivations(RuleTable &p) {
  // `x < 0 ? 0 : x` keeps NaN and -0, unlike arith.maximumf.
  add<ReluOp>(p, kNumeric, [](S &s, ValueRange a, Operation *) {
    Value x = a[0], zero = s.c(x, 0);
    return s.select(s.lt(x, zero), zero, x);
  });
  add<LeakyReluOp>(p, kFloat, [](S &s, ValueRange a, Operation *op) {
    Value x = a[0];
    Value alpha = s.c(x, floatAttr(op, "alpha", 0.01));
    return s.select(s.ge(x, s.c(x, 0)), x, s.mul(alpha, x));
  });
  {
    // The slope broadcasts to X, never the reverse.
    Rule prelu;
    prelu.accepts = kNumeric;
    prelu.check = [](Operation *op) -> const char * {
      if (op->getOperand(0).getType() != op->getResult(0).getType())
        return "the slope does not broadcast to the shape of X";
      return nullptr;
    };
    prelu.body = [](S &s, ValueRange a, Operation *) {
      Value x = a[0];
      return s.select(s.lt(x, s.c(x, 0)), s.mul(a[1], x), x);
    };
    add<PReluOp>(p, std::move(prelu));
  }
  add<EluOp>(p, kFloat, [](S &s, ValueRange a, Operation *op) {
    Value x = a[0];
    Value alpha = s.c(x, floatAttr(op, "alpha", 1.0));
    return s.select(s.ge(x, s.c(x, 0)), x, s.mul(alpha, s.expm1(x)));
  });
  add<SeluOp>(p, kFloat, [](S &s, ValueRange a, Operation *op) {
    Value x = a[0];
    Value alpha = s.c(x, floatAttr(op, "alpha", 1.67326319217681884765625));
    Value gamma = s.c(x, floatAttr(op, "gamma", 1.05070102214813232421875));
    Value v = s.select(s.gt(x, s.c(x, 0)), x, s.mul(alpha, s.expm1(x)));
    return s.mul(gamma, v);
  });
  {
    // max(0, x) + min(0, alpha * (e^(x / alpha) - 1)); 0 for NaN.
    Rule celu;
    celu.accepts = kFloat;
    celu.check = [](Operation *op) -> const char * {
      return floatAttr(op, "alpha", 1.0) == 0 ? "alpha is 0" : nullptr;
    };
    celu.body = [](S &s, ValueRange a, Operation *op) {
      Value x = a[0], zero = s.c(x, 0);
      Value alpha = s.c(x, floatAttr(op, "alpha", 1.0));
      Value neg = s.mul(alpha, s.expm1(s.div(x, alpha)));
      return s.add(s.stdMax(zero, x), s.stdMin(zero, neg));
    };
    add<CeluOp>(p, std::move(celu));
  }
  // 1 / (1 + e^-x): e^-x overflows to inf below x = -88.7, where the result
  // is 0 (the true one is below 2^-127); NaN stays NaN.
  add<SigmoidOp>(p, kFloat, [](S &s, ValueRange a, Operation *) {
    Value x = a[0], one = s.c(x, 1);
    return s.div(one, s.add(one, s.op<math::ExpOp>(s.neg(x))));
  });
  add<HardSigmoidOp>(p, kFloat, [](S &s, ValueRange a, Operation *op) {
    Value x = a[0];
    Value alpha = s.c(x, floatAttr(op, "alpha", 0.2));
    Value beta = s.c(x, floatAttr(op, "beta", 0.5));
    Value v = s.add(s.mul(alpha, x), beta);
    return s.stdMax(s.c(x, 0), s.stdMin(s.c(x, 1), v));
  });
  add<HardSwishOp>(p, kFloat, [](S &s, ValueRange a, Operation *) {
    Value x = a[0];
    Value v = s.add(s.div(x, s.c(x, 6)), s.c(x, 0.5));
    return s.mul(x, s.stdMax(s.c(x, 0), s.stdMin(s.c(x, 1), v)));
  });
  add<TanhOp>(p, kFloat, [](S &s, ValueRange a, Operation *) {
    return s.op<math::TanhOp>(a[0]);
  });
  add<SoftplusOp>(p, kFloat, [](S &s, ValueRange a, Operation *) {
    return softplus(s, a[0]);
  });
  add<SoftsignOp>(p, kFloat, [](S &s, ValueRange a, Operation *) {
    Value x = a[0];
    return s.div(x, s.add(s.c(x, 1), s.op<math::AbsFOp>(x)));
  });
  add<MishOp>(p, kFloat, [](S &s, ValueRange a, Operation *) {
    return s.mul(a[0], s.op<math::TanhOp>(softplus(s, a[0])));
  });
  add<ThresholdedReluOp>(p, kFloat, [](S &s, ValueRange a, Operation *op) {
    Value x = a[0];
    Value alpha = s.c(x, floatAttr(op, "alpha", 1.0));
    return s.select(s.gt(x, alpha), x, s.c(x, 0));
  });
  {
    Rule gelu;
    gelu.accepts = kFloat;
    gelu.check = [](Operation *op) -> const char * {
      auto approx = op->getAttrOfType<StringAttr>("approximate");
      if (approx && approx.getValue() != "none" && approx.getValue() != "tanh")
        return "approximate is neither \"none\" nor \"tanh\"";
      return nullptr;
    };
    gelu.body = [](S &s, ValueRange a, Operation *op) {
      Value x = a[0];
      auto approx = op->getAttrOfType<StringAttr>("approximate");
      if (approx && approx.getValue() == "tanh") {
        // 0.5 * x * (1 + tanh(y)) = x / (1 + e^(-2y)): no cancellation for
        // negative x.
        Value cube = s.mul(s.mul(x, x), x);
        Value inner = s.add(x, s.mul(s.c(x, 0.044715), cube));
        Value y2 = s.mul(s.c(x, -2 * 0.79788456080286535588), inner);
        return s.div(x, s.add(s.c(x, 1), s.op<math::ExpOp>(y2)));
      }
      // 1 + erf(x / sqrt 2) cancels for negative x, beyond what f32 keeps
      // (erf rounds to -1 below -3.9): evaluate in double, as the kernel.
      Value d = s.toF64(x);
      Value erf = s.op<math::ErfOp>(s.div(d, s.c(d, std::sqrt(2.0))));
      Value r = s.mul(s.mul(s.c(d, 0.5), d), s.add(s.c(d, 1), erf));
      return convertScalar(s.b, s.loc, r, x.getType());
    };
    add<GeluOp>(p, std::move(gelu));
  }
  {
    // Max with min first, then min with max: a min above max yields max;
    // NaN stays NaN.
    Rule clip;
    clip.accepts = kNumeric;
    clip.numInputs = 1;
    clip.check = checkClip;
    clip.body = [](S &s, ValueRange a, Operation *op) {
      Value v = a[0], lo = op->getOperand(1), hi = op->getOperand(2);
      if (!isa<NoneType>(lo.getType())) {
        Value l = scalarOf(s, lo);
        v = s.select(s.lt(v, l), l, v);
      }
      if (!isa<NoneType>(hi.getType())) {
        Value h = scalarOf(s, hi);
        v = s.select(s.gt(v, h), h, v);
      }
      return v;
    };
    add<ClipOp>(p, std::move(clip));
  }
  // Integers are shrunk in double and stored back saturating.
  add<ShrinkOp>(p, kNumeric, [](S &s, ValueRange a, Operation *op) {
    Value x = isFloat(a[0]) ? a[0] : s.toF64(a[0]);
    Value lambd = s.c(x, floatAttr(op, "lambd", 0.5));
    Value bias = s.c(x, floatAttr(op, "bias", 0.0));
    Value r = s.select(s.gt(x, lambd), s.sub(x, bias), s.c(x, 0));
    r = s.select(s.lt(x, s.neg(lambd)), s.add(x, bias), r);
    return isFloat(a[0]) ? r : s.floatToInt(r, a[0].getType());
  });
}

} // namespace kiln::cpu::elementwise
