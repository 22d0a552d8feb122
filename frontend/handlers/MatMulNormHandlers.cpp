//===- MatMulNormHandlers.cpp - Import of matmul, norm and softmax ops ----===//
//
// Import handlers for Gemm, MatMul, Einsum, the normalizations and the
// softmax family. Custom handlers:
//   - Softmax / LogSoftmax / Hardmax before opset 13 coerce the input to 2-D
//     at `axis` (default 1); they become the opset-13 op with `coerce_2d = 1`
//     and an explicit axis.
//   - BatchNormalization is imported in inference form only: training-mode
//     outputs, `training_mode = 1` and `spatial = 0` are rejected.
//   - LayerNormalization imports Y and, when requested, Mean and InvStdDev
//     (the op's variadic `stats` results).
//   - Gemm-6 drops its `broadcast` flag: C always broadcasts
//     unidirectionally in the kiln op, a superset of both settings.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"

#include <onnx/onnx_pb.h>

#include <string>

namespace kiln::frontend {
namespace {

/// The handler of Softmax-like ops before opset 13: the newest op with
/// `coerce_2d = 1` and `axis` made explicit (its old default was 1).
ImportFn coerced2dHandler(llvm::StringRef kilnOp) {
  std::string op = kilnOp.str();
  return [op](NodeImporter &n) -> mlir::LogicalResult {
    int64_t axis = 1;
    if (const onnx::AttributeProto *a = n.attribute("axis"))
      axis = a->i();
    mlir::OpBuilder &b = n.builder();
    mlir::NamedAttribute attrs[] = {
        b.getNamedAttr("axis", b.getI64IntegerAttr(axis)),
        b.getNamedAttr("coerce_2d", b.getI64IntegerAttr(1))};
    mlir::Value x = n.input(0);
    return n.create(op, {x}, attrs, {"axis"});
  };
}

/// True when the node requests an output after the first (a non-empty
/// name): the training statistics of BatchNormalization, which Kiln does not
/// produce.
bool requestsExtraOutputs(NodeImporter &n) {
  for (int i = 1; i < n.node().output_size(); ++i)
    if (!n.node().output(i).empty())
      return true;
  return false;
}

/// BatchNormalization in inference form, any version since 6.
mlir::LogicalResult importBatchNormalization(NodeImporter &n) {
  if (requestsExtraOutputs(n))
    return n.emitError("training-mode outputs (running mean / var) are not "
                       "supported: expected 1 output, found " +
                       llvm::Twine(n.numOutputs()));
  if (const onnx::AttributeProto *a = n.attribute("training_mode");
      a && a->i() != 0)
    return n.emitError("training_mode = " + llvm::Twine(a->i()) +
                       " is not supported: expected 0 (inference)");
  if (const onnx::AttributeProto *a = n.attribute("spatial"); a && a->i() != 1)
    return n.emitError("spatial = " + llvm::Twine(a->i()) +
                       " is not supported: expected 1");
  // Opset 6's `is_test` is ignored: with a single output the node can only
  // be used for inference, as other runtimes assume.
  return n.createGeneric("kiln.batch_normalization", 5, {"is_test"});
}

/// LayerNormalization: Y, plus Mean and InvStdDev when the node names them.
mlir::LogicalResult importLayerNormalization(NodeImporter &n) {
  return n.createGeneric("kiln.layer_normalization", 3);
}

} // namespace

void registerMatMulNormHandlers(HandlerTable &t) {
  // Gemm: 6 has `broadcast`; 7 broadcasts C unidirectionally; 9 and 13 add
  // types; 11 makes C optional.
  t.add("Gemm", 6, [](NodeImporter &n) -> mlir::LogicalResult {
    return n.createGeneric("kiln.gemm", 3, {"broadcast"});
  });
  t.generic("Gemm", 7, "kiln.gemm", 3);
  t.generic("Gemm", 9, "kiln.gemm", 3);
  t.generic("Gemm", 11, "kiln.gemm", 3);
  t.generic("Gemm", 13, "kiln.gemm", 3);

  // MatMul: 9 and 13 add types only.
  t.generic("MatMul", 1, "kiln.mat_mul");
  t.generic("MatMul", 9, "kiln.mat_mul");
  t.generic("MatMul", 13, "kiln.mat_mul");

  t.generic("Einsum", 12, "kiln.einsum");

  // BatchNormalization: 6 has is_test and spatial, 7 drops is_test, 9 drops
  // spatial, 14 adds training_mode, 15 lets scale/B/mean/var types differ.
  for (int since : {6, 7, 9, 14, 15})
    t.add("BatchNormalization", since, importBatchNormalization);

  t.add("LayerNormalization", 17, importLayerNormalization);

  t.generic("InstanceNormalization", 6, "kiln.instance_normalization", 3);

  // LRN: 13 adds bfloat16.
  t.generic("LRN", 1, "kiln.lrn");
  t.generic("LRN", 13, "kiln.lrn");

  t.generic("MeanVarianceNormalization", 9, "kiln.mean_variance_normalization");
  t.generic("MeanVarianceNormalization", 13,
            "kiln.mean_variance_normalization");

  // Softmax family: 1 and 11 (negative axes) coerce to 2-D; 13 uses one
  // axis, default -1.
  static const struct {
    const char *onnxName, *kilnOp;
  } softmaxLike[] = {{"Softmax", "kiln.softmax"},
                     {"LogSoftmax", "kiln.log_softmax"},
                     {"Hardmax", "kiln.hardmax"}};
  for (const auto &op : softmaxLike) {
    t.add(op.onnxName, 1, coerced2dHandler(op.kilnOp));
    t.add(op.onnxName, 11, coerced2dHandler(op.kilnOp));
    t.generic(op.onnxName, 13, op.kilnOp);
  }
}

} // namespace kiln::frontend
