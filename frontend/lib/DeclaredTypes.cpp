//===- DeclaredTypes.cpp - One rule for declared value shapes ------------===//
//
// A model declares the shapes of its intermediate values and outputs
// (value_info, graph outputs, and what ONNX's shape inference derives from
// them), and a model is untrusted input: a declaration may contradict what
// its ops compute. Every backend imports through here, so the rule is
// applied once, for all of them, when each op is created:
//
//   1. The op is built with its results unranked and verified: operands the
//      op cannot take (concat of mismatched dims, an einsum equation that
//      does not fit) are refused with the verifier's one line.
//   2. Kiln's shape rule (ShapeInferenceOpInterface) computes the result
//      shapes from the operands alone; a rule that fails is refused too.
//   3. The computed shape is the truth. A declaration it contradicts is
//      replaced, with one warning per value when the model file itself
//      declared it ("node 'n' (Op): output 'v' is declared 1x3 but computes
//      1x1; using 1x1"); a contradiction in a type ONNX's inference derived
//      from an earlier bad declaration is replaced silently, since the
//      earlier warning names its cause.
//   4. A declaration may only fill dims the rule cannot know: those that
//      depend on operand values (the op has the KilnDataDependentShape
//      trait; kiln-relax-data-dependent-shapes forgets them again before a
//      compiled backend trusts them). For any other op an unknown computed
//      dim stays unknown.
//   5. Ops without a shape rule keep their declared types; their kernels'
//      results are checked against them at run time.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/ImporterInternal.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/ShapeInference.h"

#include "mlir/IR/Verifier.h"

#include <onnx/onnx_pb.h>

using namespace mlir;

namespace kiln::frontend {

std::string formatTypeShape(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasRank())
    return "unranked";
  if (shaped.getRank() == 0)
    return "scalar";
  std::string s;
  for (int64_t d : shaped.getShape())
    s += (s.empty() ? "" : "x") +
         (ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d));
  return s;
}

/// The type a result of \p op gets from its \p declared type and the one
/// its shape rule \p computed (steps 3 and 4); sets \p contradicts when they
/// disagree.
static Type reconcile(Operation *op, Type declared, Type computed,
                      bool &contradicts) {
  contradicts = false;
  if (!isa<TensorType>(declared) || !isa<TensorType>(computed))
    return declared;
  Type merged = shape::refineType(declared, computed);
  if (!merged) {
    contradicts = true;
    return computed;
  }
  if (op->hasTrait<kiln::OpTrait::KilnDataDependentShape>())
    return merged;
  // Keep the declared rank when the rule proves none (it always keeps
  // static dims it proves), never a declared dim.
  auto declaredRanked = dyn_cast<RankedTensorType>(declared);
  auto computedRanked = dyn_cast<RankedTensorType>(computed);
  if (declaredRanked && !computedRanked)
    return RankedTensorType::get(
        SmallVector<int64_t>(declaredRanked.getRank(), ShapedType::kDynamic),
        declaredRanked.getElementType());
  return computed;
}

LogicalResult applyShapeRule(Operation *op, NodeImporterImpl &node,
                             const std::set<std::string> &declaredValues,
                             std::set<std::string> &warned) {
  const onnx::NodeProto &n = node.node();
  SmallVector<Type> declared(op->getResultTypes());
  auto rule = dyn_cast<ShapeInferenceOpInterface>(op);
  if (rule)
    for (OpResult r : op->getResults())
      if (auto t = dyn_cast<TensorType>(r.getType()))
        r.setType(UnrankedTensorType::get(t.getElementType()));

  // Step 1: the verifier's message becomes this node's one error line.
  auto verifyOp = [&]() -> LogicalResult {
    std::string message;
    LogicalResult verified = success();
    {
      ScopedDiagnosticHandler capture(op->getContext(), [&](Diagnostic &d) {
        if (message.empty())
          message = d.str();
        return success();
      });
      verified = mlir::verify(op, /*verifyRecursively=*/false);
    }
    if (succeeded(verified))
      return success();
    return node.emitError(message.empty() ? "the imported op does not verify"
                                          : message);
  };
  if (failed(verifyOp()))
    return failure();
  if (!rule)
    return success(); // Step 5.

  // Step 2.
  SmallVector<Type> computed;
  if (failed(rule.inferShapes(computed))) {
    std::string shapes;
    for (Value v : op->getOperands())
      if (!isa<NoneType>(v.getType()))
        shapes += (shapes.empty() ? "" : ", ") + formatTypeShape(v.getType());
    return node.emitError("operands of shapes (" + shapes +
                          ") are invalid for " + n.op_type());
  }
  assert(computed.size() == op->getNumResults() &&
         "inferShapes must give one type per result");

  // Steps 3 and 4.
  for (auto [i, r] : llvm::enumerate(op->getResults())) {
    bool contradicts = false;
    Type type = reconcile(op, declared[i], computed[i], contradicts);
    r.setType(type);
    if (!contradicts || i >= node.numOutputs() || n.output(i).empty())
      continue;
    const std::string &value = n.output(i);
    if (!declaredValues.count(value) || !warned.insert(value).second)
      continue;
    std::string name = n.name().empty() ? "<unnamed>" : n.name();
    mlir::emitWarning(node.loc())
        << "node '" << name << "' (" << n.op_type() << "): output '" << value
        << "' is declared " << formatTypeShape(declared[i]) << " but computes "
        << formatTypeShape(type) << "; using " << formatTypeShape(type);
  }
  return verifyOp();
}

} // namespace kiln::frontend
