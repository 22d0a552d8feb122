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
//  2. per row, as the softmax kernel does (Softmax.cpp): the scale and the
//     mask applied and the maximum taken in one pass, exp(s - max) stored
//     and summed in a second, each divided by the sum in a third;
//  3. Y rows = P x V on the micro-kernel, A now the buffer's rows and B V's
//     rows in place.
//
// `rows` is the micro-kernel's tile height (12 with AVX-512, 6 with AVX2),
// fewer when a block of score rows would pass kScoreBytes; the last block
// of a matrix has M % rows rows. KT (D x N) and V (N x Dv) of one head are
// read by every block of its rows and stay in L2 between them. Batch dims
// broadcast as in MatMul.cpp; the mask's dims broadcast into the scores'.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include <limits>

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Bytes of the stack buffer holding a block of score rows.
constexpr int64_t kScoreBytes = 192 * 1024;

/// Shapes and broadcast strides of one fused attention.
struct AttentionPlan {
  int64_t m, d, n, dv;
  /// Result matrices; per batch dim of the result its size and the matrix
  /// strides of Q, KT and V along it, and the mask's element stride (0
  /// where broadcast).
  int64_t batch = 1;
  SmallVector<int64_t> dims, qStrides, kStrides, vStrides, maskStrides;
  /// The mask's element strides along M and N (0 when broadcast); whether
  /// there is a mask.
  int64_t maskRow = 0, maskCol = 0;
  bool hasMask = false;
};

/// The plan of \p op, or nothing for shapes the kernel declines (an empty
/// operand, score rows past the stack budget of a one-row block).
std::optional<AttentionPlan> planAttention(FusedAttentionOp op) {
  auto q = cast<RankedTensorType>(op.getQ().getType());
  auto kt = cast<RankedTensorType>(op.getKT().getType());
  auto v = cast<RankedTensorType>(op.getV().getType());
  auto y = cast<RankedTensorType>(op.getY().getType());
  if (q.getRank() < 2 || kt.getRank() < 2 || v.getRank() < 2 ||
      y.getRank() < 2 || q.getNumElements() == 0 || kt.getNumElements() == 0 ||
      v.getNumElements() == 0 || y.getNumElements() == 0)
    return std::nullopt;
  AttentionPlan p;
  p.m = q.getDimSize(q.getRank() - 2);
  p.d = q.getDimSize(q.getRank() - 1);
  p.n = kt.getDimSize(kt.getRank() - 1);
  p.dv = v.getDimSize(v.getRank() - 1);
  if (p.n * 4 > kScoreBytes)
    return std::nullopt;
  int64_t yBatchRank = y.getRank() - 2;
  // Strides (in units of \p unit-sized blocks) of \p t's dims [0, rank -
  // trailing), aligned to the result's batch dims.
  auto strides = [&](RankedTensorType t, int64_t trailing) {
    SmallVector<int64_t> s(yBatchRank, 0);
    int64_t rank = t.getRank() - trailing, stride = 1;
    for (int64_t i = t.getRank() - 1; i >= rank; --i)
      stride *= t.getDimSize(i);
    for (int64_t i = rank - 1; i >= 0; --i) {
      int64_t yd = i + (yBatchRank - rank);
      if (yd >= 0 && t.getDimSize(i) != 1)
        s[yd] = stride;
      stride *= t.getDimSize(i);
    }
    return s;
  };
  auto inMatrices = [](SmallVector<int64_t> s, int64_t size) {
    for (int64_t &v : s)
      v /= size;
    return s;
  };
  p.qStrides = inMatrices(strides(q, 2), p.m * p.d);
  p.kStrides = inMatrices(strides(kt, 2), p.d * p.n);
  p.vStrides = inMatrices(strides(v, 2), p.n * p.dv);
  for (int64_t i = 0; i < yBatchRank; ++i) {
    p.dims.push_back(y.getDimSize(i));
    p.batch *= y.getDimSize(i);
  }
  if (auto mask = dyn_cast<RankedTensorType>(op.getMask().getType())) {
    p.hasMask = true;
    int64_t r = mask.getRank();
    // The mask's element strides along every scores dim (rank y's).
    SmallVector<int64_t> all(y.getRank(), 0);
    int64_t stride = 1;
    for (int64_t i = r - 1; i >= 0; --i) {
      int64_t sd = i + (y.getRank() - r);
      if (mask.getDimSize(i) != 1)
        all[sd] = stride;
      stride *= mask.getDimSize(i);
    }
    p.maskStrides.assign(all.begin(), all.begin() + yBatchRank);
    p.maskRow = all[yBatchRank];
    p.maskCol = all[yBatchRank + 1];
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

  auto fast = arith::FastMathFlags::reassoc;
  VectorType vt = kb.vec(lanes);
  const float lowest = -std::numeric_limits<float>::infinity();
  std::optional<float> divisor, scale;
  if (auto a = attention.getDivisorAttr())
    divisor = a.getValueAsDouble();
  if (auto a = attention.getScaleAttr())
    scale = a.getValueAsDouble();

  // C (or Y) += A x B over the column panels of B: `cols` columns, B's rows
  // `bRow` apart from bBase, C's rows cRow apart from cBase.
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
    // 1. S = Q rows x KT.
    mk.kc = p.d;
    mk.a = q;
    mk.aRow = p.d;
    mk.b = kt;
    mk.bK = p.n;
    mk.c = scores;
    mk.cRow = padded;
    product(mk, p.n, kb.add(qBase, kb.mul(i0, p.d)), kBase, kb.idx(0));
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
        kb.store(s, scores, at, valid);
        return s;
      };
      Value max = rowReduce(
          kb, scores, base, p.n, lanes, lowest, vector::CombiningKind::MAXIMUMF,
          [&](Value acc, Value x) {
            return b.create<arith::MaximumFOp>(loc, acc, x).getResult();
          },
          scaled);
      Value maxV = b.create<vector::BroadcastOp>(loc, vt, max);
      Value sum = rowReduce(
          kb, scores, base, p.n, lanes, 0.0f, vector::CombiningKind::ADD,
          [&](Value acc, Value x) {
            return b.create<arith::AddFOp>(loc, acc, x, fast).getResult();
          },
          [&](Value x, Value at, int64_t valid) {
            Value e = b.create<math::ExpOp>(
                loc, b.create<arith::SubFOp>(loc, x, maxV));
            kb.store(e, scores, at, valid);
            return e;
          });
      Value sumV = b.create<vector::BroadcastOp>(loc, vt, sum);
      rowMap(kb, scores, scores, base, p.n, lanes,
             [&](Value x, Value, int64_t) -> Value {
               return b.create<arith::DivFOp>(loc, x, sumV);
             });
    });
    // 3. Y rows = P x V.
    mk.kc = p.n;
    mk.a = scores;
    mk.aRow = padded;
    mk.b = v;
    mk.bK = p.dv;
    mk.c = y;
    mk.cRow = p.dv;
    product(mk, p.dv, kb.idx(0), vBase, kb.add(yBase, kb.mul(i0, p.dv)));
  };

  kb.forLoop(begin, end, 1, [&](Value item) {
    Value t = kb.rems(item, tiles), mat = kb.divs(item, tiles);
    // The Q, KT, V and mask matrices of result matrix `mat`.
    Value qMat = kb.idx(0), kMat = kb.idx(0), vMat = kb.idx(0);
    Value maskBase = kb.idx(0), index = mat;
    for (int64_t d = static_cast<int64_t>(p.dims.size()) - 1; d >= 0; --d) {
      Value i = kb.rems(index, p.dims[d]);
      index = kb.divs(index, p.dims[d]);
      if (p.qStrides[d])
        qMat = kb.add(qMat, kb.mul(i, p.qStrides[d]));
      if (p.kStrides[d])
        kMat = kb.add(kMat, kb.mul(i, p.kStrides[d]));
      if (p.vStrides[d])
        vMat = kb.add(vMat, kb.mul(i, p.vStrides[d]));
      if (mask && p.maskStrides[d])
        maskBase = kb.add(maskBase, kb.mul(i, p.maskStrides[d]));
    }
    Value qBase = kb.mul(qMat, p.m * p.d), kBase = kb.mul(kMat, p.d * p.n);
    Value vBase = kb.mul(vMat, p.n * p.dv), yBase = kb.mul(mat, p.m * p.dv);
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
  return p.batch * tiles;
}

} // namespace kiln::cpu::kernels
