//===- ElementwiseHandlers.cpp - Import of elementwise ONNX ops -----------===//
//
// Import handlers for elementwise math, activations, comparisons and casts.
// Almost every version maps 1:1 onto its kiln op; one entry is registered per
// since-version from the one in effect at opset 7 (many unary ops: 6; Not,
// Softplus, Softsign: 1) so that the table documents each form. Versions
// before 7 of the binary ops used legacy `broadcast`/`axis` attributes and
// are not registered. The custom handlers:
//  - Clip 6 passes `min`/`max` as float attributes: they become 0-D constant
//    operands of X's type (absent bounds become `none`).
//  - Cast rejects, at import, target types Kiln does not have (STRING,
//    BFLOAT16, the float8 and 4-bit types, 16/32/64-bit unsigned and int16).
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"

#include "mlir/IR/BuiltinTypes.h"

#include <onnx/onnx_pb.h>

#include <string>

namespace kiln::frontend {
namespace {

/// Clip 6: min/max attributes -> operands.
mlir::LogicalResult importClip6(NodeImporter &n) {
  mlir::Value x = n.input(0);
  mlir::Value bounds[2];
  const char *names[2] = {"min", "max"};
  for (int k = 0; k < 2; ++k) {
    const onnx::AttributeProto *a = n.attribute(names[k]);
    // input(n.numInputs()) is out of range, hence a `none` value.
    bounds[k] = a ? n.constantScalarLike(x, a->f()) : n.none();
  }
  return n.create("kiln.clip", {x, bounds[0], bounds[1]}, /*extraAttrs=*/{},
                  /*skipAttrs=*/{"min", "max"});
}

/// The ONNX TensorProto.DataType name of \p t, for messages.
std::string onnxTypeName(int64_t t) {
  if (onnx::TensorProto_DataType_IsValid(static_cast<int>(t)))
    return onnx::TensorProto_DataType_Name(
        static_cast<onnx::TensorProto_DataType>(t));
  return "type " + std::to_string(t);
}

/// Cast (any version): checks `to`, then imports generically.
mlir::LogicalResult importCast(NodeImporter &n) {
  const onnx::AttributeProto *to = n.attribute("to");
  if (!to)
    return n.emitError("expected a 'to' attribute");
  switch (to->i()) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::BOOL:
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::DOUBLE:
    return n.createGeneric("kiln.cast", 1);
  default:
    return n.emitError("Cast to " + onnxTypeName(to->i()) +
                       " is not supported");
  }
}

} // namespace

/// PRelu-6: a 1-D slope of X's channel count broadcasts along axis 1.
static mlir::LogicalResult importPReluV6(NodeImporter &n) {
  mlir::Value x = n.input(0), slope = n.input(1);
  auto xType = mlir::dyn_cast<mlir::RankedTensorType>(x.getType());
  auto sType = mlir::dyn_cast<mlir::RankedTensorType>(slope.getType());
  if (xType && sType && xType.getRank() > 2 && sType.getRank() == 1 &&
      sType.getDimSize(0) > 1 && sType.getDimSize(0) == xType.getDimSize(1)) {
    // slope[C] -> slope[C, 1, ..., 1] so numpy broadcasting lands on axis 1.
    llvm::SmallVector<int64_t> dims(xType.getRank() - 1, 1);
    dims[0] = sType.getDimSize(0);
    slope = n.reshape(slope, dims);
  }
  return n.create("kiln.prelu", {x, slope});
}

/// Add/Sub/Mul/Div before opset 7: with broadcast=1, B's dims line up with
/// A's starting at `axis` (default: B's trailing alignment). Reshaping B to
/// B.shape + [1] * (rank(A) - axis - rank(B)) gives numpy the same meaning.
static mlir::LogicalResult importLegacyBroadcast(NodeImporter &n,
                                                 const std::string &kilnOp) {
  mlir::Value a = n.input(0), b = n.input(1);
  const onnx::AttributeProto *flag = n.attribute("broadcast");
  const onnx::AttributeProto *axisAttr = n.attribute("axis");
  if (flag && flag->i() != 0 && axisAttr) {
    auto aType = mlir::dyn_cast<mlir::RankedTensorType>(a.getType());
    auto bType = mlir::dyn_cast<mlir::RankedTensorType>(b.getType());
    if (!aType || !bType)
      return n.emitError("legacy broadcast with 'axis' needs ranked operands");
    int64_t rankA = aType.getRank(), rankB = bType.getRank();
    int64_t axis = axisAttr->i() < 0 ? axisAttr->i() + rankA : axisAttr->i();
    if (axis < 0 || axis > rankA - rankB) // not axis + rankB: it overflows
      return n.emitError("legacy broadcast axis " + llvm::Twine(axisAttr->i()) +
                         " does not fit B of rank " + llvm::Twine(rankB) +
                         " into A of rank " + llvm::Twine(rankA));
    if (axis + rankB < rankA) {
      llvm::SmallVector<int64_t> dims(bType.getShape());
      dims.append(rankA - axis - rankB, 1);
      for (int64_t &d : dims)
        if (mlir::ShapedType::isDynamic(d))
          return n.emitError("legacy broadcast needs B's shape to be static");
      b = n.reshape(b, dims);
    }
  }
  return n.create(kilnOp, {a, b}, {}, {"broadcast", "axis"});
}

void registerElementwiseHandlers(HandlerTable &t) {
  // Unary math. Versions 6 and 13 differ only in the types they allow.
  for (const char *op : {"Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal",
                         "Floor", "Ceil", "Sigmoid", "Tanh"}) {
    std::string kilnOp = "kiln." + llvm::StringRef(op).lower();
    t.generic(op, 6, kilnOp);
    t.generic(op, 13, kilnOp);
  }
  for (const char *op : {"Sin", "Cos", "Tan", "Asin", "Acos", "Atan"})
    t.generic(op, 7, "kiln." + llvm::StringRef(op).lower());
  for (const char *op : {"Sinh", "Cosh", "Asinh", "Acosh", "Atanh"})
    t.generic(op, 9, "kiln." + llvm::StringRef(op).lower());
  t.generic("Sign", 9, "kiln.sign");
  t.generic("Sign", 13, "kiln.sign");
  t.generic("Erf", 9, "kiln.erf");
  t.generic("Erf", 13, "kiln.erf");
  t.generic("Round", 11, "kiln.round");
  t.generic("Not", 1, "kiln.not");
  t.generic("IsNaN", 9, "kiln.is_nan");
  t.generic("IsNaN", 13, "kiln.is_nan");
  t.generic("IsNaN", 20, "kiln.is_nan"); // adds float8 types only
  t.generic("IsInf", 10, "kiln.is_inf");
  t.generic("IsInf", 20, "kiln.is_inf"); // adds float8 types only

  // Activations.
  t.generic("Relu", 6, "kiln.relu");
  t.generic("Relu", 13, "kiln.relu");
  t.generic("Relu", 14, "kiln.relu"); // adds integer types only
  t.generic("LeakyRelu", 6, "kiln.leaky_relu");
  t.generic("LeakyRelu", 16, "kiln.leaky_relu");
  // PRelu before 7 took a 1-D slope of size C per channel (axis 1) as
  // exporters wrote it; 7 switched to numpy unidirectional broadcasting, so
  // such a slope is reshaped to [C, 1, ..., 1] to keep its meaning.
  t.add("PRelu", 6, importPReluV6);
  for (int v : {7, 9, 16})
    t.generic("PRelu", v, "kiln.prelu");
  t.generic("Elu", 6, "kiln.elu");
  t.generic("Selu", 6, "kiln.selu");
  t.generic("Celu", 12, "kiln.celu");
  t.generic("HardSigmoid", 6, "kiln.hard_sigmoid");
  t.generic("HardSwish", 14, "kiln.hard_swish");
  t.generic("Softplus", 1, "kiln.softplus");
  t.generic("Softsign", 1, "kiln.softsign");
  t.generic("ThresholdedRelu", 10, "kiln.thresholded_relu");
  t.generic("Gelu", 20, "kiln.gelu");
  t.generic("Mish", 18, "kiln.mish");
  t.add("Clip", 6, importClip6);
  t.generic("Clip", 11, "kiln.clip", 3);
  t.generic("Clip", 12, "kiln.clip", 3); // adds integer types
  t.generic("Clip", 13, "kiln.clip", 3);
  t.generic("Shrink", 9, "kiln.shrink");

  // Binary arithmetic (numpy broadcasting from opset 7 on; before, an
  // explicit `broadcast` flag aligned B at `axis`).
  for (const char *op : {"Add", "Sub", "Mul", "Div"}) {
    std::string kilnOp = "kiln." + llvm::StringRef(op).lower();
    t.add(op, 6, [kilnOp](NodeImporter &n) {
      return importLegacyBroadcast(n, kilnOp);
    });
    for (int v : {7, 13, 14})
      t.generic(op, v, kilnOp);
  }
  // Pow-1 has the same legacy broadcast (it used to reach Kiln through ONNX's
  // version converter, which is no longer run on untrusted models).
  t.add("Pow", 1,
        [](NodeImporter &n) { return importLegacyBroadcast(n, "kiln.pow"); });
  for (int v : {7, 12, 13, 15})
    t.generic("Pow", v, "kiln.pow");
  t.generic("Mod", 10, "kiln.mod");
  t.generic("Mod", 13, "kiln.mod");
  t.generic("BitShift", 11, "kiln.bit_shift");

  // Comparisons, logic, bitwise.
  for (int v : {7, 11, 13, 19})
    t.generic("Equal", v, "kiln.equal");
  for (int v : {7, 9, 13}) {
    t.generic("Less", v, "kiln.less");
    t.generic("Greater", v, "kiln.greater");
  }
  for (int v : {12, 16}) {
    t.generic("LessOrEqual", v, "kiln.less_or_equal");
    t.generic("GreaterOrEqual", v, "kiln.greater_or_equal");
  }
  t.generic("And", 7, "kiln.and");
  t.generic("Or", 7, "kiln.or");
  t.generic("Xor", 7, "kiln.xor");
  t.generic("BitwiseAnd", 18, "kiln.bitwise_and");
  t.generic("BitwiseOr", 18, "kiln.bitwise_or");
  t.generic("BitwiseXor", 18, "kiln.bitwise_xor");
  t.generic("BitwiseNot", 18, "kiln.bitwise_not");

  // N-ary (6: same shapes; 8: numpy broadcasting), selection, casts.
  for (int v : {6, 8, 13}) {
    t.generic("Sum", v, "kiln.sum");
    t.generic("Mean", v, "kiln.mean");
  }
  for (int v : {6, 8, 12, 13}) {
    t.generic("Min", v, "kiln.min");
    t.generic("Max", v, "kiln.max");
  }
  t.generic("Where", 9, "kiln.where");
  t.generic("Where", 16, "kiln.where");
  // Cast 19 adds `saturate` (float8 only) and 21 the 4-bit types.
  for (int v : {6, 9, 13, 19, 21})
    t.add("Cast", v, importCast);
  for (int v : {15, 19, 21})
    t.generic("CastLike", v, "kiln.cast_like");
}

} // namespace kiln::frontend
