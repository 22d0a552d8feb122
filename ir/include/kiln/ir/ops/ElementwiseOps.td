//===- ElementwiseOps.td - Elementwise math and activations ---*- tablegen -*-===//
//
// Ops whose output element depends only on the operand elements at the same
// position after numpy broadcasting: unary math, activations, arithmetic,
// comparisons, logic, bitwise ops, n-ary Sum/Mean/Min/Max, Where and casts.
// Kernels are in runtime/kernels/Elementwise*.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_ELEMENTWISE_OPS_TD
#define KILN_ELEMENTWISE_OPS_TD

//===----------------------------------------------------------------------===//
// Unary math
//===----------------------------------------------------------------------===//

def Kiln_AbsOp : Kiln_UnaryOp<"abs", "Abs"> {
  let description = [{
    `|x|` per element; integers wrap like numpy (`abs(-128 : i8)` is -128).

    ```mlir
    %y = kiln.abs %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_NegOp : Kiln_UnaryOp<"neg", "Neg"> {
  let description = [{
    `-x` per element; signed integers wrap.

    ```mlir
    %y = kiln.neg %x : (tensor<4xi32>) -> tensor<4xi32>
    ```
  }];
}

def Kiln_ExpOp : Kiln_UnaryOp<"exp", "Exp"> {
  let description = [{
    `e^x` per element.

    ```mlir
    %y = kiln.exp %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_LogOp : Kiln_UnaryOp<"log", "Log"> {
  let description = [{
    Natural logarithm per element.

    ```mlir
    %y = kiln.log %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_SqrtOp : Kiln_UnaryOp<"sqrt", "Sqrt"> {
  let description = [{
    Square root per element (NaN for negative inputs).

    ```mlir
    %y = kiln.sqrt %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_ReciprocalOp : Kiln_UnaryOp<"reciprocal", "Reciprocal"> {
  let description = [{
    `1 / x` per element.

    ```mlir
    %y = kiln.reciprocal %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_FloorOp : Kiln_UnaryOp<"floor", "Floor"> {
  let description = [{
    Largest integral value not greater than `x`.

    ```mlir
    %y = kiln.floor %x : (tensor<2x3xf16>) -> tensor<2x3xf16>
    ```
  }];
}

def Kiln_CeilOp : Kiln_UnaryOp<"ceil", "Ceil"> {
  let description = [{
    Smallest integral value not less than `x`.

    ```mlir
    %y = kiln.ceil %x : (tensor<2x3xf16>) -> tensor<2x3xf16>
    ```
  }];
}

def Kiln_RoundOp : Kiln_UnaryOp<"round", "Round"> {
  let description = [{
    Nearest integral value, halves rounded to even (`round(2.5)` is 2).

    ```mlir
    %y = kiln.round %x : (tensor<15xf32>) -> tensor<15xf32>
    ```
  }];
}

def Kiln_SignOp : Kiln_UnaryOp<"sign", "Sign"> {
  let description = [{
    -1, 0 or 1 by the sign of `x`; NaN stays NaN.

    ```mlir
    %y = kiln.sign %x : (tensor<11xf32>) -> tensor<11xf32>
    ```
  }];
}

def Kiln_ErfOp : Kiln_UnaryOp<"erf", "Erf"> {
  let description = [{
    Gauss error function; integer inputs are truncated back to their type.

    ```mlir
    %y = kiln.erf %x : (tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32>
    ```
  }];
}

def Kiln_SinOp : Kiln_UnaryOp<"sin", "Sin"> {
  let description = [{
    Sine per element.

    ```mlir
    %y = kiln.sin %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_CosOp : Kiln_UnaryOp<"cos", "Cos"> {
  let description = [{
    Cosine per element.

    ```mlir
    %y = kiln.cos %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_TanOp : Kiln_UnaryOp<"tan", "Tan"> {
  let description = [{
    Tangent per element.

    ```mlir
    %y = kiln.tan %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_AsinOp : Kiln_UnaryOp<"asin", "Asin"> {
  let description = [{
    Arcsine per element.

    ```mlir
    %y = kiln.asin %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_AcosOp : Kiln_UnaryOp<"acos", "Acos"> {
  let description = [{
    Arccosine per element.

    ```mlir
    %y = kiln.acos %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_AtanOp : Kiln_UnaryOp<"atan", "Atan"> {
  let description = [{
    Arctangent per element.

    ```mlir
    %y = kiln.atan %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_SinhOp : Kiln_UnaryOp<"sinh", "Sinh"> {
  let description = [{
    Hyperbolic sine per element.

    ```mlir
    %y = kiln.sinh %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_CoshOp : Kiln_UnaryOp<"cosh", "Cosh"> {
  let description = [{
    Hyperbolic cosine per element.

    ```mlir
    %y = kiln.cosh %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_AsinhOp : Kiln_UnaryOp<"asinh", "Asinh"> {
  let description = [{
    Inverse hyperbolic sine per element.

    ```mlir
    %y = kiln.asinh %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_AcoshOp : Kiln_UnaryOp<"acosh", "Acosh"> {
  let description = [{
    Inverse hyperbolic cosine per element.

    ```mlir
    %y = kiln.acosh %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_AtanhOp : Kiln_UnaryOp<"atanh", "Atanh"> {
  let description = [{
    Inverse hyperbolic tangent per element.

    ```mlir
    %y = kiln.atanh %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Kiln_NotOp : Kiln_UnaryOp<"not", "Not"> {
  let description = [{
    Logical negation of a bool tensor.

    ```mlir
    %y = kiln.not %x : (tensor<3x4xi1>) -> tensor<3x4xi1>
    ```
  }];
}

def Kiln_IsNaNOp : Kiln_UnaryOp<"is_nan", "IsNaN"> {
  let description = [{
    Bool tensor: true where `x` is NaN.

    ```mlir
    %y = kiln.is_nan %x : (tensor<4xf32>) -> tensor<4xi1>
    ```
  }];
}

def Kiln_IsInfOp : Kiln_UnaryOp<"is_inf", "IsInf"> {
  let description = [{
    Bool tensor: true where `x` is +inf (if `detect_positive`, default 1) or
    -inf (if `detect_negative`, default 1).

    ```mlir
    %y = kiln.is_inf %x {detect_negative = 0 : i64} : (tensor<6xf32>) -> tensor<6xi1>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input,
                       OptionalAttr<I64Attr>:$detect_negative,
                       OptionalAttr<I64Attr>:$detect_positive);
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

def Kiln_ReluOp : Kiln_UnaryOp<"relu", "Relu"> {
  let description = [{
    `max(x, 0)` per element.

    ```mlir
    %y = kiln.relu %x : (tensor<1x64xf32>) -> tensor<1x64xf32>
    ```
  }];
}

def Kiln_LeakyReluOp
    : Kiln_Op<"leaky_relu", "LeakyRelu", [Kiln_Elementwise, Kiln_InferShapesByTrait]> {
  let summary = "leaky rectifier: x if x >= 0 else alpha * x";
  let description = [{
    `alpha` defaults to 0.01.

    ```mlir
    %y = kiln.leaky_relu %x {alpha = 0.1 : f32} : (tensor<4xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<F32Attr>:$alpha);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kiln_PReluOp
    : Kiln_Op<"prelu", "PRelu", [Kiln_Elementwise, Kiln_InferShapesByTrait]> {
  let summary = "parametric rectifier: x if x >= 0 else slope * x";
  let description = [{
    `slope` broadcasts to the shape of `X` (unidirectional broadcasting).

    ```mlir
    %y = kiln.prelu %x, %slope : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> tensor<1x8x4x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$slope);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_EluOp : Kiln_UnaryOp<"elu", "Elu"> {
  let description = [{
    `x` if `x >= 0` else `alpha * (e^x - 1)`; `alpha` defaults to 1.

    ```mlir
    %y = kiln.elu %x {alpha = 2.0 : f32} : (tensor<3x4xf32>) -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<F32Attr>:$alpha);
}

def Kiln_SeluOp : Kiln_UnaryOp<"selu", "Selu"> {
  let description = [{
    `gamma * (x if x > 0 else alpha * (e^x - 1))`; `alpha` and `gamma`
    default to the SELU constants 1.6733 and 1.0507.

    ```mlir
    %y = kiln.selu %x : (tensor<3x4xf32>) -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<F32Attr>:$alpha,
                       OptionalAttr<F32Attr>:$gamma);
}

def Kiln_CeluOp : Kiln_UnaryOp<"celu", "Celu"> {
  let description = [{
    `max(0, x) + min(0, alpha * (e^(x / alpha) - 1))`; `alpha` defaults to 1.

    ```mlir
    %y = kiln.celu %x {alpha = 2.0 : f32} : (tensor<3x3xf32>) -> tensor<3x3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<F32Attr>:$alpha);
}

def Kiln_SigmoidOp : Kiln_UnaryOp<"sigmoid", "Sigmoid"> {
  let description = [{
    `1 / (1 + e^-x)` per element.

    ```mlir
    %y = kiln.sigmoid %x : (tensor<1x64xf32>) -> tensor<1x64xf32>
    ```
  }];
}

def Kiln_HardSigmoidOp : Kiln_UnaryOp<"hard_sigmoid", "HardSigmoid"> {
  let description = [{
    `max(0, min(1, alpha * x + beta))`; `alpha` and `beta` default to 0.2
    and 0.5.

    ```mlir
    %y = kiln.hard_sigmoid %x {alpha = 0.5 : f32, beta = 0.6 : f32} : (tensor<3x4xf32>) -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<F32Attr>:$alpha,
                       OptionalAttr<F32Attr>:$beta);
}

def Kiln_HardSwishOp : Kiln_UnaryOp<"hard_swish", "HardSwish"> {
  let description = [{
    `x * max(0, min(1, x / 6 + 1/2))` per element.

    ```mlir
    %y = kiln.hard_swish %x : (tensor<1x64xf32>) -> tensor<1x64xf32>
    ```
  }];
}

def Kiln_TanhOp : Kiln_UnaryOp<"tanh", "Tanh"> {
  let description = [{
    Hyperbolic tangent per element.

    ```mlir
    %y = kiln.tanh %x : (tensor<1x64xf32>) -> tensor<1x64xf32>
    ```
  }];
}

def Kiln_SoftplusOp : Kiln_UnaryOp<"softplus", "Softplus"> {
  let description = [{
    `log(1 + e^x)` per element.

    ```mlir
    %y = kiln.softplus %x : (tensor<1x64xf32>) -> tensor<1x64xf32>
    ```
  }];
}

def Kiln_SoftsignOp : Kiln_UnaryOp<"softsign", "Softsign"> {
  let description = [{
    `x / (1 + |x|)` per element.

    ```mlir
    %y = kiln.softsign %x : (tensor<1x64xf32>) -> tensor<1x64xf32>
    ```
  }];
}

def Kiln_MishOp : Kiln_UnaryOp<"mish", "Mish"> {
  let description = [{
    `x * tanh(softplus(x))` per element.

    ```mlir
    %y = kiln.mish %x : (tensor<1x64xf32>) -> tensor<1x64xf32>
    ```
  }];
}

def Kiln_ThresholdedReluOp : Kiln_UnaryOp<"thresholded_relu", "ThresholdedRelu"> {
  let description = [{
    `x` if `x > alpha` else 0; `alpha` defaults to 1.

    ```mlir
    %y = kiln.thresholded_relu %x {alpha = 2.0 : f32} : (tensor<5xf32>) -> tensor<5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<F32Attr>:$alpha);
}

def Kiln_GeluOp : Kiln_UnaryOp<"gelu", "Gelu"> {
  let description = [{
    `x * Phi(x)`, exact with `approximate = "none"` (the default) or with
    the tanh approximation for `"tanh"`.

    ```mlir
    %y = kiln.gelu %x {approximate = "tanh"} : (tensor<1x16x64xf32>) -> tensor<1x16x64xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<StrAttr>:$approximate);
}

def Kiln_ClipOp
    : Kiln_Op<"clip", "Clip", [Kiln_Elementwise, Kiln_InferShapesByTrait]> {
  let summary = "clamp to optional scalar bounds (ONNX Clip)";
  let description = [{
    `min(max(x, min), max)`; an absent bound (a `none` operand) does not
    clamp. A `min` above `max` yields `max`, as numpy.clip.

    ```mlir
    %none = kiln.none
    %y = kiln.clip %x, %none, %max : (tensor<4xf32>, none, tensor<f32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_OptTensor:$min,
                   Kiln_OptTensor:$max);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ShrinkOp : Kiln_UnaryOp<"shrink", "Shrink"> {
  let description = [{
    `x + bias` if `x < -lambd`, `x - bias` if `x > lambd`, else 0; `lambd`
    and `bias` default to 0.5 and 0.

    ```mlir
    %y = kiln.shrink %x {lambd = 1.5 : f32} : (tensor<5xf32>) -> tensor<5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<F32Attr>:$bias,
                       OptionalAttr<F32Attr>:$lambd);
}

//===----------------------------------------------------------------------===//
// Binary arithmetic
//===----------------------------------------------------------------------===//

def Kiln_AddOp : Kiln_BinaryOp<"add", "Add"> {
  let description = [{
    `a + b` with numpy broadcasting; integers wrap.

    ```mlir
    %y = kiln.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_SubOp : Kiln_BinaryOp<"sub", "Sub"> {
  let description = [{
    `a - b` with numpy broadcasting; integers wrap.

    ```mlir
    %y = kiln.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_MulOp : Kiln_BinaryOp<"mul", "Mul"> {
  let description = [{
    `a * b` with numpy broadcasting; integers wrap.

    ```mlir
    %y = kiln.mul %a, %b : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_DivOp : Kiln_BinaryOp<"div", "Div"> {
  let description = [{
    `a / b` with numpy broadcasting; integer division truncates toward zero
    and a zero integer divisor is an error.

    ```mlir
    %y = kiln.div %a, %b : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2x3xi32>
    ```
  }];
}

def Kiln_PowOp : Kiln_BinaryOp<"pow", "Pow"> {
  let description = [{
    `a ^ b`; the exponent may have another numeric type, the result has the
    base's type.

    ```mlir
    %y = kiln.pow %a, %b : (tensor<3xi64>, tensor<3xf32>) -> tensor<3xi64>
    ```
  }];
}

def Kiln_ModOp : Kiln_BinaryOp<"mod", "Mod"> {
  let description = [{
    Remainder with the sign of the divisor (`fmod = 0`, the default, like
    Python's `%`) or of the dividend (`fmod = 1`, C `fmod`).

    ```mlir
    %y = kiln.mod %a, %b {fmod = 1 : i64} : (tensor<6xi32>, tensor<6xi32>) -> tensor<6xi32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$lhs, Kiln_Tensor:$rhs,
                       OptionalAttr<I64Attr>:$fmod);
}

def Kiln_BitShiftOp : Kiln_BinaryOp<"bit_shift", "BitShift"> {
  let description = [{
    `a << b` or `a >> b` by `direction` ("LEFT" or "RIGHT") on unsigned
    integers; shifting by the bit width or more gives 0.

    ```mlir
    %y = kiln.bit_shift %a, %b {direction = "LEFT"} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$lhs, Kiln_Tensor:$rhs,
                       OptionalAttr<StrAttr>:$direction);
}

//===----------------------------------------------------------------------===//
// Comparisons, logic and bitwise ops
//===----------------------------------------------------------------------===//

def Kiln_EqualOp : Kiln_BinaryOp<"equal", "Equal"> {
  let description = [{
    `a == b` as a bool tensor, with numpy broadcasting (bool operands allowed).

    ```mlir
    %y = kiln.equal %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
    ```
  }];
}

def Kiln_LessOp : Kiln_BinaryOp<"less", "Less"> {
  let description = [{
    `a < b` as a bool tensor, with numpy broadcasting.

    ```mlir
    %y = kiln.less %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
    ```
  }];
}

def Kiln_GreaterOp : Kiln_BinaryOp<"greater", "Greater"> {
  let description = [{
    `a > b` as a bool tensor, with numpy broadcasting.

    ```mlir
    %y = kiln.greater %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
    ```
  }];
}

def Kiln_LessOrEqualOp : Kiln_BinaryOp<"less_or_equal", "LessOrEqual"> {
  let description = [{
    `a <= b` as a bool tensor, with numpy broadcasting.

    ```mlir
    %y = kiln.less_or_equal %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
    ```
  }];
}

def Kiln_GreaterOrEqualOp : Kiln_BinaryOp<"greater_or_equal", "GreaterOrEqual"> {
  let description = [{
    `a >= b` as a bool tensor, with numpy broadcasting.

    ```mlir
    %y = kiln.greater_or_equal %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xi1>
    ```
  }];
}

def Kiln_AndOp : Kiln_BinaryOp<"and", "And"> {
  let description = [{
    Logical and of bool tensors with numpy broadcasting.

    ```mlir
    %y = kiln.and %a, %b : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
    ```
  }];
}

def Kiln_OrOp : Kiln_BinaryOp<"or", "Or"> {
  let description = [{
    Logical or of bool tensors with numpy broadcasting.

    ```mlir
    %y = kiln.or %a, %b : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
    ```
  }];
}

def Kiln_XorOp : Kiln_BinaryOp<"xor", "Xor"> {
  let description = [{
    Logical exclusive or of bool tensors with numpy broadcasting.

    ```mlir
    %y = kiln.xor %a, %b : (tensor<3x4xi1>, tensor<4xi1>) -> tensor<3x4xi1>
    ```
  }];
}

def Kiln_BitwiseAndOp : Kiln_BinaryOp<"bitwise_and", "BitwiseAnd"> {
  let description = [{
    Bitwise and of integer tensors with numpy broadcasting.

    ```mlir
    %y = kiln.bitwise_and %a, %b : (tensor<3x4xi32>, tensor<4xi32>) -> tensor<3x4xi32>
    ```
  }];
}

def Kiln_BitwiseOrOp : Kiln_BinaryOp<"bitwise_or", "BitwiseOr"> {
  let description = [{
    Bitwise or of integer tensors with numpy broadcasting.

    ```mlir
    %y = kiln.bitwise_or %a, %b : (tensor<3x4xi32>, tensor<4xi32>) -> tensor<3x4xi32>
    ```
  }];
}

def Kiln_BitwiseXorOp : Kiln_BinaryOp<"bitwise_xor", "BitwiseXor"> {
  let description = [{
    Bitwise exclusive or of integer tensors with numpy broadcasting.

    ```mlir
    %y = kiln.bitwise_xor %a, %b : (tensor<3x4xi32>, tensor<4xi32>) -> tensor<3x4xi32>
    ```
  }];
}

def Kiln_BitwiseNotOp : Kiln_UnaryOp<"bitwise_not", "BitwiseNot"> {
  let description = [{
    Bitwise complement of an integer tensor.

    ```mlir
    %y = kiln.bitwise_not %x : (tensor<4xi32>) -> tensor<4xi32>
    ```
  }];
}

//===----------------------------------------------------------------------===//
// N-ary, selection and casts
//===----------------------------------------------------------------------===//

def Kiln_SumOp : Kiln_VariadicOp<"sum", "Sum"> {
  let description = [{
    Sum of one or more float tensors with numpy broadcasting.

    ```mlir
    %y = kiln.sum %a, %b, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_MeanOp : Kiln_VariadicOp<"mean", "Mean"> {
  let description = [{
    Mean of one or more float tensors with numpy broadcasting.

    ```mlir
    %y = kiln.mean %a, %b, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_MinOp : Kiln_VariadicOp<"min", "Min"> {
  let description = [{
    Elementwise minimum of one or more tensors with numpy broadcasting; NaN
    propagates.

    ```mlir
    %y = kiln.min %a, %b, %c : (tensor<2x3xi32>, tensor<3xi32>, tensor<i32>) -> tensor<2x3xi32>
    ```
  }];
}

def Kiln_MaxOp : Kiln_VariadicOp<"max", "Max"> {
  let description = [{
    Elementwise maximum of one or more tensors with numpy broadcasting; NaN
    propagates.

    ```mlir
    %y = kiln.max %a, %b, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_WhereOp
    : Kiln_Op<"where", "Where", [Kiln_Elementwise, Kiln_InferShapesByTrait]> {
  let summary = "select X where condition is true, else Y";
  let description = [{
    Numpy broadcasting over all three operands; `condition` is bool.

    ```mlir
    %y = kiln.where %c, %a, %b : (tensor<2x1xi1>, tensor<1x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$condition, Kiln_Tensor:$X, Kiln_Tensor:$Y);
  let results = (outs Kiln_Tensor:$output);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_CastOp : Kiln_UnaryOp<"cast", "Cast"> {
  let summary = "dtype conversion (ONNX Cast)";
  let description = [{
    Converts to the ONNX TensorProto type `to` (FLOAT = 1, UINT8 = 2, INT8 =
    3, INT32 = 6, INT64 = 7, BOOL = 9, FLOAT16 = 10, DOUBLE = 11); floats
    truncate toward zero into integers, nonzero is true. `saturate` only
    concerns float8 types.

    ```mlir
    %y = kiln.cast %x {to = 7 : i64} : (tensor<3x4xf32>) -> tensor<3x4xi64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<I64Attr>:$to,
                       OptionalAttr<I64Attr>:$saturate);
}

def Kiln_CastLikeOp : Kiln_Op<"cast_like", "CastLike", [Kiln_Elementwise,
    Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "convert to the element type of a second tensor";
  let description = [{
    Cast of `input` to the dtype of `target_type`, whose values are unused.

    ```mlir
    %y = kiln.cast_like %x, %like : (tensor<3x4xf64>, tensor<1xf16>) -> tensor<3x4xf16>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_Tensor:$target_type,
                   OptionalAttr<I64Attr>:$saturate);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_ELEMENTWISE_OPS_TD
