//===- FuseEpilogue.cpp - Fold bias, residual, BN and activation ----------===//
//
// A convolution or matrix product followed by a bias add, a residual add, a
// batch normalization and an activation would otherwise write its result,
// then read and rewrite it once per elementwise op. The packed ops carry an
// epilogue `Y = act(acc + bias + residual)` applied while the output tile is
// in registers; this pass moves the following ops into it. It runs after
// kiln-pack-weights, whose packed ops are the only ones it touches, so the
// weight layout it rescales for a BatchNormalization is its own.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_FUSEEPILOGUE
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;
using kiln::shape::isNone;

namespace {

/// What the pass needs to know of a packed op.
struct Fusable {
  Operation *op = nullptr;
  /// Output channels: Cout, or N for a matrix product.
  int64_t channels = 0;
  /// The result dim holding the channels.
  int64_t axis = 0;
  bool hasResidualOperand = false;

  static std::optional<Fusable> get(Operation *op) {
    Fusable f;
    f.op = op;
    auto y = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!y || !y.hasStaticShape() || y.getRank() == 0)
      return std::nullopt;
    if (auto conv = dyn_cast<PackedConvOp>(op)) {
      f.channels = conv.getOutChannels();
      f.axis = 1;
      f.hasResidualOperand = true;
    } else if (auto mm = dyn_cast<PackedMatMulOp>(op)) {
      f.channels = mm.getColumns();
      f.axis = y.getRank() - 1;
      f.hasResidualOperand = true;
    } else if (isa<DepthwiseConvOp>(op)) {
      f.channels = y.getDimSize(1);
      f.axis = 1;
    } else {
      return std::nullopt;
    }
    return f;
  }

  RankedTensorType type() const {
    return cast<RankedTensorType>(op->getResult(0).getType());
  }
  Value weight() const { return op->getOperand(1); }
  Value bias() const { return op->getOperand(2); }
  Value residual() const {
    return hasResidualOperand ? op->getOperand(3) : Value();
  }
  bool hasActivation() const { return op->hasAttr("activation"); }
  bool hasResidual() const { return residual() && !isNone(residual()); }
};

/// The per-channel values of constant \p c when it broadcasts along the
/// channel axis of \p f's result without changing its shape: a dim of
/// `channels` aligned with the axis and 1 everywhere else, or a scalar.
std::optional<std::vector<float>> perChannel(const Fusable &f, Value c) {
  auto ct = dyn_cast<RankedTensorType>(c.getType());
  RankedTensorType y = f.type();
  if (!ct || !ct.hasStaticShape() || ct.getRank() > y.getRank())
    return std::nullopt;
  int64_t offset = y.getRank() - ct.getRank();
  bool perAxis = false;
  for (int64_t d = 0; d < ct.getRank(); ++d) {
    int64_t size = ct.getDimSize(d);
    if (size == 1)
      continue;
    if (d + offset != f.axis || size != f.channels)
      return std::nullopt;
    perAxis = true;
  }
  std::optional<std::vector<float>> values = packed::constantF32(c);
  if (!values)
    return std::nullopt;
  if (!perAxis)
    return std::vector<float>(f.channels,
                              values->empty() ? 0.0f : (*values)[0]);
  return values;
}

struct FuseEpiloguePass
    : public kiln::impl::FuseEpilogueBase<FuseEpiloguePass> {
  using FuseEpilogueBase::FuseEpilogueBase;

  void runOnOperation() override {
    bool changed = true;
    while (changed) {
      changed = false;
      SmallVector<Operation *> ops;
      getOperation().walk([&](Operation *op) {
        if (isa<PackedConvOp, PackedMatMulOp, DepthwiseConvOp>(op))
          ops.push_back(op);
      });
      for (Operation *op : ops)
        if (succeeded(fuseUser(op))) {
          ++numFused;
          changed = true;
        }
    }
    packed::eraseDeadConstants(getOperation());
  }

  /// Replaces \p f's op and its user \p user by a copy of the op with
  /// \p operands and extra \p attrs, created at the user, with both
  /// locations in order (the ONNX nodes a fused op covers stay known; the
  /// last, the user's, is the node whose value it defines).
  void replace(const Fusable &f, Operation *user, ArrayRef<Value> operands,
               ArrayRef<NamedAttribute> attrs) {
    OpBuilder b(user);
    OperationState state(
        FusedLoc::get(user->getContext(), {f.op->getLoc(), user->getLoc()}),
        f.op->getName());
    state.addOperands(operands);
    state.addTypes(f.type());
    NamedAttrList list(f.op->getAttrDictionary());
    for (const NamedAttribute &a : attrs)
      list.set(a.getName(), a.getValue());
    state.addAttributes(list);
    Operation *fused = b.create(state);
    user->getResult(0).replaceAllUsesWith(fused->getResult(0));
    user->erase();
    f.op->erase();
  }

  /// A bias constant holding \p f's bias plus \p add; null when the current
  /// bias is not a constant.
  Value newBias(OpBuilder &b, const Fusable &f, ArrayRef<float> add,
                ArrayRef<float> scale = {}) {
    std::vector<float> bias(f.channels, 0.0f);
    if (!isNone(f.bias())) {
      std::optional<std::vector<float>> old = packed::constantF32(f.bias());
      if (!old || (int64_t)old->size() != f.channels)
        return {};
      bias = *old;
    }
    for (int64_t i = 0; i < f.channels; ++i)
      bias[i] = (scale.empty() ? bias[i] : bias[i] * scale[i]) + add[i];
    return packed::makeF32Constant(b, f.op->getLoc(), {f.channels}, bias,
                                   packed::constantName(f.weight()) + ".bias");
  }

  LogicalResult fuseUser(Operation *op) {
    std::optional<Fusable> f = Fusable::get(op);
    Value y = op->getResult(0);
    if (!f || !y.hasOneUse())
      return failure();
    Operation *user = *y.getUsers().begin();
    // A user inside a control-flow region stays there: fusing would move
    // the op into the region (or out of it).
    if (user->getBlock() != op->getBlock() || user->getNumResults() != 1 ||
        user->getResult(0).getType() != y.getType())
      return failure();
    SmallVector<Value> operands(op->getOperands());
    OpBuilder b(user);

    if (auto add = dyn_cast<AddOp>(user)) {
      Value other = add.getLhs() == y ? add.getRhs() : add.getLhs();
      if (f->hasActivation())
        return failure();
      // add(y, c), c per channel -> bias += c.
      if (std::optional<std::vector<float>> c = perChannel(*f, other)) {
        Value bias = newBias(b, *f, *c);
        if (!bias)
          return failure();
        operands[2] = bias;
        replace(*f, user, operands, {});
        return success();
      }
      // add(y, r) -> residual = r.
      if (f->hasResidualOperand && !f->hasResidual() &&
          other.getType() == y.getType()) {
        operands[3] = other;
        replace(*f, user, operands, {});
        return success();
      }
      return failure();
    }

    if (auto bn = dyn_cast<BatchNormalizationOp>(user))
      return foldBatchNorm(*f, bn, operands);

    if (f->hasActivation())
      return failure();
    if (isa<ReluOp>(user)) {
      replace(*f, user, operands,
              {b.getNamedAttr("activation", b.getStringAttr("relu"))});
      return success();
    }
    if (auto leaky = dyn_cast<LeakyReluOp>(user)) {
      float alpha =
          leaky.getAlpha() ? leaky.getAlpha()->convertToFloat() : 0.01f;
      replace(*f, user, operands,
              {b.getNamedAttr("activation", b.getStringAttr("leaky_relu")),
               b.getNamedAttr("alpha", b.getF32FloatAttr(alpha))});
      return success();
    }
    if (auto clip = dyn_cast<ClipOp>(user)) {
      SmallVector<NamedAttribute> attrs = {
          b.getNamedAttr("activation", b.getStringAttr("clip"))};
      const char *names[2] = {"clip_min", "clip_max"};
      Value bounds[2] = {clip.getMin(), clip.getMax()};
      for (int i = 0; i < 2; ++i) {
        if (isNone(bounds[i]))
          continue;
        std::optional<std::vector<float>> v = packed::constantF32(bounds[i]);
        if (!v || v->size() != 1)
          return failure();
        attrs.push_back(b.getNamedAttr(names[i], b.getF32FloatAttr((*v)[0])));
      }
      replace(*f, user, operands, attrs);
      return success();
    }
    return failure();
  }

  /// batch_normalization(y) -> y' with weights scaled by s = scale /
  /// sqrt(var + eps) per channel and bias' = bias * s + (B - mean * s).
  LogicalResult foldBatchNorm(const Fusable &f, BatchNormalizationOp bn,
                              SmallVector<Value> &operands) {
    if (f.hasActivation() || f.hasResidual() || f.axis != 1)
      return failure();
    int64_t c = f.channels;
    std::optional<packed::AffineChannels> affine =
        packed::batchNormAffine(bn, c);
    std::optional<std::vector<float>> weight = packed::constantF32(f.weight());
    if (!affine || !weight)
      return failure();
    const std::vector<float> &s = affine->scale, &add = affine->shift;
    // Rows of the weight: a packed panel's channel is its innermost index;
    // a depthwise weight's is its outermost.
    auto wt = cast<RankedTensorType>(f.weight().getType());
    std::vector<float> w = *weight;
    if (isa<PackedConvOp>(f.op)) {
      int64_t mr = wt.getDimSize(2), k = wt.getDimSize(1);
      for (int64_t i = 0; i < (int64_t)w.size(); ++i) {
        int64_t o = (i / (k * mr)) * mr + i % mr;
        if (o < c)
          w[i] *= s[o];
      }
    } else if (isa<DepthwiseConvOp>(f.op)) {
      int64_t per = (int64_t)w.size() / c;
      for (int64_t i = 0; i < (int64_t)w.size(); ++i)
        w[i] *= s[i / per];
    } else {
      return failure();
    }
    OpBuilder b(bn);
    Value bias = newBias(b, f, add, s);
    if (!bias)
      return failure();
    operands[1] =
        packed::makeF32Constant(b, f.op->getLoc(), wt.getShape(), w,
                                packed::constantName(f.weight()) + ".bn");
    operands[2] = bias;
    replace(f, bn, operands, {});
    return success();
  }
};

} // namespace
