//===- MatMul.cpp - kiln.mat_mul of two activations on the micro-kernel ---===//
//
// A MatMul whose B is not a constant (attention's Q x K^T and scores x V)
// is never packed, so it runs on the GEMM micro-kernel with B read in place:
// B (K x N, row-major) is read a row of vectors per k, A broadcast from its
// rows, as Gemm.cpp does with packed panels. The tiling:
//
//  - Leading (batch) dims broadcast numpy-style: each matrix of the result
//    reads its A and B matrix at offsets computed from the batch index.
//  - Register tile: mr rows x two vectors of columns (12 x 32 with
//    AVX-512), so a "panel" is 32 columns of B's rows.
//  - Work item = (matrix, row group, panel): a group is G row tiles whose A
//    rows stay in L2 (RowGroups) while the panel's K x 32 block of B stays
//    in L1 across them.
//  - The last panel's tile reads B with masked loads past N (B's last row
//    may end the buffer) and stores with masks; the last row tile has
//    M % mr rows.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Shapes of a batched matrix product with broadcast leading dims.
struct MatMulPlan {
  int64_t m, k, n;
  /// Result matrices, and per result dim before the last two, its size and
  /// the matrix strides of A and B along it (0 where broadcast).
  int64_t batch = 1;
  SmallVector<int64_t> dims, aStrides, bStrides;
};

/// The plan of \p op, or nothing for forms the kernel leaves to the
/// generic lowering (a 1-D operand, an empty result).
std::optional<MatMulPlan> planMatMul(MatMulOp op) {
  auto a = cast<RankedTensorType>(op.getA().getType());
  auto bt = cast<RankedTensorType>(op.getB().getType());
  auto y = cast<RankedTensorType>(op.getY().getType());
  if (a.getRank() < 2 || bt.getRank() < 2 || y.getNumElements() == 0)
    return std::nullopt;
  MatMulPlan p;
  p.m = a.getDimSize(a.getRank() - 2);
  p.k = a.getDimSize(a.getRank() - 1);
  p.n = bt.getDimSize(bt.getRank() - 1);
  if (p.k == 0 || bt.getDimSize(bt.getRank() - 2) != p.k)
    return std::nullopt;
  int64_t yBatchRank = y.getRank() - 2;
  // Matrix strides of an operand's batch dims, aligned to the result's.
  auto strides = [&](RankedTensorType t) {
    SmallVector<int64_t> s(yBatchRank, 0);
    int64_t rank = t.getRank() - 2, stride = 1;
    for (int64_t d = rank - 1; d >= 0; --d) {
      int64_t yd = d + (yBatchRank - rank);
      if (t.getDimSize(d) != 1)
        s[yd] = stride;
      stride *= t.getDimSize(d);
    }
    return s;
  };
  p.aStrides = strides(a);
  p.bStrides = strides(bt);
  for (int64_t d = 0; d < yBatchRank; ++d) {
    p.dims.push_back(y.getDimSize(d));
    p.batch *= y.getDimSize(d);
  }
  return p;
}

} // namespace

bool canEmitMatMul(Operation *op) {
  return planMatMul(cast<MatMulOp>(op)).has_value();
}

int64_t estimateMatMulMacs(Operation *op) {
  std::optional<MatMulPlan> p = planMatMul(cast<MatMulOp>(op));
  return p ? p->batch * p->m * p->n * p->k : 0;
}

FailureOr<int64_t> emitMatMul(OpBuilder &b, Operation *op, ValueRange operands,
                              ValueRange results, Value begin, Value end,
                              const EpilogueTail &tail) {
  std::optional<MatMulPlan> planned = planMatMul(cast<MatMulOp>(op));
  if (!planned)
    return failure();
  const MatMulPlan &p = *planned;
  Location loc = op->getLoc();
  KB kb{b, loc};
  int64_t lanes = hostLanes(), m = p.m, k = p.k, n = p.n;

  MicroKernel mk;
  mk.lanes = lanes;
  mk.nv = 2;
  mk.mr = gemmTileRows(mk.nv);
  mk.kc = k;
  mk.a = operandBuffer(b, op, operands, 0);
  mk.b = operandBuffer(b, op, operands, 1);
  mk.c = flatten(b, loc, results[0]);
  if (!mk.a || !mk.b)
    return failure();
  mk.aRow = k;
  mk.aK = 1;
  mk.bK = n;
  mk.cRow = n;
  mk.epilogue = Epilogue::of(op, tail);
  int64_t mr = mk.mr, nr = mk.nv * lanes;

  int64_t panels = (n + nr - 1) / nr, tailCols = n - (panels - 1) * nr;
  RowGroups rows(m, k, mr, p.batch * panels, k * n * 4);
  int64_t groups = rows.groups;
  int64_t items = p.batch * groups * panels;

  kb.forLoop(begin, end, 1, [&](Value item) {
    Value pnl = kb.rems(item, panels), rest = kb.divs(item, panels);
    Value g = kb.rems(rest, groups), mat = kb.divs(rest, groups);
    // The A and B matrices of result matrix `mat`.
    Value aMat = kb.idx(0), bMat = kb.idx(0), index = mat;
    for (int64_t d = static_cast<int64_t>(p.dims.size()) - 1; d >= 0; --d) {
      Value i = kb.rems(index, p.dims[d]);
      index = kb.divs(index, p.dims[d]);
      if (p.aStrides[d])
        aMat = kb.add(aMat, kb.mul(i, p.aStrides[d]));
      if (p.bStrides[d])
        bMat = kb.add(bMat, kb.mul(i, p.bStrides[d]));
    }
    Value aBase0 = kb.mul(aMat, m * k), col = kb.mul(pnl, nr);
    Value bBase = kb.add(kb.mul(bMat, k * n), col);
    Value cBase0 = kb.add(kb.mul(mat, m * n), col);
    auto tilesWith = [&](const MicroKernel &v) {
      rows.emit(kb, v, g, bBase, col, [&](Value i0) {
        return std::make_pair(kb.add(aBase0, kb.mul(i0, k)),
                              kb.add(cBase0, kb.mul(i0, n)));
      });
    };
    MicroKernel full = mk;
    full.validCols = nr;
    if (tailCols == nr) {
      tilesWith(full);
      return;
    }
    MicroKernel last = mk;
    last.validCols = tailCols;
    last.maskB = true;
    kb.ifThen(
        kb.cmp(arith::CmpIPredicate::eq, pnl, panels - 1),
        [&] { tilesWith(last); }, [&] { tilesWith(full); });
  });
  return items;
}

} // namespace kiln::cpu::kernels
