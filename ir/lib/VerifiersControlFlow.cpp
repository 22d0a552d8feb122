//===- VerifiersControlFlow.cpp - Verifiers of If, Loop and Scan ----------===//
//
// Counts and element types of the operands, block arguments, yields and
// results of the control-flow ops must line up; shapes may differ (see
// ControlFlowOps.td), so they are not compared.
//
//===----------------------------------------------------------------------===//
#include "VerifierUtils.h"

#include "kiln/ir/KilnDialect.h"

#include "mlir/IR/TypeUtilities.h"

#include <limits>

using namespace mlir;
using namespace kiln;

/// The yield ending \p region's block.
static YieldOp yieldOf(Region &region) {
  return cast<YieldOp>(region.front().getTerminator());
}

/// Checks that \p actual has the element type of \p expected; \p what and
/// \p index name the value in the message.
static LogicalResult sameElementType(Operation *op, Type expected, Type actual,
                                     StringRef what, size_t index) {
  if (sameKindAndElementType(expected, actual))
    return success();
  // A value may stand where an optional of its kind is expected, and the
  // other way round (a loop carries an empty optional into its first
  // iteration and the sequence its body builds into the next).
  auto optE = dyn_cast<OptionalType>(expected),
       optA = dyn_cast<OptionalType>(actual);
  if ((optE && sameKindAndElementType(optE.getValueType(), actual)) ||
      (optA && sameKindAndElementType(expected, optA.getValueType())))
    return success();
  if (expected.getTypeID() != actual.getTypeID() &&
      !(isa<TensorType>(expected) && isa<TensorType>(actual)))
    return op->emitOpError("expected ") << what << " #" << index << " to be a "
                                        << expected << ", found " << actual;
  return op->emitOpError("expected ")
         << what << " #" << index << " to have element type "
         << containedElementType(expected) << ", found "
         << containedElementType(actual);
}

/// Checks that \p v is a boolean (or, with \p i64, an i64) tensor of one
/// element when its shape is known.
static LogicalResult checkScalar(Operation *op, Value v, StringRef what,
                                 bool i64) {
  auto t = dyn_cast<ShapedType>(v.getType());
  if (isa<NoneType>(v.getType()))
    return success();
  if (!t)
    return op->emitOpError("expected ")
           << what << " to be a tensor, found " << v.getType();
  Type want = i64 ? IntegerType::get(op->getContext(), 64)
                  : IntegerType::get(op->getContext(), 1);
  if (t.getElementType() != want)
    return op->emitOpError("expected ") << what << " of element type " << want
                                        << ", found " << t.getElementType();
  if (t.hasStaticShape() && t.getNumElements() != 1)
    return op->emitOpError("expected ")
           << what << " to hold one element, found " << t.getNumElements();
  return success();
}

LogicalResult IfOp::verify() {
  if (failed(checkScalar(*this, getCond(), "cond", /*i64=*/false)))
    return failure();
  for (Region *region : {&getThenBranch(), &getElseBranch()}) {
    std::string name = region == &getThenBranch() ? "then" : "else";
    YieldOp yield = yieldOf(*region);
    if (yield.getValues().size() != getNumResults())
      return emitOpError("expected the ")
             << name << " branch to yield " << getNumResults()
             << " values (one per result), found " << yield.getValues().size();
    for (auto [i, v] : llvm::enumerate(yield.getValues()))
      if (failed(sameElementType(*this, getResult(i).getType(), v.getType(),
                                 name + " branch's value", i)))
        return failure();
  }
  return success();
}

LogicalResult LoopOp::verify() {
  if (failed(checkScalar(*this, getMaxTripCount(), "max_trip_count",
                         /*i64=*/true)) ||
      failed(checkScalar(*this, getCond(), "cond", /*i64=*/false)))
    return failure();
  size_t n = getInitial().size();
  Block &body = getBody().front();
  if (body.getNumArguments() != n + 2)
    return emitOpError("expected the body to take ")
           << n + 2
           << " arguments (iteration number, condition and one per "
              "loop-carried value), found "
           << body.getNumArguments();
  if (failed(checkScalar(*this, body.getArgument(0), "body argument #0",
                         /*i64=*/true)) ||
      failed(checkScalar(*this, body.getArgument(1), "body argument #1",
                         /*i64=*/false)))
    return failure();
  YieldOp yield = yieldOf(getBody());
  if (yield.getValues().size() < n + 1)
    return emitOpError("expected the body to yield at least ")
           << n + 1 << " values (condition and loop-carried values), found "
           << yield.getValues().size();
  size_t k = yield.getValues().size() - n - 1;
  if (getNumResults() != n + k)
    return emitOpError("expected ")
           << n + k << " results (" << n << " loop-carried, " << k
           << " scan outputs), found " << getNumResults();
  if (failed(checkScalar(*this, yield.getValues()[0], "the yielded condition",
                         /*i64=*/false)))
    return failure();
  for (size_t i = 0; i < n; ++i) {
    Type t = getInitial()[i].getType();
    if (failed(sameElementType(*this, t, body.getArgument(i + 2).getType(),
                               "body argument", i + 2)) ||
        failed(sameElementType(*this, t, yield.getValues()[i + 1].getType(),
                               "yielded value", i + 1)) ||
        failed(sameElementType(*this, t, getResult(i).getType(), "result", i)))
      return failure();
  }
  for (size_t j = 0; j < k; ++j) {
    Type t = yield.getValues()[n + 1 + j].getType();
    if (!isa<TensorType>(t))
      return emitOpError("expected scan value #")
             << j << " to be a tensor (ONNX stacks only tensors), found " << t;
    if (failed(sameElementType(*this, t, getResult(n + j).getType(), "result",
                               n + j)))
      return failure();
  }
  return success();
}

LogicalResult ScanOp::verify() {
  int64_t m = getNumScanInputs();
  if (m < 1 || m > static_cast<int64_t>(getInputs().size()))
    return emitOpError("expected num_scan_inputs in [1, ")
           << getInputs().size() << "], found " << m;
  size_t n = getInputs().size() - m;
  Block &body = getBody().front();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError("expected the body to take ")
           << getInputs().size()
           << " arguments (one per state and scan input), found "
           << body.getNumArguments();
  YieldOp yield = yieldOf(getBody());
  if (yield.getValues().size() < n)
    return emitOpError("expected the body to yield at least ")
           << n << " values (one per state), found "
           << yield.getValues().size();
  size_t k = yield.getValues().size() - n;
  if (getNumResults() != n + k)
    return emitOpError("expected ")
           << n + k << " results (" << n << " states, " << k
           << " scan outputs), found " << getNumResults();
  for (auto [i, v] : llvm::enumerate(getInputs()))
    if (failed(sameElementType(*this, v.getType(),
                               body.getArgument(i).getType(), "body argument",
                               i)))
      return failure();
  for (auto [i, v] : llvm::enumerate(yield.getValues())) {
    if (i < n && failed(sameElementType(*this, getInputs()[i].getType(),
                                        v.getType(), "yielded value", i)))
      return failure();
    if (failed(sameElementType(*this, v.getType(), getResult(i).getType(),
                               "result", i)))
      return failure();
  }
  if (failed(verify::checkIntsAttr(*this, "scan_input_directions", m, 0,
                                   "one per scan input")) ||
      failed(verify::checkIntsAttr(*this, "scan_input_axes", m,
                                   std::numeric_limits<int64_t>::min(),
                                   "one per scan input")) ||
      failed(verify::checkIntsAttr(*this, "scan_output_directions",
                                   static_cast<int64_t>(k), 0,
                                   "one per scan output")) ||
      failed(verify::checkIntsAttr(
          *this, "scan_output_axes", static_cast<int64_t>(k),
          std::numeric_limits<int64_t>::min(), "one per scan output")))
    return failure();
  for (StringRef name : {"scan_input_directions", "scan_output_directions"})
    if (std::optional<SmallVector<int64_t>> dirs = shape::intsAttr(*this, name))
      for (int64_t d : *dirs)
        if (d != 0 && d != 1)
          return emitOpError("expected ")
                 << name << " entries to be 0 or 1, found "
                 << verify::formatList(*dirs);
  return success();
}
