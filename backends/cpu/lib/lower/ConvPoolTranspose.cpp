//===- ConvPoolTranspose.cpp - Lowering of ConvTranspose ------------------===//
//
// ConvTranspose scatters input x[i] through kernel element j to output
// o = i * s + j * d - pb (per spatial dim; stride s, dilation d, begin pad
// pb). Gathered from the output side, each output phase
// r = (o + pb) mod s only receives the kernel elements with j * d = r
// (mod s), which form a progression j = j0 + t * s / g (g = gcd(d, s)),
// and reads the input at stride-1 positions q + const - t * d / g for
// o = q * s + r - pb. So each phase is an ordinary convolution:
//
//   y[q * s + r - pb] = B + sum_{c, t} x[q + c_r + t * e] * w_r[t]
//   with w_r[t] = w[j0 + (T - 1 - t) * s / g] (flipped), e = d / g
//
// The steps: work out the output size as the reference kernel does
// (pads, or output_shape / SAME_* with the difference split as pads, the
// odd element at the beginning except for SAME_UPPER); pad X once for all
// phases; per phase (a tuple of residues, prod(s) of them) gather its
// kernel, run one linalg.generic like Conv over (n, g, m, q_0 .. q_{r-2},
// c, t..., q_{r-1}) starting from the bias, and insert the result into Y
// with stride s. No multiply touches a zero, unlike spreading X out.
//
//===----------------------------------------------------------------------===//
#include "Window.h"

#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <numeric>

using namespace mlir;

namespace kiln::cpu {

/// Lowers ConvTranspose (called by populateConvPoolLowering).
void populateConvTransposeLowering(RewritePatternSet &patterns);

namespace {

using namespace window;

/// One output phase along one spatial dim.
struct Phase {
  int64_t residue = 0; ///< r = (o + pb) mod s of its outputs.
  int64_t first = 0;   ///< q of its first output (o = q * s + r - pb).
  int64_t count = 0;   ///< Its number of outputs.
  int64_t j0 = 0;      ///< Its first kernel element.
  int64_t taps = 0;    ///< Its number of kernel elements.
  int64_t offset = 0;  ///< Input index of output q = first, tap 0.
};

/// What the phases of one spatial dim share.
struct DimInfo {
  int64_t stride, padBegin;
  int64_t step; ///< Between the kernel elements of a phase: s / gcd(d, s).
  int64_t e;    ///< Input dilation of a phase's convolution: d / gcd(d, s).
  int64_t padLow = 0; ///< Begin padding of X for all phases.
};

/// The phases of a dim with kernel \p k, stride \p s, dilation \p d,
/// begin pad \p pb and \p out outputs.
SmallVector<Phase> phasesOf(int64_t k, int64_t s, int64_t d, int64_t pb,
                            int64_t out) {
  int64_t g = std::gcd(d, s), step = s / g, e = d / g;
  SmallVector<Phase> phases(s);
  for (int64_t r = 0; r < s; ++r) {
    Phase &p = phases[r];
    p.residue = r;
    p.first = ceilDiv(pb - r, s);
    p.count = std::max<int64_t>(0, floorDiv(out - 1 + pb - r, s) - p.first + 1);
    if (r % g)
      continue;
    while (p.j0 < step && (p.j0 * d - r) % s)
      ++p.j0;
    p.taps = p.j0 < k ? ceilDiv(k - p.j0, step) : 0;
    // i = q + (r - j0 * d) / s - t * e; flipped, t' = taps - 1 - t.
    p.offset = p.first + (r - p.j0 * d) / s - (p.taps - 1) * e;
  }
  return phases;
}

/// kiln.conv_transpose -> one convolution per output phase (see the file
/// comment).
struct ConvTransposePattern : OpRewritePattern<ConvTransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvTransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto xType = staticType(op.getX()), wType = staticType(op.getW());
    auto yType = staticType(op.getY());
    if (!xType || !wType || !yType || xType.getRank() < 3 ||
        wType.getRank() != xType.getRank() || xType.getNumElements() == 0 ||
        wType.getNumElements() == 0)
      return rewriter.notifyMatchFailure(op, "expected N x C x D... operands");
    Type elem = xType.getElementType();
    if ((!elem.isF32() && !elem.isF64()) || wType.getElementType() != elem ||
        yType.getElementType() != elem)
      return rewriter.notifyMatchFailure(op, "expected float operands");
    unsigned rank = xType.getRank() - 2;
    int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
    auto groupAttr = op->getAttrOfType<IntegerAttr>("group");
    int64_t group = groupAttr ? groupAttr.getInt() : 1;
    if (group < 1 || wType.getDimSize(0) != c || c % group)
      return rewriter.notifyMatchFailure(op, "channels do not fit group");
    int64_t mg = wType.getDimSize(1), cg = c / group, m = mg * group;
    Value bias = op.getB();
    bool hasBias = !isa<NoneType>(bias.getType());
    if (hasBias) {
      auto bType = staticType(bias);
      if (!bType || bType.getElementType() != elem ||
          bType.getShape() != ArrayRef<int64_t>{m})
        return rewriter.notifyMatchFailure(op, "expected B of shape M");
    }

    // 1. The geometry, as the reference kernel computes it.
    SmallVector<int64_t> in(xType.getShape().drop_front(2)),
        kernel(wType.getShape().drop_front(2)), strides, dilations, outPad,
        pads(2 * rank, 0), ks, outShape;
    if (!readInts(op, "strides", rank, 1, 1, strides) ||
        !readInts(op, "dilations", rank, 1, 1, dilations) ||
        !readInts(op, "output_padding", rank, 0, 0, outPad))
      return rewriter.notifyMatchFailure(op, "malformed attributes");
    if (op->hasAttr("kernel_shape") &&
        (!readInts(op, "kernel_shape", rank, 1, 1, ks) || ks != kernel))
      return rewriter.notifyMatchFailure(op, "kernel_shape differs from W");
    auto autoPadAttr = op->getAttrOfType<StringAttr>("auto_pad");
    StringRef autoPad = autoPadAttr ? autoPadAttr.getValue() : "NOTSET";
    bool notSet = autoPad == "NOTSET" || autoPad.empty();
    bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
    if (!notSet && !same && autoPad != "VALID")
      return rewriter.notifyMatchFailure(op, "unknown auto_pad");
    if (notSet && !readInts(op, "pads", 2 * rank, 0, 0, pads))
      return rewriter.notifyMatchFailure(op, "malformed pads");
    bool hasOutShape = op->hasAttr("output_shape");
    if (hasOutShape) {
      auto given = op->getAttrOfType<ArrayAttr>("output_shape");
      size_t count = given && given.size() == rank + 2 ? rank + 2 : rank;
      if (!readInts(op, "output_shape", count, 0, 0, outShape))
        return rewriter.notifyMatchFailure(op, "malformed output_shape");
      outShape.erase(outShape.begin(), outShape.end() - rank);
    }
    SmallVector<int64_t> padBegin(rank), out(rank);
    for (unsigned i = 0; i < rank; ++i) {
      int64_t full = strides[i] * (in[i] - 1) + outPad[i] +
                     (kernel[i] - 1) * dilations[i] + 1;
      if (hasOutShape || same) {
        out[i] = hasOutShape ? outShape[i] : in[i] * strides[i];
        int64_t total = std::max<int64_t>(0, full - out[i]);
        padBegin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
        continue;
      }
      padBegin[i] = pads[i];
      out[i] = full - pads[i] - pads[rank + i];
    }
    if (yType.getRank() != rank + 2 || yType.getDimSize(0) != n ||
        yType.getDimSize(1) != m ||
        yType.getShape().drop_front(2) != ArrayRef<int64_t>(out) ||
        yType.getNumElements() == 0)
      return rewriter.notifyMatchFailure(op, "geometry does not fit result");

    // 2. The phases per dim, and one padding of X that serves them all.
    int64_t numPhases = 1;
    for (int64_t s : strides)
      numPhases *= s;
    if (numPhases > 64)
      return rewriter.notifyMatchFailure(op, "more than 64 output phases");
    SmallVector<SmallVector<Phase>> phases;
    SmallVector<DimInfo> dims;
    SmallVector<int64_t> padLow(rank, 0), padHigh(rank, 0);
    for (unsigned i = 0; i < rank; ++i) {
      int64_t s = strides[i], d = dilations[i], g = std::gcd(d, s);
      phases.push_back(phasesOf(kernel[i], s, d, padBegin[i], out[i]));
      dims.push_back({s, padBegin[i], s / g, d / g});
      for (const Phase &p : phases.back()) {
        if (!p.count || !p.taps)
          continue;
        padLow[i] = std::max(padLow[i], -p.offset);
        padHigh[i] =
            std::max(padHigh[i], p.offset + p.count - 1 +
                                     (p.taps - 1) * dims[i].e - in[i] + 1);
      }
      dims[i].padLow = padLow[i];
    }
    Location loc = op.getLoc();
    auto index = [&](int64_t v) { return rewriter.getIndexAttr(v); };
    Value zero = scalarConstant(rewriter, loc, elem, 0.0);
    SmallVector<OpFoldResult> low(2, index(0)), high(2, index(0));
    SmallVector<int64_t> xShape{n, group, cg};
    for (unsigned i = 0; i < rank; ++i) {
      low.push_back(index(padLow[i]));
      high.push_back(index(padHigh[i]));
      xShape.push_back(in[i] + padLow[i] + padHigh[i]);
    }
    Value x = op.getX();
    if (llvm::any_of(padLow, [](int64_t v) { return v > 0; }) ||
        llvm::any_of(padHigh, [](int64_t v) { return v > 0; })) {
      SmallVector<int64_t> padded{n, c};
      padded.append(xShape.begin() + 3, xShape.end());
      x = rewriter.create<tensor::PadOp>(
          loc, RankedTensorType::get(padded, elem), x, low, high, zero);
    }
    SmallVector<ReassociationIndices> splitC{{0}, {1, 2}};
    for (unsigned i = 0; i < rank; ++i)
      splitC.push_back({int64_t(3 + i)});
    x = rewriter.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get(xShape, elem), x, splitC);

    // 3. Each phase into Y.
    Value y = emptyTensor(rewriter, loc, yType);
    SmallVector<int64_t> r(rank, 0);
    do {
      SmallVector<const Phase *> ph;
      for (unsigned i = 0; i < rank; ++i)
        ph.push_back(&phases[i][r[i]]);
      if (llvm::all_of(ph, [](const Phase *p) { return p->count > 0; }))
        y = insertPhase(rewriter, loc, op, x, y, ph, dims, group, cg, mg);
      unsigned i = rank;
      while (i > 0 && ++r[i - 1] == strides[i - 1])
        r[--i] = 0;
      if (i == 0)
        break;
    } while (true);
    rewriter.replaceOp(op, y);
    return success();
  }

  /// Computes the outputs of the phase with one Phase per dim in \p ph
  /// from the padded, channel-split input \p x and inserts them into \p y.
  static Value insertPhase(OpBuilder &b, Location loc, ConvTransposeOp op,
                           Value x, Value y, ArrayRef<const Phase *> ph,
                           ArrayRef<DimInfo> dims, int64_t group, int64_t cg,
                           int64_t mg) {
    MLIRContext *ctx = b.getContext();
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    auto index = [&](int64_t v) { return b.getIndexAttr(v); };
    auto wType = cast<RankedTensorType>(op.getW().getType());
    auto fullType = cast<RankedTensorType>(y.getType());
    Type elem = wType.getElementType();
    unsigned rank = ph.size();
    int64_t n = fullType.getDimSize(0);
    SmallVector<int64_t> yShape{n, group, mg};
    for (const Phase *p : ph)
      yShape.push_back(p->count);
    auto yType = RankedTensorType::get(yShape, elem);
    unsigned yr = yShape.size();
    SmallVector<utils::IteratorType> parallel(yr,
                                              utils::IteratorType::parallel);

    // Start from the bias (B[g * M/G + m]) or zero.
    Value acc;
    Value bias = op.getB();
    if (!isa<NoneType>(bias.getType()))
      acc =
          b.create<linalg::GenericOp>(
               loc, yType, bias, emptyTensor(b, loc, yType),
               ArrayRef<AffineMap>{AffineMap::get(yr, 0, dim(1) * mg + dim(2)),
                                   b.getMultiDimIdentityMap(yr)},
               parallel,
               [](OpBuilder &nb, Location l, ValueRange a) {
                 nb.create<linalg::YieldOp>(l, a[0]);
               })
              .getResult(0);
    else
      acc = filledTensor(b, loc, yType, scalarConstant(b, loc, elem, 0.0));

    if (llvm::all_of(ph, [](const Phase *p) { return p->taps > 0; })) {
      // w_r (G, C/G, M/G, T...) = W[.., j0 + (T - 1 - t) * step], flipped.
      unsigned wr = wType.getRank();
      SmallVector<int64_t> wShape{wType.getDimSize(0), mg};
      SmallVector<AffineExpr> gather{dim(0), dim(1)};
      for (unsigned i = 0; i < rank; ++i) {
        wShape.push_back(ph[i]->taps);
        gather.push_back(
            getAffineConstantExpr(ph[i]->j0 + (ph[i]->taps - 1) * dims[i].step,
                                  ctx) -
            dim(2 + i) * dims[i].step);
      }
      auto wrType = RankedTensorType::get(wShape, elem);
      Value w = b.create<linalg::GenericOp>(
                     loc, wrType, op.getW(), emptyTensor(b, loc, wrType),
                     ArrayRef<AffineMap>{AffineMap::get(wr, 0, gather, ctx),
                                         b.getMultiDimIdentityMap(wr)},
                     SmallVector<utils::IteratorType>(
                         wr, utils::IteratorType::parallel),
                     [](OpBuilder &nb, Location l, ValueRange a) {
                       nb.create<linalg::YieldOp>(l, a[0]);
                     })
                    .getResult(0);
      SmallVector<ReassociationIndices> splitW{{0, 1}, {2}};
      SmallVector<int64_t> weShape{group, cg, mg};
      for (unsigned i = 0; i < rank; ++i) {
        splitW.push_back({int64_t(3 + i)});
        weShape.push_back(ph[i]->taps);
      }
      w = b.create<tensor::ExpandShapeOp>(
          loc, RankedTensorType::get(weShape, elem), w, splitW);

      // Dims: n, g, m, q_0 .. q_{r-2}, c, t_0 .. t_{r-1}, q_{r-1}.
      unsigned numDims = 2 * rank + 4, cDim = rank + 2;
      auto qDim = [&](unsigned i) {
        return i + 1 < rank ? 3 + i : numDims - 1;
      };
      auto tDim = [&](unsigned i) { return rank + 3 + i; };
      SmallVector<AffineExpr> xExprs{dim(0), dim(1), dim(cDim)},
          wExprs{dim(1), dim(cDim), dim(2)}, yExprs{dim(0), dim(1), dim(2)};
      SmallVector<utils::IteratorType> iters(numDims,
                                             utils::IteratorType::parallel);
      iters[cDim] = utils::IteratorType::reduction;
      for (unsigned i = 0; i < rank; ++i) {
        xExprs.push_back(dim(qDim(i)) + dim(tDim(i)) * dims[i].e +
                         (ph[i]->offset + dims[i].padLow));
        wExprs.push_back(dim(tDim(i)));
        yExprs.push_back(dim(qDim(i)));
        iters[tDim(i)] = utils::IteratorType::reduction;
      }
      acc = b.create<linalg::GenericOp>(
                 loc, yType, ValueRange{x, w}, acc,
                 ArrayRef<AffineMap>{AffineMap::get(numDims, 0, xExprs, ctx),
                                     AffineMap::get(numDims, 0, wExprs, ctx),
                                     AffineMap::get(numDims, 0, yExprs, ctx)},
                 iters,
                 [](OpBuilder &nb, Location l, ValueRange a) {
                   Value p = nb.create<arith::MulFOp>(
                       l, a[0], a[1], arith::FastMathFlags::contract);
                   nb.create<linalg::YieldOp>(
                       l, nb.create<arith::AddFOp>(
                                l, a[2], p, arith::FastMathFlags::contract)
                              .getResult());
                 })
                .getResult(0);
    }

    // Collapse the channels and insert at o = q * s + r - pb, stride s.
    SmallVector<ReassociationIndices> joinC{{0}, {1, 2}};
    SmallVector<int64_t> phaseShape{n, group * mg};
    SmallVector<OpFoldResult> offsets(2, index(0)), sizes, strides(2, index(1));
    sizes.push_back(index(n));
    sizes.push_back(index(group * mg));
    for (unsigned i = 0; i < rank; ++i) {
      joinC.push_back({int64_t(3 + i)});
      phaseShape.push_back(ph[i]->count);
      offsets.push_back(index(ph[i]->first * dims[i].stride + ph[i]->residue -
                              dims[i].padBegin));
      sizes.push_back(index(ph[i]->count));
      strides.push_back(index(dims[i].stride));
    }
    Value phase = b.create<tensor::CollapseShapeOp>(
        loc, RankedTensorType::get(phaseShape, elem), acc, joinC);
    return b.create<tensor::InsertSliceOp>(loc, phase, y, offsets, sizes,
                                           strides);
  }
};

} // namespace

void populateConvTransposeLowering(RewritePatternSet &patterns) {
  patterns.add<ConvTransposePattern>(patterns.getContext());
}

} // namespace kiln::cpu
