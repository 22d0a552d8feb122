//===- Reorder.cpp - kiln.to_blocked and kiln.from_blocked ----------------===//
//
// The layout reorders (LayoutOps.td) move c x c tiles: c channels of c
// consecutive positions, c the vector lanes. A tile is read as c vectors
// (rows of one layout), transposed in registers and written as c vectors
// (rows of the other):
//
//  - to_blocked reads channel rows (c positions of one NCHW plane each) and
//    writes position rows (one position's c channels of a block);
//  - from_blocked reads position rows and writes channel rows.
//
// The transpose is log2(c) rounds of interleaving rows i and i + c/2 (row
// 2i takes their first halves lane by lane, row 2i+1 their second halves):
// c / 2 pairs of two-source shuffles per round, each one instruction with
// AVX-512 (vpermt2ps). Work item = (image, channel block, c positions); a
// plane's last positions (plane % c) are a tile with fewer rows read (or
// written), masked.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// The NCHW side of a reorder: images, channels, plane size, and c.
struct ReorderShape {
  int64_t n, channels, plane, c;
};

ReorderShape shapeOf(Operation *op) {
  bool toBlocked = isa<ToBlockedOp>(op);
  auto plain = cast<RankedTensorType>(
      (toBlocked ? op->getOperand(0) : op->getResult(0)).getType());
  auto blocked = cast<RankedTensorType>(
      (toBlocked ? op->getResult(0) : op->getOperand(0)).getType());
  return {plain.getDimSize(0), plain.getDimSize(1),
          plain.getDimSize(2) * plain.getDimSize(3), blocked.getDimSize(4)};
}

} // namespace

bool canEmitReorder(Operation *op) {
  ReorderShape s = shapeOf(op);
  return s.c == hostLanes() && s.n * s.channels * s.plane > 0;
}

int64_t estimateReorderMoves(Operation *op) {
  ReorderShape s = shapeOf(op);
  return s.n * s.channels * s.plane;
}

FailureOr<int64_t> emitReorder(OpBuilder &b, Operation *op, ValueRange operands,
                               ValueRange results, Value begin, Value end,
                               const EpilogueTail &) {
  if (!canEmitReorder(op))
    return failure();
  bool toBlocked = isa<ToBlockedOp>(op);
  auto [n, channels, plane, c] = shapeOf(op);
  Location loc = op->getLoc();
  KB kb{b, loc};
  Value in = operandBuffer(b, op, operands, 0);
  Value out = flatten(b, loc, results[0]);
  if (!in)
    return failure();
  int64_t chunks = (plane + c - 1) / c, tail = plane - (chunks - 1) * c;
  int64_t blocks = n * (channels / c);

  kb.forLoop(begin, end, 1, [&](Value item) {
    Value chunk = kb.rems(item, chunks), block = kb.divs(item, chunks);
    Value p0 = kb.mul(chunk, c);
    // Element of channel i of the block at position p0 + j, in either
    // layout (the block's c channels are consecutive NCHW planes).
    Value plainAt = kb.add(kb.mul(block, c * plane), p0);
    Value blockedAt = kb.mul(kb.add(kb.mul(block, plane), p0), c);
    auto tile = [&](int64_t valid) {
      SmallVector<Value> rows;
      for (int64_t r = 0; r < c; ++r) {
        if (toBlocked) {
          rows.push_back(kb.load(in, kb.add(plainAt, r * plane), c, valid));
        } else {
          rows.push_back(r < valid ? kb.load(in, kb.add(blockedAt, r * c), c, c)
                                   : kb.splat(c, 0.0f));
        }
      }
      rows = transposeLanes(kb, rows);
      for (int64_t r = 0; r < c; ++r) {
        if (toBlocked) {
          if (r < valid)
            kb.store(rows[r], out, kb.add(blockedAt, r * c), c);
        } else {
          kb.store(rows[r], out, kb.add(plainAt, r * plane), valid);
        }
      }
    };
    if (tail == c)
      tile(c);
    else
      kb.ifThen(
          kb.cmp(arith::CmpIPredicate::eq, chunk, chunks - 1),
          [&] { tile(tail); }, [&] { tile(c); });
  });
  return blocks * chunks;
}

} // namespace kiln::cpu::kernels
