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

/// Sums of a blocked X's planes: item b's `size` positions are vectors of
/// c channels, one after the other, summed into four accumulators in turn
/// (independent adds) and then together; Y takes the c means as they are.
void emitBlockedPlanes(KB &kb, Value x, Value y, int64_t size, int64_t c,
                       Value begin, Value end) {
  constexpr int64_t accumulators = 4;
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  auto add = [&](Value a, Value v) -> Value {
    return b.create<arith::AddFOp>(loc, a, v, arith::FastMathFlags::reassoc);
  };
  int64_t rounds = size / accumulators;
  kb.forLoop(begin, end, 1, [&](Value item) {
    Value base = kb.mul(item, size * c);
    SmallVector<Value> acc(accumulators, kb.splat(c, 0.0f));
    if (rounds > 0) {
      int64_t step = accumulators * c;
      auto loop = b.create<scf::ForOp>(
          loc, kb.idx(0), kb.idx(rounds * step), kb.idx(step), acc,
          [&](OpBuilder &, Location, Value at, ValueRange carried) {
            SmallVector<Value> next;
            for (int64_t u = 0; u < accumulators; ++u)
              next.push_back(
                  add(carried[u],
                      b.create<vector::LoadOp>(
                          loc, kb.vec(c), x, kb.add(kb.add(base, at), u * c))));
            b.create<scf::YieldOp>(loc, next);
          });
      acc.assign(loop.getResults().begin(), loop.getResults().end());
    }
    for (int64_t u = 0; u < size % accumulators; ++u)
      acc[u] = add(acc[u], b.create<vector::LoadOp>(
                               loc, kb.vec(c), x,
                               kb.add(base, (rounds * accumulators + u) * c)));
    Value total = add(add(acc[0], acc[1]), add(acc[2], acc[3]));
    Value mean = b.create<arith::DivFOp>(loc, total,
                                         kb.splat(c, static_cast<float>(size)));
    b.create<vector::StoreOp>(loc, mean, y, kb.mul(item, c));
  });
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
  if (isa<BlockedGlobalAveragePoolOp>(op)) {
    int64_t c =
        cast<RankedTensorType>(op->getOperand(0).getType()).getDimSize(4);
    emitBlockedPlanes(kb, x, y, size, c, begin, end);
    return planes;
  }
  int64_t L = hostLanes();
  kb.forLoop(begin, end, 1, [&](Value item) {
    Value total = rowReduce(
        kb, x, kb.mul(item, size), size, L, 0.0f, vector::CombiningKind::ADD,
        [&](Value acc, Value v) {
          return b
              .create<arith::AddFOp>(loc, acc, v, arith::FastMathFlags::reassoc)
              .getResult();
        },
        [](Value v, Value, int64_t) { return v; },
        kb.cmp(arith::CmpIPredicate::eq, item, planes - 1));
    Value mean =
        b.create<arith::DivFOp>(loc, total, kb.f32(static_cast<float>(size)));
    b.create<memref::StoreOp>(loc, mean, y, item);
  });
  return planes;
}

} // namespace kiln::cpu::kernels
