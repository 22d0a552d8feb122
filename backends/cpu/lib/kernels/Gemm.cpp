//===- Gemm.cpp - kiln.packed_mat_mul as a register-blocked GEMM ----------===//
//
// Y (M x N) = A (M x K) x B, with B packed by kiln-pack-weights into column
// panels W[p][k][0..nr) (nr = 16 on AVX2: two vectors). The tiling:
//
//  - Register tile: mr rows of A x nr columns (6 x 16 on AVX2 = 12
//    accumulators; up to 12 x 16 with AVX-512's 32 registers). Each k step
//    broadcasts mr scalars of A straight from its rows (no packing of A: its
//    rows are contiguous and the tile reads mr * 4 bytes per k) and loads the
//    panel's nr floats, which the packing made contiguous in k.
//  - Work item = (row group g, panel p), g-major: a group is G row tiles
//    whose A rows (G * mr * K floats) stay in L2 while consecutive items
//    sweep the panels; inside an item the panel (K * nr floats) stays in L1
//    across the G tiles.
//  - Weights outgrow the caches (BERT-base's 340 MB), so each item's first
//    row tile would wait for its panel from memory: the tiles' k steps
//    prefetch the next panel into L2 (MicroKernel::bNext; the item after
//    this one is usually the next panel). A BERT-base encoder (sequence
//    128) at 2 threads ran 0.82-0.95x the time in 8 of 8 interleaved rounds
//    of `kiln run` (medians of 10 runs each). Each tile of the group
//    prefetches its share of that panel, not all of it (RowGroups::emit):
//    0.91x ViT-B/16's time, 0.93x the encoder's, at 1 thread. A panel past
//    a quarter of L2 (K past 4096 with a 2 MB L2) is not prefetched: the
//    next one pushed the one being read out of L2, and VGG-16's 25088 x
//    4096 classifier layer (3.2 MB panels, read at M = 1 at the speed of
//    memory) took 25.5 ms against 34 at 1 thread, 13.3 against 17.4 at 2
//    (the whole model 126-128 ms against 136-137, 66-67.5 against 71-72).
//  - Remainders are static variants, never scalar code: the last row tile
//    has M % mr rows (fewer accumulators), and the last panel's tile stores
//    and reads bias/residual with masks past N (its loads of W are full: the
//    panel is zero-padded).
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/cpu/Target.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu::kernels {

bool canEmitPackedMatMul(Operation *op) {
  auto mm = cast<PackedMatMulOp>(op);
  auto a = cast<RankedTensorType>(mm.getA().getType());
  auto w = cast<RankedTensorType>(mm.getW().getType());
  return w.getDimSize(2) % hostLanes() == 0 && a.getNumElements() > 0 &&
         mm.getColumns() > 0;
}

int packedMatMulOverwritableOperand(Operation *op) {
  // Every tile sums all of K in registers, then reads its residual and
  // stores Y at the same positions.
  auto mm = cast<PackedMatMulOp>(op);
  if (isa<NoneType>(mm.getResidual().getType()))
    return -1;
  return 3;
}

FailureOr<int64_t> emitPackedMatMul(OpBuilder &b, Operation *op,
                                    ValueRange operands, ValueRange results,
                                    Value begin, Value end,
                                    const EpilogueTail &tail) {
  auto mm = cast<PackedMatMulOp>(op);
  auto aType = cast<RankedTensorType>(mm.getA().getType());
  auto wType = cast<RankedTensorType>(mm.getW().getType());
  int64_t k = aType.getShape().back(), n = mm.getColumns();
  int64_t nr = wType.getDimSize(2), panels = wType.getDimSize(0);
  int64_t lanes = hostLanes();
  if (nr % lanes != 0 || n == 0)
    return failure();
  Location loc = op->getLoc();
  KB kb{b, loc};

  MicroKernel mk;
  if (!setUpPackedTile(mk, b, op, operands, results, nr, k))
    return failure();
  mk.aRow = k;
  mk.aK = 1;
  mk.bK = nr;
  mk.cRow = n;
  mk.epilogue = Epilogue::of(op, tail);
  int64_t mr = mk.mr;

  // Rows M: the leading dims of A flattened (A is a vector when rank 1).
  int64_t m = 1;
  for (int64_t d = 0; d + 1 < aType.getRank(); ++d)
    m *= aType.getDimSize(d);
  if (m == 0 || k == 0)
    return failure(); // nothing to compute with; the reference handles it

  RowGroups rows(m, k, mr, panels, panels * k * nr * 4);
  bool prefetchNext =
      k * nr * 4 <= static_cast<int64_t>(hostTarget().l2Bytes) / 4;
  int64_t items = rows.groups * panels;
  int64_t tailCols = n - (panels - 1) * nr;

  auto body = [&](Value item) {
    Value g = kb.divs(item, panels), p = kb.rems(item, panels);
    auto tilesWith = [&](int64_t cols) {
      MicroKernel v = mk;
      v.validCols = cols;
      Value bBase = kb.mul(p, k * nr), colBase = kb.mul(p, nr);
      // Prefetching the next item's panel (see the tiling above) where two
      // panels fit in half of L2.
      if (prefetchNext)
        v.bNext = kb.add(bBase, k * nr);
      rows.emit(kb, v, g, bBase, colBase, [&](Value i0) {
        return std::make_pair(kb.mul(i0, k), kb.add(kb.mul(i0, n), colBase));
      });
    };
    forPanelColumns(kb, p, panels, nr, tailCols, tilesWith);
  };
  kb.forLoop(begin, end, 1, body);
  return items;
}

} // namespace kiln::cpu::kernels
