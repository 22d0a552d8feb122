//===- DepthwiseConv.cpp - kiln.depthwise_conv, vectorized along width ----===//
//
// Each channel is an independent 2-D filter over its own plane, so the work
// item is one (image, channel) plane and there is no reduction across
// channels to block for. The tiling:
//
//  - The channel's kh * kw weights are broadcast into vector registers once
//    per plane (9 registers for 3x3) and the bias into one more.
//  - Output rows are classified at compile time (shapes are static): rows
//    whose whole window lies inside the image run in one loop with every
//    tap; each edge row (pads / stride many of them) is emitted on its own
//    with only its valid kernel rows, so no row needs a bounds check.
//  - At stride 1, interior rows go two at a time: they share all but one
//    input row, so each input vector loaded feeds up to two FMAs.
//  - Along a row, output columns go in vectors. Interior vectors (every tap
//    of every lane inside the row) run in a loop, 4 accumulators at a time
//    (2 rows x 2 vectors, or 4 vectors); each tap is one unaligned load,
//    usually folded into its FMA. Edge vectors are emitted one by one with
//    constant masks: lanes outside the row are zeroed by a masked load with
//    AVX-512; with AVX2, whose masked loads are slow on AMD Zen, by a blend
//    after a plain load (a masked load only in the first and last plane of
//    X, where a plain load could leave the buffer: each plane's code is
//    emitted twice, which AVX-512 spares the compile). A partial last
//    vector is stored by read-blend-write (a masked store only in a plane's
//    last row).
//  - At stride 2, each input row is split once into its even and odd
//    columns, zero-padded, in a small ring buffer that stays in L1; every
//    tap is then a plain unaligned load from one of the two phases. (The
//    split is where X is read: for large inputs it runs at the speed of
//    L3, the taps themselves at about 75% of FMA peak.)
//  - The epilogue (bias, activation) is applied before the store.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

#include <functional>
#include <map>

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

struct DepthwisePlan : ConvGeometry {
  int64_t lanes;
};

/// Emits the rows of one plane.
struct RowEmitter {
  KB &kb;
  const DepthwisePlan &p;
  Value x, y;
  /// Broadcast weights [i * kw + j] and bias (null when absent).
  SmallVector<Value> weights;
  Value bias;
  const Epilogue &epilogue;
  /// At stride 2: the input rows of the current output row, zero-padded
  /// and split into even and odd columns, in a ring of `ring` rows:
  /// phases[phase][ih % ring][m] = X[ih][2 * m + phase - pl] (0 outside the
  /// row), `phaseLen` values per row (a few KB: it stays in L1). Each input
  /// row is split once, when the first output row that reads it comes.
  /// Null when taps read X directly.
  Value phases;
  int64_t phaseLen = 0, ring = 1;
  /// The plane is neither the first nor the last of X: loads that leave a
  /// row stay inside X, so edge taps load plainly and zero the lanes outside
  /// the row with a select (a blend) instead of a masked load, which is slow
  /// on some CPUs (AMD Zen) with AVX2; never set when fastMaskedLoads().
  bool blend = false;

  /// Lanes `on` of the vector at x[at], zero elsewhere (KB::loadLanes).
  Value loadLanes(Value at, const std::function<bool(int64_t)> &on) {
    return kb.loadLanes(x, at, p.lanes, on, blend);
  }

  /// Stores lanes [0, valid) of `v` at y[at]. Inside the plane the other
  /// lanes belong to this work item, so they are read and written back (a
  /// blend); only in the plane's last row (`lastRow`) is a masked store
  /// needed, since the next plane may belong to another worker.
  void storeLanes(Value v, Value at, int64_t valid, bool lastRow) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    if (valid >= p.lanes || lastRow) {
      kb.store(v, y, at, valid);
      return;
    }
    Value m = kb.mask(p.lanes, [&](int64_t l) { return l < valid; });
    Value old = b.create<vector::LoadOp>(loc, kb.vec(p.lanes), y, at);
    Value merged = b.create<arith::SelectOp>(loc, m, v, old);
    b.create<vector::StoreOp>(loc, merged, y, at);
  }

  /// True when lane `e` of the (two-vector at stride 2) load for output
  /// vector ow0 and kernel column j reads inside the row, for an output
  /// lane that is stored.
  bool inRow(int64_t ow0, int64_t j, int64_t e) const {
    int64_t iw = ow0 * p.sw + j * p.dw - p.pl + e;
    int64_t outLane = p.sw == 1 ? e : e / p.sw;
    return ow0 + outLane < p.ow && iw >= 0 && iw < p.w;
  }

  /// Interior: every lane of every tap inside the row, all lanes stored.
  bool interior(int64_t ow0) const {
    if (ow0 + p.lanes > p.ow)
      return false;
    if (phases)
      return true;
    int64_t span = p.sw * p.lanes;
    for (int64_t j = 0; j < p.kw; ++j) {
      int64_t iw0 = ow0 * p.sw + j * p.dw - p.pl;
      if (iw0 < 0 || iw0 + span > p.w)
        return false;
    }
    return true;
  }

  /// The input vector of tap (row base, j) for output vector ow0: static
  /// ow0 for edge vectors (masked), dynamic for interior ones.
  Value tap(Value rowBase, Value ow0Dyn, int64_t ow0, int64_t j, bool masked) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    int64_t lanes = p.lanes;
    if (phases) {
      // Padded phases: never out of the row, no masks.
      int64_t q = j * p.dw, phase = q % 2;
      Value at =
          kb.add(kb.add(rowBase, ow0Dyn), phase * ring * phaseLen + q / 2);
      return b.create<vector::LoadOp>(loc, kb.vec(lanes), phases, at);
    }
    Value at = kb.add(kb.add(rowBase, kb.mul(ow0Dyn, p.sw)), j * p.dw - p.pl);
    auto loadPart = [&](int64_t part) -> Value {
      Value where = kb.add(at, part * lanes);
      if (!masked)
        return b.create<vector::LoadOp>(loc, kb.vec(lanes), x, where);
      return loadLanes(
          where, [&](int64_t e) { return inRow(ow0, j, part * lanes + e); });
    };
    if (p.sw == 1)
      return loadPart(0);
    SmallVector<int64_t> evens;
    for (int64_t l = 0; l < lanes; ++l)
      evens.push_back(2 * l);
    return b.create<vector::ShuffleOp>(loc, loadPart(0), loadPart(1), evens);
  }

  /// `count` output vectors starting at column ow0 (dynamic; `ow0Static`
  /// for masked edge vectors) of `rows.size()` consecutive output rows
  /// starting at `oh`; rows[u] lists the kernel rows valid for output row
  /// u. An input row that several output rows read (u * sh + i * dh equal)
  /// is loaded once.
  void vectors(ArrayRef<SmallVector<int64_t>> rows, Value plane, Value outPlane,
               Value oh, Value ow0, int64_t ow0Static, int64_t count,
               bool masked, int64_t lastU) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    int64_t nrows = rows.size();
    SmallVector<Value> acc;
    for (int64_t a = 0; a < nrows * count; ++a)
      acc.push_back(bias ? bias : kb.splat(p.lanes, 0.0f));
    // Input row offsets t = u * sh + i * dh, in order.
    std::map<int64_t, SmallVector<std::pair<int64_t, int64_t>>> uses;
    for (int64_t u = 0; u < nrows; ++u)
      for (int64_t i : rows[u])
        uses[u * p.sh + i * p.dh].push_back({u, i});
    Value top = kb.add(kb.mul(oh, p.sh), -p.pt);
    for (auto &[t, pairs] : uses) {
      Value ih = kb.add(top, t);
      Value rowBase = phases ? kb.mul(kb.rems(ih, ring), phaseLen)
                             : kb.add(plane, kb.mul(ih, p.w));
      for (int64_t j = 0; j < p.kw; ++j)
        for (int64_t v = 0; v < count; ++v) {
          Value in = tap(rowBase, kb.add(ow0, v * p.lanes),
                         ow0Static + v * p.lanes, j, masked);
          for (auto [u, i] : pairs)
            acc[u * count + v] = b.create<vector::FMAOp>(
                loc, in, weights[i * p.kw + j], acc[u * count + v]);
        }
    }
    for (int64_t u = 0; u < nrows; ++u) {
      Value outRow = kb.add(outPlane, kb.mul(kb.add(oh, u), p.ow));
      for (int64_t v = 0; v < count; ++v) {
        Value out = epilogue.apply(kb, acc[u * count + v]);
        int64_t valid =
            masked ? std::min<int64_t>(p.lanes, p.ow - ow0Static - v * p.lanes)
                   : p.lanes;
        storeLanes(out, kb.add(outRow, kb.add(ow0, v * p.lanes)), valid,
                   u == lastU);
      }
    }
  }

  /// Fills ring slot `slot` of `phases` with the input row at flat index
  /// `rowX`: per 2 * lanes columns, the loads (masked at the row's ends) and
  /// two shuffles.
  void splitRow(Value rowX, Value slot) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    int64_t lanes = p.lanes;
    SmallVector<int64_t> evens, odds;
    for (int64_t l = 0; l < lanes; ++l) {
      evens.push_back(2 * l);
      odds.push_back(2 * l + 1);
    }
    Value rowE = kb.mul(slot, phaseLen);
    Value rowO = kb.add(rowE, ring * phaseLen);
    for (int64_t m0 = 0; m0 < phaseLen; m0 += lanes) {
      int64_t q0 = 2 * m0 - p.pl;
      Value half[2];
      for (int64_t h = 0; h < 2; ++h)
        half[h] = loadLanes(kb.add(rowX, q0 + h * lanes), [&](int64_t e) {
          int64_t q = q0 + h * lanes + e;
          return q >= 0 && q < p.w;
        });
      Value e = b.create<vector::ShuffleOp>(loc, half[0], half[1], evens);
      Value o = b.create<vector::ShuffleOp>(loc, half[0], half[1], odds);
      b.create<vector::StoreOp>(loc, e, phases, kb.add(rowE, m0));
      b.create<vector::StoreOp>(loc, o, phases, kb.add(rowO, m0));
    }
  }

  /// Splits the input rows output row `oh` reads that no earlier output
  /// row read: all of them for the plane's first row (`first`), else those
  /// past the previous row's last. Rows are visited in order; `ohStatic`
  /// is oh for rows emitted on their own, -1 inside the interior loop
  /// (where every input row exists and there are min(sh, kh) new ones).
  void splitNewRows(Value plane, Value oh, int64_t ohStatic, bool first) {
    auto split = [&](Value ih) {
      splitRow(kb.add(plane, kb.mul(ih, p.w)), kb.rems(ih, ring));
    };
    if (ohStatic < 0) {
      int64_t count = std::min(p.sh, p.kh);
      Value hi = kb.add(kb.mul(oh, p.sh), (p.kh - 1) - p.pt);
      for (int64_t c = count - 1; c >= 0; --c)
        split(kb.add(hi, -c));
      return;
    }
    int64_t lo = ohStatic * p.sh - p.pt, hi = lo + p.kh - 1;
    int64_t from = first ? lo : std::max(lo, hi - p.sh + 1);
    for (int64_t ih = std::max<int64_t>(from, 0); ih <= std::min(hi, p.h - 1);
         ++ih)
      split(kb.idx(ih));
  }

  /// Output rows [oh, oh + rows.size()) (oh dynamic), rows[u] the kernel
  /// rows valid for row u.
  void rowBlock(Value plane, Value outPlane, Value oh,
                ArrayRef<SmallVector<int64_t>> rows, int64_t lastU = -1) {
    // Interior vectors form one run [first, last) of vector starts.
    int64_t numVectors = (p.ow + p.lanes - 1) / p.lanes;
    int64_t first = -1, last = -1;
    for (int64_t v = 0; v < numVectors; ++v)
      if (interior(v * p.lanes)) {
        if (first < 0)
          first = v;
        last = v + 1;
      }
    for (int64_t v = 0; v < numVectors; ++v) {
      if (first >= 0 && v >= first && v < last)
        continue;
      vectors(rows, plane, outPlane, oh, kb.idx(v * p.lanes), v * p.lanes, 1,
              /*masked=*/true, lastU);
    }
    if (first < 0)
      return;
    // Accumulators: rows x group vectors, beside kh * kw weights.
    int64_t group = std::max<int64_t>(1, 4 / (int64_t)rows.size());
    int64_t n = last - first, groups = n / group;
    kb.forLoop(kb.idx(0), kb.idx(groups), 1, [&](Value g) {
      Value ow0 = kb.mul(kb.add(kb.mul(g, group), first), p.lanes);
      vectors(rows, plane, outPlane, oh, ow0, 0, group, /*masked=*/false,
              lastU);
    });
    if (n % group)
      vectors(rows, plane, outPlane, oh,
              kb.idx((first + groups * group) * p.lanes), 0, n % group,
              /*masked=*/false, lastU);
  }
};

/// Whether a stride-1 "same" plane narrower than a vector runs as one flat
/// run of vectors (see emitFlatPlane): it fills lanes better by a quarter
/// or more, in few enough vectors to unroll.
bool flatPlane(const DepthwisePlan &p) {
  int64_t size = p.oh * p.ow, L = p.lanes;
  int64_t vectors = (size + L - 1) / L;
  if (p.sh != 1 || p.sw != 1 || p.dh != 1 || p.dw != 1 || p.oh != p.h ||
      p.ow != p.w || vectors * p.kh * p.kw > 256)
    return false;
  double flatFill = double(size) / double(vectors * L);
  double rowFill = double(p.ow) / double((p.ow + L - 1) / L * L);
  return flatFill > 1.25 * rowFill;
}

/// One plane as a flat run of vectors over its oh * ow outputs: at stride
/// 1 with the output as large as the input, tap (i, j) of output f is input
/// f + (i - pt) * w + (j - pl), one load per vector and tap with the lanes
/// whose window position leaves the image zeroed (constant masks: the
/// plane is unrolled). On 7x7 planes and 16 lanes this fills 49 of 64 lanes
/// instead of 7 of 16. Taps combine in the order of the row kernel (bias,
/// then row-major), so both give the same results.
void emitFlatPlane(KB &kb, const DepthwisePlan &p, Value x, Value y,
                   Value plane, Value outPlane, ArrayRef<Value> weights,
                   Value bias, const Epilogue &epilogue, bool blend) {
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  int64_t size = p.oh * p.ow, L = p.lanes;
  for (int64_t f0 = 0; f0 < size; f0 += L) {
    int64_t valid = std::min(L, size - f0);
    Value acc = bias ? bias : kb.splat(L, 0.0f);
    for (int64_t i = 0; i < p.kh; ++i)
      for (int64_t j = 0; j < p.kw; ++j) {
        auto on = [&](int64_t e) {
          int64_t f = f0 + e, ih = f / p.ow + i - p.pt,
                  iw = f % p.ow + j - p.pl;
          return e < valid && ih >= 0 && ih < p.h && iw >= 0 && iw < p.w;
        };
        bool any = false;
        for (int64_t e = 0; e < L; ++e)
          any |= on(e);
        if (!any)
          continue;
        Value at = kb.add(plane, f0 + (i - p.pt) * p.w + (j - p.pl));
        Value v = kb.loadLanes(x, at, L, on, blend);
        acc = b.create<vector::FMAOp>(loc, v, weights[i * p.kw + j], acc);
      }
    kb.store(epilogue.apply(kb, acc), y, kb.add(outPlane, f0), valid);
  }
}

/// Whether the channel-blocked kernel (DepthwiseBlocked.cpp) runs this
/// convolution rather than the rows here: for windows of 5 or more, and on
/// outputs narrower than two vectors that are not flat. Measured per layer
/// at 2 threads, batch 8 (ms, rows -> blocked): EfficientNet-B0's 5x5 at
/// 28x28 1.20 -> 0.76 and 14x14 1.23 -> 0.61, 3x3 at 14x14 0.55 ->
/// 0.24-0.41, MobileNetV2's 3x3 s2 to 14x14 0.40 -> 0.22. The rows stay
/// ahead on wide outputs (3x3 at 112x112 0.81 -> 1.22, 56x56 0.69 -> 1.03)
/// and flat 7x7 planes (0.05 -> 0.10). At stride 2 onto a wide output (3x3,
/// 112x112 -> 56x56) whole models did not move either way, and kiln-bench's
/// case lost with the blocked kernel at 1 thread (AVX-512 42-54 -> 37
/// GFLOP/s, AVX2 42 -> 29), so it stays on the rows.
bool useBlocked(const DepthwisePlan &p) {
  if (!canEmitDepthwiseBlocked(p, p.lanes))
    return false;
  if (p.kw >= 5)
    return true;
  return p.ow < 2 * p.lanes && !flatPlane(p);
}

} // namespace

bool canEmitDepthwiseConv(Operation *op) {
  auto conv = cast<DepthwiseConvOp>(op);
  auto x = cast<RankedTensorType>(conv.getX().getType());
  auto y = cast<RankedTensorType>(conv.getY().getType());
  // A blocked (NCHWc) conv runs on the channel-blocked kernel alone, with
  // one block per vector.
  ConvGeometry g = readConvGeometry(conv);
  if (g.block &&
      (g.block != hostLanes() || !canEmitDepthwiseBlocked(g, g.block)))
    return false;
  return cast<IntegerAttr>(conv.getStrides()[1]).getInt() <= 2 &&
         x.getNumElements() > 0 && y.getNumElements() > 0;
}

FailureOr<int64_t> emitDepthwiseConv(OpBuilder &b, Operation *op,
                                     ValueRange operands, ValueRange results,
                                     Value begin, Value end,
                                     const EpilogueTail &tail) {
  auto conv = cast<DepthwiseConvOp>(op);
  Location loc = op->getLoc();
  KB kb{b, loc};
  DepthwisePlan p;
  static_cast<ConvGeometry &>(p) = readConvGeometry(conv);
  int64_t batch = p.batch;
  p.lanes = hostLanes();
  if (p.sw > 2)
    return failure();

  Value x = operandBuffer(b, op, operands, 0);
  Value w = operandBuffer(b, op, operands, 1);
  Value biasBuf = operandBuffer(b, op, operands, 2);
  Value y = flatten(b, loc, results[0]);
  if (!x || !w || (!isa<NoneType>(conv.getBias().getType()) && !biasBuf))
    return failure();
  Epilogue epilogue = Epilogue::of(op, tail);
  if (p.block || useBlocked(p))
    return emitDepthwiseBlocked(kb, p, p.lanes, x, w, biasBuf, y, begin, end,
                                epilogue);

  // Output rows whose window lies inside the image: [rowLo, rowHi).
  auto rowsOf = [&](int64_t oh) {
    SmallVector<int64_t> rows;
    for (int64_t i = 0; i < p.kh; ++i) {
      int64_t ih = oh * p.sh + i * p.dh - p.pt;
      if (ih >= 0 && ih < p.h)
        rows.push_back(i);
    }
    return rows;
  };
  int64_t rowLo = 0;
  while (rowLo < p.oh && (int64_t)rowsOf(rowLo).size() != p.kh)
    ++rowLo;
  int64_t rowHi = rowLo;
  while (rowHi < p.oh && (int64_t)rowsOf(rowHi).size() == p.kh)
    ++rowHi;

  // At stride 2, taps read even/odd column phases, split once per input row
  // of an output row, instead of shuffling at every tap.
  Value phases;
  int64_t phaseLen = 0;
  if (p.sw == 2 && p.dh == 1) {
    int64_t vectors = (p.ow + p.lanes - 1) / p.lanes;
    phaseLen = (vectors + 1) * p.lanes + ((p.kw - 1) * p.dw) / 2;
    phaseLen = (phaseLen + p.lanes - 1) / p.lanes * p.lanes;
    if (2 * p.kh * phaseLen * 4 <= 64 * 1024)
      phases = b.create<memref::AllocaOp>(
          loc, MemRefType::get({2 * p.kh * phaseLen}, b.getF32Type()),
          b.getI64IntegerAttr(64));
  }

  // Rows in order: the top edge rows, the interior rows in a loop (blocks
  // of two at stride 1, where two output rows share all but one input row),
  // then the bottom edge rows and the plane's last row, each on its own.
  SmallVector<int64_t> all;
  for (int64_t i = 0; i < p.kh; ++i)
    all.push_back(i);
  int64_t block = p.sh == 1 && p.kh > 1 && !phases ? 2 : 1;
  // With phases the first row splits all its input rows: on its own.
  int64_t loopStart = phases ? std::max<int64_t>(rowLo, 1) : rowLo;
  int64_t loopEnd = std::min(rowHi, p.oh - 1);
  int64_t blocks = std::max<int64_t>(0, loopEnd - loopStart) / block;
  int64_t items = batch * p.c;
  bool flat = flatPlane(p);

  kb.forLoop(begin, end, 1, [&](Value item) {
    Value ch = kb.rems(item, p.c);
    Value plane = kb.mul(item, p.h * p.w), outPlane = kb.mul(item, p.oh * p.ow);
    SmallVector<Value> weights;
    Value wBase = kb.mul(ch, p.kh * p.kw);
    for (int64_t t = 0; t < p.kh * p.kw; ++t) {
      Value s = b.create<memref::LoadOp>(loc, w, kb.add(wBase, t));
      weights.push_back(b.create<vector::BroadcastOp>(loc, kb.vec(p.lanes), s));
    }
    Value bias;
    if (biasBuf) {
      Value s = b.create<memref::LoadOp>(loc, biasBuf, ch);
      bias = b.create<vector::BroadcastOp>(loc, kb.vec(p.lanes), s);
    }
    auto planeWith = [&](bool blend) {
      if (flat) {
        emitFlatPlane(kb, p, x, y, plane, outPlane, weights, bias, epilogue,
                      blend);
        return;
      }
      RowEmitter e{kb,       p,      x,        y,    weights, bias,
                   epilogue, phases, phaseLen, p.kh, blend};
      auto single = [&](int64_t oh) {
        if (phases)
          e.splitNewRows(plane, kb.idx(oh), oh, oh == 0);
        e.rowBlock(plane, outPlane, kb.idx(oh), {rowsOf(oh)},
                   oh == p.oh - 1 ? 0 : -1);
      };
      for (int64_t oh = 0; oh < std::min(loopStart, p.oh); ++oh)
        single(oh);
      SmallVector<SmallVector<int64_t>> blockRows(block, all);
      kb.forLoop(kb.idx(0), kb.idx(blocks), 1, [&](Value r) {
        Value oh = kb.add(kb.mul(r, block), loopStart);
        if (phases)
          e.splitNewRows(plane, oh, -1, false);
        e.rowBlock(plane, outPlane, oh, blockRows);
      });
      for (int64_t oh = std::max(loopStart, loopStart + blocks * block);
           oh < p.oh; ++oh)
        single(oh);
    };
    if (items <= 2 || fastMaskedLoads())
      planeWith(false);
    else
      kb.ifThen(
          b.create<arith::AndIOp>(
              loc, kb.cmp(arith::CmpIPredicate::ugt, item, 0),
              kb.cmp(arith::CmpIPredicate::ult, item, items - 1)),
          [&] { planeWith(true); }, [&] { planeWith(false); });
  });
  return batch * p.c;
}

} // namespace kiln::cpu::kernels
