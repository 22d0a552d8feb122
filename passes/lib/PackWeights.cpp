//===- PackWeights.cpp - Pre-pack constant weights into panels ------------===//
//
// The compiled backend's GEMM micro-kernel reads one operand as vectors and
// broadcasts the other; reading a weight in ONNX's layout would mean strided
// loads in the inner loop. Since weights are constants, this pass re-lays
// them out once, at compile time, into exactly the panels the micro-kernel
// streams through, and rewrites their ops into the packed ops of
// PackedOps.td (whose reference kernels read the same layout, so the
// interpreter still runs the graph). Depthwise convolution needs no packing;
// it becomes kiln.depthwise_conv so it gets its own kernel and epilogue.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_PACKWEIGHTS
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;
using kiln::shape::isNone;

namespace {

/// The static f32 ranked type of \p v, or null.
RankedTensorType staticF32(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.hasStaticShape() && t.getElementType().isF32()
             ? t
             : RankedTensorType();
}

SmallVector<int64_t> intsOr(ArrayAttr a, SmallVector<int64_t> dflt) {
  if (!a)
    return dflt;
  SmallVector<int64_t> v;
  for (Attribute e : a)
    v.push_back(cast<IntegerAttr>(e).getInt());
  return v;
}

/// Window attributes of a 2-D kiln.conv with auto_pad resolved:
/// [kh, kw], strides, [top, left, bottom, right], dilations.
struct ConvGeometry {
  SmallVector<int64_t> kernel, strides, pads, dilations;
};

FailureOr<ConvGeometry> convGeometry(ConvOp conv, RankedTensorType x,
                                     RankedTensorType w) {
  ConvGeometry g;
  g.kernel = {w.getDimSize(2), w.getDimSize(3)};
  if (conv.getKernelShape() && intsOr(*conv.getKernelShape(), {}) != g.kernel)
    return failure();
  g.strides = intsOr(conv.getStridesAttr(), {1, 1});
  g.dilations = intsOr(conv.getDilationsAttr(), {1, 1});
  if (g.strides.size() != 2 || g.dilations.size() != 2)
    return failure();
  StringRef autoPad = conv.getAutoPad().value_or("NOTSET");
  if (autoPad == "NOTSET" || autoPad.empty()) {
    g.pads = intsOr(conv.getPadsAttr(), {0, 0, 0, 0});
  } else if (autoPad == "VALID") {
    g.pads = {0, 0, 0, 0};
  } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    g.pads.assign(4, 0);
    for (int i = 0; i < 2; ++i) {
      int64_t in = x.getDimSize(2 + i), s = g.strides[i];
      int64_t out = (in + s - 1) / s;
      int64_t span = (g.kernel[i] - 1) * g.dilations[i] + 1;
      int64_t total = std::max<int64_t>(0, (out - 1) * s + span - in);
      int64_t small = total / 2;
      g.pads[i] = autoPad == "SAME_UPPER" ? small : total - small;
      g.pads[2 + i] = total - g.pads[i];
    }
  } else {
    return failure();
  }
  if (g.pads.size() != 4)
    return failure();
  return g;
}

ArrayAttr i64Array(OpBuilder &b, ArrayRef<int64_t> v) {
  return b.getI64ArrayAttr(v);
}

struct PackWeightsPass : public kiln::impl::PackWeightsBase<PackWeightsPass> {
  using PackWeightsBase::PackWeightsBase;

  void runOnOperation() override {
    if (panelWidth < 1 || convPanelHeight < 1) {
      getOperation().emitError("expected panel-width and conv-panel-height "
                               ">= 1, found ")
          << panelWidth << " and " << convPanelHeight;
      return signalPassFailure();
    }
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<ConvOp, MatMulOp, GemmOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      OpBuilder b(op);
      Value packed;
      if (auto conv = dyn_cast<ConvOp>(op))
        packed = packConv(b, conv);
      else if (auto mm = dyn_cast<MatMulOp>(op))
        packed = packMatMul(b, mm);
      else if (auto gemm = dyn_cast<GemmOp>(op))
        packed = packGemm(b, gemm);
      if (!packed)
        continue;
      op->getResult(0).replaceAllUsesWith(packed);
      op->erase();
      ++numPacked;
    }
    packed::eraseDeadConstants(getOperation());
  }

  /// kiln.conv -> kiln.packed_conv (group 1, constant W) or
  /// kiln.depthwise_conv (group = C = Cout).
  Value packConv(OpBuilder &b, ConvOp conv) {
    RankedTensorType x = staticF32(conv.getX()), w = staticF32(conv.getW()),
                     y = staticF32(conv.getY());
    if (!x || !w || !y || x.getRank() != 4 || w.getRank() != 4)
      return {};
    if (!isNone(conv.getB()) && !staticF32(conv.getB()))
      return {};
    FailureOr<ConvGeometry> g = convGeometry(conv, x, w);
    if (failed(g))
      return {};
    int64_t group = conv.getGroup().value_or(1);
    int64_t c = x.getDimSize(1), m = w.getDimSize(0);
    Location loc = conv.getLoc();
    if (group == c && group == m && w.getDimSize(1) == 1 && group > 1) {
      auto op = b.create<DepthwiseConvOp>(
          loc, y, conv.getX(), conv.getW(), conv.getB(), i64Array(b, g->kernel),
          i64Array(b, g->strides), i64Array(b, g->pads),
          i64Array(b, g->dilations), StringAttr(), FloatAttr(), FloatAttr(),
          FloatAttr());
      return op.getY();
    }
    if (group != 1 || w.getDimSize(1) != c)
      return {};
    std::optional<Tensor> weight = packed::constantF32Tensor(conv.getW());
    if (!weight)
      return {};
    int64_t k = c * g->kernel[0] * g->kernel[1], mr = convPanelHeight;
    // Taller panels where the plane's last vector is nearly empty: the
    // direct kernel computes those positions one vector per position over
    // the panel's rows (MicroKernel::emitNarrow), which costs a k step
    // positions / rows of a vector. 7x7 and 14x14 planes (1 and 4 positions
    // past whole vectors of 16): 1x1 convs 4-7 % faster with 12 rows than
    // with 6; 28x28 and 56x56 (no partial vector) 0-3 % slower.
    int64_t rest =
        y.getDimSize(2) * y.getDimSize(3) % std::max<int64_t>(1, vectorLanes);
    if (narrowPanelHeight > 0 &&
        packed::narrowColumnsFit(rest, narrowPanelHeight))
      mr = narrowPanelHeight;
    int64_t panels = (m + mr - 1) / mr;
    const float *wData = weight->data<float>();
    Value pw = packed::makeF32ConstantFilled(
        b, loc, {panels, k, mr}, packed::constantName(conv.getW()) + ".packed",
        [&](llvm::MutableArrayRef<float> data) {
          packed::forEachPanel(b.getContext(), panels, [&](int64_t p) {
            for (int64_t o = p * mr; o < std::min(m, (p + 1) * mr); ++o)
              for (int64_t kk = 0; kk < k; ++kk)
                data[(p * k + kk) * mr + o % mr] = wData[o * k + kk];
          });
        });
    Value none = b.create<NoneOp>(loc, b.getNoneType());
    auto op = b.create<PackedConvOp>(
        loc, y, conv.getX(), pw, conv.getB(), none, ValueRange(),
        b.getI64IntegerAttr(m), i64Array(b, g->kernel), i64Array(b, g->strides),
        i64Array(b, g->pads), i64Array(b, g->dilations), StringAttr(),
        StringAttr(), FloatAttr(), FloatAttr(), FloatAttr());
    return op.getY();
  }

  /// Packs B (K x N, row-major; \p transposed: N x K) scaled by \p alpha.
  Value packColumns(OpBuilder &b, Location loc, Value bValue,
                    const float *bData, int64_t k, int64_t n, bool transposed,
                    float alpha) {
    int64_t nr = panelWidth, panels = (n + nr - 1) / nr;
    return packed::makeF32ConstantFilled(
        b, loc, {panels, k, nr}, packed::constantName(bValue) + ".packed",
        [&](llvm::MutableArrayRef<float> data) {
          // Split by rows of B, each read in order (a panel's strip of
          // BERT-base's 768 x 3072 B, rows 12 KiB apart, filled slower).
          int64_t blocks = std::min<int64_t>(k, 64);
          packed::forEachPanel(b.getContext(), blocks, [&](int64_t blk) {
            for (int64_t kk = blk * k / blocks; kk < (blk + 1) * k / blocks;
                 ++kk)
              for (int64_t j = 0; j < n; ++j) {
                float v = transposed ? bData[j * k + kk] : bData[kk * n + j];
                data[((j / nr) * k + kk) * nr + j % nr] = alpha * v;
              }
          });
        });
  }

  /// kiln.mat_mul with a constant 2-D B -> kiln.packed_mat_mul.
  Value packMatMul(OpBuilder &b, MatMulOp mm) {
    RankedTensorType a = staticF32(mm.getA()), bt = staticF32(mm.getB()),
                     y = staticF32(mm.getY());
    if (!a || !bt || !y || bt.getRank() != 2 || a.getRank() < 1)
      return {};
    int64_t k = bt.getDimSize(0), n = bt.getDimSize(1);
    if (a.getShape().back() != k)
      return {};
    std::optional<Tensor> data = packed::constantF32Tensor(mm.getB());
    if (!data)
      return {};
    Location loc = mm.getLoc();
    Value pw =
        packColumns(b, loc, mm.getB(), data->data<float>(), k, n, false, 1.0f);
    Value none = b.create<NoneOp>(loc, b.getNoneType());
    return b
        .create<PackedMatMulOp>(loc, y, mm.getA(), pw, none, none,
                                b.getI64IntegerAttr(n), StringAttr(),
                                FloatAttr(), FloatAttr(), FloatAttr())
        .getY();
  }

  /// kiln.gemm (transA = 0) with a constant B -> kiln.packed_mat_mul.
  Value packGemm(OpBuilder &b, GemmOp gemm) {
    RankedTensorType a = staticF32(gemm.getA()), bt = staticF32(gemm.getB()),
                     y = staticF32(gemm.getY());
    if (!a || !bt || !y || a.getRank() != 2 || bt.getRank() != 2 ||
        gemm.getTransA().value_or(0) != 0)
      return {};
    bool transB = gemm.getTransB().value_or(0) != 0;
    int64_t k = a.getDimSize(1);
    int64_t n = transB ? bt.getDimSize(0) : bt.getDimSize(1);
    if ((transB ? bt.getDimSize(1) : bt.getDimSize(0)) != k ||
        y.getShape() != ArrayRef<int64_t>{a.getDimSize(0), n})
      return {};
    std::optional<Tensor> data = packed::constantF32Tensor(gemm.getB());
    if (!data)
      return {};
    float alpha = gemm.getAlpha() ? gemm.getAlpha()->convertToFloat() : 1.0f;
    float beta = gemm.getBeta() ? gemm.getBeta()->convertToFloat() : 1.0f;
    Location loc = gemm.getLoc();
    Value none = b.create<NoneOp>(loc, b.getNoneType());
    // C: N values (any shape that broadcasts along rows) become the bias,
    // an M x N tensor the residual.
    Value bias = none, residual = none;
    if (!isNone(gemm.getC())) {
      RankedTensorType ct = staticF32(gemm.getC());
      if (!ct)
        return {};
      std::optional<std::vector<float>> c = packed::constantF32(gemm.getC());
      bool rowVector =
          ct.getNumElements() == n &&
          (ct.getRank() == 1 || (ct.getRank() == 2 && ct.getDimSize(0) == 1));
      bool scalar = ct.getNumElements() == 1 && ct.getRank() <= 2;
      if (c && (rowVector || scalar)) {
        std::vector<float> values(n);
        for (int64_t j = 0; j < n; ++j)
          values[j] = beta * (*c)[scalar ? 0 : j];
        bias = packed::makeF32Constant(
            b, loc, {n}, values, packed::constantName(gemm.getC()) + ".bias");
      } else if (ct == y && beta == 1.0f) {
        residual = gemm.getC();
      } else {
        return {};
      }
    }
    Value pw = packColumns(b, loc, gemm.getB(), data->data<float>(), k, n,
                           transB, alpha);
    return b
        .create<PackedMatMulOp>(loc, y, gemm.getA(), pw, bias, residual,
                                b.getI64IntegerAttr(n), StringAttr(),
                                FloatAttr(), FloatAttr(), FloatAttr())
        .getY();
  }
};

} // namespace
