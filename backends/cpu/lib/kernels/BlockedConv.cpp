//===- BlockedConv.cpp - kiln.blocked_conv as a register-blocked GEMM -----===//
//
// A 1x1 convolution of channel-blocked tensors (LayoutOps.td) is, per
// image, the matrix product Y (positions x Cout) = X (positions x C) x W,
// with both matrices stored NCHWc: position p's c channels of block cb at
// (cb * H*W + p) * c. The micro-kernel runs it as packed_mat_mul does
// (Gemm.cpp), with W's panels of nr output channels:
//
//  - A = X in place, no packing: a tile's mr positions are c floats apart
//    (one 64-byte line each with AVX-512), their k-th channels broadcast
//    one by one; k crosses a block every c channels (MicroKernel::aBlockK).
//    An NCHW X (a chain's first conv) is read the same way with other
//    strides: its positions adjacent, its channels a plane apart.
//  - C = Y: a row is one position, its nr / c vectors the same position of
//    consecutive channel blocks, a plane apart (MicroKernel::cVec); the
//    residual is read the same way, the bias as panel columns.
//  - Work item = (image, panel, row group), group fastest: a panel stays in
//    L2 while its items sweep the groups. Groups differ in size (a 14x14
//    plane's 17 tiles of 12 rows go 6, 6, 5), panels do not, so contiguous
//    halves of the items hold halves of the panels: panel-fastest halves
//    were 288 and 256 tile-panels of ResNet-50's 256->1024 at 14x14, and its
//    14x14 convs at 2 threads took 0.93-0.95x the time group-fastest
//    (0.36-0.38 -> 0.34-0.36 ms; 1 thread unchanged). K runs in blocks whose
//    panel rows stay in L1 across the group's tiles (a whole panel, up to
//    2048 x 32 floats, did not: 53-59 % of the FMA peak on ResNet-50's
//    14x14 and 7x7 convs, 80 % with the blocks), the next block prefetched
//    (MicroKernel::bNext).
//
// Every position of a plane is a row, so planes of any size (7x7, 14x14)
// fill whole register tiles but the last; the NCHW kernel vectorizes over
// positions and pads a plane to whole vectors.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Whether \p conv is a 1x1 convolution at stride 1 without pads, which
/// this file's kernel runs (the others: BlockedConvSpatial.cpp).
bool isPointwise(BlockedConvOp conv) {
  auto all = [](ArrayAttr a, int64_t v) {
    return llvm::all_of(
        a, [&](Attribute e) { return cast<IntegerAttr>(e).getInt() == v; });
  };
  return all(conv.getKernelShape(), 1) && all(conv.getStrides(), 1) &&
         all(conv.getPads(), 0);
}

} // namespace

bool setUpBlockedConvTile(MicroKernel &mk, OpBuilder &b, Operation *op,
                          ValueRange operands, ValueRange results,
                          int64_t stride, const EpilogueTail &tail) {
  auto conv = cast<BlockedConvOp>(op);
  auto x = cast<RankedTensorType>(conv.getX().getType());
  auto y = cast<RankedTensorType>(conv.getY().getType());
  auto w = cast<RankedTensorType>(conv.getW().getType());
  int64_t lanes = hostLanes(), plane = x.getDimSize(2) * x.getDimSize(3);
  bool blockedIn = x.getRank() == 5;
  int64_t cin = blockedIn ? x.getDimSize(1) * lanes : x.getDimSize(1);
  if (!setUpPackedTile(mk, b, op, operands, results, w.getDimSize(2), cin))
    return false;
  if (blockedIn) {
    mk.aRow = stride * lanes;
    mk.aK = 1;
    mk.aBlockK = lanes;
    mk.aBlockStride = plane * lanes;
  } else {
    // NCHW: a channel's positions are adjacent, its planes apart.
    mk.aRow = stride;
    mk.aK = plane;
  }
  mk.bK = w.getDimSize(2);
  mk.cRow = lanes;
  mk.cVec = y.getDimSize(2) * y.getDimSize(3) * lanes;
  mk.epilogue = Epilogue::of(op, tail);
  return true;
}

bool canEmitBlockedConv(Operation *op) {
  auto conv = cast<BlockedConvOp>(op);
  if (!isPointwise(conv))
    return canEmitBlockedSpatialConv(op);
  auto x = cast<RankedTensorType>(conv.getX().getType());
  auto w = cast<RankedTensorType>(conv.getW().getType());
  // One vector per channel block; W's panels whole vectors.
  return static_cast<int64_t>(conv.getBlock()) == hostLanes() &&
         w.getDimSize(2) % hostLanes() == 0 && x.getNumElements() > 0;
}

FailureOr<int64_t> emitBlockedConv(OpBuilder &b, Operation *op,
                                   ValueRange operands, ValueRange results,
                                   Value begin, Value end,
                                   const EpilogueTail &tail) {
  if (!isPointwise(cast<BlockedConvOp>(op)))
    return emitBlockedSpatialConv(b, op, operands, results, begin, end, tail);
  if (!canEmitBlockedConv(op))
    return failure();
  auto conv = cast<BlockedConvOp>(op);
  auto xType = cast<RankedTensorType>(conv.getX().getType());
  auto wType = cast<RankedTensorType>(conv.getW().getType());
  int64_t lanes = hostLanes(), images = xType.getDimSize(0);
  int64_t plane = xType.getDimSize(2) * xType.getDimSize(3);
  bool blockedIn = xType.getRank() == 5;
  int64_t cin = blockedIn ? xType.getDimSize(1) * lanes : xType.getDimSize(1);
  int64_t cout = conv.getOutChannels();
  int64_t nr = wType.getDimSize(2), panels = wType.getDimSize(0);
  Location loc = op->getLoc();
  KB kb{b, loc};

  MicroKernel mk;
  if (!setUpBlockedConvTile(mk, b, op, operands, results, /*stride=*/1, tail))
    return failure();
  mk.prefetchNextABlock = blockedIn;

  RowGroups rows(plane, cin, mk.mr, images * panels, panels * cin * nr * 4);
  int64_t groups = rows.groups;
  int64_t tailCols = cout - (panels - 1) * nr;
  // K blocks whose panel rows stay in L1 across the group's tiles.
  int64_t kc = blockedConvKBlock(cin, nr, lanes);
  int64_t blocks = (cin + kc - 1) / kc;

  kb.forLoop(begin, end, 1, [&](Value item) {
    Value g = kb.rems(item, groups), rest = kb.divs(item, groups);
    Value p = kb.rems(rest, panels), img = kb.divs(rest, panels);
    Value xImage = kb.mul(img, cin * plane);
    Value yImage = kb.add(kb.mul(img, cout * plane),
                          kb.mul(p, (nr / lanes) * plane * lanes));
    auto tilesWith = [&](int64_t cols) {
      MicroKernel v = mk;
      v.validCols = cols;
      Value bPanel = kb.mul(p, cin * nr), colBase = kb.mul(p, nr);
      if (blocks == 1) {
        v.bNext = kb.add(bPanel, cin * nr);
        rows.emit(kb, v, g, bPanel, colBase, [&](Value i0) {
          return std::make_pair(kb.add(xImage, kb.mul(i0, mk.aRow)),
                                kb.add(yImage, kb.mul(i0, lanes)));
        });
        return;
      }
      kb.forLoop(kb.idx(0), kb.idx(blocks), 1, [&](Value kblock) {
        Value k0 = kb.mul(kblock, kc);
        MicroKernel t = v;
        t.kcValue = b.create<arith::MinUIOp>(
            loc, kb.idx(kc), b.create<arith::SubIOp>(loc, kb.idx(cin), k0));
        t.kc = kc; // the block's size at most: its bNext prefetch span
        Value bBase = kb.add(bPanel, kb.mul(k0, nr));
        // The next K block's rows of the panel (the next panel's first).
        t.bNext = kb.add(bBase, kc * nr);
        // k0 is whole channel blocks: plane * k0 elements on either way.
        Value xBlock = kb.add(xImage, kb.mul(k0, plane));
        rows.emit(
            kb, t, g, bBase, colBase,
            [&](Value i0) {
              return std::make_pair(kb.add(xBlock, kb.mul(i0, mk.aRow)),
                                    kb.add(yImage, kb.mul(i0, lanes)));
            },
            kb.cmp(arith::CmpIPredicate::ne, kblock, 0),
            kb.cmp(arith::CmpIPredicate::eq, kblock, blocks - 1));
      });
    };
    forPanelColumns(kb, p, panels, nr, tailCols, tilesWith);
  });
  return images * groups * panels;
}

} // namespace kiln::cpu::kernels
