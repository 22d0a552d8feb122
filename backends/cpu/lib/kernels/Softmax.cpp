//===- Softmax.cpp - kiln.softmax and kiln.log_softmax row by row ---------===//
//
// The work item is one row: the elements normalized together, contiguous in
// X (the last dim in the opset-13 form, every dim from the axis on in the
// coerced 2-D form). Three passes over the row while it is in L1: its
// maximum; the sum of exp(x - max), each stored as Y (Softmax), then
// Y /= sum; or (LogSoftmax) the same sum, then Y = x - max - log(sum).
// Dividing rather than multiplying by 1 / sum saves a rounding per element
// and measured no slower: with the multiply, the zoo's BERT-base drifted to
// 1.27e-4 from the interpreter (2.2x), past the AOT test's tolerance.
// exp and log are MLIR's f32 polynomial approximations on vectors, as
// everywhere in compiled kernels (about 14 cycles per vector of exp here,
// so the exps are stored rather than computed twice); sums and the maximum
// are reassociated (rowReduce). The linalg lowering (lower/MatMulNorm.cpp)
// remains for what this kernel declines (an axis before the last in the
// opset-13 form, other element types).
//
// Measured on a ViT's 12 x 197 x 197 attention scores alone (medians of
// 100 runs): the linalg lowering 0.28 ms at one thread; this kernel with
// each exp computed twice 0.28 ms, with the exps stored 0.21-0.24 ms at
// one thread and 0.11 ms at two.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Rows and row length of a Softmax or LogSoftmax the kernel handles.
std::optional<std::pair<int64_t, int64_t>> softmaxRows(Operation *op) {
  if (!isa<SoftmaxOp, LogSoftmaxOp>(op))
    return std::nullopt;
  auto x = cast<RankedTensorType>(op->getOperand(0).getType());
  int64_t rank = x.getRank();
  if (rank == 0)
    return std::nullopt;
  auto axisAttr = op->getAttrOfType<IntegerAttr>("axis");
  int64_t axis = axisAttr ? axisAttr.getInt() : -1;
  if (axis < 0)
    axis += rank;
  auto coerce = op->getAttrOfType<IntegerAttr>("coerce_2d");
  bool coerced = coerce && coerce.getInt() != 0;
  if (axis < 0 || axis >= rank || (!coerced && axis != rank - 1))
    return std::nullopt;
  int64_t rows = 1, n = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < axis ? rows : n) *= x.getDimSize(d);
  if (rows == 0 || n == 0)
    return std::nullopt;
  return std::make_pair(rows, n);
}

} // namespace

Value rowMax(KB &kb, Value x, Value y, Value base, int64_t n, int64_t L,
             const RowVectorFn &prepare, Value lastRow) {
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  RowVectorFn first = [](Value v, Value, int64_t) { return v; };
  if (prepare)
    first = [&](Value v, Value at, int64_t valid) {
      Value out = prepare(v, at, valid);
      kb.store(out, y, at, valid);
      return out;
    };
  return rowReduce(
      kb, x, base, n, L, -std::numeric_limits<float>::infinity(),
      vector::CombiningKind::MAXIMUMF,
      [&](Value acc, Value v) {
        return b.create<arith::MaximumFOp>(loc, acc, v).getResult();
      },
      first, lastRow);
}

Value rowExpSum(KB &kb, Value x, Value y, Value base, int64_t n, int64_t L,
                Value shift, bool store, Value lastRow) {
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  Value shiftV = b.create<vector::BroadcastOp>(loc, kb.vec(L), shift);
  return rowReduce(
      kb, x, base, n, L, 0.0f, vector::CombiningKind::ADD,
      [&](Value acc, Value v) {
        return b
            .create<arith::AddFOp>(loc, acc, v, arith::FastMathFlags::reassoc)
            .getResult();
      },
      [&](Value v, Value at, int64_t valid) {
        Value e =
            b.create<math::ExpOp>(loc, b.create<arith::SubFOp>(loc, v, shiftV));
        if (store)
          kb.store(e, y, at, valid);
        return e;
      },
      lastRow);
}

void softmaxRow(KB &kb, Value x, Value y, Value base, int64_t n, int64_t L,
                bool logSoftmax, const RowVectorFn &prepare, Value lastRow) {
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  VectorType vt = kb.vec(L);
  // With `prepare`, the maximum's pass stores the prepared row in Y, which
  // the later passes read instead of X.
  Value src = prepare ? y : x;
  Value max = rowMax(kb, x, y, base, n, L, prepare, lastRow);
  Value sum = rowExpSum(kb, src, y, base, n, L, max, !logSoftmax, lastRow);
  Value shift, sumV;
  if (logSoftmax)
    shift = b.create<vector::BroadcastOp>(
        loc, vt,
        b.create<arith::AddFOp>(loc, max, b.create<math::LogOp>(loc, sum)));
  else
    sumV = b.create<vector::BroadcastOp>(loc, vt, sum);
  // LogSoftmax reads the row again, Softmax the exps it stored in Y.
  rowMap(kb, logSoftmax ? src : y, y, base, n, L,
         [&](Value v, Value, int64_t) -> Value {
           if (logSoftmax)
             return b.create<arith::SubFOp>(loc, v, shift);
           return b.create<arith::DivFOp>(loc, v, sumV);
         });
}

bool canEmitSoftmax(Operation *op) { return softmaxRows(op).has_value(); }

int64_t estimateSoftmaxWork(Operation *op) {
  auto shape = softmaxRows(op);
  // Three reads, two writes and an exp per element: about eight
  // multiply-adds' worth.
  return shape ? 8 * shape->first * shape->second : 0;
}

FailureOr<int64_t> emitSoftmax(OpBuilder &b, Operation *op, ValueRange operands,
                               ValueRange results, Value begin, Value end,
                               const EpilogueTail &tail) {
  auto shape = softmaxRows(op);
  if (tail || !shape)
    return failure();
  auto [rows, n] = *shape;
  bool logSoftmax = isa<LogSoftmaxOp>(op);
  Location loc = op->getLoc();
  KB kb{b, loc};
  Value x = operandBuffer(b, op, operands, 0);
  if (!x)
    return failure();
  x = flatten(b, loc, x);
  Value y = flatten(b, loc, results[0]);
  int64_t L = hostLanes();

  kb.forLoop(begin, end, 1, [&](Value row) {
    softmaxRow(kb, x, y, kb.mul(row, n), n, L, logSoftmax, {},
               kb.cmp(arith::CmpIPredicate::eq, row, rows - 1));
  });
  return rows;
}

} // namespace kiln::cpu::kernels
