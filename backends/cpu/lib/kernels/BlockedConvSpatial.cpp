//===- BlockedConvSpatial.cpp - kiln.blocked_conv with a window -----------===//
//
// A blocked convolution other than 1x1 at stride 1 (3x3 and 7x7 windows,
// strides, pads) on the GEMM micro-kernel, reading X in place: no im2col
// and no packing. Per image and output row, a register tile is a run of mr
// output positions of the row (mr up to 14 with AVX-512: 28 accumulators of
// two vectors of output channels) and the panel's nr channels; its k runs
// over the window's taps and, per tap, X's channels:
//
//   C(r, o) += X[ci][oh * sh + i - pt][(ow0 + r) * sw + j - pl] W[i][j][ci][o]
//
// so a tap is a 1x1 convolution of the tile's positions, their inputs sw
// positions apart (MicroKernel::aRow = sw * c on NCHWc X). Taps outside X
// are skipped: a window row (i) outside X for the whole output row, by a
// test per output row; a window column (j) for the tile's first or last
// positions, by emitting the tap's micro-kernel on the rows inside X only
// (the tile positions are static per row, so those row ranges are too).
// The sums of a tile stay in Y between taps (each tap's K is a block), so
// every position must receive its first tap in full: the tap at the pads'
// offset (pt, pl) covers every output position (BlockedConvOp's
// centerTapCovers), runs first and initializes the sums, the other taps
// add to them, and a pass without k applies the epilogue at the end.
//
//  - Work item = (image, panel, group of output rows), row groups fastest,
//    so that one worker's items share the panel's weights (kh kw C nr
//    floats, 147 KB for 128 channels) in L2. Inside an item the K blocks
//    (tap, block of C) are the outer loop and the tiles of the group's rows
//    the inner one: a block's slice of the panel (kc x nr, kc about 128)
//    stays in L1 across the tiles.
//  - Rows of a tile: an output row of OW positions is ceil(OW / 14) tiles
//    of near-equal sizes (28 = 14 + 14, 7, 56 = 4 x 14). Runs of equal tiles
//    that every tap covers are one loop; the others are emitted each.
//  - Window rows and channel blocks are loops and window columns are
//    unrolled (their tiles' row ranges differ), so a conv emits about
//    (kw + 2) x tile-shapes micro-kernels: every block unrolled made the
//    3x3 conv of 512 channels take 0.92 s to compile instead of 0.17 s.
//  - Each K block's tiles prefetch the next kc x nr floats of the panel
//    (the next block) into L2, a share each (MicroKernel::bNextShift).
//    Without it, ResNet-50's layer4.0 (weights from memory) ran 1.08x the
//    NCHW kernel's time; with it 0.80-0.84x (docs/backends.md).
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// One tile of an output row: positions [ow0, ow0 + rows), and per window
/// column j the rows [lo[j], hi[j]) of it whose input column is in X.
struct RowTile {
  int64_t ow0, rows;
  std::vector<int64_t> lo, hi;
  bool covered() const {
    for (size_t j = 0; j < lo.size(); ++j)
      if (lo[j] != 0 || hi[j] != rows)
        return false;
    return true;
  }
};

/// A run of tiles of one shape: `count` tiles from `first`, adjacent.
struct TileRun {
  RowTile first;
  int64_t count;
};

} // namespace

bool canEmitBlockedSpatialConv(Operation *op) {
  auto conv = cast<BlockedConvOp>(op);
  auto x = cast<RankedTensorType>(conv.getX().getType());
  auto w = cast<RankedTensorType>(conv.getW().getType());
  int64_t lanes = hostLanes();
  return static_cast<int64_t>(conv.getBlock()) == lanes &&
         w.getDimSize(2) % lanes == 0 && x.getNumElements() > 0 &&
         readConvGeometry(conv).c % lanes == 0 &&
         BlockedConvOp::centerTapCovers(conv.getKernelShape(), conv.getPads());
}

FailureOr<int64_t> emitBlockedSpatialConv(OpBuilder &b, Operation *op,
                                          ValueRange operands,
                                          ValueRange results, Value begin,
                                          Value end, const EpilogueTail &tail) {
  if (!canEmitBlockedSpatialConv(op))
    return failure();
  auto conv = cast<BlockedConvOp>(op);
  auto wType = cast<RankedTensorType>(conv.getW().getType());
  ConvGeometry g = readConvGeometry(conv);
  int64_t kh = g.kh, kw = g.kw, sh = g.sh, sw = g.sw, pt = g.pt, pl = g.pl;
  int64_t h = g.h, wd = g.w, oh = g.oh, ow = g.ow, cin = g.c, cout = g.cout;
  int64_t lanes = hostLanes(), images = g.batch;
  int64_t plane = h * wd, outPlane = oh * ow, taps = kh * kw;
  bool blockedIn = g.block != 0;
  int64_t nr = wType.getDimSize(2), panels = wType.getDimSize(0);
  Location loc = op->getLoc();
  KB kb{b, loc};

  MicroKernel mk;
  if (!setUpBlockedConvTile(mk, b, op, operands, results, sw, tail))
    return failure();
  // Every accumulator, the nv vectors of W and one broadcast in registers.
  int64_t maxRows =
      std::max<int64_t>(1, (hostVectorRegisters() - mk.nv - 1) / mk.nv);
  int64_t xPos = blockedIn ? lanes : 1; // floats per input position
  int64_t kc = blockedConvKBlock(cin, nr, lanes);

  // The tiles of an output row, and runs of them.
  int64_t tilesPerRow = (ow + maxRows - 1) / maxRows;
  std::vector<TileRun> runs;
  for (int64_t t = 0, ow0 = 0; t < tilesPerRow; ++t) {
    RowTile tile;
    tile.ow0 = ow0;
    tile.rows = ow / tilesPerRow + (t < ow % tilesPerRow ? 1 : 0);
    for (int64_t j = 0; j < kw; ++j) {
      // Positions ow with 0 <= ow * sw + j - pl < wd.
      int64_t first = std::max<int64_t>(0, llvm::divideCeilSigned(pl - j, sw));
      int64_t last = llvm::divideFloorSigned(wd - 1 + pl - j, sw);
      tile.lo.push_back(std::clamp<int64_t>(first - ow0, 0, tile.rows));
      tile.hi.push_back(std::clamp<int64_t>(last + 1 - ow0, 0, tile.rows));
    }
    ow0 += tile.rows;
    if (!runs.empty() && tile.covered() && runs.back().first.covered() &&
        runs.back().first.rows == tile.rows)
      ++runs.back().count;
    else
      runs.push_back({tile, 1});
  }

  // Work items: (image, panel, group of output rows), at least 16 where
  // the rows allow (2 threads and more get whole items each).
  int64_t pairs = images * panels;
  int64_t groups =
      std::min<int64_t>(oh, std::max<int64_t>(1, (16 + pairs - 1) / pairs));
  int64_t rowsPerItem = (oh + groups - 1) / groups;
  groups = (oh + rowsPerItem - 1) / rowsPerItem;
  int64_t tailCols = cout - (panels - 1) * nr;

  int64_t tilesPerItem = rowsPerItem * tilesPerRow;
  // Each tile prefetches its share of the next K block's panel rows (the
  // next kc x nr floats: the next block of channels, or the next tap's
  // first), one line per 2^shift k steps, as RowGroups does for a GEMM's
  // next panel: weights stream from memory in a model.
  int64_t chunk = (kc * nr / 16 + tilesPerItem - 1) / tilesPerItem;
  int64_t shift = 0;
  while ((kc >> (shift + 1)) >= chunk)
    ++shift;
  bool others = taps > 1;

  kb.forLoop(begin, end, 1, [&](Value item) {
    Value g = kb.rems(item, groups), rest = kb.divs(item, groups);
    Value p = kb.rems(rest, panels), img = kb.divs(rest, panels);
    Value row0 = kb.mul(g, rowsPerItem);
    Value row1 =
        b.create<arith::MinUIOp>(loc, kb.add(row0, rowsPerItem), kb.idx(oh));
    Value xImage = kb.mul(img, cin * plane);
    Value yPanel = kb.add(kb.mul(img, cout * outPlane),
                          kb.mul(p, (nr / lanes) * outPlane * lanes));
    Value bPanel = kb.mul(p, taps * cin * nr), colBase = kb.mul(p, nr);
    Value yes = b.create<arith::ConstantOp>(loc, b.getBoolAttr(true));
    Value no = b.create<arith::ConstantOp>(loc, b.getBoolAttr(false));

    auto withCols = [&](int64_t cols) {
      // The K block of window row i (dynamic), column j and channels [k0,
      // k0 + kc) on every tile of the item's rows (kc 0: a k-less pass),
      // with the micro-kernel's accumulate and finish.
      auto block = [&](Value i, int64_t j, Value k0, bool kless, bool checkRow,
                       Value accumulate, Value finish) {
        MicroKernel v = mk;
        v.validCols = cols;
        v.kc = kless ? 0 : kc;
        if (!kless && cin % kc != 0)
          v.kcValue = b.create<arith::MinUIOp>(
              loc, kb.idx(kc), b.create<arith::SubIOp>(loc, kb.idx(cin), k0));
        Value bBase = kb.add(
            bPanel,
            kb.mul(kb.add(kb.mul(kb.add(kb.mul(i, kw), j), cin), k0), nr));
        kb.forLoop(row0, row1, 1, [&](Value orow) {
          Value ih = kb.add(kb.mul(orow, sh), kb.add(i, -pt));
          auto tiles = [&] {
            // X's row ih at channel k0 (k0 a multiple of the block: plane
            // k0 floats on either layout).
            Value xRow = kb.add(
                xImage, kb.add(kb.mul(ih, wd * xPos), kb.mul(k0, plane)));
            Value yRow = kb.add(yPanel, kb.mul(orow, ow * lanes));
            Value rowTile0 =
                kb.mul(b.create<arith::SubIOp>(loc, orow, row0), tilesPerRow);
            int64_t tileNo = 0;
            for (const TileRun &run : runs) {
              const RowTile &t = run.first;
              int64_t lo = kless ? 0 : t.lo[j], hi = kless ? t.rows : t.hi[j];
              int64_t runTile0 = tileNo;
              tileNo += run.count;
              if (lo >= hi)
                continue;
              MicroKernel tv = v;
              tv.mr = hi - lo;
              auto one = [&](Value ow0) {
                Value at = kb.add(ow0, lo);
                Value iw = kb.add(kb.mul(at, sw), j - pl);
                if (!kless) {
                  Value tile = kb.add(
                      rowTile0, kb.add(kb.divs(b.create<arith::SubIOp>(
                                                   loc, ow0, kb.idx(t.ow0)),
                                               t.rows),
                                       runTile0));
                  tv.bNext =
                      kb.add(kb.add(bBase, kc * nr), kb.mul(tile, chunk * 16));
                  tv.bNextShift = shift;
                }
                tv.emit(kb, kb.add(xRow, kb.mul(iw, xPos)), bBase,
                        kb.add(yRow, kb.mul(at, lanes)), colBase, accumulate,
                        finish);
              };
              if (run.count == 1)
                one(kb.idx(t.ow0));
              else
                kb.forLoop(kb.idx(t.ow0), kb.idx(t.ow0 + run.count * t.rows),
                           t.rows, one);
            }
          };
          if (!checkRow)
            return tiles();
          kb.ifThen(b.create<arith::AndIOp>(
                        loc, kb.cmp(arith::CmpIPredicate::sge, ih, 0),
                        kb.cmp(arith::CmpIPredicate::slt, ih, h)),
                    tiles);
        });
      };
      Value center = kb.idx(pt);
      // 1. The center tap's blocks: every output position, so the first
      //    initializes the sums (and the last finishes them when there is
      //    no other tap).
      kb.forLoop(kb.idx(0), kb.idx(cin), kc, [&](Value k0) {
        Value notFirst = kb.cmp(arith::CmpIPredicate::ne, k0, 0);
        Value last = kb.cmp(arith::CmpIPredicate::sge, k0, cin - kc);
        block(center, pl, k0, false, false, notFirst, others ? no : last);
      });
      if (!others)
        return;
      // 2. The other taps: window rows outside X skipped per output row
      //    (below), columns by the tiles' row ranges.
      kb.forLoop(kb.idx(0), kb.idx(kh), 1, [&](Value i) {
        for (int64_t j = 0; j < kw; ++j) {
          auto blocks = [&] {
            kb.forLoop(kb.idx(0), kb.idx(cin), kc, [&](Value k0) {
              block(i, j, k0, false, true, yes, no);
            });
          };
          if (j == pl)
            kb.ifThen(kb.cmp(arith::CmpIPredicate::ne, i, pt), blocks);
          else
            blocks();
        }
      });
      // 3. The epilogue, k-less.
      block(center, pl, kb.idx(0), true, false, yes, Value());
    };
    forPanelColumns(kb, p, panels, nr, tailCols, withCols);
  });
  return images * panels * groups;
}

} // namespace kiln::cpu::kernels
