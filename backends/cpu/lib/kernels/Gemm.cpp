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
//  - Where A's rows and two panels outgrow L2 (a 128-row sequence times K =
//    3072: 1.5 MB of A and two 384 KB panels) but all of A's rows of a K
//    block and all of C fit in half of it, K runs in blocks whose panel
//    rows (2/3 of L1) stay in L1 across the tiles, and each call runs its
//    items block by block: per block, A's rows of it against every panel
//    of the call, the tiles adding to their partial sums in Y, which stays
//    in L2. A is then one group, whose items the threads split by panels,
//    each reading its panels once. 128x768x3072 (M x N x K) ran at 77-80 %
//    of the FMA peak against 71-74 % whole at 1 thread (unchanged at 2),
//    and a BERT-base encoder (sequence 128) 153.1-155.7 ms against
//    158.5-165.9 at 1 thread, 81.9-83.3 against 83.2-88.1 at 2 (3
//    interleaved rounds, medians of 10 runs, a Xeon with 48 KB L1d and 2
//    MB L2). Where C does not fit, its tiles' partial sums go to L3 and
//    back every block: 1024x768x3072 ran at 57-62 % against 72-73 %, and a
//    batch of 8 sequences took 1.05x the time. One row tile (M <= mr: a
//    classifier's matrix-vector product) reuses no block, and VGG-16 ran
//    1-3 % slower with it, so it is never blocked.
//  - Where C outgrows L2, each tile prefetches its output lines into L2
//    before its k loop (MicroKernel::prefetchOut), as the blocked convs do.
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

namespace {

/// How emitPackedMatMul tiles a packed_mat_mul (the file comment).
struct GemmPlan {
  int64_t m = 1, k, n, nr, panels, mr;
  /// K block (k when K is not blocked) and the blocks' count.
  int64_t kc, blocks;
  /// Whether the tiles prefetch their output lines (C past L2), and the
  /// same K rows of the next panel, which runs next: a block of them, or a
  /// whole panel where two fit in half of L2.
  bool prefetchOut, prefetchNext;
  std::optional<RowGroups> rows;
};

/// The plan of \p mm, or nothing for forms the kernel leaves to the
/// reference (nothing to compute with, panels not whole vectors).
std::optional<GemmPlan> planGemm(PackedMatMulOp mm) {
  auto aType = cast<RankedTensorType>(mm.getA().getType());
  auto wType = cast<RankedTensorType>(mm.getW().getType());
  GemmPlan p;
  p.k = aType.getShape().back();
  p.n = mm.getColumns();
  p.nr = wType.getDimSize(2);
  p.panels = wType.getDimSize(0);
  int64_t lanes = hostLanes();
  // Rows M: the leading dims of A flattened (A is a vector when rank 1).
  for (int64_t d = 0; d + 1 < aType.getRank(); ++d)
    p.m *= aType.getDimSize(d);
  if (p.nr % lanes != 0 || p.n == 0 || p.m == 0 || p.k == 0)
    return std::nullopt;
  p.mr = gemmTileRows(p.nr / lanes);
  const HostTarget &target = hostTarget();
  auto l2 = static_cast<int64_t>(target.l2Bytes);
  int64_t bBytes = p.panels * p.k * p.nr * 4;
  p.kc = p.k;
  if (p.m > p.mr && (p.m + 2 * p.nr) * p.k * 4 > l2) {
    int64_t kc = panelKBlock(p.k, p.nr, lanes,
                             static_cast<int64_t>(target.l1dBytes) * 2 / 3);
    if (p.m * (kc + p.n) * 4 <= l2 / 2)
      p.kc = kc;
  }
  p.blocks = (p.k + p.kc - 1) / p.kc;
  if (p.blocks == 1)
    p.kc = p.k;
  p.rows.emplace(p.m, p.kc, p.mr, p.panels, bBytes);
  p.prefetchOut = p.m * p.n * 4 > l2;
  p.prefetchNext = p.blocks > 1 || p.k * p.nr * 4 <= l2 / 4;
  return p;
}

} // namespace

bool canEmitPackedMatMul(Operation *op) {
  return planGemm(cast<PackedMatMulOp>(op)).has_value();
}

int packedMatMulOverwritableOperand(Operation *op) {
  // Every tile sums all of K in registers, then reads its residual and
  // stores Y at the same positions; with K in blocks, earlier blocks store
  // partial sums in Y before the last one reads the residual.
  auto mm = cast<PackedMatMulOp>(op);
  std::optional<GemmPlan> plan = planGemm(mm);
  if (isa<NoneType>(mm.getResidual().getType()) || !plan || plan->blocks != 1)
    return -1;
  return 3;
}

FailureOr<int64_t> emitPackedMatMul(OpBuilder &b, Operation *op,
                                    ValueRange operands, ValueRange results,
                                    Value begin, Value end,
                                    const EpilogueTail &tail) {
  auto mm = cast<PackedMatMulOp>(op);
  std::optional<GemmPlan> planned = planGemm(mm);
  if (!planned)
    return failure();
  const GemmPlan &plan = *planned;
  int64_t k = plan.k, n = plan.n, nr = plan.nr, panels = plan.panels;
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
  mk.prefetchOut = plan.prefetchOut;

  const RowGroups &rows = *plan.rows;
  int64_t items = rows.groups * panels;
  int64_t tailCols = n - (panels - 1) * nr;
  int64_t kc = plan.kc, blocks = plan.blocks;
  // Emits \p t on group g's tiles and panel p from K offset k0 (\p
  // accumulate and \p finish as MicroKernel::emit takes them).
  auto panelTiles = [&](const MicroKernel &t, Value g, Value p, Value k0,
                        Value accumulate, Value finish) {
    forPanelColumns(kb, p, panels, nr, tailCols, [&](int64_t cols) {
      MicroKernel v = t;
      v.validCols = cols;
      Value bBase = kb.add(kb.mul(p, k * nr), kb.mul(k0, nr));
      Value colBase = kb.mul(p, nr);
      if (plan.prefetchNext)
        v.bNext = kb.add(bBase, k * nr);
      rows.emit(
          kb, v, g, bBase, colBase,
          [&](Value i0) {
            return std::make_pair(kb.add(kb.mul(i0, k), k0),
                                  kb.add(kb.mul(i0, n), colBase));
          },
          accumulate, finish);
    });
  };
  if (blocks == 1) {
    kb.forLoop(begin, end, 1, [&](Value item) {
      panelTiles(mk, kb.divs(item, panels), kb.rems(item, panels), kb.idx(0),
                 {}, {});
    });
    return items;
  }
  // K in blocks: per group of this call's items, per K block, the items'
  // panels.
  forItemPairs(
      kb, begin, end, rows.groups, panels,
      [&](Value g, Value p0, Value p1) {
        kb.forLoop(kb.idx(0), kb.idx(blocks), 1, [&](Value kblock) {
          Value k0 = kb.mul(kblock, kc);
          MicroKernel t = mk;
          t.kcValue = b.create<arith::MinUIOp>(
              loc, kb.idx(kc), b.create<arith::SubIOp>(loc, kb.idx(k), k0));
          t.kc = kc; // the block's size at most: its bNext prefetch span
          Value accumulate = kb.cmp(arith::CmpIPredicate::ne, kblock, 0);
          Value finish = kb.cmp(arith::CmpIPredicate::eq, kblock, blocks - 1);
          kb.forLoop(p0, p1, 1, [&](Value p) {
            panelTiles(t, g, p, k0, accumulate, finish);
          });
        });
      },
      /*bandMajor=*/true);
  return items;
}

} // namespace kiln::cpu::kernels
