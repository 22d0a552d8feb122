//===- FuseAttention.cpp - Attention chains as one op ---------------------===//
//
// See Passes.td. The match starts at each Softmax and walks up to the first
// MatMul (through an optional mask Add and an optional Div or Mul by a
// one-element constant) and down to the MatMul that reads the
// probabilities; every value in between must have that one use. Without a
// scale of the scores, such a Div or Mul of Q or of KT is taken instead.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_FUSEATTENTION
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// The static f32 type of \p v of rank at least \p minRank, or null.
RankedTensorType staticF32Type(Value v, int64_t minRank) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  if (!t || !t.hasStaticShape() || !t.getElementType().isF32() ||
      t.getRank() < minRank)
    return {};
  return t;
}

/// The op defining \p v when \p v has exactly one use, else null.
template <typename OpT> OpT singleUseProducer(Value v) {
  return v.hasOneUse() ? v.getDefiningOp<OpT>() : OpT();
}

/// Whether \p small broadcasts into \p big (numpy rules, one direction).
bool broadcastsInto(ArrayRef<int64_t> small, ArrayRef<int64_t> big) {
  if (small.size() > big.size())
    return false;
  for (size_t i = 1; i <= small.size(); ++i)
    if (small[small.size() - i] != 1 &&
        small[small.size() - i] != big[big.size() - i])
      return false;
  return true;
}

/// A kiln.transpose the fused op can read or write through: its perm, and
/// whether it keeps the last dim last (the kernel's vectors need that for V
/// and the result).
struct FoldedTranspose {
  TransposeOp op;
  SmallVector<int64_t> perm;
};

/// The transpose \p op when it is static f32 in \p block (and, with
/// \p keepLast, keeps the last dim last).
std::optional<FoldedTranspose> foldable(TransposeOp op, Block *block,
                                        bool keepLast) {
  if (!op || op->getBlock() != block || !staticF32Type(op.getData(), 2) ||
      !staticF32Type(op.getTransposed(), 2))
    return std::nullopt;
  FoldedTranspose t{op, op.getPermutation().value_or(SmallVector<int64_t>())};
  int64_t rank = cast<RankedTensorType>(op.getData().getType()).getRank();
  if (static_cast<int64_t>(t.perm.size()) != rank ||
      (keepLast && t.perm.back() != rank - 1))
    return std::nullopt;
  return t;
}

/// The matched chain around one Softmax.
struct AttentionChain {
  MatMulOp scores, output;
  Operation *scaleOp = nullptr; ///< kiln.div or kiln.mul, or null
  /// Whether scaleOp scales Q or KT before the product (then it is the
  /// product's operand, and q or kt what it reads) rather than the scores.
  bool scalesOperand = false;
  bool divides = false;
  float factor = 1.0f;
  AddOp maskAdd;
  Value mask;
  /// Q and KT as the fused op reads them (before an operand's scale).
  Value qValue, ktValue;
  SoftmaxOp softmax;
  /// Transposes of Q, KT, V (before the chain) and of its result (after).
  std::optional<FoldedTranspose> q, kt, v, y;
};

/// When \p v is a single-use kiln.div or kiln.mul by a one-element constant
/// of a value of v's own type: that op, with \p divides and \p factor set
/// and \p v replaced by the value it scales; else null, all left as they are.
Operation *scalarScale(Value &v, bool &divides, float &factor) {
  Type t = v.getType();
  if (auto div = singleUseProducer<DivOp>(v)) {
    std::optional<std::vector<float>> k =
        packed::constantF32(div.getOperand(1));
    if (k && k->size() == 1 && div.getOperand(0).getType() == t) {
      divides = true;
      factor = k->front();
      v = div.getOperand(0);
      return div;
    }
  } else if (auto mul = singleUseProducer<MulOp>(v)) {
    for (unsigned i = 0; i < 2; ++i) {
      std::optional<std::vector<float>> k =
          packed::constantF32(mul.getOperand(1 - i));
      if (k && k->size() == 1 && mul.getOperand(i).getType() == t) {
        divides = false;
        factor = k->front();
        v = mul.getOperand(i);
        return mul;
      }
    }
  }
  return nullptr;
}

/// Whether softmax \p op normalizes the last dim of its input.
bool overLastDim(SoftmaxOp op, int64_t rank) {
  int64_t axis = op.getAxis().value_or(-1);
  return axis == -1 || axis == rank - 1;
}

/// The attention chain around \p softmax, if it is one.
std::optional<AttentionChain> matchChain(SoftmaxOp softmax) {
  AttentionChain c;
  c.softmax = softmax;
  RankedTensorType sType = staticF32Type(softmax.getInput(), 2);
  if (!sType || !overLastDim(softmax, sType.getRank()) ||
      !softmax.getOutput().hasOneUse())
    return std::nullopt;
  // Down: P x V.
  c.output = dyn_cast<MatMulOp>(*softmax.getOutput().getUsers().begin());
  if (!c.output || c.output.getA() != softmax.getOutput())
    return std::nullopt;
  // Up: an optional mask add, then an optional scale, then Q x KT.
  Value s = softmax.getInput();
  if (auto add = singleUseProducer<AddOp>(s)) {
    Value lhs = add.getOperand(0), rhs = add.getOperand(1);
    // The scores are the operand of the result's type (the mask broadcasts
    // into them); if both are, the one a MatMul or a scale produces.
    auto scoresLike = [&](Value v) {
      return v.getType() == sType &&
             (v.getDefiningOp<MatMulOp>() || v.getDefiningOp<DivOp>() ||
              v.getDefiningOp<MulOp>());
    };
    Value scores = scoresLike(lhs) ? lhs : scoresLike(rhs) ? rhs : Value();
    Value mask = scores == lhs ? rhs : lhs;
    auto maskType = scores ? staticF32Type(mask, 0) : RankedTensorType();
    if (maskType && broadcastsInto(maskType.getShape(), sType.getShape())) {
      c.maskAdd = add;
      c.mask = mask;
      s = scores;
    }
  }
  c.scaleOp = scalarScale(s, c.divides, c.factor);
  c.scores = singleUseProducer<MatMulOp>(s);
  if (!c.scores || c.scores.getY().getType() != sType)
    return std::nullopt;
  // Q and KT as the product reads them; without a scale of the scores, one
  // of Q or KT (Q / sqrt(D), as ViT's export has it) becomes the scale
  // instead: (Q / d) x KT = (Q x KT) / d up to rounding.
  c.qValue = c.scores.getA();
  c.ktValue = c.scores.getB();
  if (!c.scaleOp) {
    c.scaleOp = scalarScale(c.qValue, c.divides, c.factor);
    if (!c.scaleOp)
      c.scaleOp = scalarScale(c.ktValue, c.divides, c.factor);
    c.scalesOperand = c.scaleOp != nullptr;
  }
  // Operand shapes: Q [..., M, D], KT [..., D, N], V [..., N, Dv], V's batch
  // broadcasting into S's, so that Y is S's batch x M x Dv.
  RankedTensorType q = staticF32Type(c.qValue, 2);
  RankedTensorType kt = staticF32Type(c.ktValue, 2);
  RankedTensorType v = staticF32Type(c.output.getB(), 2);
  RankedTensorType y = staticF32Type(c.output.getY(), 2);
  if (!q || !kt || !v || !y || y.getRank() != sType.getRank())
    return std::nullopt;
  ArrayRef<int64_t> sShape = sType.getShape();
  if (!broadcastsInto(v.getShape().drop_back(2), sShape.drop_back(2)) ||
      y.getShape().drop_back(2) != sShape.drop_back(2) ||
      y.getShape()[y.getRank() - 2] != sShape[sShape.size() - 2] ||
      y.getShape().back() != v.getShape().back())
    return std::nullopt;
  // Nothing moves across a region boundary.
  Block *block = softmax->getBlock();
  for (Operation *op : {c.scores.getOperation(), c.scaleOp,
                        c.maskAdd.getOperation(), c.output.getOperation()})
    if (op && op->getBlock() != block)
      return std::nullopt;
  // Head splits and merges: single-use transposes of the operands, and the
  // result's only user if it is one.
  auto producer = [&](Value operand, bool keepLast) {
    return operand.hasOneUse()
               ? foldable(operand.getDefiningOp<TransposeOp>(), block, keepLast)
               : std::nullopt;
  };
  c.q = producer(c.qValue, false);
  c.kt = producer(c.ktValue, false);
  c.v = producer(c.output.getB(), true);
  if (c.output.getY().hasOneUse())
    c.y = foldable(dyn_cast<TransposeOp>(*c.output.getY().getUsers().begin()),
                   block, true);
  return c;
}

struct FuseAttentionPass : kiln::impl::FuseAttentionBase<FuseAttentionPass> {
  void runOnOperation() override {
    SmallVector<SoftmaxOp> softmaxes;
    getOperation().walk([&](SoftmaxOp op) { softmaxes.push_back(op); });
    for (SoftmaxOp softmax : softmaxes)
      if (std::optional<AttentionChain> c = matchChain(softmax)) {
        rewrite(*c);
        ++numFused;
      }
    packed::eraseDeadConstants(getOperation());
  }

  /// Replaces the chain \p c by one kiln.fused_attention where its last
  /// MatMul was (every operand is defined before that op).
  static void rewrite(AttentionChain c) {
    OpBuilder b(c.output);
    // In producer order, so that erasing it in reverse erases users first.
    SmallVector<Operation *> chain;
    if (c.scaleOp && c.scalesOperand)
      chain.push_back(c.scaleOp);
    chain.push_back(c.scores);
    if (c.scaleOp && !c.scalesOperand)
      chain.push_back(c.scaleOp);
    if (c.maskAdd)
      chain.push_back(c.maskAdd);
    chain.push_back(c.softmax);
    chain.push_back(c.output);
    // Every ONNX node of the chain stays known; the last defines the value.
    SmallVector<Location> locs;
    for (Operation *op : chain)
      locs.push_back(op->getLoc());
    Value mask = c.mask;
    if (!mask)
      mask = b.create<NoneOp>(c.output.getLoc(), b.getNoneType());
    SmallVector<NamedAttribute> attrs;
    if (c.scaleOp)
      attrs.push_back(b.getNamedAttr(c.divides ? "divisor" : "scale",
                                     b.getF32FloatAttr(c.factor)));
    // An operand read through its transpose: the transpose's input and perm.
    auto through = [&](Value operand, std::optional<FoldedTranspose> &t,
                       StringRef name) -> Value {
      if (!t)
        return operand;
      attrs.push_back(b.getNamedAttr(name, b.getI64ArrayAttr(t->perm)));
      return t->op.getData();
    };
    Value q = through(c.qValue, c.q, "q_perm");
    Value kt = through(c.ktValue, c.kt, "kt_perm");
    Value v = through(c.output.getB(), c.v, "v_perm");
    Value result = c.output.getY();
    if (c.y) {
      attrs.push_back(b.getNamedAttr("y_perm", b.getI64ArrayAttr(c.y->perm)));
      result = c.y->op.getTransposed();
      locs.push_back(c.y->op.getLoc());
    }
    auto fused = b.create<FusedAttentionOp>(FusedLoc::get(b.getContext(), locs),
                                            TypeRange{result.getType()},
                                            ValueRange{q, kt, v, mask}, attrs);
    result.replaceAllUsesWith(fused.getY());
    if (c.y)
      c.y->op->erase();
    for (Operation *op : llvm::reverse(chain))
      op->erase();
    for (std::optional<FoldedTranspose> *t : {&c.v, &c.kt, &c.q})
      if (*t)
        (*t)->op->erase();
  }
};

} // namespace
