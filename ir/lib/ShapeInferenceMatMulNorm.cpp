//===- ShapeInferenceMatMulNorm.cpp - Shapes of products and norms --------===//
//
// Result shapes of Gemm, MatMul (numpy: 1-D operands promoted then the
// added dim dropped, batch dims broadcast), Einsum (labels sized from the
// operands) and LayerNormalization (Y like X; the statistics keep the dims
// before `axis` and have size 1 after it). The other normalizations and the
// softmax family keep their input's shape by trait.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/ShapeInference.h"

#include "llvm/ADT/StringExtras.h"

#include <map>

using namespace mlir;
using namespace kiln;
using namespace kiln::shape;

// Y[M, N] = op(A)[M, K] * op(B)[K, N]
LogicalResult GemmOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims a = dimsOf(getA()), b = dimsOf(getB());
  bool transA = intAttrOr(*this, "transA", 0) != 0;
  bool transB = intAttrOr(*this, "transB", 0) != 0;
  Dims y{kDynamic, kDynamic};
  if (a && a->size() == 2)
    y[0] = (*a)[transA ? 1 : 0];
  if (b && b->size() == 2)
    y[1] = (*b)[transB ? 0 : 1];
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// [..., M, K] x [..., K, N] -> broadcast(...) x [M, N]
LogicalResult MatMulOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims a = dimsOf(getA()), b = dimsOf(getB());
  if (!a || !b || a->empty() || b->empty())
    return setResultShapes(*this, {}, types);
  ArrayRef<int64_t> batchA =
      a->size() >= 2 ? ArrayRef(*a).drop_back(2) : ArrayRef<int64_t>();
  ArrayRef<int64_t> batchB =
      b->size() >= 2 ? ArrayRef(*b).drop_back(2) : ArrayRef<int64_t>();
  FailureOr<Dims> y = broadcast(batchA, batchB);
  if (failed(y))
    return failure();
  if (a->size() >= 2)
    y->push_back((*a)[a->size() - 2]);
  if (b->size() >= 2)
    y->push_back(b->back());
  return setResultShapes(*this, {MaybeDims(*y)}, types);
}

// Each output label takes the size any operand gives it, and every operand
// must give it the same size; a '...' in the equation is not handled (the
// result stays as imported).
LogicalResult EinsumOp::inferShapes(SmallVectorImpl<Type> &types) {
  StringRef eq = strAttrOr(*this, "equation", "");
  std::string clean;
  for (char c : eq)
    if (c != ' ')
      clean.push_back(c);
  if (clean.empty() || StringRef(clean).contains("..."))
    return setResultShapes(*this, {}, types);
  auto [lhs, rhs] = StringRef(clean).split("->");
  bool explicitOut = StringRef(clean).contains("->");
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if (terms.size() != getInputs().size())
    return setResultShapes(*this, {}, types);
  std::map<char, int64_t> size;
  std::map<char, int> count;
  for (auto [term, v] : llvm::zip(terms, getInputs())) {
    MaybeDims d = dimsOf(v);
    if (d && d->size() != term.size())
      return setResultShapes(*this, {}, types);
    for (size_t i = 0; i < term.size(); ++i) {
      char c = term[i];
      if (!llvm::isAlpha(c))
        return setResultShapes(*this, {}, types);
      ++count[c];
      int64_t dim = d ? (*d)[i] : kDynamic;
      auto [it, inserted] = size.try_emplace(c, dim);
      if (!inserted && !isStatic(it->second))
        it->second = dim;
      else if (!inserted && isStatic(dim) && it->second != dim)
        return failure(); // One label, two sizes: no broadcasting in einsum.
    }
  }
  std::string out;
  if (explicitOut) {
    out = rhs.str();
  } else {
    // Implicit output: the labels seen once, in alphabetical order.
    for (auto [c, n] : count)
      if (n == 1)
        out.push_back(c);
  }
  Dims y;
  for (char c : out) {
    auto it = size.find(c);
    if (it == size.end())
      return setResultShapes(*this, {}, types);
    y.push_back(it->second);
  }
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// Y like X; Mean and InvStdDev are X's dims before axis, then ones.
LogicalResult LayerNormalizationOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getX());
  if (!x)
    return setResultShapes(*this, {}, types);
  SmallVector<MaybeDims> shapes{x};
  std::optional<int64_t> axis =
      normalizeAxis(intAttrOr(*this, "axis", -1), x->size());
  if (axis) {
    Dims stats = *x;
    for (size_t i = *axis; i < stats.size(); ++i)
      stats[i] = 1;
    shapes.append(getNumResults() - 1, stats);
  }
  return setResultShapes(*this, shapes, types);
}
