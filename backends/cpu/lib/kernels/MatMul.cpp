//===- MatMul.cpp - kiln.mat_mul of two activations on the micro-kernel ---===//
//
// A MatMul whose B is not a constant (attention's Q x K^T and scores x V)
// is never packed, so it runs on the GEMM micro-kernel with B read in place:
// B (K x N, row-major) is read a row of vectors per k, A broadcast from its
// rows, as Gemm.cpp does with packed panels. kiln.transposed_mat_mul reads
// its operands through their perms: A's elements, broadcast one by one, at
// any strides; B in place when its N stays contiguous, otherwise each work
// item first packs its panel (K x 32 columns at most) into a block on the
// stack, a column at a time. The tiling:
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
#include "StridedView.h"

#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;

namespace kiln::cpu::kernels {

namespace {

/// Bytes of the stack block a work item packs a panel of a B whose columns
/// are not contiguous into (K x one panel): K up to 1536 with AVX-512's
/// 32-column panels (kiln-fold-transpose folds no more).
constexpr int64_t kPackedPanelBytes = 192 * 1024;

/// Shapes and element strides of a batched matrix product with broadcast
/// leading dims, its operands read through their perms.
struct MatMulPlan {
  int64_t m, k, n;
  /// Result matrices, and per result dim before the last two, its size and
  /// the element strides of A and B along it (0 where broadcast).
  int64_t batch = 1;
  SmallVector<int64_t> dims, aStrides, bStrides;
  /// Element strides of A along M and K, of B along K and N.
  int64_t aRow = 0, aK = 1, bK = 0, bCol = 1;
  /// B's columns are not adjacent: each work item packs its panel first.
  bool packB() const { return bCol != 1; }
};

/// The plan of \p op (a MatMul, or a TransposedMatMul with its perms), or
/// nothing for forms the kernel leaves to the generic lowering (a 1-D
/// operand, an empty result, a panel to pack past kPackedPanelBytes).
std::optional<MatMulPlan> planMatMul(Operation *op) {
  auto a = cast<RankedTensorType>(op->getOperand(0).getType());
  auto bt = cast<RankedTensorType>(op->getOperand(1).getType());
  auto y = cast<RankedTensorType>(op->getResult(0).getType());
  if (a.getRank() < 2 || bt.getRank() < 2 || y.getNumElements() == 0)
    return std::nullopt;
  std::optional<ArrayAttr> aPerm, bPerm;
  if (auto t = dyn_cast<TransposedMatMulOp>(op)) {
    aPerm = t.getAPerm();
    bPerm = t.getBPerm();
  }
  for (auto [perm, type] : {std::pair(aPerm, a), std::pair(bPerm, bt)})
    if (perm && static_cast<int64_t>(perm->size()) != type.getRank())
      return std::nullopt;
  StridedView av(a, aPerm, false), bv(bt, bPerm, false);
  MatMulPlan p;
  p.m = av.dim(1);
  p.k = av.dim(0);
  p.n = bv.dim(0);
  p.aRow = av.stride(1);
  p.aK = av.stride(0);
  p.bK = bv.stride(1);
  p.bCol = bv.stride(0);
  int64_t yBatchRank = y.getRank() - 2;
  if (p.k == 0 || bv.dim(1) != p.k || yBatchRank < 0 ||
      y.getDimSize(yBatchRank) != p.m || y.getDimSize(yBatchRank + 1) != p.n ||
      av.rank() - 2 > yBatchRank || bv.rank() - 2 > yBatchRank)
    return std::nullopt;
  // A panel of B to pack (at most 32 columns, whatever the target).
  if (p.packB() && p.k * 32 * 4 > kPackedPanelBytes)
    return std::nullopt;
  p.aStrides = av.batchStrides(yBatchRank, 2);
  p.bStrides = bv.batchStrides(yBatchRank, 2);
  for (int64_t d = 0; d < yBatchRank; ++d) {
    p.dims.push_back(y.getDimSize(d));
    p.batch *= y.getDimSize(d);
  }
  return p;
}

} // namespace

bool canEmitMatMul(Operation *op) { return planMatMul(op).has_value(); }

int64_t estimateMatMulMacs(Operation *op) {
  std::optional<MatMulPlan> p = planMatMul(op);
  return p ? p->batch * p->m * p->n * p->k : 0;
}

FailureOr<int64_t> emitMatMul(OpBuilder &b, Operation *op, ValueRange operands,
                              ValueRange results, Value begin, Value end,
                              const EpilogueTail &tail) {
  std::optional<MatMulPlan> planned = planMatMul(op);
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
  Value bIn = operandBuffer(b, op, operands, 1);
  mk.c = flatten(b, loc, results[0]);
  if (!mk.a || !bIn)
    return failure();
  mk.aRow = p.aRow;
  mk.aK = p.aK;
  mk.cRow = n;
  mk.epilogue = Epilogue::of(op, tail);
  int64_t mr = mk.mr, nr = mk.nv * lanes;
  if (p.packB() && k * nr * 4 > kPackedPanelBytes)
    return failure();
  // B in place, or the work item's panel packed into a K x nr block.
  Value packed;
  if (p.packB()) {
    auto blockType = MemRefType::get({k * nr}, b.getF32Type());
    packed =
        b.create<memref::AllocaOp>(loc, blockType, b.getI64IntegerAttr(64));
  }
  mk.b = p.packB() ? packed : bIn;
  mk.bK = p.packB() ? nr : p.bK;

  int64_t panels = (n + nr - 1) / nr, tailCols = n - (panels - 1) * nr;
  RowGroups rows(m, k, mr, p.batch * panels, k * n * 4);
  int64_t groups = rows.groups;
  int64_t items = p.batch * groups * panels;

  kb.forLoop(begin, end, 1, [&](Value item) {
    Value pnl = kb.rems(item, panels), rest = kb.divs(item, panels);
    Value g = kb.rems(rest, groups), mat = kb.divs(rest, groups);
    // The A and B matrices of result matrix `mat` (element offsets).
    Value aMat = kb.idx(0), bMat = kb.idx(0), index = mat;
    for (int64_t d = static_cast<int64_t>(p.dims.size()) - 1; d >= 0; --d) {
      Value i = kb.rems(index, p.dims[d]);
      index = kb.divs(index, p.dims[d]);
      if (p.aStrides[d])
        aMat = kb.add(aMat, kb.mul(i, p.aStrides[d]));
      if (p.bStrides[d])
        bMat = kb.add(bMat, kb.mul(i, p.bStrides[d]));
    }
    Value col = kb.mul(pnl, nr);
    Value bBase = kb.add(bMat, kb.mul(col, p.bCol));
    Value cBase0 = kb.add(kb.mul(mat, m * n), col);
    if (p.packB()) {
      // Column by column: a column's K values are usually adjacent (B
      // given as N x K), its place in the panel is not. Only the panel's
      // columns inside N: the micro-kernel reads the others with masks.
      Value cols = b.create<arith::MinSIOp>(
          loc, kb.idx(nr), b.create<arith::SubIOp>(loc, kb.idx(n), col));
      kb.forLoop(kb.idx(0), cols, 1, [&](Value jj) {
        Value from = kb.add(bBase, kb.mul(jj, p.bCol));
        kb.forLoop(kb.idx(0), kb.idx(k), 1, [&](Value kk) {
          Value v = b.create<memref::LoadOp>(loc, bIn,
                                             kb.add(from, kb.mul(kk, p.bK)));
          b.create<memref::StoreOp>(loc, v, packed, kb.add(kb.mul(kk, nr), jj));
        });
      });
      bBase = kb.idx(0);
    }
    auto tilesWith = [&](const MicroKernel &v) {
      rows.emit(kb, v, g, bBase, col, [&](Value i0) {
        return std::make_pair(kb.add(aMat, kb.mul(i0, p.aRow)),
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
