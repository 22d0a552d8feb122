//===- FoldTranspose.cpp - Transposes read through by matrix products -----===//
//
// See Passes.td. A MatMul of two static f32 operands of rank >= 2, B not a
// constant, whose A or B is a Transpose used by nothing else becomes
// kiln.transposed_mat_mul of the transposes' inputs, with their perms; the
// Transposes go.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_FOLDTRANSPOSE
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// Longest K of a B the compiled kernel packs (kernels/MatMul.cpp: a panel
/// of K x 32 floats in 192 KB of stack).
constexpr int64_t kMaxPackedK = 1536;

/// True when \p v is static f32 of rank at least 2.
bool isStaticF32Matrix(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.hasStaticShape() && t.getElementType().isF32() &&
         t.getRank() >= 2;
}

/// The perm of \p v's producer when it is a Transpose of a static f32
/// value that \p user alone reads, in \p user's block; else nothing.
std::optional<SmallVector<int64_t>> foldablePerm(Value v, Operation *user) {
  auto t = v.getDefiningOp<TransposeOp>();
  if (!t || !v.hasOneUse() || t->getBlock() != user->getBlock() ||
      !isStaticF32Matrix(t.getData()))
    return std::nullopt;
  int64_t rank = cast<RankedTensorType>(t.getData().getType()).getRank();
  std::optional<SmallVector<int64_t>> perm = t.getPermutation();
  if (!perm || static_cast<int64_t>(perm->size()) != rank)
    return std::nullopt;
  return perm;
}

struct FoldTransposePass : kiln::impl::FoldTransposeBase<FoldTransposePass> {
  void runOnOperation() override {
    SmallVector<MatMulOp> products;
    getOperation().walk([&](MatMulOp op) { products.push_back(op); });
    for (MatMulOp mm : products)
      if (fold(mm))
        ++numFolded;
  }

  /// Rewrites \p mm when an operand is a foldable Transpose.
  static bool fold(MatMulOp mm) {
    if (!isStaticF32Matrix(mm.getA()) || !isStaticF32Matrix(mm.getB()) ||
        !isStaticF32Matrix(mm.getY()))
      return false;
    // A constant B is kiln-pack-weights' (packed panels, A read plainly):
    // such a product keeps its operands.
    if (mm.getB().getDefiningOp<ConstantOp>())
      return false;
    std::optional<SmallVector<int64_t>> aPerm = foldablePerm(mm.getA(), mm);
    std::optional<SmallVector<int64_t>> bPerm = foldablePerm(mm.getB(), mm);
    // A B whose last dim moves is packed a panel at a time on the stack:
    // K x 32 floats at most kMaxPackedK rows.
    int64_t k = cast<RankedTensorType>(mm.getA().getType()).getShape().back();
    if (bPerm && bPerm->back() != static_cast<int64_t>(bPerm->size()) - 1 &&
        k > kMaxPackedK)
      bPerm.reset();
    if (!aPerm && !bPerm)
      return false;
    OpBuilder b(mm);
    SmallVector<NamedAttribute> attrs;
    SmallVector<Value> operands;
    // The ONNX nodes covered stay known: the Transposes, then the MatMul.
    SmallVector<Location> locs;
    SmallVector<Operation *> gone;
    for (auto [v, perm, name] : {std::tuple(mm.getA(), &aPerm, "a_perm"),
                                 std::tuple(mm.getB(), &bPerm, "b_perm")}) {
      if (!*perm) {
        operands.push_back(v);
        continue;
      }
      auto t = v.getDefiningOp<TransposeOp>();
      operands.push_back(t.getData());
      attrs.push_back(b.getNamedAttr(name, b.getI64ArrayAttr(**perm)));
      locs.push_back(t.getLoc());
      gone.push_back(t);
    }
    locs.push_back(mm.getLoc());
    auto folded = b.create<TransposedMatMulOp>(
        FusedLoc::get(b.getContext(), locs), TypeRange{mm.getY().getType()},
        operands, attrs);
    mm.getY().replaceAllUsesWith(folded.getY());
    mm->erase();
    for (Operation *t : gone)
      t->erase();
    return true;
  }
};

} // namespace
