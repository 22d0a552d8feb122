//===- Winograd.cpp - kiln.winograd_conv: transforms around a^2 GEMMs -----===//
//
// F(m x m, 3 x 3) (kiln/runtime/Winograd.h) over NCHW tensors. Tiles are
// vectorized along a row of tiles: lane l of a vector is tile tx0 + l, so
// every transform is the same vector arithmetic on a^2 vectors, and the
// products are a^2 GEMMs per band,
//
//   M[e] (Cout x tiles) = U[e] (Cout x C) x V[e] (C x tiles),
//
// run by the GEMM micro-kernel: U's panels of mr output channels broadcast,
// nv vectors of tiles. The tiling (winograd::Plan):
//
//  - Work item = (image, band of rows of tiles, group of U's panels), or
//    with Plan::merged (narrow planes of several images) (band of the
//    batch's rows of tiles, group),
//    numbered band-major (forItemPairs), so the items of one call that
//    share a band transform its input once, and two workers on two bands
//    never both transform one (packed_conv numbers group-major when groups
//    outnumber bands, for its unequal bands; Winograd's are balanced).
//  - Input transform, per channel, row of tiles and vector of tiles: row i
//    of the a x a input tiles of L tiles is d[i][s] = X[4 ty + i - pt]
//    [4 (tx0 + l) + s - pl] (m = 4); m loads of consecutive columns and
//    three shuffles gather every m-th column (masked loads zero what lies
//    outside the image, a select zeroes rows outside it), then B^T d B,
//    whose a^2 vectors are stored in V[e][c][tile of the band]. A band's
//    V (a^2 x C x qs values) fits the plan's budget, so it stays in L2
//    while every panel reads it.
//  - Per panel: the a^2 GEMMs into M (a^2 x mr x qs, a stack buffer), then
//    per output channel and vector of tiles the output transform A^T M A,
//    whose m x m vectors are interleaved by shuffles into m rows of m L
//    consecutive output columns, the epilogue (bias, residual, activation,
//    fused tail) applied, and stored with a mask at the image's right edge.
//  - U (a^2 / 9 times the direct kernel's weights: 17 MB for F(2, 3) at
//    512 -> 512 channels) is read once per band from memory, so each GEMM's
//    k steps prefetch the panel of the GEMM that runs next
//    (MicroKernel::aNext): ResNet-50's Winograd convs took 0.75x the time
//    at 1 and 2 threads (sums of per-step minima of interleaved runs). U is
//    stored panel by panel (P x a^2 x C x mr), so a panel's a^2 GEMMs read
//    one contiguous stream; stored element by element (a^2 x P x C x mr: a
//    panel's a^2 pieces of 22 KB each 270 KB apart at 256 channels),
//    ResNet-50's five 14x14 Winograd steps took 1.06-1.17x the time at
//    batch 1 and 1 thread (`kiln-bench --model`, 3 interleaved rounds on a
//    Xeon with 2 MB of L2; unchanged at 2 threads and at batch 8). Without
//    the software prefetch they took 1.2-1.6x the time in this order too:
//    the hardware prefetchers alone do not keep up with the stream.
//  - U is zero past Cout (a panel's extra rows compute zeros, never
//    stored); the last band's missing rows are computed on whatever V
//    holds and never stored either.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/cpu/Target.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/runtime/Winograd.h"

#include <array>

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Geometry and tiling of one winograd_conv.
struct WinogradPlan : winograd::Plan {
  int64_t batch, c, h, w, cout, oh, ow, pt, pl;
  int64_t lanes, panels, groups;
  int64_t pairs;        ///< (image, band) pairs; bands alone when merged
  int64_t vSize, mSize; ///< floats of the V and M buffers
};

std::optional<WinogradPlan> planWinograd(WinogradConvOp conv) {
  auto x = cast<RankedTensorType>(conv.getX().getType());
  auto y = cast<RankedTensorType>(conv.getY().getType());
  auto u = cast<RankedTensorType>(conv.getW().getType());
  WinogradPlan p;
  p.batch = x.getDimSize(0);
  p.c = x.getDimSize(1);
  p.h = x.getDimSize(2);
  p.w = x.getDimSize(3);
  p.cout = y.getDimSize(1);
  p.oh = y.getDimSize(2);
  p.ow = y.getDimSize(3);
  p.pt = cast<IntegerAttr>(conv.getPads()[0]).getInt();
  p.pl = cast<IntegerAttr>(conv.getPads()[1]).getInt();
  p.lanes = hostLanes();
  int64_t registers = hostVectorRegisters();
  if (p.batch * p.c * p.h * p.w == 0 ||
      !winograd::makePlan(conv.getTile(), p.batch, p.c, p.cout, p.oh, p.ow,
                          p.lanes, registers,
                          winograd::bandBudgetFloats(hostTarget().l2Bytes), p))
    return std::nullopt;
  // Panels as kiln-winograd packed them (its target may have differed).
  p.mr = u.getDimSize(3);
  p.panels = u.getDimSize(0);
  if (p.mr * p.nv + p.nv + 1 > registers)
    return std::nullopt;
  p.vSize = p.a * p.a * p.c * p.qs + p.lanes;
  p.mSize = p.a * p.a * p.mr * p.qs + p.lanes;
  if ((p.vSize + p.mSize) * 4 > (3 << 19))
    return std::nullopt; // V and M stay under 1.5 MB of a worker's stack
  // Enough work items for the workers, as packed_conv (groups of panels
  // whose sizes differ by at most one).
  p.pairs = p.merged ? p.bands : p.batch * p.bands;
  p.groups = std::min<int64_t>(
      p.panels, std::max<int64_t>(1, (16 + p.pairs - 1) / p.pairs));
  return p;
}

/// sum_k coeff[k * stride] * v[k] over the nonzero coefficients (a
/// transform's row or column times vectors), with adds and subtracts for
/// +-1 and a multiply-add otherwise.
Value combine(KB &kb, const double *coeff, int64_t stride, ArrayRef<Value> v) {
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  auto vt = cast<VectorType>(v[0].getType());
  Value sum;
  for (size_t k = 0; k < v.size(); ++k) {
    double c = coeff[k * stride];
    if (c == 0)
      continue;
    if (!sum) {
      sum = c == 1 ? v[k]
                   : b.create<arith::MulFOp>(
                         loc, v[k], kb.splat(vt.getDimSize(0), float(c)));
      continue;
    }
    if (c == 1)
      sum = b.create<arith::AddFOp>(loc, sum, v[k]);
    else if (c == -1)
      sum = b.create<arith::SubFOp>(loc, sum, v[k]);
    else
      sum = b.create<vector::FMAOp>(loc, kb.splat(vt.getDimSize(0), float(c)),
                                    v[k], sum);
  }
  return sum ? sum : kb.splat(vt.getDimSize(0), 0.0f);
}

/// Every \p m-th element, from 0, of the concatenation of \p v (m vectors).
Value everyMth(KB &kb, ArrayRef<Value> v, int64_t m, int64_t lanes) {
  OpBuilder &b = kb.b;
  SmallVector<int64_t> idx;
  if (m == 2) {
    for (int64_t l = 0; l < lanes; ++l)
      idx.push_back(2 * l);
    return b.create<vector::ShuffleOp>(kb.loc, v[0], v[1], idx);
  }
  // m = 4: every 4th of each pair (lanes / 2 each), then the two halves.
  for (int64_t l = 0; l < lanes / 2; ++l)
    idx.push_back(4 * l);
  Value lo = b.create<vector::ShuffleOp>(kb.loc, v[0], v[1], idx);
  Value hi = b.create<vector::ShuffleOp>(kb.loc, v[2], v[3], idx);
  SmallVector<int64_t> all;
  for (int64_t l = 0; l < lanes; ++l)
    all.push_back(l);
  return b.create<vector::ShuffleOp>(kb.loc, lo, hi, all);
}

/// Chunk \p j (lanes values) of the interleaving of \p o (m vectors):
/// element g of the interleaving is o[g % m][g / m].
Value interleaved(KB &kb, ArrayRef<Value> o, int64_t m, int64_t lanes,
                  int64_t j) {
  OpBuilder &b = kb.b;
  SmallVector<int64_t> idx;
  if (m == 2) {
    for (int64_t e = 0; e < lanes; ++e) {
      int64_t g = j * lanes + e;
      idx.push_back((g % 2) * lanes + g / 2);
    }
    return b.create<vector::ShuffleOp>(kb.loc, o[0], o[1], idx);
  }
  // m = 4: pairs (o0, o1) and (o2, o3) interleaved, then chunk j of those.
  SmallVector<int64_t> pairIdx;
  for (int64_t l = 0; l < lanes; ++l) {
    pairIdx.push_back(l);
    pairIdx.push_back(lanes + l);
  }
  Value p01 = b.create<vector::ShuffleOp>(kb.loc, o[0], o[1], pairIdx);
  Value p23 = b.create<vector::ShuffleOp>(kb.loc, o[2], o[3], pairIdx);
  for (int64_t e = 0; e < lanes; ++e) {
    int64_t g = j * lanes + e, l = g / 4, col = g % 4;
    idx.push_back(col < 2 ? 2 * l + col : 2 * lanes + 2 * l + col - 2);
  }
  return b.create<vector::ShuffleOp>(kb.loc, p01, p23, idx);
}

} // namespace

bool canEmitWinogradConv(Operation *op) {
  return planWinograd(cast<WinogradConvOp>(op)).has_value();
}

int64_t estimateWinogradMacs(Operation *op) {
  std::optional<WinogradPlan> p = planWinograd(cast<WinogradConvOp>(op));
  if (!p)
    return 0;
  int64_t slots =
      p->flat ? p->pairs * p->qs : p->batch * p->th * p->rowVecs * p->lanes;
  return slots * p->a * p->a * p->c * p->panels * p->mr;
}

FailureOr<int64_t> emitWinogradConv(OpBuilder &b, Operation *op,
                                    ValueRange operands, ValueRange results,
                                    Value begin, Value end,
                                    const EpilogueTail &tail) {
  auto conv = cast<WinogradConvOp>(op);
  Location loc = op->getLoc();
  KB kb{b, loc};
  std::optional<WinogradPlan> planned = planWinograd(conv);
  if (!planned)
    return failure();
  const WinogradPlan &p = *planned;
  const winograd::Transform &t = *winograd::transformFor(p.m);
  int64_t m = p.m, a = p.a, aa = a * a, lanes = p.lanes;
  Value x = operandBuffer(b, op, operands, 0);
  Value u = operandBuffer(b, op, operands, 1);
  Value bias = operandBuffer(b, op, operands, 2);
  Value residual = operandBuffer(b, op, operands, 3);
  if (!x || !u || (!isa<NoneType>(conv.getBias().getType()) && !bias))
    return failure();
  Value y = flatten(b, loc, results[0]);
  Epilogue epilogue = Epilogue::of(op, tail);
  auto buffer = [&](int64_t size) {
    return b.create<memref::AllocaOp>(
        loc, MemRefType::get({size}, b.getF32Type()), b.getI64IntegerAttr(64));
  };
  Value vBuf = buffer(p.vSize), mBuf = buffer(p.mSize);
  VectorType vt = kb.vec(lanes);
  Value zero = kb.splat(lanes, 0.0f);

  MicroKernel mk;
  mk.mr = p.mr;
  mk.nv = p.nv;
  mk.lanes = lanes;
  mk.kc = p.c;
  mk.validCols = p.nv * lanes;
  mk.a = u;
  mk.b = vBuf;
  mk.c = mBuf;
  mk.aRow = 1;
  mk.aK = p.mr;
  mk.bK = p.qs;
  mk.cRow = p.qs;
  // Column tiles of nv vectors, and one of the vectors left.
  int64_t colTiles = p.qs / (p.nv * lanes), colRest = p.qs % (p.nv * lanes);

  // The second half of the input transform: V = B^T d B of the a x a
  // vectors d (row-major; columns of d first, then rows) for channel c,
  // stored in V[e][c][tile..tile + lanes).
  auto storeV = [&](ArrayRef<Value> d, Value c, Value tile) {
    SmallVector<Value> tmp(aa), col(a);
    for (int64_t j = 0; j < a; ++j) {
      for (int64_t k = 0; k < a; ++k)
        col[k] = d[k * a + j];
      for (int64_t i = 0; i < a; ++i)
        tmp[i * a + j] = combine(kb, t.bt + i * a, 1, col);
    }
    for (int64_t i = 0; i < a; ++i)
      for (int64_t j = 0; j < a; ++j) {
        Value vij = combine(kb, t.bt + j * a, 1, ArrayRef(tmp).slice(i * a, a));
        Value at = kb.add(
            kb.mul(kb.add(kb.mul(kb.idx(i * a + j), p.c), c), p.qs), tile);
        b.create<vector::StoreOp>(loc, vij, vBuf, at);
      }
  };

  // Input transform of channel c, row r of the band's tiles (tile row ty),
  // every vector of tiles of the row.
  auto transformInput = [&](Value plane, Value c, Value r, Value ty) {
    SmallVector<Value> rowBase(a), rowOk(a);
    for (int64_t i = 0; i < a; ++i) {
      Value ih = kb.add(kb.mul(ty, m), i - p.pt);
      rowOk[i] =
          b.create<arith::AndIOp>(loc, kb.cmp(arith::CmpIPredicate::sge, ih, 0),
                                  kb.cmp(arith::CmpIPredicate::slt, ih, p.h));
      Value clamped = b.create<arith::SelectOp>(loc, rowOk[i], ih, kb.idx(0));
      rowBase[i] = kb.add(plane, kb.mul(clamped, p.w));
    }
    for (int64_t v = 0; v < p.rowVecs; ++v) {
      int64_t tx0 = v * lanes;
      SmallVector<Value> d(aa);
      for (int64_t i = 0; i < a; ++i)
        for (int64_t s = 0; s < a; ++s) {
          int64_t col0 = tx0 * m + s - p.pl;
          SmallVector<Value> parts;
          for (int64_t j = 0; j < m; ++j) {
            int64_t at = col0 + j * lanes;
            auto in = [&](int64_t e) { return at + e >= 0 && at + e < p.w; };
            bool any = false;
            for (int64_t e = 0; e < lanes; ++e)
              any |= in(e);
            parts.push_back(any ? kb.loadLanes(x, kb.add(rowBase[i], at), lanes,
                                               in, /*blend=*/false)
                                : zero);
          }
          d[i * a + s] = b.create<arith::SelectOp>(
              loc, rowOk[i], everyMth(kb, parts, m, lanes), zero);
        }
      storeV(d, c, kb.add(kb.mul(r, p.tw), tx0));
    }
  };

  // The first half of the output transform O = A^T M A: A^T M (m x a
  // vectors, row-major) of row i of M's panel for the vector of tiles at
  // `tile` of the band; the rows are then combined by A.
  auto outputColumns = [&](Value i, Value tile) {
    SmallVector<Value> mv(aa);
    for (int64_t e = 0; e < aa; ++e)
      mv[e] = b.create<vector::LoadOp>(
          loc, vt, mBuf, kb.add(kb.mul(kb.add(i, e * p.mr), p.qs), tile));
    SmallVector<Value> tmp(m * a), col(a);
    for (int64_t j = 0; j < a; ++j) {
      for (int64_t k = 0; k < a; ++k)
        col[k] = mv[k * a + j];
      for (int64_t i2 = 0; i2 < m; ++i2)
        tmp[i2 * a + j] = combine(kb, t.at + i2 * a, 1, col);
    }
    return tmp;
  };

  // Output transform of output channel o (row i of panel pi) for row r of
  // the band's tiles (tile row ty) of image n.
  auto transformOutput = [&](Value n, Value o, Value i, Value r, Value ty) {
    Value biasV;
    if (bias)
      biasV = b.create<vector::BroadcastOp>(
          loc, vt, b.create<memref::LoadOp>(loc, bias, o));
    for (int64_t v = 0; v < p.rowVecs; ++v) {
      SmallVector<Value> tmp =
          outputColumns(i, kb.add(kb.mul(r, p.tw), v * lanes));
      for (int64_t i2 = 0; i2 < m; ++i2) {
        SmallVector<Value> out(m);
        for (int64_t j2 = 0; j2 < m; ++j2)
          out[j2] =
              combine(kb, t.at + j2 * a, 1, ArrayRef(tmp).slice(i2 * a, a));
        Value oh = kb.add(kb.mul(ty, m), i2);
        auto store = [&] {
          Value rowAt = kb.mul(
              kb.add(kb.mul(kb.add(kb.mul(n, p.cout), o), p.oh), oh), p.ow);
          for (int64_t j = 0; j < m; ++j) {
            int64_t col0 = v * lanes * m + j * lanes;
            int64_t valid = std::min<int64_t>(lanes, p.ow - col0);
            if (valid <= 0)
              break;
            Value val = interleaved(kb, out, m, lanes, j);
            if (biasV)
              val = b.create<arith::AddFOp>(loc, val, biasV);
            Value at = kb.add(rowAt, col0);
            if (residual)
              val = b.create<arith::AddFOp>(
                  loc, val, kb.load(residual, at, lanes, valid));
            kb.store(epilogue.apply(kb, val), y, at, valid);
          }
        };
        if (p.oh % m == 0)
          store();
        else
          kb.ifThen(kb.cmp(arith::CmpIPredicate::slt, oh, p.oh), store);
      }
    }
  };

  // Across rows of tiles (Plan::flat): lane l of vector vi is the band's
  // tile q = vi * lanes + l, in row q / tw, column q % tw of the band; the
  // band's first row is row0 of all the batch's rows of tiles (image after
  // image), so a lane's image is (row0 + q / tw) / th, which is n0 (the
  // band's first row's) or later. i32 vectors of those and of element
  // offsets from image n0 (Plan::merged keeps them in 32 bits) address
  // gathers and scatters.
  VectorType it = VectorType::get({lanes}, b.getI32Type());
  auto splatI32 = [&](Value index) -> Value {
    Value i32 = b.create<arith::IndexCastOp>(loc, b.getI32Type(), index);
    return b.create<vector::BroadcastOp>(loc, it, i32);
  };
  auto constI32 = [&](int64_t v) -> Value {
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(it, b.getI32IntegerAttr(v)));
  };
  auto laneTiles = [&](Value vi) {
    SmallVector<int32_t> iota;
    for (int64_t l = 0; l < lanes; ++l)
      iota.push_back(static_cast<int32_t>(l));
    Value q = b.create<arith::AddIOp>(
        loc, splatI32(kb.mul(vi, lanes)),
        b.create<arith::ConstantOp>(
            loc, DenseElementsAttr::get(it, ArrayRef<int32_t>(iota))));
    Value tw = constI32(p.tw);
    return std::array<Value, 3>{q, b.create<arith::DivUIOp>(loc, q, tw),
                                b.create<arith::RemUIOp>(loc, q, tw)};
  };
  auto inRange = [&](Value v, int64_t hi) -> Value {
    return b.create<arith::AndIOp>(
        loc,
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, v, constI32(0)),
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, v,
                                constI32(hi)));
  };
  auto madd = [&](Value v, int64_t mul, int64_t add) -> Value {
    return b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, v, constI32(mul)), constI32(add));
  };

  // The lanes' image (less n0) and tile row in it, and whether the lane
  // is one of the rows [row0, rowEnd).
  auto laneRows = [&](Value r, Value row0, Value n0, Value rowEnd) {
    Value row = b.create<arith::AddIOp>(loc, splatI32(row0), r);
    Value th = constI32(p.th);
    Value image = b.create<arith::SubIOp>(
        loc, b.create<arith::DivUIOp>(loc, row, th), splatI32(n0));
    Value inBand = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, row,
                                           splatI32(rowEnd));
    return std::array<Value, 3>{image, b.create<arith::RemUIOp>(loc, row, th),
                                inBand};
  };

  // Input transform of channel c for vector vi of the band's tiles.
  auto transformInputFlat = [&](Value plane, Value c, Value row0, Value n0,
                                Value rowEnd, Value vi) {
    auto [q, r, tx] = laneTiles(vi);
    auto [image, rowTile, inBand] = laneRows(r, row0, n0, rowEnd);
    Value imageAt =
        b.create<arith::MulIOp>(loc, image, constI32(p.c * p.h * p.w));
    SmallVector<Value> d(aa);
    for (int64_t i = 0; i < a; ++i) {
      Value ih = madd(rowTile, m, i - p.pt);
      Value rowOk = b.create<arith::AndIOp>(loc, inBand, inRange(ih, p.h));
      Value rowAt = b.create<arith::AddIOp>(
          loc, imageAt, b.create<arith::MulIOp>(loc, ih, constI32(p.w)));
      for (int64_t s = 0; s < a; ++s) {
        Value iw = madd(tx, m, s - p.pl);
        Value ok = b.create<arith::AndIOp>(loc, rowOk, inRange(iw, p.w));
        d[i * a + s] = b.create<vector::GatherOp>(
            loc, vt, x, ValueRange{plane},
            b.create<arith::AddIOp>(loc, rowAt, iw), ok, zero);
      }
    }
    storeV(d, c, kb.mul(vi, lanes));
  };

  // Output transform of output channel o (row i of its panel) for vector
  // vi of the band's tiles, whose first `tiles` (dynamic) are its own.
  auto transformOutputFlat = [&](Value n0, Value o, Value i, Value row0,
                                 Value rowEnd, Value tiles, Value vi) {
    SmallVector<Value> tmp = outputColumns(i, kb.mul(vi, lanes));
    auto [q, r, tx] = laneTiles(vi);
    Value own = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, q,
                                        splatI32(tiles));
    auto [image, rowTile, inBand] = laneRows(r, row0, n0, rowEnd);
    own = b.create<arith::AndIOp>(loc, own, inBand);
    Value imageAt =
        b.create<arith::MulIOp>(loc, image, constI32(p.cout * p.oh * p.ow));
    Value planeAt = kb.mul(kb.add(kb.mul(n0, p.cout), o), p.oh * p.ow);
    Value biasV;
    if (bias)
      biasV = b.create<vector::BroadcastOp>(
          loc, vt, b.create<memref::LoadOp>(loc, bias, o));
    for (int64_t i2 = 0; i2 < m; ++i2) {
      Value oh = madd(rowTile, m, i2);
      Value rowOk = b.create<arith::AndIOp>(
          loc, own,
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, oh,
                                  constI32(p.oh)));
      Value rowAt = b.create<arith::AddIOp>(
          loc, imageAt, b.create<arith::MulIOp>(loc, oh, constI32(p.ow)));
      for (int64_t j2 = 0; j2 < m; ++j2) {
        Value ow = madd(tx, m, j2);
        Value ok = b.create<arith::AndIOp>(
            loc, rowOk,
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, ow,
                                    constI32(p.ow)));
        Value at = b.create<arith::AddIOp>(loc, rowAt, ow);
        Value val =
            combine(kb, t.at + j2 * a, 1, ArrayRef(tmp).slice(i2 * a, a));
        if (biasV)
          val = b.create<arith::AddFOp>(loc, val, biasV);
        if (residual)
          val = b.create<arith::AddFOp>(
              loc, val,
              b.create<vector::GatherOp>(loc, vt, residual, ValueRange{planeAt},
                                         at, ok, zero));
        b.create<vector::ScatterOp>(loc, y, ValueRange{planeAt}, at, ok,
                                    epilogue.apply(kb, val));
      }
    }
  };

  // Along rows, a band's last tiles up to qs are never written; zeros
  // there, not the stack's leftovers (subnormals made the products of a
  // 56x56 conv 3x slower), once per call.
  if (!p.flat)
    kb.forLoop(kb.idx(0), kb.idx(p.vSize / lanes), 1, [&](Value i) {
      b.create<vector::StoreOp>(loc, zero, vBuf, kb.mul(i, lanes));
    });

  int64_t pairs = p.pairs;
  forItemPairs(
      kb, begin, end, pairs, p.groups,
      [&](Value nb, Value g0, Value g1) {
        // The band's rows of tiles, [row0, row0 + rowsHere) of the batch's
        // (or of image n's when not merged), of which row ty0 of image n
        // is the first.
        Value band = p.merged ? nb : kb.rems(nb, p.bands);
        Value n = p.merged ? kb.divs(kb.mul(band, p.rows), p.th)
                           : kb.divs(nb, p.bands);
        Value row0 = p.merged ? kb.mul(band, p.rows)
                              : kb.add(kb.mul(n, p.th), kb.mul(band, p.rows));
        Value rowEnd =
            p.merged ? kb.idx(p.rowsTotal) : kb.mul(kb.add(n, 1), p.th);
        Value ty0 = p.merged ? kb.rems(row0, p.th) : kb.mul(band, p.rows);
        Value rowsHere = b.create<arith::MinSIOp>(
            loc, kb.idx(p.rows), b.create<arith::SubIOp>(loc, rowEnd, row0));
        kb.forLoop(kb.idx(0), kb.idx(p.c), 1, [&](Value c) {
          Value plane = kb.mul(kb.add(kb.mul(n, p.c), c), p.h * p.w);
          if (p.flat)
            kb.forLoop(kb.idx(0), kb.idx(p.qs / lanes), 1, [&](Value vi) {
              transformInputFlat(plane, c, row0, n, rowEnd, vi);
            });
          else
            kb.forLoop(kb.idx(0), rowsHere, 1, [&](Value r) {
              transformInput(plane, c, r, kb.add(ty0, r));
            });
        });
        Value p0 = kb.divs(kb.mul(g0, p.panels), p.groups);
        Value p1 = kb.divs(kb.mul(g1, p.panels), p.groups);
        kb.forLoop(p0, p1, 1, [&](Value pi) {
          kb.forLoop(kb.idx(0), kb.idx(aa), 1, [&](Value e) {
            Value aBase = kb.mul(kb.add(kb.mul(pi, aa), e), p.c * p.mr);
            // Prefetching the next GEMM's weights, which follow these:
            // U[p][e + 1], or after the last e, U[p + 1][0] (the last
            // GEMM of U prefetches itself).
            MicroKernel panel = mk;
            panel.aNext = b.create<arith::MinUIOp>(
                loc, kb.add(aBase, p.c * p.mr),
                kb.idx((p.panels * aa - 1) * p.c * p.mr));
            auto tile = [&](const MicroKernel &k, Value col) {
              k.emit(kb, aBase, kb.add(kb.mul(e, p.c * p.qs), col),
                     kb.add(kb.mul(e, p.mr * p.qs), col), kb.idx(0));
            };
            kb.forLoop(kb.idx(0), kb.idx(colTiles), 1,
                       [&](Value q) { tile(panel, kb.mul(q, p.nv * lanes)); });
            if (colRest) {
              MicroKernel rest = panel;
              rest.validCols = colRest;
              tile(rest, kb.idx(colTiles * p.nv * lanes));
            }
          });
          Value o0 = kb.mul(pi, p.mr);
          Value chans = b.create<arith::MinSIOp>(
              loc, kb.idx(p.mr),
              b.create<arith::SubIOp>(loc, kb.idx(p.cout), o0));
          Value tiles = kb.mul(rowsHere, p.tw);
          kb.forLoop(kb.idx(0), chans, 1, [&](Value i) {
            if (p.flat)
              kb.forLoop(kb.idx(0), kb.idx(p.qs / lanes), 1, [&](Value vi) {
                transformOutputFlat(n, kb.add(o0, i), i, row0, rowEnd, tiles,
                                    vi);
              });
            else
              kb.forLoop(kb.idx(0), rowsHere, 1, [&](Value r) {
                transformOutput(n, kb.add(o0, i), i, r, kb.add(ty0, r));
              });
          });
        });
      },
      /*bandMajor=*/true);
  return pairs * p.groups;
}

} // namespace kiln::cpu::kernels
