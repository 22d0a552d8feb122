//===- MatMulNormProducts.cpp - Lowering of Gemm, MatMul and Einsum -------===//
//
// Matrix products become one linalg.generic that accumulates products into
// an initialized result (a sum-of-products contraction):
//
//   kiln.mat_mul %a, %b -> linalg.generic (b..., m, k, n) { acc + a * b }
//
// The loop order is chosen for the vectorizer, which works on the innermost
// loop after linalg-to-loops: when the last result dimension is also the
// contiguous dimension of the operands that use it, it goes innermost
// (C[m, :] += A[m, k] * B[k, :]); otherwise the reduction goes innermost as
// a dot product whose add carries `reassoc` so LLVM may vectorize it. Float
// sums therefore accumulate in the element type in a different order than
// the reference kernels (which sum in double); integer sums wrap exactly
// like theirs.
//
//===----------------------------------------------------------------------===//
#include "ElementwiseLowering.h"
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <cctype>
#include <map>

using namespace mlir;

namespace kiln::cpu {

/// Lowers Gemm, MatMul and Einsum (called by populateMatMulNormLowering).
void populateMatMulNormProductLowering(RewritePatternSet &patterns);

namespace {

/// True for the element types the contractions compute in.
bool isContractionElement(Type t) {
  return t.isF32() || t.isF64() || t.isSignlessInteger(32) ||
         t.isSignlessInteger(64);
}

/// `acc + prod(factors)`; float adds may be reassociated (vectorized dot
/// products) and contracted into FMAs.
Value accumulateProduct(OpBuilder &b, Location loc, ValueRange factors,
                        Value acc) {
  Value prod = factors[0];
  bool isFloat = isa<FloatType>(acc.getType());
  auto flags = arith::FastMathFlags::reassoc | arith::FastMathFlags::contract;
  for (Value f : factors.drop_front())
    prod = isFloat ? b.create<arith::MulFOp>(loc, prod, f,
                                             arith::FastMathFlags::contract)
                         .getResult()
                   : b.create<arith::MulIOp>(loc, prod, f).getResult();
  if (isFloat)
    return b.create<arith::AddFOp>(loc, acc, prod, flags);
  return b.create<arith::AddIOp>(loc, acc, prod);
}

/// A linalg.generic that adds the product of \p inputs (read through
/// \p inputMaps) into \p init (written through \p outMap).
Value buildContraction(OpBuilder &b, Location loc, ValueRange inputs,
                       ArrayRef<AffineMap> inputMaps, AffineMap outMap,
                       ArrayRef<utils::IteratorType> iters, Value init) {
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(outMap);
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), inputs, init, maps, iters,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        nb.create<linalg::YieldOp>(
            nl, accumulateProduct(nb, nl, args.drop_back(), args.back()));
      });
  return generic.getResult(0);
}

/// Iterator types for \p n dims, with \p reductions marked.
SmallVector<utils::IteratorType> iterators(unsigned n,
                                           ArrayRef<unsigned> reductions) {
  SmallVector<utils::IteratorType> iters(n, utils::IteratorType::parallel);
  for (unsigned d : reductions)
    iters[d] = utils::IteratorType::reduction;
  return iters;
}

//===----------------------------------------------------------------------===//
// MatMul
//===----------------------------------------------------------------------===//

/// kiln.mat_mul -> generic (batch..., [m], k, [n]) { acc + a * b }; 1-D
/// operands get no m / n dimension, size-1 batch dims broadcast.
struct MatMulPattern : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MatMulOp op,
                                PatternRewriter &rewriter) const override {
    auto aType = staticType(op.getA()), bType = staticType(op.getB());
    auto yType = staticType(op.getY());
    if (!aType || !bType || !yType)
      return rewriter.notifyMatchFailure(op, "shapes are not static");
    Type elem = yType.getElementType();
    if (!isContractionElement(elem) || aType.getElementType() != elem ||
        bType.getElementType() != elem)
      return rewriter.notifyMatchFailure(op, "unsupported element type");
    int64_t ra = aType.getRank(), rb = bType.getRank();
    if (ra < 1 || rb < 1)
      return rewriter.notifyMatchFailure(op, "scalar operand");
    bool vecA = ra == 1, vecB = rb == 1;
    int64_t k = aType.getShape().back();
    if (bType.getDimSize(vecB ? 0 : rb - 2) != k)
      return rewriter.notifyMatchFailure(op, "inner dimensions differ");
    int64_t numBatch = yType.getRank() - !vecA - !vecB;
    if (numBatch < 0 || numBatch < (vecA ? 0 : ra - 2) ||
        numBatch < (vecB ? 0 : rb - 2))
      return rewriter.notifyMatchFailure(op, "unexpected result rank");

    // Dims: batch..., m (unless vecA), k, n (unless vecB).
    MLIRContext *ctx = op.getContext();
    unsigned d = numBatch;
    unsigned mDim = vecA ? ~0u : d++;
    unsigned kDim = d++;
    unsigned nDim = vecB ? ~0u : d++;
    unsigned numDims = d;
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    // The batch part of an operand's map: right-aligned, size 1 broadcast.
    auto batchExprs = [&](RankedTensorType t, int64_t nb) {
      SmallVector<AffineExpr> exprs;
      for (int64_t i = 0; i < nb; ++i) {
        int64_t outDim = numBatch - nb + i;
        bool bcast = t.getDimSize(i) == 1 && yType.getDimSize(outDim) != 1;
        exprs.push_back(bcast ? getAffineConstantExpr(0, ctx) : dim(outDim));
      }
      return exprs;
    };
    SmallVector<AffineExpr> aExprs = batchExprs(aType, vecA ? 0 : ra - 2);
    if (!vecA)
      aExprs.push_back(dim(mDim));
    aExprs.push_back(dim(kDim));
    SmallVector<AffineExpr> bExprs = batchExprs(bType, vecB ? 0 : rb - 2);
    bExprs.push_back(dim(kDim));
    if (!vecB)
      bExprs.push_back(dim(nDim));
    SmallVector<AffineExpr> yExprs;
    for (int64_t i = 0; i < numBatch; ++i)
      yExprs.push_back(dim(i));
    if (!vecA)
      yExprs.push_back(dim(mDim));
    if (!vecB)
      yExprs.push_back(dim(nDim));

    Location loc = op.getLoc();
    Value init = filledTensor(rewriter, loc, yType,
                              scalarConstant(rewriter, loc, elem, 0));
    Value r = buildContraction(rewriter, loc, {op.getA(), op.getB()},
                               {AffineMap::get(numDims, 0, aExprs, ctx),
                                AffineMap::get(numDims, 0, bExprs, ctx)},
                               AffineMap::get(numDims, 0, yExprs, ctx),
                               iterators(numDims, {kDim}), init);
    rewriter.replaceOp(op, r);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Gemm
//===----------------------------------------------------------------------===//

/// kiln.gemm -> init = beta * C (or 0), then generic { acc + a * b } in
/// order (m, k, n), or (m, n, k) when B is transposed; alpha != 1 scales
/// the sum afterwards: Y = alpha * sum + beta * C.
struct GemmPattern : OpRewritePattern<GemmOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GemmOp op,
                                PatternRewriter &rewriter) const override {
    auto aType = staticType(op.getA()), bType = staticType(op.getB());
    auto yType = staticType(op.getY());
    if (!aType || !bType || !yType || aType.getRank() != 2 ||
        bType.getRank() != 2 || yType.getRank() != 2)
      return rewriter.notifyMatchFailure(op, "expected static 2-D operands");
    Type elem = yType.getElementType();
    if (!isContractionElement(elem) || aType.getElementType() != elem ||
        bType.getElementType() != elem)
      return rewriter.notifyMatchFailure(op, "unsupported element type");
    bool transA = elementwise::intAttr(op, "transA", 0) != 0;
    bool transB = elementwise::intAttr(op, "transB", 0) != 0;
    double alpha = elementwise::floatAttr(op, "alpha", 1.0);
    double beta = elementwise::floatAttr(op, "beta", 1.0);
    Value c = op.getC();
    bool hasC = !isa<NoneType>(c.getType());
    RankedTensorType cType = hasC ? staticType(c) : RankedTensorType();
    if (hasC &&
        (!cType || cType.getElementType() != elem || cType.getRank() > 2))
      return rewriter.notifyMatchFailure(op, "unsupported C");
    int64_t m = yType.getDimSize(0), n = yType.getDimSize(1);
    int64_t k = aType.getDimSize(transA ? 0 : 1);
    if (aType.getDimSize(transA ? 1 : 0) != m ||
        bType.getDimSize(transB ? 1 : 0) != k ||
        bType.getDimSize(transB ? 0 : 1) != n)
      return rewriter.notifyMatchFailure(op, "operand shapes do not match");
    if (hasC)
      for (int64_t i = 0; i < cType.getRank(); ++i) {
        int64_t want = yType.getDimSize(2 - cType.getRank() + i);
        if (cType.getDimSize(i) != 1 && cType.getDimSize(i) != want)
          return rewriter.notifyMatchFailure(op, "C does not broadcast");
      }
    // The reference rounds integer results through double unless the sum
    // is exact (alpha 1, beta 1 or no C); those cases stay on it.
    bool isFloat = isa<FloatType>(elem);
    if (!isFloat && (alpha != 1.0 || (hasC && beta != 1.0)))
      return rewriter.notifyMatchFailure(
          op, "integer Gemm with alpha or beta other than 1");

    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    // Dims (m, k, n), or (m, n, k) when B is read along k.
    unsigned mDim = 0, kDim = transB ? 2 : 1, nDim = transB ? 1 : 2;
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    AffineMap aMap =
        AffineMap::get(3, 0,
                       transA ? ArrayRef<AffineExpr>{dim(kDim), dim(mDim)}
                              : ArrayRef<AffineExpr>{dim(mDim), dim(kDim)},
                       ctx);
    AffineMap bMap =
        AffineMap::get(3, 0,
                       transB ? ArrayRef<AffineExpr>{dim(nDim), dim(kDim)}
                              : ArrayRef<AffineExpr>{dim(kDim), dim(nDim)},
                       ctx);
    AffineMap yMap = AffineMap::get(3, 0, {dim(mDim), dim(nDim)}, ctx);

    // beta * C is the initial sum unless alpha must scale the sum alone.
    bool cInInit = hasC && alpha == 1.0;
    Value init;
    if (cInInit) {
      init = buildElementwise(
          rewriter, loc, c, yType, [&](OpBuilder &b, Location l, ValueRange a) {
            if (beta == 1.0)
              return a[0];
            return b
                .create<arith::MulFOp>(l, scalarConstant(b, l, elem, beta),
                                       a[0])
                .getResult();
          });
    } else {
      init = filledTensor(rewriter, loc, yType,
                          scalarConstant(rewriter, loc, elem, 0));
    }
    Value r = buildContraction(rewriter, loc, {op.getA(), op.getB()},
                               {aMap, bMap}, yMap, iterators(3, {kDim}), init);
    if (alpha != 1.0) {
      SmallVector<Value> ins{r};
      if (hasC)
        ins.push_back(c);
      r = buildElementwise(
          rewriter, loc, ins, yType,
          [&](OpBuilder &b, Location l, ValueRange a) {
            Value v = b.create<arith::MulFOp>(
                l, scalarConstant(b, l, elem, alpha), a[0]);
            if (a.size() > 1)
              v = b.create<arith::AddFOp>(
                  l, v,
                  b.create<arith::MulFOp>(l, scalarConstant(b, l, elem, beta),
                                          a[1]));
            return v;
          });
    }
    rewriter.replaceOp(op, r);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

/// One term of an einsum equation: its letters and where `...` sits (-1:
/// none; else the number of letters before it).
struct Term {
  std::string letters;
  int ellipsisAt = -1;
};

/// Parses \p text into \p term; false on anything but letters and one
/// `...`.
bool parseTerm(StringRef text, Term &term) {
  for (size_t i = 0; i < text.size();) {
    if (std::isalpha(static_cast<unsigned char>(text[i]))) {
      term.letters.push_back(text[i++]);
    } else if (text.substr(i).starts_with("...") && term.ellipsisAt < 0) {
      term.ellipsisAt = static_cast<int>(term.letters.size());
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

/// kiln.einsum -> one generic over every variable of the equation:
/// output variables parallel, the others summed; repeated labels read
/// diagonals, size-1 dims broadcast.
struct EinsumPattern : OpRewritePattern<EinsumOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(EinsumOp op,
                                PatternRewriter &rewriter) const override {
    auto yType = staticType(op.getOutput());
    if (!yType || !isContractionElement(yType.getElementType()))
      return rewriter.notifyMatchFailure(op, "unsupported result type");
    SmallVector<RankedTensorType> types;
    for (Value v : op.getInputs()) {
      auto t = staticType(v);
      if (!t || t.getElementType() != yType.getElementType())
        return rewriter.notifyMatchFailure(op, "unsupported operand type");
      types.push_back(t);
    }
    if (types.empty())
      return rewriter.notifyMatchFailure(op, "no operands");

    // 1. Parse the equation.
    std::string eq;
    auto eqAttr = op->getAttrOfType<StringAttr>("equation");
    for (char ch : eqAttr ? eqAttr.getValue() : StringRef())
      if (!std::isspace(static_cast<unsigned char>(ch)))
        eq.push_back(ch);
    size_t arrow = eq.find("->");
    bool explicitOut = arrow != std::string::npos;
    SmallVector<StringRef> texts;
    StringRef(eq).substr(0, arrow).split(texts, ',');
    if (eq.empty() || texts.size() != types.size())
      return rewriter.notifyMatchFailure(op, "equation does not fit operands");
    SmallVector<Term> terms(texts.size());
    for (auto [text, term] : llvm::zip(texts, terms))
      if (!parseTerm(text, term))
        return rewriter.notifyMatchFailure(op, "malformed equation");

    // 2. Variables: the ellipsis dims (right-aligned), then one per letter.
    int64_t ellRank = 0;
    for (auto [t, term] : llvm::zip(types, terms)) {
      int64_t letters = term.letters.size();
      if (term.ellipsisAt < 0 ? t.getRank() != letters : t.getRank() < letters)
        return rewriter.notifyMatchFailure(op, "term does not fit operand");
      if (term.ellipsisAt >= 0)
        ellRank = std::max(ellRank, t.getRank() - letters);
    }
    std::map<char, int64_t> letterVar, letterCount;
    for (const Term &term : terms)
      for (char ch : term.letters) {
        letterVar.try_emplace(ch, ellRank + (int64_t)letterVar.size());
        ++letterCount[ch];
      }
    int64_t numVars = ellRank + letterVar.size();
    SmallVector<SmallVector<int64_t>> dimVars(types.size());
    SmallVector<int64_t> size(numVars, 1);
    for (auto [t, term, vars] : llvm::zip(types, terms, dimVars)) {
      int64_t ell = t.getRank() - term.letters.size();
      for (int64_t d = 0, li = 0; d < t.getRank(); ++d) {
        if (term.ellipsisAt >= 0 && li == term.ellipsisAt &&
            d < term.ellipsisAt + ell)
          vars.push_back(ellRank - ell + (d - term.ellipsisAt));
        else
          vars.push_back(letterVar[term.letters[li++]]);
      }
      SmallVector<int64_t> own(numVars, -1);
      for (int64_t d = 0; d < t.getRank(); ++d) {
        int64_t v = vars[d], dimSize = t.getDimSize(d);
        if (own[v] >= 0 && own[v] != dimSize)
          return rewriter.notifyMatchFailure(op, "diagonal of unequal sizes");
        own[v] = dimSize;
        if (dimSize != 1) {
          if (size[v] != 1 && size[v] != dimSize)
            return rewriter.notifyMatchFailure(op, "sizes do not broadcast");
          size[v] = dimSize;
        }
      }
    }

    // 3. Output variables, as the reference orders them.
    SmallVector<int64_t> outVars;
    if (explicitOut) {
      Term out;
      if (!parseTerm(StringRef(eq).substr(arrow + 2), out) ||
          (out.ellipsisAt < 0 && ellRank > 0))
        return rewriter.notifyMatchFailure(op, "malformed output term");
      SmallVector<bool> used(numVars, false);
      for (size_t li = 0; li <= out.letters.size(); ++li) {
        if ((int)li == out.ellipsisAt)
          for (int64_t v = 0; v < ellRank; ++v)
            outVars.push_back(v);
        if (li == out.letters.size())
          break;
        auto found = letterVar.find(out.letters[li]);
        if (found == letterVar.end() || used[found->second])
          return rewriter.notifyMatchFailure(op, "bad output label");
        used[found->second] = true;
        outVars.push_back(found->second);
      }
    } else {
      for (int64_t v = 0; v < ellRank; ++v)
        outVars.push_back(v);
      for (const auto &[ch, var] : letterVar)
        if (letterCount[ch] == 1)
          outVars.push_back(var);
    }
    if ((int64_t)outVars.size() != yType.getRank())
      return rewriter.notifyMatchFailure(op, "unexpected result rank");
    for (auto [i, v] : llvm::enumerate(outVars))
      if (yType.getDimSize(i) != size[v])
        return rewriter.notifyMatchFailure(op, "unexpected result shape");
    SmallVector<int64_t> sumVars;
    for (int64_t v = 0; v < numVars; ++v)
      if (!llvm::is_contained(outVars, v))
        sumVars.push_back(v);

    // 4. Loop order: outputs then sums, except that a last output variable
    // that is contiguous in every operand holding it goes innermost.
    SmallVector<int64_t> order(outVars.begin(), outVars.end());
    bool lastInner = !outVars.empty() && !sumVars.empty();
    if (lastInner) {
      int64_t last = outVars.back();
      for (const auto &vars : dimVars)
        if (llvm::is_contained(vars, last) && vars.back() != last)
          lastInner = false;
    }
    if (lastInner)
      order.pop_back();
    order.append(sumVars.begin(), sumVars.end());
    if (lastInner)
      order.push_back(outVars.back());
    SmallVector<unsigned> loopOf(numVars);
    for (auto [i, v] : llvm::enumerate(order))
      loopOf[v] = i;

    MLIRContext *ctx = op.getContext();
    SmallVector<AffineMap> maps;
    for (auto [t, vars] : llvm::zip(types, dimVars)) {
      SmallVector<AffineExpr> exprs;
      for (auto [d, v] : llvm::enumerate(vars))
        exprs.push_back(t.getDimSize(d) == 1 && size[v] != 1
                            ? getAffineConstantExpr(0, ctx)
                            : getAffineDimExpr(loopOf[v], ctx));
      maps.push_back(AffineMap::get(numVars, 0, exprs, ctx));
    }
    SmallVector<AffineExpr> yExprs;
    for (int64_t v : outVars)
      yExprs.push_back(getAffineDimExpr(loopOf[v], ctx));
    SmallVector<unsigned> reductions;
    for (int64_t v : sumVars)
      reductions.push_back(loopOf[v]);

    Location loc = op.getLoc();
    Value init =
        filledTensor(rewriter, loc, yType,
                     scalarConstant(rewriter, loc, yType.getElementType(), 0));
    Value r = buildContraction(rewriter, loc, op.getInputs(), maps,
                               AffineMap::get(numVars, 0, yExprs, ctx),
                               iterators(numVars, reductions), init);
    rewriter.replaceOp(op, r);
    return success();
  }
};

} // namespace

void populateMatMulNormProductLowering(RewritePatternSet &patterns) {
  patterns.add<MatMulPattern, GemmPattern, EinsumPattern>(
      patterns.getContext());
}

} // namespace kiln::cpu
