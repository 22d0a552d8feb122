//===- DirectKernels.cpp - Dispatch to memref-level kernels ---------------===//
//
// One entry per op with a direct kernel: a check that the kernel handles the
// op's operands (so the planner never outlines a kernel that then declines),
// its emitter in lib/kernels/<Family>.cpp, and its work estimate.
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

/// Output elements times weights per output channel, for an op whose
/// operand 1 is its weights (packed or not) and whose result dim
/// \p channelDim (from the end when negative) indexes output channels.
template <int channelDim> int64_t weightedMacs(Operation *op) {
  auto y = cast<RankedTensorType>(op->getResult(0).getType());
  auto w = cast<RankedTensorType>(op->getOperand(1).getType());
  int64_t dim = channelDim < 0 ? y.getRank() + channelDim : channelDim;
  int64_t channels = std::max<int64_t>(1, y.getDimSize(dim));
  return y.getNumElements() * (w.getNumElements() / channels);
}

/// Multiply-accumulates of a blocked 1x1 conv: output elements times input
/// channels, its packed W's K (the panels may be padded past Cout).
int64_t blockedConvMacs(Operation *op) {
  auto w = cast<RankedTensorType>(op->getOperand(1).getType());
  auto y = cast<RankedTensorType>(op->getResult(0).getType());
  return y.getNumElements() * w.getDimSize(1);
}

struct Entry {
  bool (*matches)(Operation *);
  bool (*handles)(Operation *);
  Emitter emit;
  /// The work of the kernel, in multiply-accumulates or the like.
  int64_t (*work)(Operation *);
  /// The operand the kernel's result may overwrite, or -1; null: none.
  int (*overwritable)(Operation *) = nullptr;
};

const Entry kEntries[] = {
    {[](Operation *op) { return isa<PackedMatMulOp>(op); },
     kernels::canEmitPackedMatMul, kernels::emitPackedMatMul, weightedMacs<-1>,
     kernels::packedMatMulOverwritableOperand},
    {[](Operation *op) { return isa<PackedConvOp>(op); },
     kernels::canEmitPackedConv, kernels::emitPackedConv, weightedMacs<1>,
     kernels::packedConvOverwritableOperand},
    {[](Operation *op) { return isa<BlockedConvOp>(op); },
     kernels::canEmitBlockedConv, kernels::emitBlockedConv, blockedConvMacs},
    {[](Operation *op) { return isa<ToBlockedOp, FromBlockedOp>(op); },
     kernels::canEmitReorder, kernels::emitReorder,
     kernels::estimateReorderMoves},
    {[](Operation *op) { return isa<WinogradConvOp>(op); },
     kernels::canEmitWinogradConv, kernels::emitWinogradConv,
     kernels::estimateWinogradMacs},
    {[](Operation *op) { return isa<DepthwiseConvOp>(op); },
     kernels::canEmitDepthwiseConv, kernels::emitDepthwiseConv,
     weightedMacs<1>},
    {[](Operation *op) { return isa<MaxPoolOp, AveragePoolOp>(op); },
     kernels::canEmitPool, kernels::emitPool, kernels::estimatePoolTaps},
    {[](Operation *op) {
       return isa<GlobalAveragePoolOp, BlockedGlobalAveragePoolOp>(op);
     },
     kernels::canEmitGlobalPool, kernels::emitGlobalPool,
     kernels::estimateGlobalPoolAdds},
    {[](Operation *op) { return isa<MatMulOp, TransposedMatMulOp>(op); },
     kernels::canEmitMatMul, kernels::emitMatMul, kernels::estimateMatMulMacs},
    {[](Operation *op) {
       return isa<LayerNormalizationOp, RMSNormalizationOp,
                  InstanceNormalizationOp>(op);
     },
     kernels::canEmitRowNorm, kernels::emitRowNorm,
     kernels::estimateRowNormWork},
    {[](Operation *op) { return isa<SoftmaxOp, LogSoftmaxOp>(op); },
     kernels::canEmitSoftmax, kernels::emitSoftmax,
     kernels::estimateSoftmaxWork},
    {[](Operation *op) { return isa<FusedAttentionOp>(op); },
     kernels::canEmitAttention, kernels::emitAttention,
     kernels::estimateAttentionWork},
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
  return e ? e->work(op) : 0;
}

int directKernelOverwritableOperand(Operation *op) {
  const Entry *e = find(op);
  return e && e->overwritable ? e->overwritable(op) : -1;
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
