//===- Elementwise.h - Elementwise reference kernels ------------*- C++ -*-===//
//
// Math, activations, comparisons, logic, bitwise ops, n-ary reductions over
// broadcast operands, Where and casts: every op whose output element depends
// only on the operand elements at the same (broadcast) position. Semantics
// are those of the newest ONNX version of each op; binary and n-ary ops use
// numpy broadcasting. f16 is computed in float and rounded once on store.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_ELEMENTWISE_H
#define KILN_RUNTIME_KERNELS_ELEMENTWISE_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

//===----------------------------------------------------------------------===//
// Unary math (Elementwise.cpp)
//===----------------------------------------------------------------------===//

/// |x|; integers wrap like numpy (abs(-128) is -128 in i8).
Status evalAbs(KernelContext &ctx);
/// -x; signed integers wrap.
Status evalNeg(KernelContext &ctx);
/// e^x.
Status evalExp(KernelContext &ctx);
/// Natural logarithm.
Status evalLog(KernelContext &ctx);
/// Square root (NaN for negative x).
Status evalSqrt(KernelContext &ctx);
/// 1 / x.
Status evalReciprocal(KernelContext &ctx);
/// Largest integer value not greater than x.
Status evalFloor(KernelContext &ctx);
/// Smallest integer value not less than x.
Status evalCeil(KernelContext &ctx);
/// Nearest integer value, halves to even.
Status evalRound(KernelContext &ctx);
/// -1, 0 or 1 by the sign of x; NaN stays NaN.
Status evalSign(KernelContext &ctx);
/// Gauss error function; integer inputs are truncated back.
Status evalErf(KernelContext &ctx);
/// Sine.
Status evalSin(KernelContext &ctx);
/// Cosine.
Status evalCos(KernelContext &ctx);
/// Tangent.
Status evalTan(KernelContext &ctx);
/// Arcsine.
Status evalAsin(KernelContext &ctx);
/// Arccosine.
Status evalAcos(KernelContext &ctx);
/// Arctangent.
Status evalAtan(KernelContext &ctx);
/// Hyperbolic sine.
Status evalSinh(KernelContext &ctx);
/// Hyperbolic cosine.
Status evalCosh(KernelContext &ctx);
/// Inverse hyperbolic sine.
Status evalAsinh(KernelContext &ctx);
/// Inverse hyperbolic cosine.
Status evalAcosh(KernelContext &ctx);
/// Inverse hyperbolic tangent.
Status evalAtanh(KernelContext &ctx);
/// Logical not of a bool tensor.
Status evalNot(KernelContext &ctx);
/// Bool tensor: true where x is NaN.
Status evalIsNaN(KernelContext &ctx);
/// Bool tensor: true where x is +inf (if detect_positive) or -inf (if
/// detect_negative); both default to 1.
Status evalIsInf(KernelContext &ctx);

//===----------------------------------------------------------------------===//
// Activations (ElementwiseActivation.cpp, Relu and LeakyRelu in
// Elementwise.cpp)
//===----------------------------------------------------------------------===//

/// max(x, 0).
Status evalRelu(KernelContext &ctx);
/// x if x >= 0 else alpha * x (alpha = 0.01).
Status evalLeakyRelu(KernelContext &ctx);
/// x if x >= 0 else slope * x; slope broadcasts to X (unidirectional).
Status evalPRelu(KernelContext &ctx);
/// x if x > 0 else alpha * (e^x - 1) (alpha = 1).
Status evalElu(KernelContext &ctx);
/// gamma * (x if x > 0 else alpha * (e^x - 1)) with the SELU constants.
Status evalSelu(KernelContext &ctx);
/// max(0, x) + min(0, alpha * (e^(x/alpha) - 1)) (alpha = 1).
Status evalCelu(KernelContext &ctx);
/// 1 / (1 + e^-x).
Status evalSigmoid(KernelContext &ctx);
/// max(0, min(1, alpha * x + beta)) (alpha = 0.2, beta = 0.5).
Status evalHardSigmoid(KernelContext &ctx);
/// x * max(0, min(1, x / 6 + 1/2)).
Status evalHardSwish(KernelContext &ctx);
/// Hyperbolic tangent.
Status evalTanh(KernelContext &ctx);
/// log(1 + e^x).
Status evalSoftplus(KernelContext &ctx);
/// x / (1 + |x|).
Status evalSoftsign(KernelContext &ctx);
/// x if x > alpha else 0 (alpha = 1).
Status evalThresholdedRelu(KernelContext &ctx);
/// x * Phi(x), exact ("none") or with the tanh approximation ("tanh").
Status evalGelu(KernelContext &ctx);
/// x * tanh(softplus(x)).
Status evalMish(KernelContext &ctx);
/// min(max(x, min), max) with optional scalar bounds min and max.
Status evalClip(KernelContext &ctx);
/// x + bias if x < -lambd, x - bias if x > lambd, else 0 (lambd = 0.5,
/// bias = 0).
Status evalShrink(KernelContext &ctx);

//===----------------------------------------------------------------------===//
// Binary arithmetic, comparison, logic, bitwise (ElementwiseBinary.cpp, Add
// in Elementwise.cpp)
//===----------------------------------------------------------------------===//

/// a + b; integers wrap.
Status evalAdd(KernelContext &ctx);
/// a - b; integers wrap.
Status evalSub(KernelContext &ctx);
/// a * b; integers wrap.
Status evalMul(KernelContext &ctx);
/// a / b; integer division truncates toward zero and fails on a zero
/// divisor.
Status evalDiv(KernelContext &ctx);
/// x^y; Y may have another numeric type, the result has X's type.
Status evalPow(KernelContext &ctx);
/// Remainder: sign of the divisor (fmod = 0, integers) or of the dividend
/// (fmod = 1, C fmod).
Status evalMod(KernelContext &ctx);
/// x << y or x >> y by the direction attribute ("LEFT" or "RIGHT");
/// unsigned integers only.
Status evalBitShift(KernelContext &ctx);
/// a == b as bool.
Status evalEqual(KernelContext &ctx);
/// a < b as bool.
Status evalLess(KernelContext &ctx);
/// a > b as bool.
Status evalGreater(KernelContext &ctx);
/// a <= b as bool.
Status evalLessOrEqual(KernelContext &ctx);
/// a >= b as bool.
Status evalGreaterOrEqual(KernelContext &ctx);
/// Logical and of bool tensors.
Status evalAnd(KernelContext &ctx);
/// Logical or of bool tensors.
Status evalOr(KernelContext &ctx);
/// Logical exclusive or of bool tensors.
Status evalXor(KernelContext &ctx);
/// Bitwise and of integer tensors.
Status evalBitwiseAnd(KernelContext &ctx);
/// Bitwise or of integer tensors.
Status evalBitwiseOr(KernelContext &ctx);
/// Bitwise exclusive or of integer tensors.
Status evalBitwiseXor(KernelContext &ctx);
/// Bitwise complement of an integer tensor.
Status evalBitwiseNot(KernelContext &ctx);

//===----------------------------------------------------------------------===//
// N-ary, selection and casts (ElementwiseNary.cpp)
//===----------------------------------------------------------------------===//

/// Sum of any number of broadcast float tensors.
Status evalSum(KernelContext &ctx);
/// Mean of any number of broadcast float tensors.
Status evalMean(KernelContext &ctx);
/// Elementwise minimum of any number of broadcast tensors (NaN propagates).
Status evalMin(KernelContext &ctx);
/// Elementwise maximum of any number of broadcast tensors (NaN propagates).
Status evalMax(KernelContext &ctx);
/// condition ? X : Y with numpy broadcasting over the three operands.
Status evalWhere(KernelContext &ctx);
/// Converts to the ONNX dtype given by the `to` attribute.
Status evalCast(KernelContext &ctx);
/// Converts the first operand to the dtype of the second.
Status evalCastLike(KernelContext &ctx);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_ELEMENTWISE_H
