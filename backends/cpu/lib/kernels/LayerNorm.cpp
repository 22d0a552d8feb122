//===- LayerNorm.cpp - kiln.layer_normalization row by row ----------------===//
//
// The work item is one row: the n = X[axis:] elements normalized together,
// contiguous in X. Each row is read three times while it is in L1: its sum
// (the mean), the sum of squared deviations from the mean (the variance,
// two-pass so that a large mean does not cancel the deviations away), then
// Y = (X - mean) * 1 / sqrt(var + eps) * Scale + B. Sums are in f32 vectors
// (rowReduce: four independent accumulators, reassociated); the reference
// kernel's f64 sums stay the definition and the tests compare against them. The
// partial vector at a row's end is loaded plainly and blended, or with a mask
// in X's last row (where a plain load could leave X), and its lanes past the
// end are zeroed after the deviation.
//
// The linalg lowering (lower/MatMulNorm.cpp) remains for what this kernel
// declines: other element types, the Mean and InvStdDev outputs, a Scale or B
// that broadcasts within the normalized shape. Measured on ViT-B/16 at one
// thread (kiln-bench --model): its 25 decomposed LayerNorms took about
// 5.5 ms as separate ops (the two ReduceMeans alone 4.35 ms), 0.73 ms fused
// onto this kernel, 29 us per 197 x 768 block.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Rows and row length of a LayerNormalization the kernel handles, or
/// nothing.
std::optional<std::pair<int64_t, int64_t>> layerNormRows(Operation *op) {
  auto ln = dyn_cast<LayerNormalizationOp>(op);
  if (!ln || !ln.getStats().empty())
    return std::nullopt;
  auto x = cast<RankedTensorType>(ln.getX().getType());
  int64_t rank = x.getRank();
  int64_t axis = ln.getAxis().value_or(-1);
  if (axis < 0)
    axis += rank;
  if (rank == 0 || axis < 0 || axis >= rank)
    return std::nullopt;
  int64_t rows = 1, n = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < axis ? rows : n) *= x.getDimSize(d);
  if (rows == 0 || n == 0)
    return std::nullopt;
  // Scale and B: one value per element of a row, or one for all.
  for (Value v : SmallVector<Value, 2>{ln.getScale(), ln.getB()}) {
    if (isa<NoneType>(v.getType()))
      continue;
    int64_t count = cast<RankedTensorType>(v.getType()).getNumElements();
    if (count != n && count != 1)
      return std::nullopt;
  }
  return std::make_pair(rows, n);
}

} // namespace

bool canEmitLayerNorm(Operation *op) { return layerNormRows(op).has_value(); }

int64_t estimateLayerNormWork(Operation *op) {
  auto shape = layerNormRows(op);
  // Three reads and one write per element, about a multiply-add's cost each.
  return shape ? 4 * shape->first * shape->second : 0;
}

FailureOr<int64_t> emitLayerNorm(OpBuilder &b, Operation *op,
                                 ValueRange operands, ValueRange results,
                                 Value begin, Value end,
                                 const EpilogueTail &tail) {
  auto shape = layerNormRows(op);
  if (tail || !shape)
    return failure();
  auto ln = cast<LayerNormalizationOp>(op);
  auto [rows, n] = *shape;
  Location loc = op->getLoc();
  KB kb{b, loc};
  Value x = operandBuffer(b, op, operands, 0);
  Value scale = operandBuffer(b, op, operands, 1);
  Value bias = operandBuffer(b, op, operands, 2);
  if (!x || !scale || (!isa<NoneType>(ln.getB().getType()) && !bias))
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

  float eps = ln.getEpsilon() ? ln.getEpsilon()->convertToFloat() : 1e-5f;
  Value count = kb.f32(static_cast<float>(n));
  kb.forLoop(begin, end, 1, [&](Value row) {
    Value base = kb.mul(row, n);
    Value lastRow = kb.cmp(arith::CmpIPredicate::eq, row, rows - 1);
    Value mean = b.create<arith::DivFOp>(
        loc, rowSum(base, lastRow, [](Value v) { return v; }), count);
    Value meanV = b.create<vector::BroadcastOp>(loc, vt, mean);
    Value squares = rowSum(base, lastRow, [&](Value v) {
      Value d = b.create<arith::SubFOp>(loc, v, meanV);
      return b.create<arith::MulFOp>(loc, d, d).getResult();
    });
    Value var = b.create<arith::DivFOp>(loc, squares, count);
    Value inv = b.create<arith::DivFOp>(
        loc, kb.f32(1.0f),
        b.create<math::SqrtOp>(loc,
                               b.create<arith::AddFOp>(loc, var, kb.f32(eps))));
    Value invV = b.create<vector::BroadcastOp>(loc, vt, inv);
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
