//===- Pool.cpp - kiln.max_pool and kiln.average_pool, vectorized ---------===//
//
// 2-D MaxPool (without Indices) and AveragePool over NCHW f32, any kernel,
// stride, dilation, padding, auto_pad or ceil_mode. The work item is one
// (image, channel) plane; output columns go in vectors.
//
//  - Each input row a window reads is first copied into a row buffer that
//    holds the row with its padding (the pool's neutral value: -inf for
//    max, 0 for average) split into `sw` column phases:
//      ring[slot][phase][m] = Xpadded[ih][m * sw + phase]
//    so that tap (i, j) of output columns [ow0, ow0 + lanes) is one plain
//    vector load: phase (j * dw) % sw, from m = ow0 + (j * dw) / sw. No tap
//    needs a mask or a bounds check. At stride 1 a row is copied in
//    vectors, at stride 2 split with two vector loads and two shuffles per
//    2 * lanes columns (the row's last vectors with masked loads); other
//    strides copy scalars.
//  - The buffers form a ring of span rows (span: the input rows a window
//    covers; span + sh with the lookahead below), slot ih % rows:
//    consecutive output rows share input rows, so each input row is copied
//    once per plane (at stride 1 or 2 in height). Where taps read a row at
//    other offsets than it was stored at (any padding or a window wider
//    than the stride), the rows of output row o + 2 are copied right after
//    output row o is computed, one row ahead of their use: a load
//    overlapping recent stores that way waits for them to reach L1.
//  - Output rows are classified at compile time (shapes are static): rows
//    whose window rows all lie inside the image run in one loop, edge rows
//    are emitted on their own with only their valid kernel rows.
//  - Up to 4 output vectors are computed at once (independent accumulator
//    chains); a partial last vector is stored with a mask.
//  - Max keeps the reference kernel's choice among equal values and NaNs,
//    the first in row-major tap order: a later value replaces an earlier
//    one when greater or NaN, unless the earlier one is NaN (so of -0 and
//    +0 the first one seen stays, as seed 3146 of the graph fuzzer
//    required). That choice is associative, so a window's taps combine as
//    a balanced tree in order, not as one long dependency chain.
//  - Average sums in f32 and divides by the count of the window (a row
//    count times a column count, as in the linalg lowering).
//
//===----------------------------------------------------------------------===//
#include "../lower/Window.h"
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

#include <limits>
#include <optional>

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Bytes of row buffers above which a pool is left to the linalg lowering
/// (the ring is on the worker's stack).
constexpr int64_t kMaxRingBytes = 64 * 1024;

/// Output vectors computed together.
constexpr int64_t kPoolGroup = 4;

struct PoolPlan {
  bool isMax = true, includePad = false;
  int64_t n, c, h, w, oh, ow, kh, kw, sh, sw, dh, dw, pt, pl;
  int64_t lanes;
  /// Input rows a window spans, and the ring's rows: span + sh with
  /// lookahead, so that the rows of output row o + 2 are copied while row
  /// o + 1's are read, else span.
  int64_t span, ringRows;
  /// Rows are copied one output row ahead: the taps load them at other
  /// offsets than the copy stored them at.
  bool lookahead;
  /// Floats per phase of a ring row (a multiple of lanes).
  int64_t phaseLen;
  /// Window counts of each output row and column (average only).
  SmallVector<double> rowCounts, colCounts;

  int64_t ringFloats() const { return ringRows * sw * phaseLen; }
  /// Valid kernel rows of output row \p o.
  SmallVector<int64_t> rowsOf(int64_t o) const {
    SmallVector<int64_t> rows;
    for (int64_t i = 0; i < kh; ++i) {
      int64_t ih = o * sh + i * dh - pt;
      if (ih >= 0 && ih < h)
        rows.push_back(i);
    }
    return rows;
  }
};

std::optional<PoolPlan> planOf(Operation *op) {
  bool isMax = isa<MaxPoolOp>(op);
  if ((!isMax && !isa<AveragePoolOp>(op)) || op->getNumResults() != 1)
    return std::nullopt;
  auto xType = cast<RankedTensorType>(op->getOperand(0).getType());
  auto yType = cast<RankedTensorType>(op->getResult(0).getType());
  if (xType.getRank() != 4 || yType.getRank() != 4)
    return std::nullopt;
  window::Window win;
  if (!window::poolWindow(op, xType, win,
                          window::intAttr(op, "ceil_mode", 0) != 0))
    return std::nullopt;
  PoolPlan p;
  p.isMax = isMax;
  p.includePad = window::intAttr(op, "count_include_pad", 0) != 0;
  p.n = xType.getDimSize(0);
  p.c = xType.getDimSize(1);
  p.h = win.in[0];
  p.w = win.in[1];
  p.oh = win.out[0];
  p.ow = win.out[1];
  if (yType.getShape() != ArrayRef<int64_t>{p.n, p.c, p.oh, p.ow})
    return std::nullopt;
  p.kh = win.kernel[0];
  p.kw = win.kernel[1];
  p.sh = win.strides[0];
  p.sw = win.strides[1];
  p.dh = win.dilations[0];
  p.dw = win.dilations[1];
  p.pt = win.padBegin[0];
  p.pl = win.padBegin[1];
  p.lanes = hostLanes();
  p.span = (p.kh - 1) * p.dh + 1;
  // Taps load at the offsets the copy stored at when no tap shifts (the
  // phases of stride 2 absorb one column of shift) and no padding does.
  p.lookahead = p.pl != 0 || (p.kw - 1) * p.dw >= std::min<int64_t>(p.sw, 2);
  p.ringRows = p.span + (p.lookahead ? p.sh : 0);
  // Taps read m < vectors * lanes + (kw - 1) * dw / sw. Row copies write
  // whole vectors (the lanes past the row's end hold the neutral value, as
  // that padding should) up to m < pl + w rounded up to lanes at stride 1,
  // to (w rounded up to 2 * lanes) / 2 + (pl + 1) / 2 at stride 2, and
  // scalars up to m <= (w - 1 + pl) / sw otherwise.
  auto roundUp = [](int64_t v, int64_t m) { return (v + m - 1) / m * m; };
  int64_t vectors = (p.ow + p.lanes - 1) / p.lanes;
  int64_t need = std::max(vectors * p.lanes + (p.kw - 1) * p.dw / p.sw,
                          (p.w - 1 + p.pl) / p.sw + 1);
  if (p.sw == 1)
    need = std::max(need, p.pl + roundUp(p.w, p.lanes));
  if (p.sw == 2)
    need = std::max(need, roundUp(p.w, 2 * p.lanes) / 2 + (p.pl + 1) / 2);
  p.phaseLen = (need + p.lanes - 1) / p.lanes * p.lanes;
  if (p.span > 64 || p.sh > 64 || p.sw > 64 ||
      p.ringFloats() * 4 > kMaxRingBytes)
    return std::nullopt;
  if (!isMax) {
    p.rowCounts = window::windowCounts(win, 0, p.includePad);
    p.colCounts = window::windowCounts(win, 1, p.includePad);
  }
  return p;
}

/// Emits the kernel body for one plan.
struct PoolEmitter {
  KB &kb;
  const PoolPlan &p;
  Value x, y, ring;
  /// Column counts, vectors * lanes of them (average only).
  Value colCounts;
  const EpilogueTail &tail;
  /// Flat offsets of the current plane in X and in Y.
  Value plane, outPlane;

  Value smax(Value a, int64_t v) {
    return kb.b.create<arith::MaxSIOp>(kb.loc, a, kb.idx(v));
  }
  Value smin(Value a, int64_t v) {
    return kb.b.create<arith::MinSIOp>(kb.loc, a, kb.idx(v));
  }
  float neutral() const {
    return p.isMax ? -std::numeric_limits<float>::infinity() : 0.0f;
  }

  /// Copies input row \p ih (0 <= ih < h) of the plane into its ring slot.
  void copyRow(Value ih) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    int64_t L = p.lanes;
    Value src = kb.add(plane, kb.mul(ih, p.w));
    Value dst = kb.mul(kb.rems(ih, p.ringRows), p.sw * p.phaseLen);
    // A vector of the row at column c, lanes past column `valid` (when
    // below lanes) set to the neutral value.
    Value fill = kb.splat(L, neutral());
    auto loadRow = [&](Value c, int64_t valid) -> Value {
      Value at = kb.add(src, c);
      if (valid >= L)
        return b.create<vector::LoadOp>(loc, kb.vec(L), x, at);
      if (valid <= 0)
        return fill;
      Value m = kb.mask(L, [&](int64_t l) { return l < valid; });
      return b.create<vector::MaskedLoadOp>(loc, kb.vec(L), x, at, m, fill);
    };
    if (p.sw == 1) {
      int64_t full = p.w / L * L;
      auto copy = [&](Value c, int64_t valid) {
        b.create<vector::StoreOp>(loc, loadRow(c, valid), ring,
                                  kb.add(kb.add(dst, c), p.pl));
      };
      kb.forLoop(kb.idx(0), kb.idx(full), L, [&](Value c) { copy(c, L); });
      if (full < p.w)
        copy(kb.idx(full), p.w - full);
      return;
    }
    if (p.sw == 2) {
      // Columns c0 + 2t go to phase pl % 2 at m = c0 / 2 + pl / 2 + t,
      // columns c0 + 2t + 1 to phase (pl + 1) % 2 at c0 / 2 + (pl + 1) / 2.
      SmallVector<int64_t> evens, odds;
      for (int64_t t = 0; t < L; ++t) {
        evens.push_back(2 * t);
        odds.push_back(2 * t + 1);
      }
      Value evenBase = kb.add(dst, (p.pl % 2) * p.phaseLen + p.pl / 2);
      Value oddBase =
          kb.add(dst, ((p.pl + 1) % 2) * p.phaseLen + (p.pl + 1) / 2);
      auto split = [&](Value c, int64_t valid) {
        Value lo = loadRow(c, valid);
        Value hi = loadRow(kb.add(c, L), valid - L);
        Value half = kb.divs(c, 2);
        b.create<vector::StoreOp>(
            loc, b.create<vector::ShuffleOp>(loc, lo, hi, evens), ring,
            kb.add(evenBase, half));
        b.create<vector::StoreOp>(
            loc, b.create<vector::ShuffleOp>(loc, lo, hi, odds), ring,
            kb.add(oddBase, half));
      };
      int64_t full = p.w / (2 * L) * (2 * L);
      kb.forLoop(kb.idx(0), kb.idx(full), 2 * L,
                 [&](Value c) { split(c, 2 * L); });
      if (full < p.w)
        split(kb.idx(full), p.w - full);
      return;
    }
    // Other strides one column at a time: q = c + pl goes to phase q % sw,
    // m = q / sw.
    kb.forLoop(kb.idx(0), kb.idx(p.w), 1, [&](Value c) {
      Value q = kb.add(c, p.pl);
      Value v = b.create<memref::LoadOp>(loc, x, kb.add(src, c));
      Value at = kb.add(
          dst, kb.add(kb.mul(kb.rems(q, p.sw), p.phaseLen), kb.divs(q, p.sw)));
      b.create<memref::StoreOp>(loc, v, ring, at);
    });
  }

  /// Copies the input rows output row \p o reads that no earlier output
  /// row of the plane copied (\p first: o is the plane's first row).
  void copyNewRows(Value o, bool first) {
    Value lo = kb.add(kb.mul(o, p.sh), -p.pt);
    // Rows [lo, lo + span) are read; the previous output row copied up to
    // lo - sh + span - 1.
    Value start = first || p.sh >= p.span ? lo : kb.add(lo, p.span - p.sh);
    Value stop = smin(kb.add(lo, p.span), p.h);
    kb.forLoop(smax(start, 0), stop, 1, [&](Value ih) { copyRow(ih); });
  }

  /// Combines \p acc, the result of earlier taps, with \p v, that of later
  /// ones.
  Value combine(Value acc, Value v) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    if (!p.isMax)
      return b.create<arith::AddFOp>(loc, acc, v);
    // v replaces acc when greater or unordered, unless acc is NaN.
    Value take = b.create<arith::AndIOp>(
        loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UGT, v, acc),
        b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::ORD, acc, acc));
    return b.create<arith::SelectOp>(loc, take, v, acc);
  }

  /// Output vectors [ow0 + u * lanes) for u < count of output row \p o
  /// (with kernel rows \p rows valid), the last with \p lastValid lanes.
  void group(Value o, ArrayRef<int64_t> rows, double rowCount, Value ow0,
             int64_t count, int64_t lastValid) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    int64_t L = p.lanes;
    Value lo = kb.add(kb.mul(o, p.sh), -p.pt);
    // Taps in row-major order per output vector, combined as a balanced
    // tree that keeps their order (the combination is associative), so the
    // dependency chains are log2(taps) long rather than taps long.
    SmallVector<SmallVector<Value>> taps(count);
    for (int64_t i : rows) {
      Value ih = kb.add(lo, i * p.dh);
      Value slot = kb.mul(kb.rems(ih, p.ringRows), p.sw * p.phaseLen);
      for (int64_t j = 0; j < p.kw; ++j) {
        int64_t q = j * p.dw;
        Value base =
            kb.add(kb.add(slot, (q % p.sw) * p.phaseLen + q / p.sw), ow0);
        for (int64_t u = 0; u < count; ++u)
          taps[u].push_back(b.create<vector::LoadOp>(loc, kb.vec(L), ring,
                                                     kb.add(base, u * L)));
      }
    }
    SmallVector<Value> acc;
    for (SmallVector<Value> &t : taps) {
      if (t.empty())
        t.push_back(kb.splat(L, neutral()));
      while (t.size() > 1) {
        SmallVector<Value> next;
        for (size_t k = 0; k + 1 < t.size(); k += 2)
          next.push_back(combine(t[k], t[k + 1]));
        if (t.size() % 2)
          next.push_back(t.back());
        t = std::move(next);
      }
      acc.push_back(t.front());
    }
    Value rowBase = kb.add(kb.add(outPlane, kb.mul(o, p.ow)), ow0);
    for (int64_t u = 0; u < count; ++u) {
      Value v = acc[u];
      if (!p.isMax) {
        Value cols = b.create<vector::LoadOp>(loc, kb.vec(L), colCounts,
                                              kb.add(ow0, u * L));
        Value counts = b.create<arith::MulFOp>(
            loc, kb.splat(L, static_cast<float>(rowCount)), cols);
        v = b.create<arith::DivFOp>(loc, v, counts);
      }
      if (tail)
        v = tail(b, loc, v);
      kb.store(v, y, kb.add(rowBase, u * L), u + 1 == count ? lastValid : L);
    }
  }

  /// Output row \p o, whose valid kernel rows are \p rows (\p first: the
  /// plane's first row). With lookahead its rows were copied by now, and
  /// row o + 2's new rows are copied after it: that keeps the vector loads
  /// of the taps away from the stores that wrote them, since a load
  /// overlapping two recent stores at another offset cannot take its data
  /// from the store buffer and waits for both to reach L1 (on 7x7 planes
  /// that wait was most of the kernel's time). Without, its rows are copied
  /// first (each tap then loads exactly what one store wrote).
  void row(Value o, ArrayRef<int64_t> rows, double rowCount, bool first) {
    if (!p.lookahead)
      copyNewRows(o, first);
    int64_t L = p.lanes, full = p.ow / L, partial = p.ow % L;
    // Full vectors: groups of kPoolGroup in a loop, then the rest, then the
    // partial vector on its own.
    int64_t groups = full / kPoolGroup;
    if (groups > 1) {
      kb.forLoop(
          kb.idx(0), kb.idx(groups * kPoolGroup * L), kPoolGroup * L,
          [&](Value ow0) { group(o, rows, rowCount, ow0, kPoolGroup, L); });
    } else if (groups == 1) {
      group(o, rows, rowCount, kb.idx(0), kPoolGroup, L);
    }
    if (int64_t rest = full - groups * kPoolGroup)
      group(o, rows, rowCount, kb.idx(groups * kPoolGroup * L), rest, L);
    if (partial)
      group(o, rows, rowCount, kb.idx(full * L), 1, partial);
    // Rows past the image are skipped, so past the last output row this
    // copies nothing or rows no output row reads.
    if (p.lookahead)
      copyNewRows(kb.add(o, 2), /*first=*/false);
  }
};

} // namespace

bool canEmitPool(Operation *op) { return planOf(op).has_value(); }

int64_t estimatePoolTaps(Operation *op) {
  std::optional<PoolPlan> p = planOf(op);
  return p ? p->n * p->c * p->oh * p->ow * p->kh * p->kw : 0;
}

FailureOr<int64_t> emitPool(OpBuilder &b, Operation *op, ValueRange operands,
                            ValueRange results, Value begin, Value end,
                            const EpilogueTail &tail) {
  std::optional<PoolPlan> plan = planOf(op);
  if (!plan)
    return failure();
  const PoolPlan &p = *plan;
  Location loc = op->getLoc();
  KB kb{b, loc};
  Value x = operandBuffer(b, op, operands, 0);
  if (!x)
    return failure();
  Value y = flatten(b, loc, results[0]);

  // The ring, its padding columns set to the neutral value once: row copies
  // only write the columns inside the image.
  Value ring = b.create<memref::AllocaOp>(
      loc, MemRefType::get({p.ringFloats()}, b.getF32Type()),
      b.getI64IntegerAttr(64));
  PoolEmitter e{kb, p, x, y, ring, Value(), tail, Value(), Value()};
  Value fill = kb.splat(p.lanes, e.neutral());
  kb.forLoop(kb.idx(0), kb.idx(p.ringFloats()), p.lanes,
             [&](Value at) { b.create<vector::StoreOp>(loc, fill, ring, at); });
  if (!p.isMax) {
    int64_t vectors = (p.ow + p.lanes - 1) / p.lanes;
    SmallVector<float> cols(vectors * p.lanes, 1.0f);
    for (int64_t i = 0; i < p.ow; ++i)
      cols[i] = static_cast<float>(p.colCounts[i]);
    e.colCounts = constantBuffer(b, loc, cols);
  }

  // Output rows whose window rows all lie inside the image: [rowLo, rowHi)
  // (for average, also with the same count).
  auto interior = [&](int64_t o) {
    return (int64_t)p.rowsOf(o).size() == p.kh &&
           (p.isMax || p.rowCounts[o] == p.kh);
  };
  int64_t rowLo = 0;
  while (rowLo < p.oh && !interior(rowLo))
    ++rowLo;
  int64_t rowHi = rowLo;
  while (rowHi < p.oh && interior(rowHi))
    ++rowHi;
  // Without lookahead the first row copies all its input rows: on its own.
  int64_t loopStart = p.lookahead ? rowLo : std::max<int64_t>(rowLo, 1);
  int64_t loopEnd = std::max(loopStart, rowHi);
  SmallVector<int64_t> all;
  for (int64_t i = 0; i < p.kh; ++i)
    all.push_back(i);

  kb.forLoop(begin, end, 1, [&](Value item) {
    e.plane = kb.mul(item, p.h * p.w);
    e.outPlane = kb.mul(item, p.oh * p.ow);
    auto single = [&](int64_t o) {
      e.row(kb.idx(o), p.rowsOf(o), p.isMax ? 0 : p.rowCounts[o], o == 0);
    };
    if (p.lookahead) {
      e.copyNewRows(kb.idx(0), /*first=*/true);
      if (p.oh > 1)
        e.copyNewRows(kb.idx(1), /*first=*/false);
    }
    for (int64_t o = 0; o < std::min(loopStart, p.oh); ++o)
      single(o);
    kb.forLoop(kb.idx(loopStart), kb.idx(loopEnd), 1,
               [&](Value o) { e.row(o, all, p.kh, /*first=*/false); });
    for (int64_t o = loopEnd; o < p.oh; ++o)
      single(o);
  });
  return p.n * p.c;
}

} // namespace kiln::cpu::kernels
