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
// `rows` is the micro-kernel's tile height (12 with AVX-512, 6 with AVX2);
// the last block of a matrix has M % rows rows. KT (D x N) and V (N x Dv)
// of one head are read by every block of its rows and stay in L2 between
// them. Batch dims broadcast as in MatMul.cpp; the mask's dims broadcast
// into the scores'.
//
// Where a block of whole score rows would not fit kScoreBytes (N past 4096
// keys with AVX-512, 8192 with AVX2), or a packed KT or V of a whole
// matrix would not, the kernel keeps only a block of `cols` keys at a time
// (online softmax): a work item is a group of row blocks of one matrix,
// and per block of keys (KT's and V's part packed first where they must
// be) each row block takes
//
//  1. S = Q rows x KT's block, as above;
//  2. per row, with the scale and the mask applied, the block's maximum m_b;
//     the row's running maximum m' = max(m, m_b), exp(s - m') stored and
//     summed into the running sum l' = l exp(m - m') + sum, and the row of
//     Y computed so far scaled by exp(m - m');
//  3. Y rows += P x V's block;
//
// and after the last block each row of Y is divided by its l. A row whose
// scores are all -inf gives NaN, as the unfused Softmax does.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"
#include "StridedView.h"

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
  /// Rows of a block (the micro-kernel's tile height).
  int64_t rows = 1;
  /// Keys a block of scores holds, and its row stride: all N padded to
  /// whole vectors, or in the online form a block of keys (a multiple of
  /// the product's panel width).
  int64_t cols = 0;
  /// Online softmax: the keys a block at a time, a work item `group`
  /// blocks of rows of one matrix.
  bool online = false;
  int64_t group = 0;
};

/// Row blocks per work item of the online form at most: a block of keys'
/// KT and V parts, packed or not, are read from cache by each.
constexpr int64_t kMaxGroupBlocks = 16;
/// Work items the online form makes at least, where it has enough blocks
/// of rows.
constexpr int64_t kMinItems = 8;

/// Chooses the online form's block of keys and group of row blocks for
/// \p p, whose other fields are set; false where even the narrowest
/// block's packed part would not fit the stack.
bool planOnline(AttentionPlan &p, int64_t lanes) {
  int64_t nr = 2 * lanes;
  // The block's scores, and its KT and V parts together, in kScoreBytes.
  int64_t byScores = kScoreBytes / (4 * p.rows);
  int64_t byOperands = kScoreBytes / (4 * (p.d + p.dv));
  int64_t cols = std::max(nr, std::min(byScores, byOperands) / nr * nr);
  int64_t padded = (p.n + nr - 1) / nr * nr;
  p.cols = std::min(cols, padded);
  if ((p.packKT && p.d * p.cols * 4 > 2 * kScoreBytes) ||
      (p.packV && p.cols * p.dv * 4 > 2 * kScoreBytes))
    return false;
  int64_t tiles = (p.m + p.rows - 1) / p.rows;
  int64_t groups = (tiles + kMaxGroupBlocks - 1) / kMaxGroupBlocks;
  while (p.batch * groups < kMinItems && groups < tiles)
    ++groups;
  p.group = (tiles + groups - 1) / groups;
  p.online = true;
  return true;
}

/// The plan of \p op, or nothing for shapes the kernel declines (an empty
/// operand, V or the result read through a perm that moves their last dim,
/// a packed block of keys past the stack budget).
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
  if (v.stride(0) != 1 || y.stride(0) != 1)
    return std::nullopt;
  p.packKT = kt.stride(0) != 1;
  p.qRow = q.stride(1);
  p.qCol = q.stride(0);
  p.kRow = kt.stride(1);
  p.kCol = kt.stride(0);
  p.vRow = v.stride(1);
  p.packV = p.vRow != p.dv;
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
  // Whole rows of scores, and whole packed matrices, where they fit.
  int64_t lanes = hostLanes();
  int64_t padded = (p.n + lanes - 1) / lanes * lanes;
  p.rows = gemmTileRows(2);
  p.cols = padded;
  if (p.rows * padded * 4 <= kScoreBytes &&
      (!p.packKT || p.d * padded * 4 <= kScoreBytes) &&
      (!p.packV || p.n * p.dv * 4 <= kScoreBytes))
    return p;
  if (!planOnline(p, lanes))
    return std::nullopt;
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
  int64_t rows = p.rows, cols = p.cols;
  int64_t fullTiles = p.m / rows, tailRows = p.m % rows;
  int64_t tiles = fullTiles + (tailRows ? 1 : 0);
  auto stackFloats = [&](int64_t floats) -> Value {
    return b.create<memref::AllocaOp>(loc,
                                      MemRefType::get({floats}, b.getF32Type()),
                                      b.getI64IntegerAttr(64));
  };
  Value scores = stackFloats(rows * cols);
  // Packed KT (D x cols) and V (keys x Dv): a matrix's, or a block's.
  Value packed, packedV;
  if (p.packV)
    packedV = stackFloats((p.online ? cols : p.n) * p.dv);
  if (p.packKT)
    packed = stackFloats(p.d * cols);

  VectorType vt = kb.vec(lanes);
  std::optional<float> divisor, scale;
  if (auto a = attention.getDivisorAttr())
    divisor = a.getValueAsDouble();
  if (auto a = attention.getScaleAttr())
    scale = a.getValueAsDouble();

  // C = A x B (or C += A x B where `accumulate` holds) for mk's rows, over
  // the column panels of B's `n` columns (the last one masked when it is
  // partial); mk gives the strides, aBase, bBase and cBase the first
  // elements.
  auto product = [&](MicroKernel mk, int64_t n, Value aBase, Value bBase,
                     Value cBase, Value accumulate = {}) {
    int64_t panels = (n + nr - 1) / nr, last = n - (panels - 1) * nr;
    int64_t fullPanels = last == nr ? panels : panels - 1;
    mk.validCols = nr;
    if (fullPanels > 0)
      kb.forLoop(kb.idx(0), kb.idx(fullPanels), 1, [&](Value pnl) {
        Value col = kb.mul(pnl, nr);
        mk.emit(kb, aBase, kb.add(bBase, col), kb.add(cBase, col), Value(),
                accumulate);
      });
    if (fullPanels < panels) {
      mk.validCols = last;
      mk.maskB = true;
      Value col = kb.idx(fullPanels * nr);
      mk.emit(kb, aBase, kb.add(bBase, col), kb.add(cBase, col), Value(),
              accumulate);
    }
  };

  // The scores of a row of the block, whose first element is at `base` and
  // first key at key `key0`, scaled and masked (maskRow: the row's first
  // mask element).
  auto prepareRow = [&](Value maskRow, Value base, Value key0) -> RowVectorFn {
    return [&, maskRow, base, key0](Value s, Value at, int64_t valid) {
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
          mv = kb.load(
              mask, kb.add(maskRow, kb.add(key0, kb.add(at, kb.mul(base, -1)))),
              lanes, valid);
        s = b.create<arith::AddFOp>(loc, s, mv);
      }
      return s;
    };
  };

  // The micro-kernel of the first product (Q rows x KT's keys from `key0`,
  // or its packed copy), whose scores go to the buffer.
  auto scoresKernel = [&](int64_t r) {
    MicroKernel mk;
    mk.lanes = lanes;
    mk.nv = nv;
    mk.mr = r;
    mk.kc = p.d;
    mk.a = q;
    mk.aRow = p.qRow;
    mk.aK = p.qCol;
    mk.b = p.packKT ? packed : kt;
    mk.bK = p.packKT ? cols : p.kRow;
    mk.c = scores;
    mk.cRow = cols;
    return mk;
  };
  // The micro-kernel of the second product (P x V's `n` keys, or its
  // packed copy), into the result.
  auto valuesKernel = [&](int64_t r, int64_t n) {
    MicroKernel mk;
    mk.lanes = lanes;
    mk.nv = nv;
    mk.mr = r;
    mk.kc = n;
    mk.a = scores;
    mk.aRow = cols;
    mk.aK = 1;
    mk.b = p.packV ? packedV : v;
    mk.bK = p.packV ? p.dv : p.vRow;
    mk.c = y;
    mk.cRow = p.yRow;
    return mk;
  };

  // One block of `r` rows starting at row i0 of result matrix `mat`, all
  // keys at once.
  auto block = [&](int64_t r, Value i0, Value qBase, Value kBase, Value vBase,
                   Value maskBase, Value yBase) {
    // 1. S = Q rows x KT (or its packed copy).
    product(scoresKernel(r), p.n, kb.add(qBase, kb.mul(i0, p.qRow)),
            p.packKT ? kb.idx(0) : kBase, kb.idx(0));
    // 2. Softmax of each row, scaled and masked.
    kb.forLoop(kb.idx(0), kb.idx(r), 1, [&](Value row) {
      Value base = kb.mul(row, cols);
      Value maskRow;
      if (mask)
        maskRow = kb.add(maskBase, kb.mul(kb.add(i0, row), p.maskRow));
      softmaxRow(kb, scores, scores, base, p.n, lanes, false,
                 prepareRow(maskRow, base, kb.idx(0)));
    });
    // 3. Y rows = P x V.
    product(valuesKernel(r, p.n), p.dv, kb.idx(0), p.packV ? kb.idx(0) : vBase,
            kb.add(yBase, kb.mul(i0, p.yRow)));
  };

  // The bases of Q, KT, V, the mask and the result in matrix `mat`.
  struct Bases {
    Value q, k, v, mask, y;
  };
  auto basesOf = [&](Value mat) {
    Bases at{kb.idx(0), kb.idx(0), kb.idx(0), kb.idx(0), kb.idx(0)};
    Value index = mat;
    for (int64_t d = static_cast<int64_t>(p.dims.size()) - 1; d >= 0; --d) {
      Value i = kb.rems(index, p.dims[d]);
      index = kb.divs(index, p.dims[d]);
      auto step = [&](Value &base, int64_t stride) {
        if (stride)
          base = kb.add(base, kb.mul(i, stride));
      };
      step(at.q, p.qStrides[d]);
      step(at.k, p.kStrides[d]);
      step(at.v, p.vStrides[d]);
      step(at.y, p.yStrides[d]);
      if (mask)
        step(at.mask, p.maskStrides[d]);
    }
    return at;
  };
  // Copies keys [key0, key0 + n) of KT into `packed` (row stride cols) and
  // of V into `packedV`, where they are packed. Key by key: a key's D
  // values are usually contiguous (a head of a [batch, seq, heads, dim]
  // projection), its column of the block is not.
  auto pack = [&](const Bases &at, Value key0, int64_t n) {
    if (p.packKT)
      kb.forLoop(kb.idx(0), kb.idx(n), 1, [&](Value nn) {
        Value key = kb.add(key0, nn);
        kb.forLoop(kb.idx(0), kb.idx(p.d), 1, [&](Value dd) {
          Value from =
              kb.add(kb.add(at.k, kb.mul(dd, p.kRow)), kb.mul(key, p.kCol));
          b.create<memref::StoreOp>(loc,
                                    b.create<memref::LoadOp>(loc, kt, from),
                                    packed, kb.add(kb.mul(dd, cols), nn));
        });
      });
    if (p.packV)
      kb.forLoop(kb.idx(0), kb.idx(n), 1, [&](Value nn) {
        Value key = kb.add(key0, nn);
        for (int64_t j = 0; j < p.dv; j += lanes) {
          int64_t valid = std::min(lanes, p.dv - j);
          Value from = kb.add(kb.add(at.v, kb.mul(key, p.vRow)), j);
          kb.store(kb.load(v, from, lanes, valid), packedV,
                   kb.add(kb.mul(nn, p.dv), j), valid);
        }
      });
  };
  // Row blocks [t0, t1) of a matrix, each by `run(r, i0)` with r rows from
  // row i0 (the last block of the matrix has the M % rows last ones).
  auto eachBlock = [&](Value t0, Value t1,
                       const std::function<void(int64_t, Value)> &run) {
    kb.forLoop(t0, t1, 1, [&](Value t) {
      Value i0 = kb.mul(t, rows);
      if (!tailRows)
        run(rows, i0);
      else if (!fullTiles)
        run(tailRows, i0);
      else
        kb.ifThen(
            kb.cmp(arith::CmpIPredicate::eq, t, fullTiles),
            [&] { run(tailRows, i0); }, [&] { run(rows, i0); });
    });
  };

  if (!p.online) {
    // A work item is a block of rows, or with KT or V packed a whole matrix.
    kb.forLoop(begin, end, 1, [&](Value item) {
      Value mat = p.perMatrix() ? item : kb.divs(item, tiles);
      Bases at = basesOf(mat);
      if (p.perMatrix())
        pack(at, kb.idx(0), p.n);
      Value t0 = p.perMatrix() ? kb.idx(0) : kb.rems(item, tiles);
      Value t1 = p.perMatrix() ? kb.idx(tiles) : kb.add(t0, 1);
      eachBlock(t0, t1, [&](int64_t r, Value i0) {
        block(r, i0, at.q, at.k, at.v, at.mask, at.y);
      });
    });
    return p.perMatrix() ? p.batch : p.batch * tiles;
  }

  // Online softmax: a work item is `group` row blocks of one matrix, with
  // each row's running maximum and sum in `maxima` and `sums`.
  int64_t groups = (tiles + p.group - 1) / p.group;
  Value maxima = stackFloats(p.group * rows),
        sums = stackFloats(p.group * rows);
  const float lowest = -std::numeric_limits<float>::infinity();
  kb.forLoop(begin, end, 1, [&](Value item) {
    Bases at = basesOf(kb.divs(item, groups));
    Value t0 = kb.mul(kb.rems(item, groups), p.group);
    Value t1 =
        b.create<arith::MinSIOp>(loc, kb.add(t0, p.group), kb.idx(tiles));
    Value row0 = kb.mul(t0, rows);
    Value rowEnd = b.create<arith::MinSIOp>(loc, kb.mul(t1, rows), kb.idx(p.m));
    kb.forLoop(kb.idx(0), kb.add(rowEnd, kb.mul(row0, -1)), 1, [&](Value i) {
      b.create<memref::StoreOp>(loc, kb.f32(lowest), maxima, i);
      b.create<memref::StoreOp>(loc, kb.f32(0.0f), sums, i);
    });
    // The block of n keys from key0; `later` (i1, or null for false) when
    // it is not the first.
    auto keyBlock = [&](Value key0, int64_t n, Value later) {
      pack(at, key0, n);
      eachBlock(t0, t1, [&](int64_t r, Value i0) {
        // 1. S = Q rows x KT's block.
        product(scoresKernel(r), n, kb.add(at.q, kb.mul(i0, p.qRow)),
                p.packKT ? kb.idx(0) : kb.add(at.k, kb.mul(key0, p.kCol)),
                kb.idx(0));
        // 2. Per row: the block's maximum, the exps and the running sums;
        //    Y's row so far rescaled.
        kb.forLoop(kb.idx(0), kb.idx(r), 1, [&](Value row) {
          Value base = kb.mul(row, cols);
          Value rowIndex = kb.add(i0, row);
          Value state = kb.add(rowIndex, kb.mul(row0, -1));
          Value maskRow;
          if (mask)
            maskRow = kb.add(at.mask, kb.mul(rowIndex, p.maskRow));
          Value blockMax = rowMax(kb, scores, scores, base, n, lanes,
                                  prepareRow(maskRow, base, key0));
          Value oldMax = b.create<memref::LoadOp>(loc, maxima, state);
          Value newMax = b.create<arith::MaximumFOp>(loc, oldMax, blockMax);
          // A row all -inf so far subtracts 0, so its exps are 0, not NaN.
          Value shift = b.create<arith::SelectOp>(
              loc,
              b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, newMax,
                                      kb.f32(lowest)),
              kb.f32(0.0f), newMax);
          Value blockSum =
              rowExpSum(kb, scores, scores, base, n, lanes, shift, true);
          Value rescale = b.create<math::ExpOp>(
              loc, b.create<arith::SubFOp>(loc, oldMax, shift));
          Value oldSum = b.create<memref::LoadOp>(loc, sums, state);
          Value sum = b.create<arith::AddFOp>(
              loc, b.create<arith::MulFOp>(loc, oldSum, rescale), blockSum);
          b.create<memref::StoreOp>(loc, newMax, maxima, state);
          b.create<memref::StoreOp>(loc, sum, sums, state);
          if (later) {
            Value rescaleV = b.create<vector::BroadcastOp>(loc, vt, rescale);
            Value yRow = kb.add(at.y, kb.mul(rowIndex, p.yRow));
            kb.ifThen(later, [&] {
              rowMap(kb, y, y, yRow, p.dv, lanes,
                     [&](Value x, Value, int64_t) -> Value {
                       return b.create<arith::MulFOp>(loc, x, rescaleV);
                     });
            });
          }
        });
        // 3. Y rows (+)= P x V's block.
        product(valuesKernel(r, n), p.dv, kb.idx(0),
                p.packV ? kb.idx(0) : kb.add(at.v, kb.mul(key0, p.vRow)),
                kb.add(at.y, kb.mul(i0, p.yRow)), later);
      });
    };
    int64_t fullBlocks = p.n / cols, last = p.n % cols;
    if (fullBlocks > 0)
      kb.forLoop(kb.idx(0), kb.idx(fullBlocks), 1, [&](Value kbIndex) {
        Value later = fullBlocks > 1 || last
                          ? kb.cmp(arith::CmpIPredicate::ne, kbIndex, 0)
                          : Value();
        keyBlock(kb.mul(kbIndex, cols), cols, later);
      });
    if (last)
      keyBlock(kb.idx(fullBlocks * cols), last,
               fullBlocks ? b.create<arith::ConstantIntOp>(loc, 1, 1)
                          : Value());
    // Each row of Y divided by its sum.
    kb.forLoop(row0, rowEnd, 1, [&](Value rowIndex) {
      Value sum = b.create<memref::LoadOp>(loc, sums,
                                           kb.add(rowIndex, kb.mul(row0, -1)));
      Value sumV = b.create<vector::BroadcastOp>(loc, vt, sum);
      rowMap(kb, y, y, kb.add(at.y, kb.mul(rowIndex, p.yRow)), p.dv, lanes,
             [&](Value x, Value, int64_t) -> Value {
               return b.create<arith::DivFOp>(loc, x, sumV);
             });
    });
  });
  return p.batch * groups;
}

} // namespace kiln::cpu::kernels
