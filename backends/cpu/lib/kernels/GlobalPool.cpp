//===- GlobalPool.cpp - kiln.global_average_pool along each plane --------===//
//
// The work item is one (image, channel) plane, contiguous in NCHW. It is
// summed along the plane as a row (rowReduce: four independent vector
// accumulators, the last partial vector loaded plainly and blended, or
// masked in X's last plane, where a plain load could leave the buffer), then
// divided by the plane's size as the linalg lowering and the reference
// kernel do. The linalg lowering vectorized across channels instead, with a
// gather per vector (5 GB/s on a 144x56x56 SE block's input).
//
// A blocked pool (kiln.blocked_global_average_pool, NCHWc X) takes a block
// of c channels per work item instead: its positions are whole vectors,
// summed as they are.
//
// Global pools are not leaders of open epilogues (kiln-fuse-elementwise),
// so the kernel takes no tail.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Planes (N * C, or N * C/c blocks of c channels for a blocked pool) and
/// their positions, for a static rank >= 3 X.
std::pair<int64_t, int64_t> planesOf(Operation *op) {
  auto x = cast<RankedTensorType>(op->getOperand(0).getType());
  if (x.getRank() < 3)
    return {0, 0};
  bool blocked = isa<BlockedGlobalAveragePoolOp>(op);
  int64_t size = 1;
  for (int64_t d = 2; d < x.getRank() - (blocked ? 1 : 0); ++d)
    size *= x.getDimSize(d);
  return {x.getDimSize(0) * x.getDimSize(1), size};
}

} // namespace

bool canEmitGlobalPool(Operation *op) {
  auto [planes, size] = planesOf(op);
  return isa<GlobalAveragePoolOp, BlockedGlobalAveragePoolOp>(op) &&
         planes > 0 && size > 0;
}

int64_t estimateGlobalPoolAdds(Operation *op) {
  return cast<RankedTensorType>(op->getOperand(0).getType()).getNumElements();
}

FailureOr<int64_t> emitGlobalPool(OpBuilder &b, Operation *op,
                                  ValueRange operands, ValueRange results,
                                  Value begin, Value end,
                                  const EpilogueTail &tail) {
  if (tail || !canEmitGlobalPool(op))
    return failure();
  auto [planes, size] = planesOf(op);
  Location loc = op->getLoc();
  KB kb{b, loc};
  Value x = operandBuffer(b, op, operands, 0);
  if (!x)
    return failure();
  Value y = flatten(b, loc, results[0]);
  auto add = [&](Value acc, Value v) -> Value {
    return b.create<arith::AddFOp>(loc, acc, v, arith::FastMathFlags::reassoc);
  };
  auto same = [](Value v, Value, int64_t) { return v; };
  if (isa<BlockedGlobalAveragePoolOp>(op)) {
    // A block's positions are whole vectors of its c channels, one after
    // the other: summed lane by lane, the c means stored as they are.
    int64_t c =
        cast<RankedTensorType>(op->getOperand(0).getType()).getDimSize(4);
    kb.forLoop(begin, end, 1, [&](Value item) {
      Value total = rowAccumulate(kb, x, kb.mul(item, size * c), size * c, c,
                                  0.0f, add, same);
      Value mean = b.create<arith::DivFOp>(
          loc, total, kb.splat(c, static_cast<float>(size)));
      b.create<vector::StoreOp>(loc, mean, y, kb.mul(item, c));
    });
    return planes;
  }
  int64_t L = hostLanes();
  kb.forLoop(begin, end, 1, [&](Value item) {
    Value total = rowReduce(kb, x, kb.mul(item, size), size, L, 0.0f,
                            vector::CombiningKind::ADD, add, same,
                            kb.cmp(arith::CmpIPredicate::eq, item, planes - 1));
    Value mean =
        b.create<arith::DivFOp>(loc, total, kb.f32(static_cast<float>(size)));
    b.create<memref::StoreOp>(loc, mean, y, item);
  });
  return planes;
}

} // namespace kiln::cpu::kernels
