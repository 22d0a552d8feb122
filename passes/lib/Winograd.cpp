//===- Winograd.cpp - 3x3 packed convolutions by Winograd's algorithm -----===//
//
// See Passes.td. The choice per convolution is a cost model of time per
// image in units of the direct kernel's vector multiply-adds: the direct
// kernel's 9 C Cout multiply-adds per vector of output positions (whole
// vectors per plane), against, for F(2, 3) and F(4, 3), the a^2 products per
// tile slot (tiles are vectorized along a row of tiles, so a row of 14
// tiles takes a vector of 16) and the input and output transforms per
// vector of tiles; plus, for either, the weight bytes read (Winograd's are
// a^2 / 9 times the direct kernel's, read once per band). The coefficients
// are fitted to measured kernels (chooseTile).
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"
#include "kiln/runtime/Winograd.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <algorithm>
#include <cstring>

namespace kiln {
#define GEN_PASS_DEF_WINOGRAD
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// Filters transformed at once (winograd::transformFilter, lane by lane):
/// one old weight panel's output channels.
constexpr int64_t kLanes = 16;

/// Four f64 lanes (GCC and Clang vector extensions: two SSE2 registers,
/// or one AVX2 register where the function's target has it).
using V4d = double __attribute__((vector_size(32)));
using V4f = float __attribute__((vector_size(16)));

/// U = G g G^T of the 3x3 filters in lanes [0, 4 * vectors) (at most
/// kLanes), filter l in lane l: g[tap][l] in, u[e][l] out (e < A * A), four
/// lanes per vector operation (winograd::transformFilterOf on vectors).
template <int64_t A>
__attribute__((always_inline)) inline void
transformLanes(int64_t vectors, const double *gt, const float (*g)[kLanes],
               double (*u)[kLanes]) {
  for (int64_t v = 0; v < 4 * vectors; v += 4) {
    V4d taps[9], out[A * A];
    for (int64_t tap = 0; tap < 9; ++tap) {
      V4f f;
      std::memcpy(&f, &g[tap][v], sizeof(f));
      taps[tap] = __builtin_convertvector(f, V4d);
    }
    winograd::transformFilterOf<A>(gt, taps, out);
    for (int64_t e = 0; e < A * A; ++e)
      std::memcpy(&u[e][v], &out[e], sizeof(out[e]));
  }
}

/// transformLanes with AVX2's vectors (no FMA: the products and sums are
/// rounded as in the scalar form), chosen at run time where the CPU has
/// them: one filter at a time in scalar code, the transform was most of
/// kiln-winograd's time and three quarters of ResNet-50's graph passes'
/// instructions.
__attribute__((target("avx2"))) void
transformLanesAvx2(int64_t a, int64_t vectors, const double *gt,
                   const float (*g)[kLanes], double (*u)[kLanes]) {
  if (a == 6)
    transformLanes<6>(vectors, gt, g, u);
  else
    transformLanes<4>(vectors, gt, g, u);
}

/// transformLanes for filters in lanes [0, lanes).
void transformLanesAny(int64_t a, int64_t lanes, const double *gt,
                       const float (*g)[kLanes], double (*u)[kLanes]) {
  static const bool avx2 = __builtin_cpu_supports("avx2");
  int64_t vectors = (lanes + 3) / 4;
  if (avx2)
    transformLanesAvx2(a, vectors, gt, g, u);
  else if (a == 6)
    transformLanes<6>(vectors, gt, g, u);
  else
    transformLanes<4>(vectors, gt, g, u);
}

llvm::SmallVector<int64_t> ints(ArrayAttr a) {
  llvm::SmallVector<int64_t> v;
  for (Attribute e : a)
    v.push_back(cast<IntegerAttr>(e).getInt());
  return v;
}

/// Vector operations per (channel, vector of tiles) of the input transform
/// (a^2 m loads, the shuffles that gather every m-th column, B^T d B and
/// a^2 stores) and of the output transform (a^2 loads, A^T M A, the
/// shuffles that interleave m columns, m^2 stores), by tile side m.
double inputTransformOps(int64_t m) { return m == 4 ? 530 : 130; }
double outputTransformOps(int64_t m) { return m == 4 ? 330 : 70; }

/// The cost model's coefficients (see chooseTile), in the direct kernel's
/// vector multiply-adds: per Winograd product counted, per transform
/// operation, and per weight byte read by the direct kernel and by
/// Winograd. Bytes cost more with 8 lanes: a vector multiply-add does half
/// the work there, and AVX2 code streamed them slower still (fitted
/// separately: 98 convolutions with `--cpu-features=-avx512f`).
struct CostCoefficients {
  double products, transforms, directBytes, winogradBytes;
};
CostCoefficients coefficientsFor(int64_t lanes) {
  if (lanes >= 16)
    return {0.75, 1.8, 0.19, 0.15};
  return {0.75, 1.8, 0.85, 0.70};
}

struct WinogradPass : kiln::impl::WinogradBase<WinogradPass> {
  using WinogradBase::WinogradBase;

  void runOnOperation() override {
    if (vectorLanes < 1 || cacheBytes < 1) {
      getOperation().emitError("kiln-winograd needs vector-lanes and "
                               "cache-bytes >= 1, found ")
          << vectorLanes << " and " << cacheBytes;
      return signalPassFailure();
    }
    numRewritten += packed::rewriteEach<PackedConvOp>(
        getOperation(), [&](PackedConvOp conv) { return rewrite(conv); });
  }

  /// The tile side (2 or 4) for \p conv, or 0 for the direct kernel.
  int64_t chooseTile(int64_t batch, int64_t c, int64_t cout, int64_t oh,
                     int64_t ow, int64_t directRows,
                     winograd::Plan &chosen) const {
    int64_t lanes = vectorLanes, registers = lanes >= 16 ? 32 : 16;
    // Predicted times in units of one vector multiply-add of the direct
    // kernel, with coefficients fitted by least squares to 110
    // convolutions of ResNet-50, GoogLeNet, SqueezeNet, DenseNet-121 and
    // VGG-16, each timed direct, by F(2, 3) and by F(4, 3) (`kiln profile`,
    // 1 thread, Zen 4, 16 lanes; median errors: direct 6 %, Winograd 15 %).
    // The direct kernel computes whole vectors of output positions per
    // plane, and a few positions past them (at most a third of its
    // directRows output channels) one vector per position over the channels
    // (a 7x7 plane with 6 rows: 3 vectors of 16 and 1/6). Weight bytes cost
    // about a fifth of a multiply-add each with 16 lanes wherever they come
    // from, since streams are prefetched while the products run (the model
    // before, 0.8 per byte past half of L2, came from a Xeon with a quarter of
    // this host's bandwidth per core and kept ResNet-50's 28x28 to 7x7 convs
    // direct, at 1.4-1.8x the time).
    int64_t rest = oh * ow % lanes;
    double planeVectors =
        double(oh * ow / lanes) + (rest == 0 ? 0.0
                                   : packed::narrowColumnsFit(rest, directRows)
                                       ? double(rest) / directRows
                                       : 1.0);
    double directVectors = 9.0 * c * cout * planeVectors;
    CostCoefficients k = coefficientsFor(lanes);
    double direct = directVectors + k.directBytes * 9.0 * c * cout * 4;
    // Winograd must be predicted 5 % faster: its results are further from
    // the direct convolution's (kiln/runtime/Winograd.h).
    double best = 0.95 * direct;
    int64_t tile = 0;
    for (int64_t m : {4, 2}) {
      winograd::Plan p;
      if (!winograd::makePlan(m, batch, c, cout, oh, ow, lanes, registers,
                              winograd::bandBudgetFloats(cacheBytes), p))
        continue;
      // Per image: vectors of tiles, and passes over the weights.
      double images = p.merged ? double(batch) : 1.0;
      double vectors = p.flat ? double(p.bands) * p.qs / lanes / images
                              : double(p.th) * p.rowVecs;
      double panels = (cout + p.mr - 1) / p.mr;
      double products = p.a * p.a * double(c) * panels * p.mr * vectors;
      double transforms =
          vectors * (c * inputTransformOps(m) + cout * outputTransformOps(m));
      double weightBytes = p.a * p.a * double(c) * panels * p.mr * 4;
      double cost = k.products * products + k.transforms * transforms +
                    k.winogradBytes * weightBytes * p.bands / images;
      if (cost < best) {
        best = cost;
        tile = m;
        chosen = p;
      }
    }
    return tile;
  }

  bool rewrite(PackedConvOp conv) {
    auto x = dyn_cast<RankedTensorType>(conv.getX().getType());
    auto y = dyn_cast<RankedTensorType>(conv.getY().getType());
    if (!x || !y || !x.hasStaticShape() || !y.hasStaticShape() ||
        !conv.getPrologue().empty() || conv.getInActivation())
      return false;
    auto ks = ints(conv.getKernelShape()), st = ints(conv.getStrides()),
         dl = ints(conv.getDilations()), pd = ints(conv.getPads());
    if (ks != llvm::ArrayRef<int64_t>{3, 3} ||
        st != llvm::ArrayRef<int64_t>{1, 1} ||
        dl != llvm::ArrayRef<int64_t>{1, 1} ||
        llvm::any_of(pd, [](int64_t v) { return v > 2; }))
      return false;
    std::optional<Tensor> w = packed::constantF32Tensor(conv.getW());
    if (!w)
      return false;
    int64_t c = x.getDimSize(1), cout = conv.getOutChannels();
    winograd::Plan plan;
    int64_t m = chooseTile(x.getDimSize(0), c, cout, y.getDimSize(2),
                           y.getDimSize(3), w->dim(2), plan);
    if (!m)
      return false;

    // weight[o][c][i][j] = W[o / mrOld][c * 9 + i * 3 + j][o % mrOld].
    const winograd::Transform &t = *winograd::transformFor(m);
    int64_t mrOld = w->dim(2), k = c * 9, mr = plan.mr;
    int64_t panels = (cout + mr - 1) / mr, elements = t.a * t.a;
    const float *pw = w->data<float>();
    OpBuilder b(conv);
    Location loc = conv.getLoc();
    Value u = packed::makeF32ConstantFilled(
        b, loc, {panels, elements, c, mr},
        packed::constantName(conv.getW()) + ".winograd",
        [&](llvm::MutableArrayRef<float> data) {
          // Per old panel: its mrOld output channels' taps are adjacent
          // (W[p][k][i]), and are transformed together; output channel o
          // goes to lane o % mrOld and to every mr-th value of each
          // element of its new panel (U[p][e][c][i], the kernel's order:
          // a panel's a^2 GEMMs run one after another).
          int64_t oldPanels = (cout + mrOld - 1) / mrOld;
          int64_t elementStride = c * mr;
          packed::forEachPanel(b.getContext(), oldPanels, [&](int64_t po) {
            float g[9][kLanes] = {};
            double ug[36][kLanes];
            int64_t inPanel = std::min(mrOld, cout - po * mrOld);
            for (int64_t l0 = 0; l0 < inPanel; l0 += kLanes) {
              int64_t lanes = std::min(kLanes, inPanel - l0);
              for (int64_t ci = 0; ci < c; ++ci) {
                const float *taps = pw + (po * k + ci * 9) * mrOld + l0;
                for (int64_t tap = 0; tap < 9; ++tap)
                  std::copy_n(taps + tap * mrOld, lanes, g[tap]);
                transformLanesAny(t.a, lanes, t.g, g, ug);
                for (int64_t l = 0; l < lanes; ++l) {
                  int64_t o = po * mrOld + l0 + l;
                  float *out = data.data() +
                               ((o / mr) * elements * c + ci) * mr + o % mr;
                  for (int64_t e = 0; e < elements; ++e)
                    out[e * elementStride] = float(ug[e][l]);
                }
              }
            }
          });
        });
    auto op = b.create<WinogradConvOp>(
        loc, y, conv.getX(), u, conv.getBias(), conv.getResidual(),
        conv.getOutChannelsAttr(), conv.getPads(), b.getI64IntegerAttr(m),
        conv.getActivationAttr(), conv.getClipMinAttr(), conv.getClipMaxAttr(),
        conv.getAlphaAttr());
    conv.getY().replaceAllUsesWith(op.getY());
    conv.erase();
    return true;
  }
};

} // namespace
