//===- TestPerturb.cpp - A deliberately wrong pass, for tests -------------===//
//
// See Passes.td. It exists so that `kiln compare --bisect` can be tested on
// a real failure: inserted after a named pass of the pipeline
// (addOptimizationPasses' perturbAfter), it makes the compiled outputs
// disagree with the interpreter from that pass on, and bisection must name
// that pass. It is never part of the pipeline otherwise.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_TESTPERTURB
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

struct TestPerturbPass : kiln::impl::TestPerturbBase<TestPerturbPass> {
  void runOnOperation() override {
    getOperation().walk([&](Operation *op) {
      if (!isa<AddOp, MulOp, ConvOp, MatMulOp, GemmOp, PackedConvOp,
               PackedMatMulOp, DepthwiseConvOp, WinogradConvOp>(op))
        return WalkResult::advance();
      for (OpOperand &use : op->getOpOperands())
        if (perturb(use)) {
          ++numPerturbed;
          return WalkResult::interrupt();
        }
      return WalkResult::advance();
    });
    packed::eraseDeadConstants(getOperation());
  }

  /// Gives \p use a copy of its f32 constant with 1 added to every element;
  /// false when the operand is not such a constant, or is empty.
  static bool perturb(OpOperand &use) {
    std::optional<std::vector<float>> values = packed::constantF32(use.get());
    auto type = dyn_cast<RankedTensorType>(use.get().getType());
    if (!values || values->empty() || !type || !type.hasStaticShape())
      return false;
    for (float &v : *values)
      v += 1.0f; // x -> x + 1: never within any tolerance of x
    OpBuilder b(use.getOwner());
    use.set(packed::makeF32Constant(
        b, use.get().getLoc(), type.getShape(), *values,
        packed::constantName(use.get()) + ".perturbed"));
    return true;
  }
};

} // namespace
