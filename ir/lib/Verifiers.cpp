//===- Verifiers.cpp - Hand-written verifiers of kiln ops -----------------===//
//
// Checks that ODS constraints cannot express. Messages name the offending
// operand and say what was expected and what was found. Only what is
// certainly invalid is rejected: a check that needs a dim or a rank is
// skipped when the type does not give it. Convolutions and pools are in
// VerifiersConvPool.cpp.
//
//===----------------------------------------------------------------------===//
#include "VerifierUtils.h"

#include "kiln/ir/KilnDialect.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::shape;
using namespace kiln::verify;

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

std::string kiln::verify::formatList(ArrayRef<int64_t> values) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(values, os, [&](int64_t v) {
    if (isStatic(v))
      os << v;
    else
      os << '?';
  });
  os << ']';
  return s;
}

LogicalResult kiln::verify::checkAxis(Operation *op, StringRef what,
                                      int64_t axis, int64_t rank,
                                      bool inclusiveEnd) {
  int64_t hi = inclusiveEnd ? rank : rank - 1;
  if (axis < -rank || axis > hi)
    return op->emitOpError("expected ")
           << what << " in [" << -rank << ", " << hi << "] for rank " << rank
           << ", found " << axis;
  return success();
}

LogicalResult kiln::verify::checkAxisAttr(Operation *op, StringRef name,
                                          int64_t dflt,
                                          std::optional<int64_t> rank,
                                          bool inclusiveEnd) {
  if (!rank)
    return success();
  return checkAxis(op, name, intAttrOr(op, name, dflt), *rank, inclusiveEnd);
}

LogicalResult kiln::verify::checkIntsAttr(Operation *op, StringRef name,
                                          std::optional<int64_t> length,
                                          int64_t min, StringRef lengthWhy) {
  std::optional<SmallVector<int64_t>> values = intsAttr(op, name);
  if (!values)
    return success();
  if (length && static_cast<int64_t>(values->size()) != *length) {
    InFlightDiagnostic d = op->emitOpError("expected ")
                           << name << " to have " << *length << " entries";
    if (!lengthWhy.empty())
      d << " (" << lengthWhy << ")";
    return d << ", found " << values->size();
  }
  for (int64_t v : *values)
    if (v < min)
      return op->emitOpError("expected ")
             << name << " entries to be at least " << min << ", found "
             << formatList(*values);
  return success();
}

//===----------------------------------------------------------------------===//
// Matrix products and normalizations
//===----------------------------------------------------------------------===//

// [..., M, K] x [..., K, N]: K agrees, batch dims broadcast.
LogicalResult MatMulOp::verify() {
  MaybeDims a = dimsOf(getA()), b = dimsOf(getB());
  if (a && a->empty())
    return emitOpError("expected A to have rank at least 1, found rank 0");
  if (b && b->empty())
    return emitOpError("expected B to have rank at least 1, found rank 0");
  if (!a || !b)
    return success();
  size_t ka = a->size() - 1, kb = b->size() == 1 ? 0 : b->size() - 2;
  if (isStatic((*a)[ka]) && isStatic((*b)[kb]) && (*a)[ka] != (*b)[kb])
    return emitOpError("expected A dim ")
           << ka << " (" << (*a)[ka] << ") to equal B dim " << kb << " ("
           << (*b)[kb] << ")";
  ArrayRef<int64_t> batchA =
      a->size() > 2 ? ArrayRef(*a).drop_back(2) : ArrayRef<int64_t>();
  ArrayRef<int64_t> batchB =
      b->size() > 2 ? ArrayRef(*b).drop_back(2) : ArrayRef<int64_t>();
  if (failed(broadcast(batchA, batchB)))
    return emitOpError("expected the batch dims of A ")
           << formatList(batchA) << " and B " << formatList(batchB)
           << " to broadcast";
  return success();
}

/// True when \p p is a permutation of [0, \p n).
static bool isPermutation(ArrayRef<int64_t> p, int64_t n) {
  if (static_cast<int64_t>(p.size()) != n)
    return false;
  SmallVector<bool> seen(n, false);
  for (int64_t i : p) {
    if (i < 0 || i >= n || seen[i])
      return false;
    seen[i] = true;
  }
  return true;
}

/// \p dims read through the permutation attribute \p perm of \p op, named
/// \p name: dim i becomes dim perm[i] of \p dims (\p inverse: dim perm[i]
/// becomes dim i, a result's case). Unchanged without \p perm or dims.
static LogicalResult permuteDims(Operation *op, MaybeDims &dims,
                                 std::optional<ArrayAttr> perm, StringRef name,
                                 bool inverse) {
  if (!perm || !dims)
    return success();
  SmallVector<int64_t> p;
  for (Attribute a : *perm)
    p.push_back(cast<IntegerAttr>(a).getInt());
  if (!isPermutation(p, static_cast<int64_t>(dims->size())))
    return op->emitOpError("expected ")
           << name << "_perm to be a permutation of [0, " << dims->size()
           << "), found " << formatList(p);
  Dims out(dims->size());
  for (size_t i = 0; i < p.size(); ++i)
    (inverse ? out[p[i]] : out[i]) = (*dims)[inverse ? i : p[i]];
  dims = out;
  return success();
}

// softmax(Q x KT (/ divisor | * scale) + mask) x V: the inner dims agree,
// Q's and KT's batch dims broadcast, V and the mask broadcast into the
// result.
LogicalResult FusedAttentionOp::verify() {
  if (getDivisor() && getScale())
    return emitOpError("expected at most one of 'divisor' and 'scale'");
  MaybeDims q = dimsOf(getQ()), kt = dimsOf(getKT()), v = dimsOf(getV());
  MaybeDims y = dimsOf(getY());
  // The chain's operands and result: the given ones through the perms.
  auto through = [&](MaybeDims &dims, std::optional<ArrayAttr> perm,
                     StringRef name, bool inverse) {
    return permuteDims(*this, dims, perm, name, inverse);
  };
  if (failed(through(q, getQPerm(), "q", false)) ||
      failed(through(kt, getKtPerm(), "kt", false)) ||
      failed(through(v, getVPerm(), "v", false)) ||
      failed(through(y, getYPerm(), "y", true)))
    return failure();
  for (auto [dims, name] : {std::pair(q, "Q"), std::pair(kt, "KT"),
                            std::pair(v, "V"), std::pair(y, "Y")})
    if (dims && dims->size() < 2)
      return emitOpError("expected ")
             << name << " to have rank at least 2, found rank " << dims->size();
  if (!q || !kt || !v || !y)
    return success();
  auto last = [](const Dims &d, size_t i) { return d[d.size() - 1 - i]; };
  auto differ = [](int64_t a, int64_t b) {
    return isStatic(a) && isStatic(b) && a != b;
  };
  if (differ(last(*q, 0), last(*kt, 1)) || differ(last(*kt, 0), last(*v, 1)))
    return emitOpError("expected Q ")
           << formatList(*q) << ", KT " << formatList(*kt) << " and V "
           << formatList(*v) << " to be [..., M, D], [..., D, N], [..., N, Dv]";
  auto batchOf = [](const Dims &d) { return ArrayRef(d).drop_back(2); };
  FailureOr<Dims> batch = broadcast(batchOf(*q), batchOf(*kt));
  if (failed(batch))
    return emitOpError("expected the batch dims of Q ")
           << formatList(batchOf(*q)) << " and KT " << formatList(batchOf(*kt))
           << " to broadcast";
  Dims want = *batch;
  want.push_back(last(*q, 1));
  want.push_back(last(*v, 0));
  if (want.size() != y->size() ||
      llvm::any_of(llvm::zip(want, *y), [&](auto p) {
        return differ(std::get<0>(p), std::get<1>(p));
      }))
    return emitOpError("expected Y of shape ")
           << formatList(want) << ", found " << formatList(*y);
  // V and the mask broadcast into the result, not the other way.
  Dims scores = *batch;
  scores.push_back(last(*q, 1));
  scores.push_back(last(*kt, 0));
  auto into = [&](ArrayRef<int64_t> small, ArrayRef<int64_t> big) {
    if (small.size() > big.size())
      return false;
    for (size_t i = 0; i < small.size(); ++i) {
      int64_t s = small[small.size() - 1 - i], t = big[big.size() - 1 - i];
      if (isStatic(s) && s != 1 && differ(s, t))
        return false;
    }
    return true;
  };
  if (!into(batchOf(*v), *batch))
    return emitOpError("expected the batch dims of V ")
           << formatList(*v) << " to broadcast into " << formatList(*y);
  if (MaybeDims mask = dimsOf(getMask()); mask && !into(*mask, scores))
    return emitOpError("expected the mask ")
           << formatList(*mask) << " to broadcast into the scores "
           << formatList(scores);
  return success();
}

// Y[M, N] = op(A)[M, K] * op(B)[K, N] + C, C broadcast to [M, N].
LogicalResult GemmOp::verify() {
  MaybeDims a = dimsOf(getA()), b = dimsOf(getB());
  if (a && a->size() != 2)
    return emitOpError("expected A to be 2-D, found rank ") << a->size();
  if (b && b->size() != 2)
    return emitOpError("expected B to be 2-D, found rank ") << b->size();
  int64_t transA = intAttrOr(*this, "transA", 0) != 0;
  int64_t transB = intAttrOr(*this, "transB", 0) != 0;
  int64_t m = a ? (*a)[transA] : kDynamic, n = b ? (*b)[1 - transB] : kDynamic;
  if (a && b) {
    int64_t ka = (*a)[1 - transA], kb = (*b)[transB];
    if (isStatic(ka) && isStatic(kb) && ka != kb)
      return emitOpError("expected A dim ")
             << 1 - transA << " (" << ka << ") to equal B dim " << transB
             << " (" << kb << ") with transA = " << transA
             << " and transB = " << transB;
  }
  if (MaybeDims c = dimsOf(getC())) {
    Dims target{m, n};
    bool ok = c->size() <= 2;
    for (size_t i = 0; ok && i < c->size(); ++i) {
      int64_t dc = (*c)[c->size() - 1 - i], dt = target[1 - i];
      ok = !isStatic(dc) || !isStatic(dt) || dc == 1 || dc == dt;
    }
    if (!ok)
      return emitOpError("expected C of shape ")
             << formatList(*c)
             << " to broadcast to [M, N] = " << formatList(target);
  }
  return success();
}

/// Checks that X has rank at least 2 and that each per-channel parameter is
/// 1-D of size C (dim 1 of X).
static LogicalResult
verifyChannelParams(Operation *op, Value x,
                    ArrayRef<std::pair<Value, StringRef>> params) {
  MaybeDims dx = dimsOf(x);
  if (dx && dx->size() < 2)
    return op->emitOpError("expected input to have rank at least 2 "
                           "(N x C x ...), found rank ")
           << dx->size();
  int64_t c = dx ? (*dx)[1] : kDynamic;
  for (auto [v, name] : params) {
    MaybeDims d = dimsOf(v);
    if (!d)
      continue;
    if (d->size() != 1)
      return op->emitOpError("expected ")
             << name << " to be 1-D, found rank " << d->size();
    if (isStatic(c) && isStatic((*d)[0]) && (*d)[0] != c)
      return op->emitOpError("expected ")
             << name << " size (" << (*d)[0] << ") to equal input channels ("
             << c << ")";
  }
  return success();
}

// scale, B, input_mean and input_var are 1-D of size C.
LogicalResult BatchNormalizationOp::verify() {
  return verifyChannelParams(*this, getX(),
                             {{getScale(), "scale"},
                              {getB(), "B"},
                              {getInputMean(), "input_mean"},
                              {getInputVar(), "input_var"}});
}

// scale and B are 1-D of size C.
LogicalResult InstanceNormalizationOp::verify() {
  return verifyChannelParams(*this, getInput(),
                             {{getScale(), "scale"}, {getB(), "B"}});
}

// A x B with A and B read through their perms: the inner dims agree, the
// batch dims broadcast, and Y is [batch..., M, N].
LogicalResult TransposedMatMulOp::verify() {
  MaybeDims a = dimsOf(getA()), b = dimsOf(getB()), y = dimsOf(getY());
  if (failed(permuteDims(*this, a, getAPerm(), "a", false)) ||
      failed(permuteDims(*this, b, getBPerm(), "b", false)))
    return failure();
  for (auto [dims, name] : {std::pair(a, "A"), std::pair(b, "B")})
    if (dims && dims->size() < 2)
      return emitOpError("expected ")
             << name << " to have rank at least 2, found rank " << dims->size();
  if (!a || !b || !y)
    return success();
  auto differ = [](int64_t p, int64_t q) {
    return isStatic(p) && isStatic(q) && p != q;
  };
  if (differ(a->back(), (*b)[b->size() - 2]))
    return emitOpError("expected A ")
           << formatList(*a) << " and B " << formatList(*b)
           << " (through their perms) to be [..., M, K] and [..., K, N]";
  FailureOr<Dims> batch =
      broadcast(ArrayRef(*a).drop_back(2), ArrayRef(*b).drop_back(2));
  if (failed(batch))
    return emitOpError("expected the batch dims of A ")
           << formatList(ArrayRef(*a).drop_back(2)) << " and B "
           << formatList(ArrayRef(*b).drop_back(2)) << " to broadcast";
  Dims want = *batch;
  want.push_back((*a)[a->size() - 2]);
  want.push_back(b->back());
  if (want.size() != y->size() ||
      llvm::any_of(llvm::zip(want, *y), [&](auto p) {
        return differ(std::get<0>(p), std::get<1>(p));
      }))
    return emitOpError("expected Y of shape ")
           << formatList(want) << ", found " << formatList(*y);
  return success();
}

LogicalResult LayerNormalizationOp::verify() {
  return checkAxisAttr(*this, "axis", -1, rankOf(getX()));
}

LogicalResult RMSNormalizationOp::verify() {
  return checkAxisAttr(*this, "axis", -1, rankOf(getX()));
}

/// Softmax, LogSoftmax, Hardmax: axis (default -1) in range.
static LogicalResult verifySoftmaxLike(Operation *op) {
  std::optional<int64_t> rank = rankOf(op->getOperand(0));
  if (!rank || *rank == 0)
    return success();
  return checkAxisAttr(op, "axis", -1, rank);
}

LogicalResult SoftmaxOp::verify() { return verifySoftmaxLike(*this); }
LogicalResult LogSoftmaxOp::verify() { return verifySoftmaxLike(*this); }
LogicalResult HardmaxOp::verify() { return verifySoftmaxLike(*this); }

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// Reduce*: constant axes in range; the axes operand is a 1-D integer tensor.
static LogicalResult verifyReduce(Operation *op, Value data, Value axes) {
  if (isNone(axes))
    return success();
  auto type = cast<TensorType>(axes.getType());
  if (!type.getElementType().isInteger(64) &&
      !type.getElementType().isInteger(32))
    return op->emitOpError("expected axes of an integer type, found ")
           << type.getElementType();
  if (type.hasRank() && type.getRank() != 1)
    return op->emitOpError("expected axes to be 1-D, found rank ")
           << type.getRank();
  std::optional<int64_t> rank = rankOf(data);
  std::optional<SmallVector<int64_t>> values = constantInts(axes);
  if (!rank || !values)
    return success();
  for (int64_t a : *values)
    if (failed(checkAxis(op, "axes entry", a, *rank)))
      return failure();
  return success();
}

#define KILN_REDUCE_VERIFIER(Op)                                               \
  LogicalResult Op::verify() {                                                 \
    return verifyReduce(*this, getData(), getAxes());                          \
  }
KILN_REDUCE_VERIFIER(ReduceSumOp)
KILN_REDUCE_VERIFIER(ReduceMeanOp)
KILN_REDUCE_VERIFIER(ReduceMaxOp)
KILN_REDUCE_VERIFIER(ReduceMinOp)
KILN_REDUCE_VERIFIER(ReduceProdOp)
KILN_REDUCE_VERIFIER(ReduceL1Op)
KILN_REDUCE_VERIFIER(ReduceL2Op)
KILN_REDUCE_VERIFIER(ReduceLogSumOp)
KILN_REDUCE_VERIFIER(ReduceLogSumExpOp)
KILN_REDUCE_VERIFIER(ReduceSumSquareOp)
#undef KILN_REDUCE_VERIFIER

LogicalResult ArgMaxOp::verify() {
  return checkAxisAttr(*this, "axis", 0, rankOf(getData()));
}
LogicalResult ArgMinOp::verify() {
  return checkAxisAttr(*this, "axis", 0, rankOf(getData()));
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

// Same rank; axis in range; dims other than axis agree.
LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError("expected at least one input");
  std::optional<size_t> first;
  for (auto [i, v] : llvm::enumerate(getInputs())) {
    MaybeDims d = dimsOf(v);
    if (!d)
      continue;
    if (!first) {
      first = i;
      if (failed(checkAxisAttr(*this, "axis", 0, int64_t(d->size()))))
        return failure();
      continue;
    }
    MaybeDims f = dimsOf(getInputs()[*first]);
    if (d->size() != f->size())
      return emitOpError("expected input ")
             << i << " to have rank " << f->size() << " like input " << *first
             << ", found rank " << d->size();
  }
  if (!first || !getAxisAttr())
    return success();
  int64_t rank = *rankOf(getInputs()[*first]);
  int64_t axis = *normalizeAxis(intAttrOr(*this, "axis", 0), rank);
  for (int64_t k = 0; k < rank; ++k) {
    if (k == axis)
      continue;
    std::optional<std::pair<size_t, int64_t>> known;
    for (auto [i, v] : llvm::enumerate(getInputs())) {
      MaybeDims d = dimsOf(v);
      if (!d || !isStatic((*d)[k]))
        continue;
      if (!known)
        known = {i, (*d)[k]};
      else if (known->second != (*d)[k])
        return emitOpError("expected input ")
               << i << " dim " << k << " (" << (*d)[k] << ") to equal input "
               << known->first << " dim " << k << " (" << known->second << ")";
    }
  }
  return success();
}

// perm is a permutation of [0, rank).
LogicalResult TransposeOp::verify() {
  std::optional<SmallVector<int64_t>> perm = intsAttr(*this, "perm");
  if (!perm)
    return success();
  int64_t n = rankOf(getData()).value_or(perm->size());
  if (!isPermutation(*perm, n))
    return emitOpError("expected perm to be a permutation of [0, ")
           << n << "), found " << formatList(*perm);
  return success();
}

LogicalResult FlattenOp::verify() {
  return checkAxisAttr(*this, "axis", 1, rankOf(getInput()),
                       /*inclusiveEnd=*/true);
}

LogicalResult GatherOp::verify() {
  std::optional<int64_t> rank = rankOf(getData());
  if (rank && *rank == 0)
    return emitOpError("expected data to have rank at least 1, found rank 0");
  return checkAxisAttr(*this, "axis", 0, rank);
}

// Sizes from `split` add up to the dim; one entry per result.
LogicalResult SplitOp::verify() {
  MaybeDims x = dimsOf(getInput());
  if (x && failed(checkAxisAttr(*this, "axis", 0, int64_t(x->size()))))
    return failure();
  int64_t results = getNumResults();
  if (auto n = getNumOutputsAttr()) {
    if (!isNone(getSplit()))
      return emitOpError("expected either a split operand or num_outputs, "
                         "found both");
    if (n.getValue().getSExtValue() != results)
      return emitOpError("expected num_outputs (")
             << n.getValue().getSExtValue()
             << ") to equal the number of results (" << results << ")";
  }
  std::optional<SmallVector<int64_t>> sizes = constantInts(getSplit());
  if (!sizes)
    return success();
  if (static_cast<int64_t>(sizes->size()) != results)
    return emitOpError("expected split to have ")
           << results << " entries (one per result), found " << sizes->size();
  int64_t total = 0;
  for (int64_t s : *sizes) {
    if (s < 0)
      return emitOpError("expected split sizes to be non-negative, found ")
             << formatList(*sizes);
    total += s;
  }
  if (!x)
    return success();
  int64_t axis = *normalizeAxis(intAttrOr(*this, "axis", 0), x->size());
  if (isStatic((*x)[axis]) && total != (*x)[axis])
    return emitOpError("expected split sizes ")
           << formatList(*sizes) << " to add up to input dim " << axis << " ("
           << (*x)[axis] << "), found " << total;
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

// condition is bool; X and Y share an element type; the shapes broadcast.
LogicalResult WhereOp::verify() {
  Type cond = cast<TensorType>(getCondition().getType()).getElementType();
  if (!cond.isInteger(1))
    return emitOpError("expected condition of element type i1, found ") << cond;
  Type x = cast<TensorType>(getX().getType()).getElementType();
  Type y = cast<TensorType>(getY().getType()).getElementType();
  if (x != y)
    return emitOpError("expected X and Y to have the same element type, "
                       "found ")
           << x << " and " << y;
  MaybeDims c = dimsOf(getCondition()), dx = dimsOf(getX()),
            dy = dimsOf(getY());
  if (c && dx && dy) {
    FailureOr<Dims> b = broadcast(*c, *dx);
    if (succeeded(b))
      b = broadcast(*b, *dy);
    if (failed(b))
      return emitOpError("expected the shapes of condition ")
             << formatList(*c) << ", X " << formatList(*dx) << " and Y "
             << formatList(*dy) << " to broadcast";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

/// Scores [N, C, d1...] and a target [N, d1...] (the class of each element).
static LogicalResult verifyLoss(Operation *op, Value scores, Value target) {
  MaybeDims x = dimsOf(scores), t = dimsOf(target);
  if (x && x->size() < 2)
    return op->emitOpError("expected scores of rank at least 2, found rank ")
           << x->size();
  if (!x || !t)
    return success();
  Dims want{(*x)[0]};
  want.append(x->begin() + 2, x->end());
  bool ok = t->size() == want.size();
  for (size_t i = 0; ok && i < want.size(); ++i)
    ok = !isStatic(want[i]) || !isStatic((*t)[i]) || want[i] == (*t)[i];
  if (!ok)
    return op->emitOpError("expected a target of shape ")
           << formatList(want) << " for scores of shape " << formatList(*x)
           << ", found " << formatList(*t);
  return success();
}

LogicalResult NegativeLogLikelihoodLossOp::verify() {
  return verifyLoss(*this, getInput(), getTarget());
}

LogicalResult SoftmaxCrossEntropyLossOp::verify() {
  return verifyLoss(*this, getScores(), getLabels());
}
