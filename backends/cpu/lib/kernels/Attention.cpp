//===- Attention.cpp - kiln.fused_attention on the micro-kernel -----------===//
//
// softmax(Q x KT / divisor + mask) x V without writing the scores out: a
// work item is a block of `rows` rows of one result matrix (one head of one
// image), and its scores, rows x N, live in a stack buffer while three
// steps run on them:
//
//  1. S = Q rows x KT on the GEMM micro-kernel (A = Q's rows broadcast, B =
//     KT's rows read in place a panel of two vectors at a time, the last
//     panel with masked loads), stored into the buffer (rows padded to
//     whole vectors);
//  2. per row, softmaxRow (Softmax.cpp's row kernel): the scale and the
//     mask applied and the maximum taken in one pass, exp(s - max) stored
//     and summed in a second, each divided by the sum in a third;
//  3. Y rows = P x V on the micro-kernel, A now the buffer's rows and B V's
//     rows in place.
//
// Operands are read, and the result written, through the op's perms (a
// head split or merge the pass folded): Q with any strides (its elements
// are broadcast one by one), V and the result with their last dim
// contiguous; a KT whose N is not contiguous, and a V whose rows are not
// adjacent, are first packed, per matrix, into blocks on the stack (reading
// rows pages apart in the products measured slower), and a work item is
// then a whole matrix.
//
// `rows` is the micro-kernel's tile height (12 with AVX-512, 6 with AVX2),
// fewer when a block of score rows would pass kScoreBytes; the last block
// of a matrix has M % rows rows. KT (D x N) and V (N x Dv) of one head are
// read by every block of its rows and stay in L2 between them. Batch dims
// broadcast as in MatMul.cpp; the mask's dims broadcast into the scores'.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"
#include "StridedView.h"

#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Bytes of the stack buffer holding a block of score rows.
constexpr int64_t kScoreBytes = 192 * 1024;

/// Shapes and broadcast strides of one fused attention.
struct AttentionPlan {
  int64_t m, d, n, dv;
  /// Result matrices; per batch dim of the result its size and the element
  /// strides of Q, KT, V, the mask and the result along it (0 where
  /// broadcast).
  int64_t batch = 1;
  SmallVector<int64_t> dims, qStrides, kStrides, vStrides, maskStrides,
      yStrides;
  /// Element strides within a matrix: Q along M and D, KT along D and N,
  /// V along N, the result along M (V's and the result's last dims are
  /// contiguous), the mask along M and N (0 when broadcast).
  int64_t qRow, qCol, kRow, kCol, vRow, yRow, maskRow = 0, maskCol = 0;
  bool hasMask = false;
  /// KT's N is not contiguous: each matrix's KT is first packed into a D x
  /// N block on the stack, and a work item is a whole matrix.
  bool packKT = false;
  /// V's rows are not adjacent (a head of a wider projection): each
  /// matrix's V is first copied into an N x Dv block on the stack, so the
  /// second product streams one block instead of N rows pages apart.
  bool packV = false;
  /// Whether a work item is a whole matrix (a block is packed per matrix).
  bool perMatrix() const { return packKT || packV; }
};

/// The plan of \p op, or nothing for shapes the kernel declines (an empty
/// operand, score rows past the stack budget of a one-row block, V or the
/// result read through a perm that moves their last dim).
std::optional<AttentionPlan> planAttention(FusedAttentionOp op) {
  auto typeOf = [](Value v) { return cast<RankedTensorType>(v.getType()); };
  for (Value v : {op.getQ(), op.getKT(), op.getV(), op.getY()})
    if (typeOf(v).getRank() < 2 || typeOf(v).getNumElements() == 0)
      return std::nullopt;
  StridedView q(typeOf(op.getQ()), op.getQPerm(), false);
  StridedView kt(typeOf(op.getKT()), op.getKtPerm(), false);
  StridedView v(typeOf(op.getV()), op.getVPerm(), false);
  StridedView y(typeOf(op.getY()), op.getYPerm(), true);
  AttentionPlan p;
  p.m = q.dim(1);
  p.d = q.dim(0);
  p.n = kt.dim(0);
  p.dv = v.dim(0);
  if (p.n * 4 > kScoreBytes || v.stride(0) != 1 || y.stride(0) != 1)
    return std::nullopt;
  p.packKT = kt.stride(0) != 1;
  int64_t padded = (p.n + 15) / 16 * 16;
  if (p.packKT && p.d * padded * 4 > kScoreBytes)
    return std::nullopt;
  p.qRow = q.stride(1);
  p.qCol = q.stride(0);
  p.kRow = kt.stride(1);
  p.kCol = kt.stride(0);
  p.vRow = v.stride(1);
  p.packV = p.vRow != p.dv;
  if (p.packV && p.n * p.dv * 4 > kScoreBytes)
    return std::nullopt;
  p.yRow = y.stride(1);
  int64_t yBatchRank = y.rank() - 2;
  p.qStrides = q.batchStrides(yBatchRank, 2);
  p.kStrides = kt.batchStrides(yBatchRank, 2);
  p.vStrides = v.batchStrides(yBatchRank, 2);
  p.yStrides = y.batchStrides(yBatchRank, 2);
  for (int64_t i = 0; i < yBatchRank; ++i) {
    p.dims.push_back(y.dims[i]);
    p.batch *= y.dims[i];
  }
  if (auto mask = dyn_cast<RankedTensorType>(op.getMask().getType())) {
    p.hasMask = true;
    StridedView mv(mask, std::nullopt, false);
    // The mask broadcasts into the scores, whose rank is the result's.
    p.maskStrides =
        mv.batchStrides(yBatchRank, std::min<int64_t>(2, mv.rank()));
    p.maskRow = mv.rank() >= 2 && mv.dim(1) != 1 ? mv.stride(1) : 0;
    p.maskCol = mv.dim(0) != 1 ? mv.stride(0) : 0;
  }
  return p;
}

} // namespace

bool canEmitAttention(Operation *op) {
  return planAttention(cast<FusedAttentionOp>(op)).has_value();
}

int64_t estimateAttentionWork(Operation *op) {
  std::optional<AttentionPlan> p = planAttention(cast<FusedAttentionOp>(op));
  // The two products' multiply-adds, and the softmax's (Softmax.cpp).
  return p ? p->batch * p->m * p->n * (p->d + p->dv + 8) : 0;
}

FailureOr<int64_t> emitAttention(OpBuilder &b, Operation *op,
                                 ValueRange operands, ValueRange results,
                                 Value begin, Value end,
                                 const EpilogueTail &tail) {
  auto attention = cast<FusedAttentionOp>(op);
  std::optional<AttentionPlan> planned = planAttention(attention);
  if (tail || !planned)
    return failure();
  const AttentionPlan &p = *planned;
  Location loc = op->getLoc();
  KB kb{b, loc};
  Value q = operandBuffer(b, op, operands, 0);
  Value kt = operandBuffer(b, op, operands, 1);
  Value v = operandBuffer(b, op, operands, 2);
  Value mask = p.hasMask ? operandBuffer(b, op, operands, 3) : Value();
  if (!q || !kt || !v || (p.hasMask && !mask))
    return failure();
  q = flatten(b, loc, q);
  kt = flatten(b, loc, kt);
  v = flatten(b, loc, v);
  if (mask)
    mask = flatten(b, loc, mask);
  Value y = flatten(b, loc, results[0]);

  int64_t lanes = hostLanes(), nv = 2, nr = nv * lanes;
  int64_t padded = (p.n + lanes - 1) / lanes * lanes;
  int64_t rows = std::max<int64_t>(
      1, std::min(gemmTileRows(nv), kScoreBytes / (4 * padded)));
  int64_t fullTiles = p.m / rows, tailRows = p.m % rows;
  int64_t tiles = fullTiles + (tailRows ? 1 : 0);
  auto scoresType = MemRefType::get({rows * padded}, b.getF32Type());
  Value scores =
      b.create<memref::AllocaOp>(loc, scoresType, b.getI64IntegerAttr(64));
  Value packed, packedV;
  if (p.packV)
    packedV = b.create<memref::AllocaOp>(
        loc, MemRefType::get({p.n * p.dv}, b.getF32Type()),
        b.getI64IntegerAttr(64));
  if (p.packKT)
    packed = b.create<memref::AllocaOp>(
        loc, MemRefType::get({p.d * padded}, b.getF32Type()),
        b.getI64IntegerAttr(64));

  VectorType vt = kb.vec(lanes);
  std::optional<float> divisor, scale;
  if (auto a = attention.getDivisorAttr())
    divisor = a.getValueAsDouble();
  if (auto a = attention.getScaleAttr())
    scale = a.getValueAsDouble();

  // C = A x B for mk's rows, over the column panels of B's `cols` columns
  // (the last one masked when it is partial); mk gives the strides, aBase,
  // bBase and cBase the first elements.
  auto product = [&](MicroKernel mk, int64_t cols, Value aBase, Value bBase,
                     Value cBase) {
    int64_t panels = (cols + nr - 1) / nr, last = cols - (panels - 1) * nr;
    int64_t fullPanels = last == nr ? panels : panels - 1;
    mk.validCols = nr;
    if (fullPanels > 0)
      kb.forLoop(kb.idx(0), kb.idx(fullPanels), 1, [&](Value pnl) {
        Value col = kb.mul(pnl, nr);
        mk.emit(kb, aBase, kb.add(bBase, col), kb.add(cBase, col), Value());
      });
    if (fullPanels < panels) {
      mk.validCols = last;
      mk.maskB = true;
      Value col = kb.idx(fullPanels * nr);
      mk.emit(kb, aBase, kb.add(bBase, col), kb.add(cBase, col), Value());
    }
  };

  // One block of `r` rows starting at row i0 of result matrix `mat`.
  auto block = [&](int64_t r, Value i0, Value qBase, Value kBase, Value vBase,
                   Value maskBase, Value yBase) {
    MicroKernel mk;
    mk.lanes = lanes;
    mk.nv = nv;
    mk.mr = r;
    // 1. S = Q rows x KT (or its packed copy).
    mk.kc = p.d;
    mk.a = q;
    mk.aRow = p.qRow;
    mk.aK = p.qCol;
    mk.b = p.packKT ? packed : kt;
    mk.bK = p.packKT ? padded : p.kRow;
    mk.c = scores;
    mk.cRow = padded;
    product(mk, p.n, kb.add(qBase, kb.mul(i0, p.qRow)),
            p.packKT ? kb.idx(0) : kBase, kb.idx(0));
    // 2. Softmax of each row, scaled and masked.
    kb.forLoop(kb.idx(0), kb.idx(r), 1, [&](Value row) {
      Value base = kb.mul(row, padded);
      Value maskRow;
      if (mask)
        maskRow = kb.add(maskBase, kb.mul(kb.add(i0, row), p.maskRow));
      auto scaled = [&](Value s, Value at, int64_t valid) {
        if (divisor)
          s = b.create<arith::DivFOp>(loc, s, kb.splat(lanes, *divisor));
        else if (scale)
          s = b.create<arith::MulFOp>(loc, s, kb.splat(lanes, *scale));
        if (mask) {
          Value mv;
          if (p.maskCol == 0)
            mv = b.create<vector::BroadcastOp>(
                loc, vt, b.create<memref::LoadOp>(loc, mask, maskRow));
          else
            mv = kb.load(mask, kb.add(maskRow, kb.add(at, kb.mul(base, -1))),
                         lanes, valid);
          s = b.create<arith::AddFOp>(loc, s, mv);
        }
        return s;
      };
      softmaxRow(kb, scores, scores, base, p.n, lanes, false, scaled);
    });
    // 3. Y rows = P x V.
    mk.kc = p.n;
    mk.a = scores;
    mk.aRow = padded;
    mk.aK = 1;
    mk.b = p.packV ? packedV : v;
    mk.bK = p.packV ? p.dv : p.vRow;
    mk.c = y;
    mk.cRow = p.yRow;
    product(mk, p.dv, kb.idx(0), p.packV ? kb.idx(0) : vBase,
            kb.add(yBase, kb.mul(i0, p.yRow)));
  };

  // Row blocks [t0, t1) of result matrix `mat`.
  auto blocks = [&](Value mat, Value t0, Value t1) {
    // The Q, KT, V, mask and result bases of matrix `mat`.
    Value qBase = kb.idx(0), kBase = kb.idx(0), vBase = kb.idx(0);
    Value maskBase = kb.idx(0), yBase = kb.idx(0), index = mat;
    for (int64_t d = static_cast<int64_t>(p.dims.size()) - 1; d >= 0; --d) {
      Value i = kb.rems(index, p.dims[d]);
      index = kb.divs(index, p.dims[d]);
      auto step = [&](Value &base, int64_t stride) {
        if (stride)
          base = kb.add(base, kb.mul(i, stride));
      };
      step(qBase, p.qStrides[d]);
      step(kBase, p.kStrides[d]);
      step(vBase, p.vStrides[d]);
      step(yBase, p.yStrides[d]);
      if (mask)
        step(maskBase, p.maskStrides[d]);
    }
    // Key by key: a key's D values are usually contiguous (a head of a
    // [batch, seq, heads, dim] projection), its column of the block is not.
    if (p.packKT)
      kb.forLoop(kb.idx(0), kb.idx(p.n), 1, [&](Value nn) {
        kb.forLoop(kb.idx(0), kb.idx(p.d), 1, [&](Value dd) {
          Value at =
              kb.add(kb.add(kBase, kb.mul(dd, p.kRow)), kb.mul(nn, p.kCol));
          b.create<memref::StoreOp>(loc, b.create<memref::LoadOp>(loc, kt, at),
                                    packed, kb.add(kb.mul(dd, padded), nn));
        });
      });
    if (p.packV)
      kb.forLoop(kb.idx(0), kb.idx(p.n), 1, [&](Value nn) {
        for (int64_t j = 0; j < p.dv; j += lanes) {
          int64_t valid = std::min(lanes, p.dv - j);
          Value from = kb.add(kb.add(vBase, kb.mul(nn, p.vRow)), j);
          kb.store(kb.load(v, from, lanes, valid), packedV,
                   kb.add(kb.mul(nn, p.dv), j), valid);
        }
      });
    kb.forLoop(t0, t1, 1, [&](Value t) {
      Value i0 = kb.mul(t, rows);
      auto run = [&](int64_t r) {
        block(r, i0, qBase, kBase, vBase, maskBase, yBase);
      };
      if (!tailRows)
        run(rows);
      else if (!fullTiles)
        run(tailRows);
      else
        kb.ifThen(
            kb.cmp(arith::CmpIPredicate::eq, t, fullTiles),
            [&] { run(tailRows); }, [&] { run(rows); });
    });
  };
  // A work item is a block of rows, or with KT packed a whole matrix.
  kb.forLoop(begin, end, 1, [&](Value item) {
    if (p.perMatrix())
      blocks(item, kb.idx(0), kb.idx(tiles));
    else
      blocks(kb.divs(item, tiles), kb.rems(item, tiles),
             kb.add(kb.rems(item, tiles), 1));
  });
  return p.perMatrix() ? p.batch : p.batch * tiles;
}

} // namespace kiln::cpu::kernels
