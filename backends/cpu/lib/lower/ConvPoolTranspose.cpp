//===- ConvPoolTranspose.cpp - Lowering of ConvTranspose ------------------===//
//
// ConvTranspose scatters input x[i] through kernel element j to output
// o = i * s + j * d - pb. Read from the output side it is a stride-1
// convolution of the input spread out by the stride:
//
//   z[i * s + (K - 1) * d - pb] = x[i]          (zeros in between)
//   y[o] = B + sum_{c, j} z[o + (K - 1 - j) * d] * w[c, m, j]
//
// z is a zero tensor with x inserted by a strided tensor.insert_slice
// (input rows whose position falls outside z are cut first, as they reach
// no output); then one linalg.generic accumulates like Conv, over
// (n, g, m, o_0 .. o_{r-2}, c, k..., o_{r-1}). The output size follows the
// reference: the full scatter `s * (in - 1) + output_padding + dilated
// kernel` minus pads, or output_shape / SAME_* (input * stride) with the
// difference split as pads, the odd element at the beginning except for
// SAME_UPPER.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace kiln::cpu {

/// Lowers ConvTranspose (called by populateConvPoolLowering).
void populateConvTransposeLowering(RewritePatternSet &patterns);

namespace {

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t ceilDiv(int64_t a, int64_t b) { return -floorDiv(-a, b); }

/// Reads INTS attribute \p name with \p count values in [lo, 2^30], or
/// \p def repeated; false when malformed.
bool readInts(Operation *op, StringRef name, size_t count, int64_t def,
              int64_t lo, SmallVector<int64_t> &out) {
  auto attr = op->getAttrOfType<ArrayAttr>(name);
  if (!attr) {
    out.assign(count, def);
    return true;
  }
  out.clear();
  for (Attribute a : attr) {
    auto i = dyn_cast<IntegerAttr>(a);
    if (!i || i.getInt() < lo || i.getInt() > (int64_t(1) << 30))
      return false;
    out.push_back(i.getInt());
  }
  return out.size() == count;
}

/// kiln.conv_transpose -> spread input, then a stride-1 convolution with
/// the flipped kernel (see the file comment).
struct ConvTransposePattern : OpRewritePattern<ConvTransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvTransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto xType = staticType(op.getX()), wType = staticType(op.getW());
    auto yType = staticType(op.getY());
    if (!xType || !wType || !yType || xType.getRank() < 3 ||
        wType.getRank() != xType.getRank() ||
        xType.getNumElements() == 0 || wType.getNumElements() == 0)
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

    // 2. z: zeros of (N, C, out + (K - 1) * d) with x spread into it.
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    Value zero = scalarConstant(rewriter, loc, elem, 0.0);
    SmallVector<int64_t> zShape{n, c};
    SmallVector<OpFoldResult> srcOff(2, rewriter.getIndexAttr(0)),
        srcSize{rewriter.getIndexAttr(n), rewriter.getIndexAttr(c)},
        dstOff = srcOff, dstStride(2, rewriter.getIndexAttr(1)),
        unitStride = dstStride;
    SmallVector<int64_t> sliceShape{n, c};
    bool reaches = true;
    for (unsigned i = 0; i < rank; ++i) {
      int64_t len = out[i] + (kernel[i] - 1) * dilations[i];
      int64_t shift = (kernel[i] - 1) * dilations[i] - padBegin[i];
      int64_t s = strides[i];
      int64_t i0 = shift < 0 ? ceilDiv(-shift, s) : 0;
      int64_t i1 = std::min(in[i] - 1, floorDiv(len - 1 - shift, s));
      reaches &= i1 >= i0;
      zShape.push_back(len);
      srcOff.push_back(rewriter.getIndexAttr(i0));
      srcSize.push_back(rewriter.getIndexAttr(i1 - i0 + 1));
      sliceShape.push_back(i1 - i0 + 1);
      unitStride.push_back(rewriter.getIndexAttr(1));
      dstOff.push_back(rewriter.getIndexAttr(i0 * s + shift));
      dstStride.push_back(rewriter.getIndexAttr(s));
    }
    auto zType = RankedTensorType::get(zShape, elem);
    Value z = filledTensor(rewriter, loc, zType, zero);
    if (reaches) {
      Value slice = op.getX();
      if (ArrayRef<int64_t>(sliceShape) != xType.getShape())
        slice = rewriter.create<tensor::ExtractSliceOp>(
            loc, RankedTensorType::get(sliceShape, elem), op.getX(), srcOff,
            srcSize, unitStride);
      z = rewriter.create<tensor::InsertSliceOp>(loc, slice, z, dstOff,
                                                 srcSize, dstStride);
    }

    // 3. Views: z (N, G, C/G, L...), W (G, C/G, M/G, K...), Y (N, G, M/G, O...).
    SmallVector<int64_t> zeShape{n, group, cg}, weShape{group, cg, mg},
        yeShape{n, group, mg};
    llvm::append_range(zeShape, ArrayRef<int64_t>(zShape).drop_front(2));
    llvm::append_range(weShape, kernel);
    llvm::append_range(yeShape, out);
    SmallVector<ReassociationIndices> zAssoc{{0}, {1, 2}}, wAssoc{{0, 1}, {2}};
    for (unsigned i = 0; i < rank; ++i) {
      zAssoc.push_back({int64_t(3 + i)});
      wAssoc.push_back({int64_t(3 + i)});
    }
    Value ze = rewriter.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get(zeShape, elem), z, zAssoc);
    Value we = rewriter.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get(weShape, elem), op.getW(), wAssoc);
    auto yeType = RankedTensorType::get(yeShape, elem);

    // 4. Dims: n, g, m, o_0 .. o_{r-2}, c, k_0 .. k_{r-1}, o_{r-1}.
    unsigned numDims = 2 * rank + 4, cDim = rank + 2;
    auto outDim = [&](unsigned i) { return i + 1 < rank ? 3 + i : numDims - 1; };
    auto kDim = [&](unsigned i) { return rank + 3 + i; };
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineExpr> zExprs{dim(0), dim(1), dim(cDim)},
        wExprs{dim(1), dim(cDim), dim(2)}, yExprs{dim(0), dim(1), dim(2)};
    SmallVector<utils::IteratorType> iters(numDims,
                                           utils::IteratorType::parallel);
    iters[cDim] = utils::IteratorType::reduction;
    for (unsigned i = 0; i < rank; ++i) {
      // z[o + (K - 1 - j) * d] for kernel element j.
      zExprs.push_back(dim(outDim(i)) - dim(kDim(i)) * dilations[i] +
                       (kernel[i] - 1) * dilations[i]);
      wExprs.push_back(dim(kDim(i)));
      yExprs.push_back(dim(outDim(i)));
      iters[kDim(i)] = utils::IteratorType::reduction;
    }
    Value init;
    unsigned yr = yeShape.size();
    if (hasBias) {
      init = rewriter
                 .create<linalg::GenericOp>(
                     loc, yeType, bias, emptyTensor(rewriter, loc, yeType),
                     ArrayRef<AffineMap>{
                         AffineMap::get(yr, 0, dim(1) * mg + dim(2)),
                         rewriter.getMultiDimIdentityMap(yr)},
                     SmallVector<utils::IteratorType>(
                         yr, utils::IteratorType::parallel),
                     [](OpBuilder &b, Location l, ValueRange a) {
                       b.create<linalg::YieldOp>(l, a[0]);
                     })
                 .getResult(0);
    } else {
      init = filledTensor(rewriter, loc, yeType, zero);
    }
    Value y =
        rewriter
            .create<linalg::GenericOp>(
                loc, yeType, ValueRange{ze, we}, init,
                ArrayRef<AffineMap>{AffineMap::get(numDims, 0, zExprs, ctx),
                                    AffineMap::get(numDims, 0, wExprs, ctx),
                                    AffineMap::get(numDims, 0, yExprs, ctx)},
                iters,
                [](OpBuilder &b, Location l, ValueRange a) {
                  Value p = b.create<arith::MulFOp>(
                      l, a[0], a[1], arith::FastMathFlags::contract);
                  b.create<linalg::YieldOp>(
                      l, b.create<arith::AddFOp>(
                             l, a[2], p, arith::FastMathFlags::contract)
                             .getResult());
                })
            .getResult(0);
    SmallVector<ReassociationIndices> yAssoc{{0}, {1, 2}};
    for (unsigned i = 0; i < rank; ++i)
      yAssoc.push_back({int64_t(3 + i)});
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, yType, y, yAssoc);
    return success();
  }
};

} // namespace

void populateConvTransposeLowering(RewritePatternSet &patterns) {
  patterns.add<ConvTransposePattern>(patterns.getContext());
}

} // namespace kiln::cpu
