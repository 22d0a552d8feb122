//===- VerifiersContainers.cpp - Verifiers of the sequence and optional ops
//===//
//
// A container op's tensors and containers must agree in element type; their
// dims are only known at run time in general, so they are not compared.
// Axes are checked where the input's rank is known.
//
//===----------------------------------------------------------------------===//
#include "VerifierUtils.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/TensorConversion.h"
#include "kiln/runtime/DType.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace kiln;

/// Checks that \p actual (a tensor, sequence or optional) holds tensors of
/// element type \p expected; \p what names it in the message.
static LogicalResult sameElements(Operation *op, Type expected, Type actual,
                                  StringRef what) {
  Type found = containedElementType(actual);
  if (found == expected)
    return success();
  return op->emitOpError("expected ")
         << what << " to hold " << expected << " elements, found " << found;
}

/// Checks that \p v, unless `none`, is an integer tensor of at most one
/// element.
static LogicalResult checkPosition(Operation *op, Value v) {
  auto t = dyn_cast<ShapedType>(v.getType());
  if (!t)
    return success();
  if (!t.getElementType().isSignlessInteger(32) &&
      !t.getElementType().isSignlessInteger(64))
    return op->emitOpError("expected position of element type i32 or i64, "
                           "found ")
           << t.getElementType();
  // ONNX says a scalar; exporters also write a 1-element 1-D tensor.
  if (t.hasStaticShape() && t.getNumElements() != 1)
    return op->emitOpError("expected position to hold one integer, found ")
           << t.getNumElements();
  return success();
}

/// Checks that the ONNX element type code in attribute \p name of \p op,
/// when present, is \p expected (default FLOAT).
static LogicalResult checkDTypeAttr(Operation *op, StringRef name,
                                    Type expected) {
  int64_t code = 1;
  if (auto attr = op->getAttrOfType<IntegerAttr>(name))
    code = attr.getInt();
  std::optional<DType> dtype = dtypeFromOnnx(code);
  if (!dtype)
    return op->emitOpError("attribute '")
           << name << "' is ONNX element type " << code
           << ", which Kiln does not compute on";
  if (dtypeOf(expected) != dtype)
    return op->emitOpError("attribute '")
           << name << "' says element type " << dtypeName(*dtype)
           << " but the result holds " << expected;
  return success();
}

LogicalResult SequenceEmptyOp::verify() {
  return checkDTypeAttr(*this, "dtype",
                        containedElementType(getOutput().getType()));
}

LogicalResult SequenceConstructOp::verify() {
  if (getInputs().empty())
    return emitOpError("expected at least one tensor");
  Type elem = containedElementType(getOutput().getType());
  for (Value v : getInputs())
    if (failed(sameElements(*this, elem, v.getType(), "every input")))
      return failure();
  return success();
}

LogicalResult SequenceInsertOp::verify() {
  Type elem = containedElementType(getOutput().getType());
  if (failed(sameElements(*this, elem, getInputSequence().getType(),
                          "the input sequence")) ||
      failed(sameElements(*this, elem, getTensor().getType(), "the tensor")))
    return failure();
  return checkPosition(*this, getPosition());
}

LogicalResult SequenceAtOp::verify() {
  if (failed(sameElements(*this, containedElementType(getTensor().getType()),
                          getInputSequence().getType(), "the sequence")))
    return failure();
  return checkPosition(*this, getPosition());
}

LogicalResult SequenceEraseOp::verify() {
  if (failed(sameElements(*this, containedElementType(getOutput().getType()),
                          getInputSequence().getType(), "the sequence")))
    return failure();
  return checkPosition(*this, getPosition());
}

LogicalResult SplitToSequenceOp::verify() {
  auto input = cast<TensorType>(getInput().getType());
  if (failed(sameElements(*this, input.getElementType(), getOutput().getType(),
                          "the result")))
    return failure();
  std::optional<int64_t> rank;
  if (input.hasRank())
    rank = input.getRank();
  return verify::checkAxisAttr(*this, "axis", 0, rank);
}

LogicalResult ConcatFromSequenceOp::verify() {
  auto seq = cast<SequenceType>(getInputSequence().getType());
  if (failed(sameElements(*this,
                          containedElementType(getConcatResult().getType()),
                          seq, "the sequence")))
    return failure();
  std::optional<int64_t> rank;
  if (seq.getElementType().hasRank())
    rank = seq.getElementType().getRank();
  bool newAxis = getNewAxis().value_or(0) != 0;
  return verify::checkAxisAttr(*this, "axis", 0, rank,
                               /*inclusiveEnd=*/newAxis);
}

LogicalResult OptionalOp::verify() {
  auto opt = cast<OptionalType>(getOutput().getType());
  Type input = getInput().getType();
  if (!isa<NoneType>(input) &&
      !sameKindAndElementType(opt.getValueType(), input))
    return emitOpError("expected the input to be a ")
           << opt.getValueType() << ", found " << input;
  if (isa<NoneType>(input))
    return checkDTypeAttr(*this, "dtype", containedElementType(opt));
  return success();
}

LogicalResult OptionalGetElementOp::verify() {
  Type input = getInput().getType();
  if (auto opt = dyn_cast<OptionalType>(input))
    input = opt.getValueType();
  if (!sameKindAndElementType(input, getOutput().getType()))
    return emitOpError("expected the result to be a ")
           << input << ", found " << getOutput().getType();
  return success();
}
