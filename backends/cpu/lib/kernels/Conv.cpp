//===- Conv.cpp - kiln.packed_conv as im2col blocks and GEMM --------------===//
//
// NCHW convolution as, per image, Y (Cout x OH*OW) = W (Cout x K) x
// col(X) (K x OH*OW), K = C * kh * kw. The output rows are channels and its
// columns contiguous spatial positions, so the register tile stores straight
// into NCHW: mr output channels (broadcast from the packed weight panel
// W[p][k][0..mr)) x nv vectors of spatial positions (6 x 16 on AVX2).
//
// col(X) is never materialized whole. The tiling:
//
//  - Work item = (image, band of R output rows, group of channel tiles),
//    numbered group-major when there are more groups than (image, band)
//    pairs (see emitPackedConv). A band holds Q = R * OW positions (R chosen so
//    Q is about 128), padded to Qs, a multiple of the tile width. Groups exist
//    to give the workers enough items on small images; the items of one call
//    that share a band pack it once (one call at 1 thread runs every item).
//  - K is blocked by whole input channels (about 384 values of k per block).
//    For each block the item packs its slice of col(X) into a stack buffer
//    [k][Qs] (at most 256 KB, so it stays in L2): per (c, kh, kw) and
//    output row, one vector load (two and a deinterleave at stride 2) and
//    one store per vector of output columns; channels and window rows are
//    loops, window columns and vectors of a row unrolled. Lanes where the
//    window leaves the image are zeroed by a masked load with AVX-512 (as fast
//    as a plain one here: ResNet-50, GoogLeNet and SqueezeNet ran 0.91-1.00x
//    the time of the variant below, medians of 5 interleaved runs). With AVX2's
//    slower masked loads they are zeroed by a blend after a plain load,
//    except in X's first and last planes, where a plain load could leave
//    the buffer: every channel's packing is emitted twice, which with
//    AVX-512 only cost compile time (about a fifth of a conv net's).
//    Window rows outside the image store zeros.
//  - Decided by measurement against an explicit im2col op: packing is 8-12%
//    of the kernel's time on ResNet's 56x56 layers (timed by skipping it),
//    and an explicit im2col would do the same loads and stores and then
//    write and re-read the whole col(X) (7 MB for 3x3x64 at 56x56) through
//    L3 instead of a block that stays in L2.
//  - Except 1x1 convolutions at stride 1 without padding (or prologue) on
//    planes of whole 64-byte lines (56x56, 28x28; not 14x14 or 7x7): there
//    a band of B is a run of each input plane, read in place with row
//    stride H * W, and while a block computes, every k step of its tiles
//    prefetches into L2 a line of the block that follows (next K block,
//    band or image; MicroKernel::xNext), each tile a different line. With
//    the packing stubbed out, ResNet-50's 1x1 256->64 at 56x56 ran at 98 %
//    of the FMA peak against 70 % with it: a band's copy (one plane run per
//    channel, from L3, and the stores) did not overlap the FMAs. Reading in
//    place without the prefetch was no faster than packing (the tile waits
//    on each channel's first line); with it, 0.92-0.95x the time for
//    ResNet-50's 56x56 1x1 convs and 0.72-0.88x for MobileNetV2's
//    projections (medians of paired rounds, 1 thread). On 14x14 and 7x7
//    planes a k step's vectors straddle lines and packing stays faster.
//    With AVX2 (16 registers, tiles of 6 x 2 vectors of 8) the 256->64 at
//    56x56 ran 0.92x as fast in place, so AVX2 code packs.
//  - Read in place, every channel tile streams the band's B from L2 again,
//    a k step's nv lines 12.5 KB apart (56x56), which no hardware
//    prefetcher follows: on an Intel core with AVX-512 (48 KB L1d) the
//    6 x 64 tile ran at 66 % of the FMA peak on 256->64 at 56x56, 80 % with
//    the same data hot in L2 at a 256-byte row stride. Where a band's B
//    (all channels) outgrows 3/4 of L1 (K-heavy convs: ResNet's 256->64,
//    512->128), the order turns: per column tile and K block, the first
//    channel tile of the item reads B in place and stores each vector it
//    loads into a panel [k][tileCols] on the stack (MicroKernel::bCopy),
//    and the other channel tiles read the panel from L1 (an item holding
//    only the last, shorter tile reads in place), their weights
//    streaming from L2 in order. The panel holds all of K where that fits
//    in 3/4 of L1 (no partial sums, and a residual may be written over),
//    else K blocks of half of L1. Bands are then runs of whole column tiles
//    (the plane as rows of 16 positions). 256->64 at 56x56 took 0.88x the
//    time (0.72 -> 0.635 ms), 512->128 at 28x28 0.89x, 256->128 at 56x56
//    0.86x (kiln-bench --model on one-conv models, 1 thread); an explicit
//    copy before the channel tiles took 7 % of the kernel's time. K = 64
//    (64->256) stays in place: its band fits in L1, and panels ran 3 %
//    slower.
//  - Then every channel tile of the group runs the micro-kernel over every
//    column tile of the band: the weight panel slice (kc x mr) stays in L1
//    across the column tiles, the packed block in L2 across channel tiles.
//    Partial sums of earlier K blocks are kept in Y and reloaded; the last
//    block applies the epilogue (bias per row, residual, activation).
//  - A net's weights outgrow the caches (ResNet-50's 100 MB; its 7x7 layers
//    read 1-9 MB per conv), so a band's pass over the channel tiles
//    streams their weight panels from memory, and a tile waited for its
//    panel: ResNet-50's 7x7 convs ran at 50-56 % of the FMA peak in the
//    model against 80 % in kiln-bench, where the panels stay cached. Each
//    k step of a tile therefore prefetches the next tile's weights of the
//    same k into L2 (MicroKernel::aNext): ResNet-50's 14x14 and 7x7 direct
//    convs then took 0.74-0.93x the time at 1 thread, the 7x7 ones
//    0.87-0.90x at 2 (per-step minima of interleaved runs with and without).
//  - Remainders are static variants: the last channel tile has Cout % mr
//    rows, the last column tile of a band stores with a mask, the last band
//    may have fewer rows. A few columns past the band's last whole vector
//    run one vector per column over the tile's channels
//    (MicroKernel::emitNarrow): a 7x7 plane's 49 positions are 3 vectors of
//    16 and one such column, not 4 vectors, and 1x1 convs at 7x7 such as
//    ResNet-50's 2048->512 took 13-15 % less time.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/cpu/Target.h"
#include "kiln/ir/KilnDialect.h"

#include <functional>

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Geometry and tiling of one convolution.
struct ConvPlan : ConvGeometry {
  int64_t lanes, taps;
  int64_t mr, nv;        ///< register tile: mr channels x nv vectors
  int64_t cb, nkb;       ///< channels per K block, K blocks
  int64_t rows, bands;   ///< output rows per band, bands
  int64_t lastRows;      ///< rows of the last band
  int64_t tileCols;      ///< nv * lanes
  int64_t tiles, groups; ///< channel tiles, groups of them
  int64_t scratchSize;
  /// 1x1, stride 1, no padding: a pack's input is one run of each plane.
  bool pointwise;
  /// Pointwise on planes of whole 64-byte lines, no prologue, 32 vector
  /// registers: B is read in place.
  bool direct;
  /// Direct, and each column tile's K block of B is copied into a panel
  /// that every channel tile then reads from L1 (see the file comment);
  /// the plane is then rows of 16 positions (h, w, oh and ow).
  bool panel;

  /// Row stride of the packed block for a band of \p r output rows.
  int64_t rowStride(int64_t r) const {
    return (r * ow + tileCols - 1) / tileCols * tileCols;
  }
  /// Whether a band of either height ends in a narrow tile
  /// (MicroKernel::emitNarrow).
  bool narrowTail() const {
    for (int64_t r : {rows, lastRows}) {
      int64_t narrow = r * ow % tileCols % lanes;
      if (narrow > 0 && 3 * narrow <= mr)
        return true;
    }
    return false;
  }
};

/// Emits the packing of one K block of col(X) for one band into `scratch`
/// (row stride qs): rows k = (cl * kh + i) * kw + j for cl in [0, cn).
struct Packer {
  KB &kb;
  const ConvPlan &p;
  Value x, scratch;
  /// The plane is neither the first nor the last of X: a load that leaves
  /// its row stays inside X, so lanes outside the image are zeroed with a
  /// blend after a plain load rather than by a masked load (slow with AVX2
  /// on AMD Zen); never set when fastMaskedLoads().
  bool blend = false;

  /// The prologue (PackedOps.td), null members when absent: per-channel
  /// scale and shift buffers, with C or N x C values, and the activation
  /// after them (Act::None or Act::Relu).
  Value scale, shift;
  bool scalePerImage = false, shiftPerImage = false;
  Epilogue inActivation;
  /// The current channel's scale and shift, splat (set by pack()).
  Value channelScale, channelShift;

  /// Lanes `on` of the vector at x[at], zero elsewhere (KB::loadLanes).
  Value loadLanes(Value at, const std::function<bool(int64_t)> &on) {
    return kb.loadLanes(x, at, p.lanes, on, blend);
  }

  /// \p v with the prologue applied: v * scale + shift (kept separate, not
  /// fused, like the ops it replaces), then the activation.
  Value prologue(Value v) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    auto splatOf = [&](Value s) {
      auto vt = dyn_cast<VectorType>(v.getType());
      return vt ? b.create<vector::BroadcastOp>(loc, vt, s).getResult() : s;
    };
    if (channelScale)
      v = b.create<arith::MulFOp>(loc, v, splatOf(channelScale));
    if (channelShift)
      v = b.create<arith::AddFOp>(loc, v, splatOf(channelShift));
    return inActivation.activate(kb, v);
  }

  /// Output columns [0, ow) of one window row from input row `rowBase`
  /// (flat index of X[n][c][ih][0]) and kernel column j, into scratch[dst..).
  void copyRow(Value rowBase, int64_t j, Value dst) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    int64_t lanes = p.lanes;
    for (int64_t ow0 = 0; ow0 < p.ow; ow0 += lanes) {
      int64_t iw0 = ow0 * p.sw + j * p.dw - p.pl;
      auto inImage = [&](int64_t e, int64_t outLane) {
        int64_t iw = iw0 + e;
        return ow0 + outLane < p.ow && iw >= 0 && iw < p.w;
      };
      Value v;
      if (p.sw == 1) {
        v = loadLanes(kb.add(rowBase, iw0),
                      [&](int64_t l) { return inImage(l, l); });
      } else {
        assert(p.sw == 2 && "strides above 2 pack with copyRowAnyStride");
        Value halves[2];
        for (int h = 0; h < 2; ++h)
          halves[h] =
              loadLanes(kb.add(rowBase, iw0 + h * lanes), [&](int64_t e) {
                int64_t el = h * lanes + e;
                return inImage(el, el / 2);
              });
        SmallVector<int64_t> evens;
        for (int64_t l = 0; l < lanes; ++l)
          evens.push_back(2 * l);
        v = b.create<vector::ShuffleOp>(loc, halves[0], halves[1], evens);
      }
      // A full store: lanes past the row end spill into the next row (or
      // the padding), which is written afterwards.
      b.create<vector::StoreOp>(loc, prologue(v), scratch, kb.add(dst, ow0));
    }
  }

  /// copyRow at strides above 2, element by element in loops, with the
  /// window column `j` dynamic: ViT's 16x16 patches at stride 16 unrolled
  /// per lane and window column took LLVM 17 s to compile.
  void copyRowAnyStride(Value rowBase, Value j, Value dst) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    Value zero = kb.f32(0.0f);
    kb.forLoop(kb.idx(0), kb.idx(p.ow), 1, [&](Value o) {
      Value iw = kb.add(kb.add(kb.mul(o, p.sw), kb.mul(j, p.dw)), -p.pl);
      Value inside =
          b.create<arith::AndIOp>(loc, kb.cmp(arith::CmpIPredicate::sge, iw, 0),
                                  kb.cmp(arith::CmpIPredicate::slt, iw, p.w));
      // Outside the row the load reads the row's first element instead.
      Value at = b.create<arith::SelectOp>(loc, inside, iw, kb.idx(0));
      Value v = prologue(b.create<memref::LoadOp>(loc, x, kb.add(rowBase, at)));
      b.create<memref::StoreOp>(loc,
                                b.create<arith::SelectOp>(loc, inside, v, zero),
                                scratch, kb.add(dst, o));
    });
  }

  void zeroRow(Value dst, int64_t count) {
    Value zero = kb.splat(p.lanes, 0.0f);
    for (int64_t o = 0; o < count; o += p.lanes)
      kb.b.create<vector::StoreOp>(kb.loc, zero, scratch, kb.add(dst, o));
  }

  /// Packed row `krow` (one channel, window row and column) for output rows
  /// [oh0, oh0 + rows) of `plane`: input row (oh0 + r) * sh + ihOffset
  /// through `copy(rowBase, dst)` where it lies in the image, zeros where
  /// it does not, and zeros in the row's padding up to qs.
  void windowRows(Value plane, Value oh0, int64_t rows, int64_t qs, Value krow,
                  Value ihOffset,
                  const std::function<void(Value, Value)> &copy) {
    Value dst0 = kb.mul(krow, qs);
    kb.forLoop(kb.idx(0), kb.idx(rows), 1, [&](Value r) {
      Value ih = kb.add(kb.mul(kb.add(oh0, r), p.sh), ihOffset);
      Value dst = kb.add(dst0, kb.mul(r, p.ow));
      Value inside = kb.b.create<arith::AndIOp>(
          kb.loc, kb.cmp(arith::CmpIPredicate::sge, ih, 0),
          kb.cmp(arith::CmpIPredicate::slt, ih, p.h));
      kb.ifThen(
          inside, [&] { copy(kb.add(plane, kb.mul(ih, p.w)), dst); },
          [&] { zeroRow(dst, p.ow); });
    });
    int64_t q = rows * p.ow;
    if (qs > q)
      zeroRow(kb.add(dst0, q), qs - q);
  }

  /// Packs channels [c0, c0 + cn) of image n for output rows
  /// [oh0, oh0 + rows) (static count) with row stride qs.
  void pack(Value n, Value c0, Value cn, Value oh0, int64_t rows, int64_t qs) {
    int64_t planes = p.batch * p.c;
    kb.forLoop(kb.idx(0), cn, 1, [&](Value cl) {
      Value index = kb.add(kb.mul(n, p.c), kb.add(c0, cl));
      Value plane = kb.mul(index, p.h * p.w);
      auto param = [&](Value buffer, bool perImage) -> Value {
        if (!buffer)
          return {};
        return kb.b.create<memref::LoadOp>(kb.loc, buffer,
                                           perImage ? index : kb.add(c0, cl));
      };
      channelScale = param(scale, scalePerImage);
      channelShift = param(shift, shiftPerImage);
      if (p.sw > 2) {
        // Window rows and columns as loops too (see copyRowAnyStride).
        kb.forLoop(kb.idx(0), kb.idx(p.kh), 1, [&](Value i) {
          kb.forLoop(kb.idx(0), kb.idx(p.kw), 1, [&](Value j) {
            Value krow = kb.add(kb.mul(cl, p.taps), kb.add(kb.mul(i, p.kw), j));
            windowRows(plane, oh0, rows, qs, krow,
                       kb.add(kb.mul(i, p.dh), -p.pt),
                       [&](Value rowBase, Value dst) {
                         copyRowAnyStride(rowBase, j, dst);
                       });
          });
        });
        return;
      }
      auto channel = [&](bool blendLoads) {
        blend = blendLoads;
        auto windowRow = [&](Value i) {
          for (int64_t j = 0; j < p.kw; ++j)
            windowRows(
                plane, oh0, rows, qs,
                kb.add(kb.mul(cl, p.taps), kb.add(kb.mul(i, p.kw), j)),
                kb.add(kb.mul(i, p.dh), -p.pt),
                [&](Value rowBase, Value dst) { copyRow(rowBase, j, dst); });
        };
        // Window rows in a loop: only the window column decides which
        // lanes are in the image. Unrolled, they made the packing kh times
        // the code for no measurable speed (ResNet-50, GoogLeNet,
        // SqueezeNet; 7 copies in a 7x7 stem).
        kb.forLoop(kb.idx(0), kb.idx(p.kh), 1, windowRow);
      };
      if (planes <= 2 || fastMaskedLoads())
        channel(false);
      else
        kb.ifThen(
            kb.b.create<arith::AndIOp>(
                kb.loc, kb.cmp(arith::CmpIPredicate::ugt, index, 0),
                kb.cmp(arith::CmpIPredicate::ult, index, planes - 1)),
            [&] { channel(true); }, [&] { channel(false); });
    });
  }
};

} // namespace

/// The geometry and tiling of \p conv, or nothing when the kernel does not
/// handle it (a panel too tall for the register file, a packing buffer too
/// large for a worker's stack).
static std::optional<ConvPlan> planConv(PackedConvOp conv) {
  auto wType = cast<RankedTensorType>(conv.getW().getType());
  ConvPlan p;
  static_cast<ConvGeometry &>(p) = readConvGeometry(conv);
  p.taps = p.kh * p.kw;
  p.lanes = hostLanes();
  p.mr = wType.getDimSize(2);
  int64_t regs = hostVectorRegisters();
  p.nv = std::max<int64_t>(1, std::min<int64_t>(4, (regs - 1) / (p.mr + 1)));
  if (p.mr * p.nv + p.nv + 1 > regs || p.batch * p.c * p.oh * p.ow == 0)
    return std::nullopt;
  p.tileCols = p.nv * p.lanes;
  p.pointwise = p.taps == 1 && p.sh == 1 && p.sw == 1 && p.pt == 0 &&
                p.pl == 0 && p.oh == p.h && p.ow == p.w;
  p.direct = p.pointwise && conv.getPrologue().empty() && p.h * p.w % 16 == 0 &&
             regs >= 32;

  // Bands of about 128 output positions; of a row count that divides the
  // output's height where one lies within a factor 2 of that (a last band
  // of other height is a second copy of the whole kernel body, packer and
  // micro-kernels, that LLVM compiles too), and among those the one whose
  // positions waste the fewest vector lanes (14x14: 14 rows, 196 positions
  // in 13 vectors of 16, not 7 rows, 98 in 7), then the nearest.
  int64_t target =
      std::min<int64_t>(p.oh, std::max<int64_t>(1, (128 + p.ow - 1) / p.ow));
  p.rows = target;
  auto waste = [&](int64_t r) {
    int64_t q = r * p.ow;
    return static_cast<double>((q + p.lanes - 1) / p.lanes * p.lanes) / q;
  };
  int64_t best = 0;
  for (int64_t r = std::max<int64_t>(1, target / 2);
       r <= std::min(p.oh, 2 * target); ++r) {
    if (p.oh % r)
      continue;
    if (!best || waste(r) < waste(best) ||
        (waste(r) == waste(best) &&
         std::abs(r - target) < std::abs(best - target)))
      best = r;
  }
  if (best)
    p.rows = best;
  p.bands = (p.oh + p.rows - 1) / p.rows;
  p.lastRows = p.oh - (p.bands - 1) * p.rows;
  int64_t qsMax = p.rowStride(p.rows);
  // K blocks of whole channels: about 384 values of k each, and a packed
  // block of at most 256 KB; balanced.
  p.cb = std::min<int64_t>(384 / p.taps, (64 * 1024) / (p.taps * qsMax));
  p.cb = std::max<int64_t>(1, std::min<int64_t>(p.c, p.cb));
  p.nkb = (p.c + p.cb - 1) / p.cb;
  p.cb = (p.c + p.nkb - 1) / p.nkb;
  p.scratchSize = p.cb * p.taps * qsMax + p.tileCols + p.lanes;
  if (p.scratchSize * 4 > (1 << 20))
    return std::nullopt; // a very wide image with a large window

  // Direct, where a band's B (every channel of it) outgrows 3/4 of L1:
  // panels (see the file comment) of about half of L1 each, in bands of
  // whole column tiles over the plane as rows of 16 positions (about 128
  // positions; the last band takes the rest).
  int64_t l1 = static_cast<int64_t>(hostTarget().l1dBytes);
  p.panel = p.direct && p.c * p.rows * p.ow * 4 > l1 * 3 / 4;
  if (p.panel) {
    p.h = p.oh = p.h * p.w / 16;
    p.w = p.ow = 16;
    p.rows = std::min(p.oh,
                      p.tileCols / 16 * std::max<int64_t>(1, 128 / p.tileCols));
    p.bands = (p.oh + p.rows - 1) / p.rows;
    p.lastRows = p.oh - (p.bands - 1) * p.rows;
    // All of K in one panel where it fits in 3/4 of L1 (no partial sums in
    // Y, and a residual may be written over); else blocks of half of L1.
    int64_t budget = p.c * p.tileCols * 4 <= l1 * 3 / 4 ? l1 * 3 / 4 : l1 / 2;
    p.cb = std::max<int64_t>(1, std::min(p.c, budget / (4 * p.tileCols)));
    p.nkb = (p.c + p.cb - 1) / p.cb;
    p.cb = (p.c + p.nkb - 1) / p.nkb;
  }

  // Enough work items for the workers: split the output channels into
  // groups when there are few (image, band) pairs. Group g holds tiles
  // [g * tiles / groups, (g + 1) * tiles / groups): sizes differ by at most
  // one, so that halves of the items hold halves of the tiles (74 tiles in
  // groups of 5 made 15 items, 40 tiles against 34 at 2 threads).
  p.tiles = (p.cout + p.mr - 1) / p.mr;
  p.groups = std::min<int64_t>(
      p.tiles,
      std::max<int64_t>(1, (16 + p.batch * p.bands - 1) / (p.batch * p.bands)));
  return p;
}

bool canEmitPackedConv(Operation *op) {
  return planConv(cast<PackedConvOp>(op)).has_value();
}

int packedConvOverwritableOperand(Operation *op) {
  auto conv = cast<PackedConvOp>(op);
  std::optional<ConvPlan> p = planConv(conv);
  // With K in blocks, earlier blocks store partial sums in Y before the
  // last one reads the residual.
  if (!p || isa<NoneType>(conv.getResidual().getType()) || p->nkb != 1)
    return -1;
  // A narrow tile (MicroKernel::emitNarrow) stores its sums in Y, then
  // reads them back with the residual.
  return p->narrowTail() ? -1 : 3;
}

FailureOr<int64_t> emitPackedConv(OpBuilder &b, Operation *op,
                                  ValueRange operands, ValueRange results,
                                  Value begin, Value end,
                                  const EpilogueTail &tail) {
  auto conv = cast<PackedConvOp>(op);
  Location loc = op->getLoc();
  KB kb{b, loc};
  std::optional<ConvPlan> planned = planConv(conv);
  if (!planned)
    return failure();
  const ConvPlan &p = *planned;
  int64_t mr = p.mr, nv = p.nv, k = p.c * p.taps;
  int64_t fullTiles = p.cout / mr, tailRows = p.cout % mr;
  int64_t groups = p.groups, lastRows = p.lastRows;
  int64_t items = p.batch * p.bands * groups;
  int64_t plane = p.oh * p.ow;
  auto strideOf = [&](int64_t rows) { return p.rowStride(rows); };

  MicroKernel mk;
  mk.mr = mr;
  mk.nv = nv;
  mk.lanes = p.lanes;
  mk.a = operandBuffer(b, op, operands, 1);
  mk.bias = operandBuffer(b, op, operands, 2);
  mk.residual = operandBuffer(b, op, operands, 3);
  mk.c = flatten(b, loc, results[0]);
  Value x = operandBuffer(b, op, operands, 0);
  if (!mk.a || !x || (!isa<NoneType>(conv.getBias().getType()) && !mk.bias))
    return failure();
  mk.biasPerRow = true;
  mk.aRow = 1;
  mk.aK = mr;
  mk.cRow = plane;
  mk.epilogue = Epilogue::of(op, tail);
  // Past L2 the tiles' output and residual lines come from memory.
  mk.prefetchOut =
      p.batch * p.cout * plane * 4 > static_cast<int64_t>(hostTarget().l2Bytes);
  // 1x1 convs on planes of whole 64-byte lines read B in place (no
  // packing; see the file comment), with 32 vector registers.
  auto stackBuffer = [&](int64_t floats) {
    auto type = MemRefType::get({floats}, b.getF32Type());
    return b.create<memref::AllocaOp>(loc, type, b.getI64IntegerAttr(64))
        .getResult();
  };
  mk.b = p.direct ? x : stackBuffer(p.scratchSize);
  // The column tile's panel (the block's k rows of tileCols).
  Value panelBuffer = p.panel ? stackBuffer(p.cb * p.tileCols) : Value();
  Packer packer{kb, p, x, mk.b};
  // The prologue's operands follow X, W, bias and residual.
  for (unsigned i = 0; i < conv.getPrologue().size(); ++i) {
    Value buffer = operandBuffer(b, op, operands, 4 + i);
    if (!buffer)
      return failure();
    auto type = cast<RankedTensorType>(op->getOperand(4 + i).getType());
    bool perImage = type.getNumElements() != p.c;
    (i ? packer.shift : packer.scale) = buffer;
    (i ? packer.shiftPerImage : packer.scalePerImage) = perImage;
  }
  if (conv.getInActivation())
    packer.inActivation.act = Epilogue::Act::Relu;

  // With B read in place: where the block of B that follows (K block
  // kblock, channels [c0, c0 + cn), image n, output rows from oh0) in a
  // worker's order starts: the next K block of the band, else the first of
  // the next band, else of the next image's first band; this block after
  // the last. Returned as the flat index in X of its first channel's plane
  // and the offset of its first column in that plane. Its cn channels from
  // there stay inside X's C, so any offset below H * W stays inside X.
  auto nextBlockStart = [&](Value kblock, Value c0, Value cn, Value n,
                            Value oh0,
                            int64_t rows) -> std::pair<Value, Value> {
    int64_t hw = p.h * p.w;
    auto select = [&](Value cond, std::pair<Value, Value> x,
                      std::pair<Value, Value> y) {
      return std::make_pair(
          b.create<arith::SelectOp>(loc, cond, x.first, y.first).getResult(),
          b.create<arith::SelectOp>(loc, cond, x.second, y.second).getResult());
    };
    auto at = [&](Value image, Value channel, Value row) {
      return std::make_pair(kb.mul(kb.add(kb.mul(image, p.c), channel), hw),
                            kb.mul(row, p.w));
    };
    Value nextBand = kb.add(oh0, rows), zero = kb.idx(0);
    auto bandStart =
        select(kb.cmp(arith::CmpIPredicate::slt, nextBand, p.oh),
               at(n, zero, nextBand),
               select(kb.cmp(arith::CmpIPredicate::slt, n, p.batch - 1),
                      at(kb.add(n, 1), zero, zero), at(n, c0, oh0)));
    if (p.nkb == 1)
      return bandStart;
    Value nextC0 = b.create<arith::MinSIOp>(
        loc, kb.add(c0, p.cb),
        b.create<arith::SubIOp>(loc, kb.idx(p.c), cn).getResult());
    return select(kb.cmp(arith::CmpIPredicate::slt, kblock, p.nkb - 1),
                  at(n, nextC0, oh0), bandStart);
  };

  // Items are numbered band-major, item = nb * groups + g over the (image,
  // band) pairs nb, or group-major, item = g * pairs + nb, when there are
  // more groups than pairs: workers split the items into contiguous
  // halves, and those should split the longer of the two. Bands have
  // unequal rows (14 rows go 10 + 4), so at 2 threads band-major halves of
  // a 14x14 conv (2 pairs, 8 groups) left one worker idle for a third of
  // it; group-major halves of a 28x28 one (6 pairs, 3 groups) packed every
  // band in every chunk. The items of [begin, end) that share a pair pack
  // its blocks once: per pair, its range of groups [g0, g1) in the call.
  int64_t pairs = p.batch * p.bands;
  forItemPairs(
      kb, begin, end, pairs, groups, [&](Value nb, Value g0, Value g1) {
        Value band = kb.rems(nb, p.bands), n = kb.divs(nb, p.bands);
        Value oh0 = kb.mul(band, p.rows);
        auto bandWith = [&](int64_t rows) {
          int64_t q = rows * p.ow, qs = strideOf(rows);
          int64_t qFull = q / p.tileCols, qTail = q % p.tileCols;
          kb.forLoop(kb.idx(0), kb.idx(p.nkb), 1, [&](Value kblock) {
            Value c0 = kb.mul(kblock, p.cb);
            Value cn = b.create<arith::MinUIOp>(
                loc, kb.idx(p.cb),
                b.create<arith::SubIOp>(loc, kb.idx(p.c), c0).getResult());
            MicroKernel v = mk;
            // Where the micro-kernel reads column col of B: in X's band of
            // the block's first channel, or in the packed block.
            Value xBand;
            if (p.direct) {
              xBand = kb.add(kb.mul(kb.add(kb.mul(n, p.c), c0), p.h * p.w),
                             kb.mul(oh0, p.w));
              v.bK = p.h * p.w;
              v.maskB = true;
            } else {
              packer.pack(n, c0, cn, oh0, rows, qs);
              v.bK = qs;
            }
            if (p.panel) {
              v.b = panelBuffer;
              v.bK = p.tileCols;
              v.maskB = false;
            }
            auto bAt = [&](Value col) {
              return xBand ? kb.add(xBand, col) : col;
            };
            Value accumulate, finish;
            if (p.nkb == 1) {
              v.kc = k;
            } else {
              v.kcValue = kb.mul(cn, p.taps);
              accumulate = kb.cmp(arith::CmpIPredicate::ne, kblock, 0);
              finish = kb.cmp(arith::CmpIPredicate::eq, kblock, p.nkb - 1);
            }
            Value aBlock = kb.mul(c0, p.taps * mr);
            Value cBand = kb.mul(oh0, p.ow);
            std::pair<Value, Value> nextBlock;
            if (p.direct)
              nextBlock = nextBlockStart(kblock, c0, cn, n, oh0, rows);
            int64_t lines = (q + 15) / 16;
            // Tile ti's column tile qt also prefetches a line of each
            // channel of the next block's input, a different line per tile
            // and column tile (kept inside the plane: see nextBlockStart).
            auto withPrefetch = [&](MicroKernel &t, Value ti, Value qt) {
              if (!p.direct)
                return;
              Value line = kb.rems(kb.add(kb.mul(ti, qFull + 1), qt), lines);
              Value offset = b.create<arith::MinSIOp>(
                  loc, kb.add(nextBlock.second, kb.mul(line, 16)),
                  kb.idx(p.h * p.w - 1));
              t.xNext = x;
              t.xNextBase = kb.add(nextBlock.first, offset);
              t.xNextK = p.h * p.w;
            };
            // Channel tile ti over columns [col, col + width) of the band.
            auto tileAt = [&](const MicroKernel &base, Value ti, Value qt,
                              Value col, int64_t width, Value bCol) {
              Value aBase = kb.add(kb.mul(ti, k * mr), aBlock);
              MicroKernel t = base;
              // Prefetching the next channel tile's weights, a panel on.
              t.aNext = kb.add(aBase, k * mr);
              t.validCols = width;
              withPrefetch(t, ti, qt);
              Value cRow0 = kb.add(
                  kb.mul(kb.add(kb.mul(n, p.cout), kb.mul(ti, mr)), plane),
                  cBand);
              Value rowBias = kb.mul(ti, mr);
              int64_t narrow = width % p.lanes;
              if (!t.narrowFits(narrow))
                narrow = 0;
              int64_t wide = width - narrow;
              if (wide) {
                MicroKernel tt = t;
                tt.validCols = wide;
                tt.emit(kb, aBase, bCol, kb.add(cRow0, col), rowBias,
                        accumulate, finish);
              }
              // A few columns past the last whole vector go the narrow way
              // (MicroKernel::emitNarrow).
              if (narrow) {
                MicroKernel tn = t;
                tn.validCols = narrow;
                tn.emitNarrow(kb, aBase, kb.add(bCol, wide),
                              kb.add(cRow0, kb.add(col, wide)), rowBias,
                              accumulate, finish);
              }
            };
            Value t0 = kb.divs(kb.mul(g0, p.tiles), groups);
            Value t1 = b.create<arith::MinUIOp>(
                loc, kb.divs(kb.mul(g1, p.tiles), groups), kb.idx(fullTiles));
            // The last channel tile, of tailRows rows, in the last group.
            auto lastTile =
                [&](const std::function<void(const MicroKernel &, Value)> &f) {
                  if (!tailRows)
                    return;
                  MicroKernel tv = v;
                  tv.mr = tailRows;
                  kb.ifThen(kb.cmp(arith::CmpIPredicate::eq, g1, groups),
                            [&] { f(tv, kb.idx(fullTiles)); });
                };
            if (p.panel) {
              // Per column tile: its columns of the K block into the panel
              // (row stride tileCols), then every channel tile on it.
              auto columnTile = [&](Value qt, int64_t width) {
                Value col = kb.mul(qt, p.tileCols);
                Value src = bAt(col);
                // B read in place: by the item's first channel tile, which
                // leaves the panel behind for the others, or by the last,
                // shorter tile where that is the item's only one.
                auto inPlace = [&](MicroKernel t) {
                  t.b = x;
                  t.bK = p.h * p.w;
                  return t;
                };
                kb.ifThen(
                    kb.cmp(arith::CmpIPredicate::slt, t0, t1),
                    [&] {
                      MicroKernel first = inPlace(v);
                      first.bCopy = panelBuffer;
                      first.bCopyK = p.tileCols;
                      tileAt(first, t0, qt, col, width, src);
                      kb.forLoop(kb.add(t0, 1), t1, 1, [&](Value ti) {
                        tileAt(v, ti, qt, col, width, kb.idx(0));
                      });
                      lastTile([&](const MicroKernel &tv, Value ti) {
                        tileAt(tv, ti, qt, col, width, kb.idx(0));
                      });
                    },
                    [&] {
                      lastTile([&](const MicroKernel &tv, Value ti) {
                        tileAt(inPlace(tv), ti, qt, col, width, src);
                      });
                    });
              };
              kb.forLoop(kb.idx(0), kb.idx(qFull), 1,
                         [&](Value qt) { columnTile(qt, p.tileCols); });
              if (qTail)
                columnTile(kb.idx(qFull), qTail);
              return;
            }
            // Per channel tile, every column tile of the band.
            auto overBand = [&](const MicroKernel &base, Value ti) {
              kb.forLoop(kb.idx(0), kb.idx(qFull), 1, [&](Value qt) {
                Value col = kb.mul(qt, p.tileCols);
                tileAt(base, ti, qt, col, p.tileCols, bAt(col));
              });
              if (qTail) {
                Value col = kb.idx(qFull * p.tileCols);
                tileAt(base, ti, kb.idx(qFull), col, qTail, bAt(col));
              }
            };
            kb.forLoop(t0, t1, 1, [&](Value ti) { overBand(v, ti); });
            lastTile(overBand);
          });
        };
        if (lastRows == p.rows)
          bandWith(p.rows);
        else
          kb.ifThen(
              kb.cmp(arith::CmpIPredicate::eq, band, p.bands - 1),
              [&] { bandWith(lastRows); }, [&] { bandWith(p.rows); });
      });
  return items;
}

} // namespace kiln::cpu::kernels
