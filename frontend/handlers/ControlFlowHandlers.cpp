//===- ControlFlowHandlers.cpp - Import of If, Loop and Scan --------------===//
//
// Each GRAPH attribute becomes a region of the kiln op (the importer's
// createWithRegions): If's then_branch and else_branch, Loop's and Scan's
// body. The result count follows the subgraph's outputs, so a node that
// leaves trailing outputs unnamed still gets every result. Where a
// subgraph input declares no type, its block argument gets an unranked type
// of the element type ONNX fixes (Loop's iteration number and condition) or
// of the operand it receives.
//  - Scan 8 had a batch dim in front of every operand and an optional
//    `sequence_lens` first input; it becomes kiln.scan with `batched`, its
//    `directions` attribute renamed to scan_input_directions. A given
//    `sequence_lens` is refused.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"

#include "mlir/IR/BuiltinTypes.h"

#include <onnx/onnx_pb.h>

namespace kiln::frontend {
namespace {

using SubgraphSpec = NodeImporter::SubgraphSpec;

/// \p v's type with every dim forgotten (relaxedType).
mlir::Type unrankedLike(mlir::Value v) { return relaxedType(v.getType()); }

/// The number of outputs of GRAPH attribute \p name, or -1 when the node
/// has no such attribute (createWithRegions then says so).
int subgraphOutputs(NodeImporter &n, llvm::StringRef name) {
  const onnx::AttributeProto *a = n.attribute(name);
  if (!a || a->type() != onnx::AttributeProto::GRAPH || !a->has_g())
    return -1;
  return a->g().output_size();
}

/// Every node input must be present from \p first on (Loop's and Scan's
/// carried values).
mlir::LogicalResult requireInputs(NodeImporter &n, size_t first) {
  for (size_t i = first; i < n.numInputs(); ++i)
    if (!n.hasInput(i))
      return n.emitError("input #" + llvm::Twine(i) +
                         " is empty; expected a value");
  return mlir::success();
}

mlir::LogicalResult importIf(NodeImporter &n) {
  if (n.numInputs() != 1 || !n.hasInput(0))
    return n.emitError("expected one input (the condition), found " +
                       llvm::Twine(n.numInputs()));
  return n.createWithRegions(
      "kiln.if", {n.input(0)},
      {SubgraphSpec{"then_branch", {}}, SubgraphSpec{"else_branch", {}}}, {},
      {}, subgraphOutputs(n, "then_branch"));
}

mlir::LogicalResult importLoop(NodeImporter &n) {
  if (n.numInputs() < 2)
    return n.emitError("expected at least 2 inputs (M and cond, possibly "
                       "empty), found " +
                       llvm::Twine(n.numInputs()));
  if (failed(requireInputs(n, 2)))
    return mlir::failure();
  mlir::OpBuilder &b = n.builder();
  llvm::SmallVector<mlir::Value> operands{n.input(0), n.input(1)};
  SubgraphSpec body{"body",
                    {mlir::RankedTensorType::get({}, b.getI64Type()),
                     mlir::RankedTensorType::get({}, b.getI1Type())}};
  for (size_t i = 2; i < n.numInputs(); ++i) {
    operands.push_back(n.input(i));
    body.argTypes.push_back(unrankedLike(operands.back()));
  }
  int outputs = subgraphOutputs(n, "body");
  return n.createWithRegions("kiln.loop", operands, {body}, {}, {},
                             outputs < 1 ? -1 : outputs - 1);
}

mlir::LogicalResult importScan(NodeImporter &n, bool batched) {
  size_t first = batched ? 1 : 0;
  if (batched && n.hasInput(0))
    return n.emitError("input 'sequence_lens' is not supported: Kiln scans "
                       "every batch item's whole sequence");
  if (failed(requireInputs(n, first)))
    return mlir::failure();
  mlir::OpBuilder &b = n.builder();
  llvm::SmallVector<mlir::Value> operands;
  SubgraphSpec body{"body", {}};
  for (size_t i = first; i < n.numInputs(); ++i) {
    operands.push_back(n.input(i));
    body.argTypes.push_back(unrankedLike(operands.back()));
  }
  llvm::SmallVector<mlir::NamedAttribute> extra;
  llvm::SmallVector<llvm::StringRef> skip;
  if (batched) {
    extra.emplace_back(b.getStringAttr("batched"), b.getUnitAttr());
    if (const onnx::AttributeProto *dirs = n.attribute("directions")) {
      extra.emplace_back(b.getStringAttr("scan_input_directions"),
                         n.convertAttribute(*dirs));
      skip.push_back("directions");
    }
  }
  return n.createWithRegions("kiln.scan", operands, {body}, extra, skip,
                             subgraphOutputs(n, "body"));
}

} // namespace

void registerControlFlowHandlers(HandlerTable &t) {
  t.add("If", 1, importIf);
  t.add("Loop", 1, importLoop);
  t.add("Scan", 8, [](NodeImporter &n) { return importScan(n, true); });
  t.add("Scan", 9, [](NodeImporter &n) { return importScan(n, false); });
}

} // namespace kiln::frontend
