//===- GlobalPool.cpp - kiln.global_average_pool along each plane --------===//
//
// The work item is one (image, channel) plane, contiguous in NCHW. It is
// summed along the plane in vectors: four independent accumulators over
// blocks of four vectors, then the remaining whole vectors, then the last
// partial vector (loaded plainly and blended, or masked in X's last plane,
// where a plain load could leave the buffer), one horizontal add, and the
// division by the plane's size that the linalg lowering and the reference
// kernel do. The linalg lowering vectorized across channels instead, with a
// gather per vector (5 GB/s on a 144x56x56 SE block's input).
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

/// Independent accumulators: enough to cover the latency of a vector add
/// (a power of two: they are summed pairwise).
constexpr int64_t kAccumulators = 4;
static_assert((kAccumulators & (kAccumulators - 1)) == 0);

/// Planes (N * C) and their size, for a static rank >= 3 X.
std::pair<int64_t, int64_t> planesOf(Operation *op) {
  auto x = cast<RankedTensorType>(op->getOperand(0).getType());
  if (x.getRank() < 3)
    return {0, 0};
  int64_t size = 1;
  for (int64_t d = 2; d < x.getRank(); ++d)
    size *= x.getDimSize(d);
  return {x.getDimSize(0) * x.getDimSize(1), size};
}

} // namespace

bool canEmitGlobalPool(Operation *op) {
  auto [planes, size] = planesOf(op);
  return isa<GlobalAveragePoolOp>(op) && planes > 0 && size > 0;
}

int64_t estimateGlobalPoolAdds(Operation *op) {
  auto [planes, size] = planesOf(op);
  return planes * size;
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
  int64_t L = hostLanes();
  int64_t block = kAccumulators * L;
  int64_t blocks = size / block;
  int64_t rest = (size - blocks * block) / L; // whole vectors after them
  int64_t partial = size % L;
  auto fastAdd = [&](Value a, Value v) -> Value {
    return b.create<arith::AddFOp>(loc, a, v, arith::FastMathFlags::reassoc);
  };

  kb.forLoop(begin, end, 1, [&](Value item) {
    Value base = kb.mul(item, size);
    SmallVector<Value> acc(kAccumulators, kb.splat(L, 0.0f));
    if (blocks > 0) {
      auto loop = b.create<scf::ForOp>(
          loc, kb.idx(0), kb.idx(blocks * block), kb.idx(block), acc,
          [&](OpBuilder &, Location, Value at, ValueRange carried) {
            SmallVector<Value> next;
            for (int64_t u = 0; u < kAccumulators; ++u) {
              Value v = b.create<vector::LoadOp>(
                  loc, kb.vec(L), x, kb.add(kb.add(base, at), u * L));
              next.push_back(fastAdd(carried[u], v));
            }
            b.create<scf::YieldOp>(loc, next);
          });
      acc.assign(loop.getResults().begin(), loop.getResults().end());
    }
    for (int64_t u = 0; u < rest; ++u) {
      Value v = b.create<vector::LoadOp>(loc, kb.vec(L), x,
                                         kb.add(base, blocks * block + u * L));
      acc[u] = fastAdd(acc[u], v);
    }
    // Pairwise, so that the adds of the accumulators overlap.
    while (acc.size() > 1) {
      for (size_t u = 0; u + 1 < acc.size(); u += 2)
        acc[u / 2] = fastAdd(acc[u], acc[u + 1]);
      acc.resize(acc.size() / 2);
    }
    Value sum = acc.front();
    if (partial) {
      // A plain load past the plane stays inside X except in its last one.
      Value at = kb.add(base, size - partial);
      auto on = [&](int64_t l) { return l < partial; };
      auto last = b.create<scf::IfOp>(
          loc, TypeRange{kb.vec(L)},
          kb.cmp(arith::CmpIPredicate::eq, item, planes - 1),
          /*withElseRegion=*/true);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(last.thenBlock());
      b.create<scf::YieldOp>(loc, kb.loadLanes(x, at, L, on, false));
      b.setInsertionPointToStart(last.elseBlock());
      b.create<scf::YieldOp>(loc, kb.loadLanes(x, at, L, on, true));
      b.setInsertionPointAfter(last);
      sum = fastAdd(sum, last.getResult(0));
    }
    Value total =
        b.create<vector::ReductionOp>(loc, vector::CombiningKind::ADD, sum,
                                      Value(), arith::FastMathFlags::reassoc);
    Value mean =
        b.create<arith::DivFOp>(loc, total, kb.f32(static_cast<float>(size)));
    b.create<memref::StoreOp>(loc, mean, y, item);
  });
  return planes;
}

} // namespace kiln::cpu::kernels
