//===- IndexingHandlers.cpp - Import of indexing and data movement ops ----===//
//
// Import handlers for gathers, scatters, shape queries, generators, block
// rearrangements, Dropout and Resize. Most versions map 1:1 onto the kiln op;
// the custom handlers convert older forms:
//  - Scatter (opset 9, deprecated in 11) is ScatterElements without
//    reduction.
//  - Dropout 7/10 pass `ratio` as an attribute: it becomes the ratio operand.
//    Dropout 12+ with training_mode given as a true constant is rejected.
//  - Upsample 7 (scales attribute), Upsample 9/10 and Resize 10 (scales
//    input) become kiln.resize with coordinate_transformation_mode
//    "asymmetric" and nearest_mode "floor": output index i reads input index
//    floor(i / scale), as in the ONNX reference for Upsample.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"

#include "mlir/IR/BuiltinTypes.h"

#include <onnx/onnx_pb.h>

namespace kiln::frontend {
namespace {

/// kiln.resize from an Upsample or Resize-10 node whose scales are \p scales.
mlir::LogicalResult createAsymmetricResize(NodeImporter &n,
                                           mlir::Value scales) {
  if (const onnx::AttributeProto *mode = n.attribute("mode"))
    if (mode->s() != "nearest" && mode->s() != "linear")
      return n.emitError("mode '" + mode->s() +
                         "' is not supported (expected nearest or linear)");
  mlir::OpBuilder &b = n.builder();
  mlir::NamedAttribute extra[] = {
      b.getNamedAttr("coordinate_transformation_mode",
                     b.getStringAttr("asymmetric")),
      b.getNamedAttr("nearest_mode", b.getStringAttr("floor"))};
  mlir::Value none = n.none();
  return n.create("kiln.resize", {n.input(0), none, scales, none}, extra,
                  {"scales"});
}

mlir::LogicalResult importUpsample7(NodeImporter &n) {
  const onnx::AttributeProto *scales = n.attribute("scales");
  if (!scales)
    return n.emitError("expected a scales attribute");
  std::vector<float> values(scales->floats().begin(), scales->floats().end());
  return createAsymmetricResize(n, n.constantF32s(values));
}

mlir::LogicalResult importUpsample9(NodeImporter &n) {
  if (!n.hasInput(1))
    return n.emitError("expected a scales input");
  return createAsymmetricResize(n, n.input(1));
}

/// Dropout 7 and 10: the ratio attribute becomes the ratio operand.
mlir::LogicalResult importDropout7(NodeImporter &n) {
  mlir::Value none = n.none();
  mlir::Value ratio = none;
  if (const onnx::AttributeProto *r = n.attribute("ratio"))
    ratio = n.constantF32(r->f());
  return n.create("kiln.dropout", {n.input(0), ratio, none}, {}, {"ratio"});
}

/// Dropout 12 and 13: ratio and training_mode are operands already.
mlir::LogicalResult importDropout12(NodeImporter &n) {
  std::vector<int64_t> training;
  if (n.hasInput(2) && n.getConstantInts(2, training) && !training.empty() &&
      training[0] != 0)
    return n.emitError("training_mode = true is not supported (inference "
                       "only)");
  return n.createGeneric("kiln.dropout", 3);
}

/// Identity: a sequence or an optional is its own output (no op: the
/// value is immutable); a tensor gets kiln.identity.
mlir::LogicalResult importIdentity(NodeImporter &n) {
  if (n.numInputs() == 1 && n.hasInput(0) && n.input(0) &&
      !mlir::isa<mlir::TensorType>(n.input(0).getType())) {
    n.setOutput(0, n.input(0));
    return mlir::success();
  }
  return n.createGeneric("kiln.identity");
}

} // namespace

void registerIndexingHandlers(HandlerTable &t) {
  // Gathers and scatters.
  t.generic("Gather", 1, "kiln.gather");
  t.generic("Gather", 11, "kiln.gather"); // negative indices
  t.generic("Gather", 13, "kiln.gather"); // bfloat16
  t.generic("GatherElements", 11, "kiln.gather_elements");
  t.generic("GatherElements", 13, "kiln.gather_elements");
  t.generic("GatherND", 11, "kiln.gather_nd");
  t.generic("GatherND", 12, "kiln.gather_nd"); // batch_dims
  t.generic("GatherND", 13, "kiln.gather_nd");
  t.generic("Scatter", 9, "kiln.scatter_elements");
  t.generic("Scatter", 11, "kiln.scatter_elements"); // deprecated form
  t.generic("ScatterElements", 11, "kiln.scatter_elements");
  t.generic("ScatterElements", 13, "kiln.scatter_elements");
  t.generic("ScatterElements", 16, "kiln.scatter_elements"); // add, mul
  t.generic("ScatterElements", 18, "kiln.scatter_elements"); // max, min
  t.generic("ScatterND", 11, "kiln.scatter_nd");
  t.generic("ScatterND", 13, "kiln.scatter_nd");
  t.generic("ScatterND", 16, "kiln.scatter_nd"); // add, mul
  t.generic("ScatterND", 18, "kiln.scatter_nd"); // max, min

  // Shape queries and pass-through ops.
  for (int v : {1, 13, 15, 19, 21}) // 15: start, end
    t.generic("Shape", v, "kiln.shape");
  for (int v : {1, 13, 19, 21})
    t.generic("Size", v, "kiln.size");
  for (int v : {1, 13, 14, 16, 19, 21}) // 14: sequences, 16: optionals
    t.add("Identity", v, importIdentity);
  t.add("Dropout", 7, importDropout7);
  t.add("Dropout", 10, importDropout7);  // bool mask
  t.add("Dropout", 12, importDropout12); // ratio, training_mode inputs
  t.add("Dropout", 13, importDropout12);

  // Generators.
  for (int v : {9, 20, 21})
    t.generic("ConstantOfShape", v, "kiln.constant_of_shape");
  t.generic("Range", 11, "kiln.range");
  t.generic("EyeLike", 9, "kiln.eye_like");
  t.generic("OneHot", 9, "kiln.one_hot");
  t.generic("OneHot", 11, "kiln.one_hot"); // negative indices
  t.generic("NonZero", 9, "kiln.non_zero");
  t.generic("NonZero", 13, "kiln.non_zero");
  t.generic("Trilu", 14, "kiln.trilu", 2);

  // Rearrangements and resampling.
  t.generic("DepthToSpace", 1, "kiln.depth_to_space");
  t.generic("DepthToSpace", 11, "kiln.depth_to_space"); // mode
  t.generic("DepthToSpace", 13, "kiln.depth_to_space");
  t.generic("SpaceToDepth", 1, "kiln.space_to_depth");
  t.generic("SpaceToDepth", 13, "kiln.space_to_depth");
  t.add("Upsample", 7, importUpsample7);
  t.add("Upsample", 9, importUpsample9);  // scales input
  t.add("Upsample", 10, importUpsample9); // deprecated form
  t.add("Resize", 10, importUpsample9);
  t.generic("Resize", 11, "kiln.resize", 4); // roi, sizes, coordinate modes
  t.generic("Resize", 13, "kiln.resize", 4); // optional roi and scales
  t.generic("Resize", 18, "kiln.resize", 4); // antialias, axes, aspect policy
  t.generic("Resize", 19, "kiln.resize", 4); // half_pixel_symmetric
}

} // namespace kiln::frontend
