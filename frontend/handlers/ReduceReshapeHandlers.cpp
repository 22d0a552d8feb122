//===- ReduceReshapeHandlers.cpp - Import of reductions and shape ops -----===//
//
// Import handlers for the Reduce* ops, ArgMax/ArgMin, CumSum, TopK and the
// shape ops (Reshape ... Pad). Kiln ops take the newest ONNX form, so the
// handlers of older versions turn inputs that were attributes then (axes,
// split, starts/ends, pads/value, k) into constant operands.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"

#include "mlir/IR/BuiltinTypes.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kiln::frontend {
namespace {

/// The INTS attribute \p name as a constant i64 operand; `none` when the
/// attribute is absent, or empty and \p emptyIsAbsent.
mlir::Value intsOperand(NodeImporter &n, llvm::StringRef name,
                        bool emptyIsAbsent = true) {
  const onnx::AttributeProto *attr = n.attribute(name);
  if (!attr || (emptyIsAbsent && attr->ints_size() == 0))
    return n.none();
  std::vector<int64_t> values(attr->ints().begin(), attr->ints().end());
  return n.constantI64(values);
}

/// Reduce* before axes became an input: `axes` attribute -> operand.
ImportFn reduceWithAxesAttribute(llvm::StringRef kilnOp) {
  std::string op = kilnOp.str();
  return [op](NodeImporter &n) -> mlir::LogicalResult {
    mlir::Value axes = intsOperand(n, "axes");
    return n.create(op, {n.input(0), axes}, /*extraAttrs=*/{},
                    /*skipAttrs=*/{"axes"});
  };
}

/// Reshape. In a graph exported at batch 1 and re-specialized for batch B
/// (NodeImporter::respecializedBatch), a constant shape whose leading 1 was
/// the batch, the data's leading dim being B now, gets B:
/// reshape(x : Bx784, [1, 784]) -> reshape(x, [B, 784]); the same for
/// [1, -1], which would otherwise fold the batch into one row.
/// A constant shape of another element count than the data's static one
/// is refused with both counts.
mlir::LogicalResult importReshape(NodeImporter &n) {
  if (n.numInputs() != 2 || !n.hasInput(1))
    return n.createGeneric("kiln.reshape", 2);
  mlir::Value data = n.input(0);
  (void)n.input(1); // an initializer's constant, for getConstantInts
  auto type = llvm::dyn_cast<mlir::RankedTensorType>(data.getType());
  std::vector<int64_t> shape;
  if (!type || !n.getConstantInts(1, shape))
    return n.createGeneric("kiln.reshape", 2);
  int64_t batch = n.respecializedBatch();
  if (batch > 1 && type.getRank() > 0 && type.getDimSize(0) == batch &&
      !shape.empty() && shape[0] == 1) {
    shape[0] = batch;
    return n.create("kiln.reshape", {data, n.constantI64(shape)});
  }
  const onnx::AttributeProto *allowZero = n.attribute("allowzero");
  bool copiesZeros = !allowZero || allowZero->i() == 0;
  int64_t count = 1;
  bool known = type.hasStaticShape();
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (d == 0 && copiesZeros)
      d = static_cast<int64_t>(i) < type.getRank() ? type.getDimSize(i) : -1;
    // Dims come from the model: a count past int64 is left unchecked.
    known &= d >= 0 && (d == 0 || count <= INT64_MAX / d);
    count = known ? count * d : count;
  }
  if (known && count != type.getNumElements()) {
    std::string target;
    for (int64_t d : shape)
      target += (target.empty() ? "" : "x") + std::to_string(d);
    std::string from;
    for (int64_t d : type.getShape())
      from += (from.empty() ? "" : "x") + std::to_string(d);
    return n.emitError("cannot reshape " + from + " (" +
                       std::to_string(type.getNumElements()) +
                       " elements) to " + (target.empty() ? "scalar" : target) +
                       " (" + std::to_string(count) + " elements)");
  }
  return n.createGeneric("kiln.reshape", 2);
}

/// Squeeze/Unsqueeze 1 and 11: `axes` attribute -> operand.
ImportFn squeezeWithAxesAttribute(llvm::StringRef kilnOp, bool required) {
  std::string op = kilnOp.str();
  return [op, required](NodeImporter &n) -> mlir::LogicalResult {
    if (required && !n.attribute("axes"))
      return n.emitError("expected an 'axes' attribute");
    mlir::Value axes = intsOperand(n, "axes", /*emptyIsAbsent=*/false);
    return n.create(op, {n.input(0), axes}, {}, {"axes"});
  };
}

void registerReductions(HandlerTable &t) {
  struct Reduction {
    const char *onnx, *kiln;
  };
  // Reduce* other than ReduceSum got the axes input at 18.
  const Reduction reductions[] = {
      {"ReduceMean", "kiln.reduce_mean"},
      {"ReduceMax", "kiln.reduce_max"},
      {"ReduceMin", "kiln.reduce_min"},
      {"ReduceProd", "kiln.reduce_prod"},
      {"ReduceL1", "kiln.reduce_l1"},
      {"ReduceL2", "kiln.reduce_l2"},
      {"ReduceLogSum", "kiln.reduce_log_sum"},
      {"ReduceLogSumExp", "kiln.reduce_log_sum_exp"},
      {"ReduceSumSquare", "kiln.reduce_sum_square"},
  };
  for (const Reduction &r : reductions) {
    t.add(r.onnx, 1, reduceWithAxesAttribute(r.kiln));
    t.add(r.onnx, 11, reduceWithAxesAttribute(r.kiln)); // negative axes
    t.add(r.onnx, 13, reduceWithAxesAttribute(r.kiln)); // bfloat16
    t.generic(r.onnx, 18, r.kiln, 2);                   // axes input
  }
  // ReduceMax/ReduceMin: 12 adds int8/uint8, 20 adds bool.
  for (const char *op : {"ReduceMax", "ReduceMin"})
    t.add(op, 12,
          reduceWithAxesAttribute(llvm::StringRef(op) == "ReduceMax"
                                      ? "kiln.reduce_max"
                                      : "kiln.reduce_min"));
  t.generic("ReduceMax", 20, "kiln.reduce_max", 2);
  t.generic("ReduceMin", 20, "kiln.reduce_min", 2);
  // ReduceSum got the axes input (and noop_with_empty_axes) at 13.
  t.add("ReduceSum", 1, reduceWithAxesAttribute("kiln.reduce_sum"));
  t.add("ReduceSum", 11, reduceWithAxesAttribute("kiln.reduce_sum"));
  t.generic("ReduceSum", 13, "kiln.reduce_sum", 2);

  for (int v : {1, 11, 12, 13}) { // 11: negative axis, 12: select_last_index
    t.generic("ArgMax", v, "kiln.arg_max");
    t.generic("ArgMin", v, "kiln.arg_min");
  }
  t.generic("CumSum", 11, "kiln.cum_sum", 2);
  t.generic("CumSum", 14, "kiln.cum_sum", 2); // adds float16

  // TopK 1 took k as an attribute; 10 made it an input; 11 added largest
  // and sorted.
  t.add("TopK", 1, [](NodeImporter &n) -> mlir::LogicalResult {
    const onnx::AttributeProto *k = n.attribute("k");
    if (!k)
      return n.emitError("expected a 'k' attribute");
    return n.create("kiln.top_k", {n.input(0), n.constantI64({k->i()})}, {},
                    {"k"});
  });
  t.generic("TopK", 10, "kiln.top_k", 2);
  t.generic("TopK", 11, "kiln.top_k", 2);
}

void registerShapeOps(HandlerTable &t) {
  for (int v : {5, 13, 14, 19, 21}) // 14: allowzero
    t.add("Reshape", v, importReshape);
  for (int v : {1, 9, 11, 13, 21}) // 11: negative axis
    t.generic("Flatten", v, "kiln.flatten");
  for (int v : {1, 13, 21})
    t.generic("Transpose", v, "kiln.transpose");
  for (int v : {4, 11, 13}) // 11: negative axis
    t.generic("Concat", v, "kiln.concat");
  for (int v : {8, 13})
    t.generic("Expand", v, "kiln.expand", 2);
  for (int v : {6, 13})
    t.generic("Tile", v, "kiln.tile", 2);

  // Squeeze/Unsqueeze: axes attribute until 13.
  for (int v : {1, 11}) {
    t.add("Squeeze", v, squeezeWithAxesAttribute("kiln.squeeze", false));
    t.add("Unsqueeze", v, squeezeWithAxesAttribute("kiln.unsqueeze", true));
  }
  for (int v : {13, 21}) {
    t.generic("Squeeze", v, "kiln.squeeze", 2);
    t.generic("Unsqueeze", v, "kiln.unsqueeze", 2);
  }

  // Split: split attribute until 13; num_outputs attribute from 18.
  for (int v : {2, 11})
    t.add("Split", v, [](NodeImporter &n) -> mlir::LogicalResult {
      return n.create("kiln.split", {n.input(0), intsOperand(n, "split")}, {},
                      {"split"});
    });
  t.generic("Split", 13, "kiln.split", 2);
  t.generic("Split", 18, "kiln.split", 2);

  // Slice 1: starts/ends/axes attributes; 10 made them inputs and added
  // steps.
  t.add("Slice", 1, [](NodeImporter &n) -> mlir::LogicalResult {
    if (!n.attribute("starts") || !n.attribute("ends"))
      return n.emitError("expected 'starts' and 'ends' attributes");
    return n.create("kiln.slice",
                    {n.input(0), intsOperand(n, "starts", false),
                     intsOperand(n, "ends", false), intsOperand(n, "axes"),
                     n.none()},
                    {}, {"starts", "ends", "axes"});
  });
  for (int v : {10, 11, 13})
    t.generic("Slice", v, "kiln.slice", 5);

  // Pad 2: pads and value attributes; 11 made them inputs, 18 added axes,
  // 19 added wrap mode.
  t.add("Pad", 2, [](NodeImporter &n) -> mlir::LogicalResult {
    if (!n.attribute("pads"))
      return n.emitError("expected a 'pads' attribute");
    mlir::Value x = n.input(0);
    const onnx::AttributeProto *value = n.attribute("value");
    mlir::Value fill = value ? n.constantScalarLike(x, value->f()) : n.none();
    return n.create("kiln.pad",
                    {x, intsOperand(n, "pads", false), fill, n.none()}, {},
                    {"pads", "value"});
  });
  for (int v : {11, 13, 18, 19, 21})
    t.generic("Pad", v, "kiln.pad", 4);
}

} // namespace

void registerReduceReshapeHandlers(HandlerTable &t) {
  registerReductions(t);
  registerShapeOps(t);
}

} // namespace kiln::frontend
