//===- DirectKernels.cpp - Dispatch to memref-level kernels ---------------===//
//
// One entry per op with a direct kernel: a check that the kernel handles the
// op's operands (so the planner never outlines a kernel that then declines),
// and its emitter in lib/kernels/<Family>.cpp.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/DirectKernels.h"
#include "kernels/KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu {

namespace {

using Emitter = FailureOr<int64_t> (*)(OpBuilder &, Operation *, ValueRange,
                                       ValueRange, Value, Value,
                                       const EpilogueTail &);

/// True when every tensor operand and result of \p op is static f32.
bool allStaticF32(Operation *op) {
  auto ok = [](Value v) {
    if (isa<NoneType>(v.getType()))
      return true;
    auto t = dyn_cast<RankedTensorType>(v.getType());
    return t && t.hasStaticShape() && t.getElementType().isF32();
  };
  return llvm::all_of(op->getOperands(), ok) &&
         llvm::all_of(op->getResults(), ok);
}

struct Entry {
  bool (*matches)(Operation *);
  bool (*handles)(Operation *);
  Emitter emit;
  /// The dimension of the result that indexes output channels.
  int channelDim;
};

const Entry kEntries[] = {
    {[](Operation *op) { return isa<PackedMatMulOp>(op); },
     kernels::canEmitPackedMatMul, kernels::emitPackedMatMul, -1},
    {[](Operation *op) { return isa<PackedConvOp>(op); },
     kernels::canEmitPackedConv, kernels::emitPackedConv, 1},
    {[](Operation *op) { return isa<DepthwiseConvOp>(op); },
     kernels::canEmitDepthwiseConv, kernels::emitDepthwiseConv, 1},
};

const Entry *find(Operation *op) {
  if (!allStaticF32(op))
    return nullptr;
  for (const Entry &e : kEntries)
    if (e.matches(op))
      return e.handles(op) ? &e : nullptr;
  return nullptr;
}

} // namespace

bool hasDirectKernel(Operation *op) { return find(op) != nullptr; }

int64_t estimateDirectKernelMacs(Operation *op) {
  const Entry *e = find(op);
  if (!e)
    return 0;
  // Every direct kernel's operand 1 is its weights (packed or not).
  auto y = cast<RankedTensorType>(op->getResult(0).getType());
  auto w = cast<RankedTensorType>(op->getOperand(1).getType());
  int64_t dim = e->channelDim < 0 ? y.getRank() + e->channelDim : e->channelDim;
  int64_t channels = std::max<int64_t>(1, y.getDimSize(dim));
  return y.getNumElements() * (w.getNumElements() / channels);
}

FailureOr<int64_t> emitDirectKernel(OpBuilder &b, Operation *op,
                                    ValueRange operands, ValueRange results,
                                    Value begin, Value end,
                                    const EpilogueTail &tail) {
  const Entry *e = find(op);
  if (!e)
    return failure();
  return e->emit(b, op, operands, results, begin, end, tail);
}

} // namespace kiln::cpu
