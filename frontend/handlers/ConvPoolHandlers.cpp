//===- ConvPoolHandlers.cpp - Import of convolution and pooling ops -------===//
//
// Import handlers for Conv, ConvTranspose and the pooling ops. Every version
// from opset 1 on has the same operands and only gains attributes or types,
// so the generic handler serves all but LpPool-1 and GlobalLpPool-1, whose
// float `p` becomes the integer `p` of later versions.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"

#include "onnx/onnx_pb.h"

#include <cmath>
#include <string>

namespace kiln::frontend {
namespace {

/// Imports LpPool-1 / GlobalLpPool-1 as \p kilnOp with `p` converted from
/// FLOAT to INT; p must be a whole number.
mlir::LogicalResult importFloatP(NodeImporter &n, llvm::StringRef kilnOp) {
  llvm::SmallVector<mlir::NamedAttribute, 1> extra;
  if (const onnx::AttributeProto *p = n.attribute("p")) {
    double v = p->type() == onnx::AttributeProto::INT ? double(p->i())
                                                      : double(p->f());
    if (!(v >= 1.0 && v <= 1e9) || v != std::floor(v))
      return n.emitError("expected 'p' to be a whole number >= 1, found " +
                         std::to_string(v));
    mlir::OpBuilder &b = n.builder();
    extra.push_back(b.getNamedAttr("p", b.getI64IntegerAttr(int64_t(v))));
  }
  return n.create(kilnOp, {n.input(0)}, extra, /*skipAttrs=*/{"p"});
}

} // namespace

void registerConvPoolHandlers(HandlerTable &t) {
  // Conv-11 / ConvTranspose-11: clarified pads and auto_pad; same form.
  for (int v : {1, 11}) {
    t.generic("Conv", v, "kiln.conv", 3);
    t.generic("ConvTranspose", v, "kiln.conv_transpose", 3);
  }
  // MaxPool-8: Indices output and storage_order; 10: ceil_mode and
  // dilations; 11: pads semantics; 12: int8/uint8 inputs.
  for (int v : {1, 8, 10, 11, 12})
    t.generic("MaxPool", v, "kiln.max_pool");
  // AveragePool-7: count_include_pad; 10: ceil_mode; 11: pads semantics;
  // 19: dilations.
  for (int v : {1, 7, 10, 11, 19})
    t.generic("AveragePool", v, "kiln.average_pool");
  // LpPool-2: integer p; 11: pads semantics; 18: ceil_mode and dilations.
  t.add("LpPool", 1,
        [](NodeImporter &n) { return importFloatP(n, "kiln.lp_pool"); });
  for (int v : {2, 11, 18})
    t.generic("LpPool", v, "kiln.lp_pool");
  t.generic("GlobalMaxPool", 1, "kiln.global_max_pool");
  t.generic("GlobalAveragePool", 1, "kiln.global_average_pool");
  t.add("GlobalLpPool", 1,
        [](NodeImporter &n) { return importFloatP(n, "kiln.global_lp_pool"); });
  t.generic("GlobalLpPool", 2, "kiln.global_lp_pool");
}

} // namespace kiln::frontend
