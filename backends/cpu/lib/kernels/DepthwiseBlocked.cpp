//===- DepthwiseBlocked.cpp - Depthwise convolution across channels -------===//
//
// kiln.depthwise_conv with the vector lanes along channels instead of along
// the width, for the shapes where a row of the plane fills vectors badly or
// edges dominate (5x5 windows, narrow outputs), and for every blocked
// (NCHWc) depthwise conv of a kiln-blocked-layout chain. The work item is
// one image and a block of L channels (L = vector lanes; C must be a
// multiple of L). NCHW activations stay NCHW in memory: the kernel changes
// the layout on the way in and out, in registers; NCHWc rows are copied
// into the ring and stored from the accumulators as they are.
//
//  - Input rows come into a ring of kh rows, each row W columns of L
//    channels ("NHWc" for the block), zero-padded left and right: every
//    tap of every output is then one plain vector load, with no edge cases.
//    A row enters the ring as L channel rows of X loaded along the width
//    and transposed L x L in registers (log2 L rounds of two-input
//    shuffles), once, when the first output row that reads it comes.
//  - The block's weights are gathered into kh * kw vectors (tap t of the
//    L channels) and its bias loaded as one vector, once per item.
//  - An output row is computed in groups of R outputs, kh * kw FMAs each,
//    in the same order as the width-vectorized kernel (bias, then taps
//    row-major), so both give the same results; the epilogue is
//    elementwise and applies to channel vectors as well. The finished row
//    goes to a small buffer, is transposed back in L x L blocks and stored
//    as L channel rows; a partial last vector is stored plainly when what
//    it overwrites past the row is a later row of the same plane, and with
//    a mask otherwise.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Outputs computed together along a row.
constexpr int64_t kDepthwiseGroup = 4;

/// The geometry of one blocked kernel.
struct BlockedPlan {
  ConvGeometry g;
  int64_t lanes;
  /// Columns of a ring row: the left pad, the input, and as many zero
  /// columns on the right as the last window needs.
  int64_t ringCols;
  /// Output columns rounded up to whole vectors (the output row buffer).
  int64_t outCols;
};

BlockedPlan planOf(const ConvGeometry &g, int64_t lanes) {
  BlockedPlan p{g, lanes, 0, 0};
  p.ringCols = std::max(g.pl + g.w, (g.ow - 1) * g.sw + g.kw);
  p.outCols = (g.ow + lanes - 1) / lanes * lanes;
  return p;
}

/// Emits the rows of one work item: its ring fills, output groups and
/// stores. `weights` holds tap t of the block's L channels at [t], `bias`
/// their biases (null when absent).
struct BlockedEmitter {
  KB &kb;
  const BlockedPlan &p;
  Value x, y, ring, outRow;
  SmallVector<Value> weights;
  Value bias;
  const Epilogue &epilogue;

  int64_t rowStride() const { return p.ringCols * p.lanes; }

  /// Ring slot of input row ih (ih + pt >= 0).
  Value slotBase(Value ihPlusPt) {
    return kb.mul(kb.rems(ihPlusPt, p.g.kh), rowStride());
  }

  /// Transposes input row ih of the block's channels (xBase: channel c0's
  /// plane) into the ring row at `base`: the whole vectors of the row in a
  /// loop, a partial last one after it.
  void fill(Value xBase, Value ih, Value base) {
    const ConvGeometry &g = p.g;
    int64_t L = p.lanes;
    if (g.block) {
      // An NCHWc row is a ring row already: W vectors of L channels.
      Value from = kb.add(xBase, kb.mul(ih, g.w * L));
      Value dst = kb.add(base, g.pl * L);
      kb.forLoop(kb.idx(0), kb.idx(g.w), 1, [&](Value k) {
        Value v = kb.b.create<vector::LoadOp>(kb.loc, kb.vec(L), x,
                                              kb.add(from, kb.mul(k, L)));
        kb.b.create<vector::StoreOp>(kb.loc, v, ring,
                                     kb.add(dst, kb.mul(k, L)));
      });
      return;
    }
    Value rowAt = kb.add(xBase, kb.mul(ih, g.w));
    auto vectorAt = [&](Value w0, int64_t valid) {
      SmallVector<Value> rows;
      for (int64_t c = 0; c < L; ++c) {
        Value at = kb.add(kb.add(rowAt, w0), c * g.h * g.w);
        // Reading past the row only reaches X's next row or plane, which is
        // harmless, except after the block's last channel, which may be the
        // tensor's last.
        bool plain = valid == L || c < L - 1;
        rows.push_back(
            plain ? kb.b.create<vector::LoadOp>(kb.loc, kb.vec(L), x, at)
                  : kb.load(x, at, L, valid));
      }
      SmallVector<Value> cols = transposeLanes(kb, rows);
      Value dst = kb.add(base, kb.mul(kb.add(w0, g.pl), L));
      for (int64_t k = 0; k < valid; ++k)
        kb.b.create<vector::StoreOp>(kb.loc, cols[k], ring, kb.add(dst, k * L));
    };
    int64_t whole = g.w / L;
    kb.forLoop(kb.idx(0), kb.idx(whole), 1,
               [&](Value v) { vectorAt(kb.mul(v, L), L); });
    if (int64_t rest = g.w - whole * L)
      vectorAt(kb.idx(whole * L), rest);
  }

  /// Zeroes the input columns of the ring row at `base` (a row above or
  /// below the image).
  void zero(Value base) {
    Value z = kb.splat(p.lanes, 0.0f);
    kb.forLoop(kb.idx(0), kb.idx(p.g.w), 1, [&](Value k) {
      kb.b.create<vector::StoreOp>(
          kb.loc, z, ring, kb.add(base, kb.mul(kb.add(k, p.g.pl), p.lanes)));
    });
  }

  /// Brings input row oh * sh - pt + i into its ring slot.
  void bring(Value xBase, Value oh, Value i) {
    const ConvGeometry &g = p.g;
    Value ihPlusPt = kb.add(kb.mul(oh, g.sh), i);
    Value ih = kb.add(ihPlusPt, -g.pt);
    Value base = slotBase(ihPlusPt);
    Value inside = kb.b.create<arith::AndIOp>(
        kb.loc, kb.cmp(arith::CmpIPredicate::sge, ih, 0),
        kb.cmp(arith::CmpIPredicate::slt, ih, g.h));
    kb.ifThen(inside, [&] { fill(xBase, ih, base); }, [&] { zero(base); });
  }

  /// Outputs [ow0, ow0 + count) of a row into \p out at \p outAt (the
  /// row buffer, or an NCHWc Y's row).
  void outputs(ArrayRef<Value> slots, Value ow0, int64_t count, Value out,
               Value outAt) {
    const ConvGeometry &g = p.g;
    int64_t L = p.lanes;
    OpBuilder &b = kb.b;
    SmallVector<Value> acc(count, bias ? bias : kb.splat(L, 0.0f));
    Value col0 = kb.mul(ow0, g.sw * L);
    for (int64_t i = 0; i < g.kh; ++i) {
      Value rowAt = kb.add(slots[i], col0);
      for (int64_t j = 0; j < g.kw; ++j)
        for (int64_t r = 0; r < count; ++r) {
          Value v = b.create<vector::LoadOp>(kb.loc, kb.vec(L), ring,
                                             kb.add(rowAt, (r * g.sw + j) * L));
          acc[r] =
              b.create<vector::FMAOp>(kb.loc, v, weights[i * g.kw + j], acc[r]);
        }
    }
    for (int64_t r = 0; r < count; ++r)
      b.create<vector::StoreOp>(kb.loc, epilogue.apply(kb, acc[r]), out,
                                kb.add(outAt, kb.add(kb.mul(ow0, L), r * L)));
  }

  /// Row oh of the block's L output planes (yBase: channel c0's plane).
  void row(Value yBase, Value oh) {
    const ConvGeometry &g = p.g;
    int64_t L = p.lanes;
    SmallVector<Value> slots;
    for (int64_t i = 0; i < g.kh; ++i)
      slots.push_back(slotBase(kb.add(kb.mul(oh, g.sh), i)));
    // An NCHWc Y takes the row as it is (yBase: the block's plane);
    // otherwise it goes through the row buffer and back to channel rows.
    Value out = g.block ? y : outRow;
    Value outAt = g.block ? kb.add(yBase, kb.mul(oh, g.ow * L)) : kb.idx(0);
    int64_t groups = g.ow / kDepthwiseGroup;
    kb.forLoop(kb.idx(0), kb.idx(groups), 1, [&](Value grp) {
      outputs(slots, kb.mul(grp, kDepthwiseGroup), kDepthwiseGroup, out, outAt);
    });
    if (int64_t rest = g.ow - groups * kDepthwiseGroup)
      outputs(slots, kb.idx(groups * kDepthwiseGroup), rest, out, outAt);
    if (g.block)
      return;

    // Back to channel rows: the whole vectors of the row in a loop, a
    // partial last one after it.
    Value rowAt = kb.add(yBase, kb.mul(oh, g.ow));
    auto transposed = [&](Value w0) {
      SmallVector<Value> cols;
      for (int64_t k = 0; k < L; ++k)
        cols.push_back(kb.b.create<vector::LoadOp>(
            kb.loc, kb.vec(L), outRow, kb.add(kb.mul(w0, L), k * L)));
      return transposeLanes(kb, cols);
    };
    int64_t whole = g.ow / L;
    kb.forLoop(kb.idx(0), kb.idx(whole), 1, [&](Value v) {
      Value w0 = kb.mul(v, L);
      SmallVector<Value> rows = transposed(w0);
      for (int64_t c = 0; c < L; ++c)
        kb.b.create<vector::StoreOp>(
            kb.loc, rows[c], y, kb.add(kb.add(rowAt, w0), c * g.oh * g.ow));
    });
    if (int64_t w0 = whole * L; w0 < g.ow) {
      SmallVector<Value> rows = transposed(kb.idx(w0));
      int64_t valid = g.ow - w0;
      auto store = [&](bool plain) {
        for (int64_t c = 0; c < L; ++c) {
          Value at = kb.add(rowAt, c * g.oh * g.ow + w0);
          if (plain)
            kb.b.create<vector::StoreOp>(kb.loc, rows[c], y, at);
          else
            kb.store(rows[c], y, at, valid);
        }
      };
      // A full vector from row oh stays in the plane while
      // oh * ow + w0 + L <= oh_total * ow; what it writes past the row is
      // then rewritten by a later row.
      int64_t last = (g.oh * g.ow - w0 - L);
      if (last < 0)
        store(false);
      else
        kb.ifThen(
            kb.cmp(arith::CmpIPredicate::sle, oh, last / g.ow),
            [&] { store(true); }, [&] { store(false); });
    }
  }
};

} // namespace

bool canEmitDepthwiseBlocked(const ConvGeometry &g, int64_t lanes) {
  if (g.c % lanes != 0 || g.dh != 1 || g.dw != 1 || g.cout != g.c)
    return false;
  BlockedPlan p = planOf(g, lanes);
  int64_t bytes = (g.kh * p.ringCols + p.outCols) * lanes * 4;
  return bytes <= 64 * 1024;
}

int64_t emitDepthwiseBlocked(KB &kb, const ConvGeometry &g, int64_t lanes,
                             Value x, Value w, Value biasBuf, Value y,
                             Value begin, Value end, const Epilogue &epilogue) {
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  BlockedPlan p = planOf(g, lanes);
  int64_t L = lanes, taps = g.kh * g.kw, blocks = g.c / L;
  auto buffer = [&](int64_t n) -> Value {
    return b.create<memref::AllocaOp>(loc, MemRefType::get({n}, b.getF32Type()),
                                      b.getI64IntegerAttr(64));
  };
  Value ring = buffer(g.kh * p.ringCols * L);
  Value outRow = buffer(p.outCols * L);
  // The pad columns of the ring stay zero: fills write the others.
  Value z = kb.splat(L, 0.0f);
  kb.forLoop(kb.idx(0), kb.idx(g.kh * p.ringCols), 1, [&](Value k) {
    b.create<vector::StoreOp>(loc, z, ring, kb.mul(k, L));
  });

  // Tap t of channel c is w[c * taps + t].
  SmallVector<int32_t> lanesAt;
  for (int64_t c = 0; c < L; ++c)
    lanesAt.push_back(static_cast<int32_t>(c * taps));
  auto indexType = VectorType::get({L}, b.getI32Type());
  Value indices = b.create<arith::ConstantOp>(
      loc, DenseElementsAttr::get(indexType, ArrayRef<int32_t>(lanesAt)));
  Value all = kb.mask(L, [](int64_t) { return true; });

  int64_t items = g.batch * blocks;
  kb.forLoop(begin, end, 1, [&](Value item) {
    Value c0 = kb.mul(kb.rems(item, blocks), L);
    Value n = kb.divs(item, blocks);
    Value plane0 = kb.add(kb.mul(n, g.c), c0);
    Value xBase = kb.mul(plane0, g.h * g.w);
    Value yBase = kb.mul(plane0, g.oh * g.ow);
    BlockedEmitter e{kb, p, x, y, ring, outRow, {}, {}, epilogue};
    for (int64_t t = 0; t < taps; ++t)
      e.weights.push_back(b.create<vector::GatherOp>(
          loc, kb.vec(L), w, ValueRange{kb.add(kb.mul(c0, taps), t)}, indices,
          all, z));
    if (biasBuf)
      e.bias = b.create<vector::LoadOp>(loc, kb.vec(L), biasBuf, c0);
    // Rows new to output row oh: all kh at the first, then the last
    // min(sh, kh). One loop for both, so that the fills and the row are
    // emitted once.
    int64_t firstNew = std::max<int64_t>(g.kh - g.sh, 0);
    kb.forLoop(kb.idx(0), kb.idx(g.oh), 1, [&](Value oh) {
      Value from = b.create<arith::SelectOp>(
          loc, kb.cmp(arith::CmpIPredicate::eq, oh, 0), kb.idx(0),
          kb.idx(firstNew));
      kb.forLoop(from, kb.idx(g.kh), 1,
                 [&](Value i) { e.bring(xBase, oh, i); });
      e.row(yBase, oh);
    });
  });
  return items;
}

} // namespace kiln::cpu::kernels
