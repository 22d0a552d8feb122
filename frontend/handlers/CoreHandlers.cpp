//===- CoreHandlers.cpp - Import of ONNX Constant nodes -------------------===//
//
// Constant (all versions): value (TENSOR) or, from opset 12, value_float(s)
// and value_int(s), become kiln.constant. Sparse and string constants are
// rejected.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/ImporterInternal.h"

#include <onnx/onnx_pb.h>

namespace kiln::frontend {

static mlir::LogicalResult importConstant(NodeImporter &n) {
  auto &impl = static_cast<NodeImporterImpl &>(n);
  const onnx::NodeProto &node = n.node();
  if (node.attribute_size() != 1)
    return n.emitError("expected exactly one value attribute, found " +
                       llvm::Twine(node.attribute_size()));
  const onnx::AttributeProto &a = node.attribute(0);
  Tensor t;
  if (a.name() == "value") {
    Status s = tensorFromProto(a.t(), impl.modelDirectory(),
                               "constant '" + node.output(0) + "'", t);
    if (!s)
      return n.emitError(s.message());
  } else if (a.name() == "value_float") {
    t = Tensor::scalar<float>(a.f());
  } else if (a.name() == "value_floats") {
    t = Tensor::fromVector<float>({a.floats_size()},
                                  {a.floats().begin(), a.floats().end()});
  } else if (a.name() == "value_int") {
    t = Tensor::scalar<int64_t>(a.i());
  } else if (a.name() == "value_ints") {
    t = Tensor::fromVector<int64_t>({a.ints_size()},
                                    {a.ints().begin(), a.ints().end()});
  } else {
    return n.emitError("constant attribute '" + a.name() +
                       "' is not supported (sparse and string constants)");
  }
  n.setOutput(0, impl.createConstant(t, node.output(0)));
  return mlir::success();
}

void registerCoreHandlers(HandlerTable &t) {
  t.add("Constant", 1, importConstant);
  t.add("Constant", 9, importConstant);
  t.add("Constant", 11, importConstant);
  t.add("Constant", 12, importConstant);
  t.add("Constant", 13, importConstant);
}

} // namespace kiln::frontend
