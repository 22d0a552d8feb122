//===- RowNorm.cpp - Layer, RMS and instance normalization by rows --------===//
//
// The work item is one row: n elements normalized together, contiguous in X
// (LayerNormalization and RMSNormalization: the dims from the axis on;
// InstanceNormalization: one image's channel, its spatial dims). Each row
// is read while it is in L1: its sum (the mean), the sum of squared
// deviations from the mean (the variance, two-pass so that a large mean does
// not cancel the deviations away), then Y = (X - mean) * 1 / sqrt(var + eps)
// * Scale + B; an RMS normalization takes only the sum of squares and
// writes Y = X * 1 / sqrt(mean(X^2) + eps) * Scale. Scale and B are per
// element of a row (or one value), or, for an instance normalization, one
// per channel, folded into one subtraction and multiply-add per element. Sums
// are in f32 vectors (rowReduce: four independent accumulators, reassociated);
// the reference kernels' f64 sums stay the definition and the tests compare
// against them. The partial vector at a row's end is loaded plainly and
// blended, or with a mask in X's last row (where a plain load could leave
// X), and its lanes past the end are zeroed after the deviation.
//
// The linalg lowering (lower/MatMulNorm.cpp) remains for what this kernel
// declines: other element types, LayerNormalization's Mean and InvStdDev
// outputs, a Scale or B that broadcasts within the normalized shape (an
// RMSNormalization declined runs on its reference kernel). Measured on
// ViT-B/16 at one thread (kiln-bench --model): its 25 decomposed LayerNorms
// took about 5.5 ms as separate ops (the two ReduceMeans alone 4.35 ms),
// 0.73 ms fused onto this kernel, 29 us per 197 x 768 block.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// A normalization the row kernel runs: \c rows rows of \c n elements,
/// contiguous in X, each normalized on its own.
struct RowNorm {
  int64_t rows = 0, n = 0;
  /// 0: Scale and B hold one value per element of a row, or one for all
  /// (LayerNormalization); C: one per channel, row r's is r % C
  /// (InstanceNormalization over N x C rows).
  int64_t channels = 0;
  float epsilon = 1e-5f;
  /// False for RMSNormalization: no mean subtracted, no B.
  bool centered = true;
};

/// Rows and row length of \p x normalized over its dims [axis, rank) (axis
/// default -1), when each parameter of \p params (none: absent) holds one
/// value per element of a row or one for all.
std::optional<RowNorm> trailingRows(RankedTensorType x,
                                    std::optional<int64_t> axisAttr,
                                    ArrayRef<Value> params) {
  int64_t rank = x.getRank();
  int64_t axis = axisAttr.value_or(-1);
  if (axis < 0)
    axis += rank;
  if (rank == 0 || axis < 0 || axis >= rank)
    return std::nullopt;
  RowNorm r;
  r.rows = r.n = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < axis ? r.rows : r.n) *= x.getDimSize(d);
  for (Value v : params) {
    if (isa<NoneType>(v.getType()))
      continue;
    int64_t count = cast<RankedTensorType>(v.getType()).getNumElements();
    if (count != r.n && count != 1)
      return std::nullopt;
  }
  return r;
}

/// Rows and row length of a LayerNormalization the kernel handles.
std::optional<RowNorm> layerNormRows(LayerNormalizationOp ln) {
  if (!ln.getStats().empty())
    return std::nullopt;
  std::optional<RowNorm> r =
      trailingRows(cast<RankedTensorType>(ln.getX().getType()), ln.getAxis(),
                   {ln.getScale(), ln.getB()});
  if (r)
    r->epsilon = ln.getEpsilon() ? ln.getEpsilon()->convertToFloat() : 1e-5f;
  return r;
}

/// Rows and row length of an RMSNormalization.
std::optional<RowNorm> rmsNormRows(RMSNormalizationOp rms) {
  std::optional<RowNorm> r =
      trailingRows(cast<RankedTensorType>(rms.getX().getType()), rms.getAxis(),
                   {rms.getScale()});
  if (r) {
    r->epsilon = rms.getEpsilon() ? rms.getEpsilon()->convertToFloat() : 1e-5f;
    r->centered = false;
  }
  return r;
}

/// Rows (one per image and channel) and row length (the spatial dims) of
/// an InstanceNormalization.
std::optional<RowNorm> instanceNormRows(InstanceNormalizationOp in) {
  auto x = cast<RankedTensorType>(in.getInput().getType());
  if (x.getRank() < 3)
    return std::nullopt;
  RowNorm r;
  r.channels = x.getDimSize(1);
  r.rows = x.getDimSize(0) * r.channels;
  r.n = x.getNumElements() / std::max<int64_t>(1, r.rows);
  for (Value v : SmallVector<Value, 2>{in.getScale(), in.getB()})
    if (cast<RankedTensorType>(v.getType()).getNumElements() != r.channels)
      return std::nullopt;
  r.epsilon = in.getEpsilon() ? in.getEpsilon()->convertToFloat() : 1e-5f;
  return r;
}

/// The rows of \p op, a normalization this kernel handles, or nothing.
std::optional<RowNorm> rowNormOf(Operation *op) {
  std::optional<RowNorm> r;
  if (auto ln = dyn_cast<LayerNormalizationOp>(op))
    r = layerNormRows(ln);
  else if (auto rms = dyn_cast<RMSNormalizationOp>(op))
    r = rmsNormRows(rms);
  else if (auto in = dyn_cast<InstanceNormalizationOp>(op))
    r = instanceNormRows(in);
  if (!r || r->rows <= 0 || r->n <= 0)
    return std::nullopt;
  return r;
}

} // namespace

bool canEmitRowNorm(Operation *op) { return rowNormOf(op).has_value(); }

int64_t estimateRowNormWork(Operation *op) {
  auto r = rowNormOf(op);
  // Three reads and one write per element, about a multiply-add's cost each.
  return r ? 4 * r->rows * r->n : 0;
}

FailureOr<int64_t> emitRowNorm(OpBuilder &b, Operation *op, ValueRange operands,
                               ValueRange results, Value begin, Value end,
                               const EpilogueTail &tail) {
  auto shape = rowNormOf(op);
  if (tail || !shape)
    return failure();
  const RowNorm &norm = *shape;
  int64_t rows = norm.rows, n = norm.n;
  Location loc = op->getLoc();
  KB kb{b, loc};
  // X, Scale and B are operands 0-2; B may be absent (none) in a
  // LayerNormalization, and RMSNormalization has none.
  Value x = operandBuffer(b, op, operands, 0);
  Value scale = operandBuffer(b, op, operands, 1);
  bool hasBias =
      op->getNumOperands() > 2 && !isa<NoneType>(op->getOperand(2).getType());
  Value bias = hasBias ? operandBuffer(b, op, operands, 2) : Value();
  if (!x || !scale || (hasBias && !bias))
    return failure();
  x = flatten(b, loc, x);
  scale = flatten(b, loc, scale);
  if (bias)
    bias = flatten(b, loc, bias);
  Value y = flatten(b, loc, results[0]);
  int64_t L = hostLanes();
  auto fast = arith::FastMathFlags::reassoc;
  VectorType vt = kb.vec(L);

  // A per-element parameter's vector at column `col` (a splat when it has
  // one value); null for an absent B.
  auto param = [&](Value buf, Value col, int64_t valid) -> Value {
    if (!buf)
      return {};
    if (cast<MemRefType>(buf.getType()).getNumElements() == 1)
      return b.create<vector::BroadcastOp>(
          loc, vt, b.create<memref::LoadOp>(loc, buf, kb.idx(0)));
    return kb.load(buf, col, L, valid);
  };

  // Sum over the row of f(X vector), with lanes past the row's end zeroed.
  auto rowSum = [&](Value base, Value lastRow,
                    const std::function<Value(Value)> &f) {
    return rowReduce(
        kb, x, base, n, L, 0.0f, vector::CombiningKind::ADD,
        [&](Value acc, Value v) {
          return b.create<arith::AddFOp>(loc, acc, v, fast).getResult();
        },
        [&](Value v, Value, int64_t) { return f(v); }, lastRow);
  };
  auto splat = [&](Value s) {
    return b.create<vector::BroadcastOp>(loc, vt, s).getResult();
  };

  Value count = kb.f32(static_cast<float>(n));
  auto invStdDev = [&](Value squares) {
    Value meanSquare = b.create<arith::DivFOp>(loc, squares, count);
    return b.create<arith::DivFOp>(
        loc, kb.f32(1.0f),
        b.create<math::SqrtOp>(
            loc,
            b.create<arith::AddFOp>(loc, meanSquare, kb.f32(norm.epsilon))));
  };
  kb.forLoop(begin, end, 1, [&](Value row) {
    Value base = kb.mul(row, n);
    Value lastRow = kb.cmp(arith::CmpIPredicate::eq, row, rows - 1);
    if (!norm.centered) {
      // Y = X * 1 / sqrt(mean(X^2) + eps) * Scale.
      Value invV = splat(invStdDev(rowSum(base, lastRow, [&](Value v) {
        return b.create<arith::MulFOp>(loc, v, v).getResult();
      })));
      rowMap(kb, x, y, base, n, L, [&](Value v, Value col, int64_t valid) {
        Value r = b.create<arith::MulFOp>(loc, v, invV);
        return b.create<arith::MulFOp>(loc, r, param(scale, col, valid))
            .getResult();
      });
      return;
    }
    Value mean = b.create<arith::DivFOp>(
        loc, rowSum(base, lastRow, [](Value v) { return v; }), count);
    Value meanV = splat(mean);
    Value squares = rowSum(base, lastRow, [&](Value v) {
      Value d = b.create<arith::SubFOp>(loc, v, meanV);
      return b.create<arith::MulFOp>(loc, d, d).getResult();
    });
    Value inv = invStdDev(squares);
    if (norm.channels > 0) {
      // One Scale and B for the row: Y = (X - mean) * a + B with a = inv *
      // Scale (the deviation first: X * a - mean * a would cancel when the
      // mean is large against the spread).
      Value ch = b.create<arith::RemUIOp>(loc, row, kb.idx(norm.channels));
      Value a = b.create<arith::MulFOp>(
          loc, inv, b.create<memref::LoadOp>(loc, scale, ch));
      Value aV = splat(a);
      Value cV = splat(b.create<memref::LoadOp>(loc, bias, ch));
      rowMap(kb, x, y, base, n, L, [&](Value v, Value, int64_t) {
        Value d = b.create<arith::SubFOp>(loc, v, meanV);
        return b.create<math::FmaOp>(loc, d, aV, cV).getResult();
      });
      return;
    }
    Value invV = splat(inv);
    rowMap(kb, x, y, base, n, L, [&](Value v, Value col, int64_t valid) {
      Value r = b.create<arith::MulFOp>(
          loc, b.create<arith::SubFOp>(loc, v, meanV), invV);
      r = b.create<arith::MulFOp>(loc, r, param(scale, col, valid));
      if (Value bv = param(bias, col, valid))
        r = b.create<arith::AddFOp>(loc, r, bv);
      return r;
    });
  });
  return rows;
}

} // namespace kiln::cpu::kernels
