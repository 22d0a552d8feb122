//===- SequenceHandlers.cpp - Import of recurrent, detection, signal ops --===//
//
// Import handlers for RNN, GRU, LSTM, NonMaxSuppression, GridSample,
// RoiAlign, DFT and STFT. The custom ones:
//  - RNN, GRU and LSTM (7, 14) create the kiln op with ALL its results
//    (Y, Y_h and for LSTM Y_c) and bind the outputs the node names. ONNX
//    allows an empty name before a used one (outputs ['', 'Y_h']); the
//    generic path would number results by node outputs, so the kiln op
//    always has the full, fixed list instead. Absent results get an unranked
//    type of X's element type.
//  - RoiAlign 10 had no coordinate_transformation_mode and behaved as
//    output_half_pixel; the kiln op (opset 16) defaults to half_pixel, so the
//    handler sets the old mode explicitly.
//  - DFT 17 passed `axis` as an attribute (default 1); the kiln op (opset 20)
//    takes it as an operand with default -2, so the handler always makes
//    the constant operand.
// Versions 1 (and GRU 3) of the recurrent ops predate opset 7 and are not
// registered.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"

#include <onnx/onnx_pb.h>

namespace kiln::frontend {
namespace {

/// Imports a recurrent node as \p opName with \p numOperands operands
/// (absent ones `none`) and all \p numResults results.
mlir::LogicalResult importRecurrent(NodeImporter &n, llvm::StringRef opName,
                                    size_t numOperands, size_t numResults) {
  for (size_t i = numOperands; i < n.numInputs(); ++i)
    if (n.hasInput(i))
      return n.emitError("expected at most " + llvm::Twine(numOperands) +
                         " inputs, found " + llvm::Twine(n.numInputs()));
  if (!n.hasInput(0) || !n.hasInput(1) || !n.hasInput(2))
    return n.emitError("expected inputs X, W and R");

  llvm::SmallVector<mlir::Value> operands;
  for (size_t i = 0; i < numOperands; ++i)
    operands.push_back(n.input(i));
  return n.create(opName, operands, {}, {}, static_cast<int>(numResults));
}

/// RoiAlign 10: the opset 10 sampling grid is output_half_pixel.
mlir::LogicalResult importRoiAlign10(NodeImporter &n) {
  if (n.attribute("coordinate_transformation_mode"))
    return n.emitError("attribute 'coordinate_transformation_mode' is not "
                       "part of RoiAlign 10");
  mlir::OpBuilder &b = n.builder();
  mlir::NamedAttribute mode(b.getStringAttr("coordinate_transformation_mode"),
                            b.getStringAttr("output_half_pixel"));
  return n.create("kiln.roi_align", {n.input(0), n.input(1), n.input(2)},
                  /*extraAttrs=*/{mode});
}

/// DFT 17: the `axis` attribute (default 1) becomes the axis operand.
mlir::LogicalResult importDFT17(NodeImporter &n) {
  for (size_t i = 2; i < n.numInputs(); ++i)
    if (n.hasInput(i))
      return n.emitError("expected at most 2 inputs, found " +
                         llvm::Twine(n.numInputs()));
  const onnx::AttributeProto *a = n.attribute("axis");
  int64_t axis = a ? a->i() : 1;
  mlir::Value axisValue = n.constantI64({axis}, /*scalar=*/true);
  return n.create("kiln.dft", {n.input(0), n.input(1), axisValue},
                  /*extraAttrs=*/{}, /*skipAttrs=*/{"axis"});
}

} // namespace

void registerSequenceHandlers(HandlerTable &t) {
  // Recurrent layers: 14 adds `layout`.
  for (int since : {7, 14}) {
    t.add("RNN", since,
          [](NodeImporter &n) { return importRecurrent(n, "kiln.rnn", 6, 2); });
    t.add("GRU", since,
          [](NodeImporter &n) { return importRecurrent(n, "kiln.gru", 6, 2); });
    t.add("LSTM", since, [](NodeImporter &n) {
      return importRecurrent(n, "kiln.lstm", 8, 3);
    });
  }

  // Detection: NonMaxSuppression 11 only clarifies 10.
  t.generic("NonMaxSuppression", 10, "kiln.non_max_suppression", 5);
  t.generic("NonMaxSuppression", 11, "kiln.non_max_suppression", 5);
  t.add("RoiAlign", 10, importRoiAlign10);
  t.generic("RoiAlign", 16, "kiln.roi_align", 3);

  // GridSample 20 renames the modes (linear, cubic) and allows N-D.
  t.generic("GridSample", 16, "kiln.grid_sample", 2);
  t.generic("GridSample", 20, "kiln.grid_sample", 2);

  // Fourier transforms: DFT 20 moves `axis` to an input.
  t.add("DFT", 17, importDFT17);
  t.generic("DFT", 20, "kiln.dft", 3);
  t.generic("STFT", 17, "kiln.stft", 4);
}

} // namespace kiln::frontend
