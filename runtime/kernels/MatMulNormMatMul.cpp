//===- MatMulNormMatMul.cpp - Gemm, MatMul and Einsum kernels -------------===//
//
// Matrix products as plain triple loops. Float sums accumulate in double and
// round once on store; integer products wrap modulo 2^64 (computed in
// uint64_t, so overflow is defined) and are truncated to the element type,
// matching numpy's fixed-width integer arithmetic.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/MatMulNorm.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace kiln::ref {
namespace {

/// The accumulator of a sum of products: double for floats, uint64_t for
/// integers (wrapping).
template <typename T>
using AccType = std::conditional_t<std::is_floating_point_v<ComputeType<T>>,
                                   double, uint64_t>;

/// Converts an element to its accumulator type.
template <typename T> AccType<T> toAcc(T v) {
  if constexpr (std::is_same_v<AccType<T>, double>)
    return static_cast<double>(static_cast<ComputeType<T>>(v));
  else
    return static_cast<uint64_t>(static_cast<int64_t>(v));
}

/// Converts an accumulator back to the element type.
template <typename T> T fromAcc(AccType<T> v) {
  if constexpr (std::is_same_v<AccType<T>, double>)
    return T(static_cast<ComputeType<T>>(v));
  else
    return static_cast<T>(static_cast<int64_t>(v));
}

/// Checks that all present inputs share the dtype of input 0.
Status checkSameDType(const KernelContext &ctx) {
  const Tensor *first = ctx.input(0);
  for (size_t i = 1; i < ctx.numInputs(); ++i)
    if (const Tensor *t = ctx.input(i);
        t && first && t->dtype() != first->dtype())
      return ctx.fail("expected operand #{} to have type {}, found {}", i,
                      dtypeName(first->dtype()), dtypeName(t->dtype()));
  return Status::ok();
}

/// Rejects dtypes Gemm and MatMul do not accept (i8, u8, bool).
Status checkMatrixDType(const KernelContext &ctx, DType t) {
  if (t == DType::I8 || t == DType::U8 || t == DType::Bool)
    return ctx.fail("expected a f16, f32, f64, i32 or i64 operand, found {}",
                    dtypeName(t));
  return Status::ok();
}

/// Multiplies `a * b` with wrap-around for integers.
template <typename A> A mulAcc(A a, A b) { return a * b; }

} // namespace

//===----------------------------------------------------------------------===//
// Gemm
//===----------------------------------------------------------------------===//

Status evalGemm(KernelContext &ctx) {
  const Tensor *a, *b;
  KILN_RETURN_IF_ERROR(ctx.required(0, a));
  KILN_RETURN_IF_ERROR(ctx.required(1, b));
  const Tensor *c = ctx.input(2);
  KILN_RETURN_IF_ERROR(checkSameDType(ctx));
  KILN_RETURN_IF_ERROR(checkMatrixDType(ctx, a->dtype()));
  if (a->rank() != 2 || b->rank() != 2)
    return ctx.fail("expected 2-D A and B, found shapes {} and {}",
                    formatShape(a->shape()), formatShape(b->shape()));
  const AttrMap &attrs = ctx.attributes();
  bool transA = attrs.getInt("transA", 0) != 0;
  bool transB = attrs.getInt("transB", 0) != 0;
  double alpha = attrs.getFloat("alpha", 1.0);
  double beta = attrs.getFloat("beta", 1.0);

  int64_t m = transA ? a->dim(1) : a->dim(0);
  int64_t k = transA ? a->dim(0) : a->dim(1);
  int64_t kb = transB ? b->dim(1) : b->dim(0);
  int64_t n = transB ? b->dim(0) : b->dim(1);
  if (k != kb)
    return ctx.fail("inner dimensions differ: A {} (transA={}) and B {} "
                    "(transB={}) give K = {} vs {}",
                    formatShape(a->shape()), int(transA),
                    formatShape(b->shape()), int(transB), k, kb);
  Shape outShape{m, n};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  std::vector<int64_t> cStrides;
  if (c) {
    // Unidirectional broadcast: C's dims (right-aligned) are 1 or match.
    bool ok = c->rank() <= 2;
    for (int64_t i = 0; ok && i < c->rank(); ++i) {
      int64_t want = outShape[2 - c->rank() + i];
      ok = c->dim(i) == 1 || c->dim(i) == want;
    }
    if (!ok)
      return ctx.fail("expected C to broadcast to {}, found shape {}",
                      formatShape(outShape), formatShape(c->shape()));
    cStrides = broadcastStrides(c->shape(), outShape);
  }
  // A(i, p) and B(p, j) as flat offsets.
  int64_t aRow = transA ? 1 : k, aCol = transA ? m : 1;
  int64_t bRow = transB ? 1 : n, bCol = transB ? k : 1;

  Tensor y(a->dtype(), outShape);
  return dispatchAll(a->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, bool>) {
      return ctx.fail("bool operands are not supported");
    } else {
      const T *pa = a->data<T>(), *pb = b->data<T>();
      const T *pc = c ? c->data<T>() : nullptr;
      T *out = y.data<T>();
      bool exactInt = !std::is_same_v<AccType<T>, double> && alpha == 1.0 &&
                      (beta == 1.0 || !pc);
      for (int64_t i = 0; i < m; ++i) {
        for (int64_t j = 0; j < n; ++j) {
          AccType<T> sum = 0;
          for (int64_t p = 0; p < k; ++p)
            sum += mulAcc(toAcc(pa[i * aRow + p * aCol]),
                          toAcc(pb[p * bRow + j * bCol]));
          T cv = pc ? pc[i * cStrides[0] + j * cStrides[1]] : T();
          if (exactInt) {
            out[i * n + j] = fromAcc<T>(sum + (pc ? toAcc(cv) : 0));
          } else {
            double s;
            if constexpr (std::is_same_v<AccType<T>, double>)
              s = sum;
            else
              s = static_cast<double>(static_cast<int64_t>(sum));
            double r = alpha * s;
            if (pc)
              r += beta * static_cast<double>(static_cast<ComputeType<T>>(cv));
            out[i * n + j] = T(static_cast<ComputeType<T>>(r));
          }
        }
      }
      ctx.outputs[0] = y;
      return Status::ok();
    }
  });
}

//===----------------------------------------------------------------------===//
// MatMul
//===----------------------------------------------------------------------===//

Status evalMatMul(KernelContext &ctx) {
  const Tensor *a, *b;
  KILN_RETURN_IF_ERROR(ctx.required(0, a));
  KILN_RETURN_IF_ERROR(ctx.required(1, b));
  KILN_RETURN_IF_ERROR(checkSameDType(ctx));
  KILN_RETURN_IF_ERROR(checkMatrixDType(ctx, a->dtype()));
  if (a->rank() < 1 || b->rank() < 1)
    return ctx.fail("expected operands of rank >= 1, found shapes {} and {}",
                    formatShape(a->shape()), formatShape(b->shape()));
  // 1. Promote 1-D operands: A (K) -> (1, K), B (K) -> (K, 1).
  Shape sa = a->shape(), sb = b->shape();
  bool vecA = sa.size() == 1, vecB = sb.size() == 1;
  if (vecA)
    sa.insert(sa.begin(), 1);
  if (vecB)
    sb.push_back(1);
  int64_t m = sa[sa.size() - 2], k = sa.back();
  int64_t kb = sb[sb.size() - 2], n = sb.back();
  if (k != kb)
    return ctx.fail("inner dimensions differ: shapes {} and {} give K = {} "
                    "vs {}",
                    formatShape(a->shape()), formatShape(b->shape()), k, kb);
  // 2. Broadcast the batch dims.
  Shape batchA(sa.begin(), sa.end() - 2), batchB(sb.begin(), sb.end() - 2);
  Shape batch;
  if (Status s = broadcastShapes(batchA, batchB, batch); !s)
    return ctx.fail("batch dimensions do not broadcast: {}", s.message());
  // 3. The result shape, without the promoted dims.
  Shape outShape = batch;
  if (!vecA)
    outShape.push_back(m);
  if (!vecB)
    outShape.push_back(n);
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));

  std::vector<int64_t> strideA = broadcastStrides(batchA, batch);
  std::vector<int64_t> strideB = broadcastStrides(batchB, batch);
  for (int64_t &s : strideA)
    s *= m * k;
  for (int64_t &s : strideB)
    s *= k * n;
  int64_t numBatches = shapeNumElements(batch);

  Tensor y(a->dtype(), outShape);
  return dispatchAll(a->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, bool>) {
      return ctx.fail("bool operands are not supported");
    } else {
      const T *pa = a->data<T>(), *pb = b->data<T>();
      T *out = y.data<T>();
      StridedIndex it(batch, {strideA, strideB});
      for (int64_t bi = 0; bi < numBatches; ++bi, it.next()) {
        const T *ma = pa + it.offset(0), *mb = pb + it.offset(1);
        T *mo = out + bi * m * n;
        // Row by row with one accumulator per output column: B is read
        // along its rows, and each sum still adds p = 0..k-1 in order.
        std::vector<AccType<T>> acc(n);
        for (int64_t i = 0; i < m; ++i) {
          std::fill(acc.begin(), acc.end(), AccType<T>(0));
          for (int64_t p = 0; p < k; ++p) {
            AccType<T> av = toAcc(ma[i * k + p]);
            const T *rowB = mb + p * n;
            for (int64_t j = 0; j < n; ++j)
              acc[j] += mulAcc(av, toAcc(rowB[j]));
          }
          for (int64_t j = 0; j < n; ++j)
            mo[i * n + j] = fromAcc<T>(acc[j]);
        }
      }
      ctx.outputs[0] = y;
      return Status::ok();
    }
  });
}

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

namespace {

/// One side of an equation term: its letters and where `...` sits (-1: no
/// ellipsis; else the number of letters before it).
struct EinsumTerm {
  std::string letters;
  int ellipsisAt = -1;
};

/// Parses one term ("ij", "...ii", "b...") of \p equation.
Status parseTerm(const KernelContext &ctx, const std::string &equation,
                 const std::string &text, EinsumTerm &term) {
  for (size_t i = 0; i < text.size();) {
    char ch = text[i];
    if (std::isalpha(static_cast<unsigned char>(ch))) {
      term.letters.push_back(ch);
      ++i;
    } else if (text.compare(i, 3, "...") == 0 && term.ellipsisAt < 0) {
      term.ellipsisAt = static_cast<int>(term.letters.size());
      i += 3;
    } else {
      return ctx.fail("expected letters and at most one '...' per term in "
                      "equation '{}', found '{}'",
                      equation, text);
    }
  }
  return Status::ok();
}

} // namespace

Status evalEinsum(KernelContext &ctx) {
  size_t numOps = ctx.numInputs();
  if (numOps == 0)
    return ctx.fail("expected at least one operand");
  for (size_t i = 0; i < numOps; ++i)
    if (!ctx.input(i))
      return ctx.fail("expected operand #{} to be present", i);
  KILN_RETURN_IF_ERROR(checkSameDType(ctx));
  DType dtype = ctx.input(0)->dtype();
  if (dtype == DType::Bool)
    return ctx.fail("bool operands are not supported");

  // 1. Split the equation into input terms and the optional output term.
  std::string equation;
  for (char ch : ctx.attributes().getString("equation"))
    if (!std::isspace(static_cast<unsigned char>(ch)))
      equation.push_back(ch);
  if (equation.empty())
    return ctx.fail("expected a non-empty 'equation' attribute");
  size_t arrow = equation.find("->");
  bool explicitOut = arrow != std::string::npos;
  std::string lhs = equation.substr(0, arrow);
  std::vector<EinsumTerm> terms;
  for (size_t start = 0;;) {
    size_t comma = lhs.find(',', start);
    EinsumTerm term;
    KILN_RETURN_IF_ERROR(parseTerm(ctx, equation,
                                   lhs.substr(start, comma == std::string::npos
                                                         ? std::string::npos
                                                         : comma - start),
                                   term));
    terms.push_back(term);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  if (terms.size() != numOps)
    return ctx.fail("equation '{}' has {} input terms, found {} operands",
                    equation, terms.size(), numOps);

  // 2. Assign variables: the broadcast ellipsis dims first (right-aligned
  // across operands), then one per letter.
  int64_t ellRank = 0;
  for (size_t t = 0; t < numOps; ++t) {
    int64_t rank = ctx.input(t)->rank();
    int64_t letters = static_cast<int64_t>(terms[t].letters.size());
    if (terms[t].ellipsisAt < 0 ? rank != letters : rank < letters)
      return ctx.fail("term '{}' of equation '{}' does not fit operand #{} "
                      "of shape {}",
                      terms[t].letters, equation, t,
                      formatShape(ctx.input(t)->shape()));
    if (terms[t].ellipsisAt >= 0)
      ellRank = std::max(ellRank, rank - letters);
  }
  std::map<char, int64_t> letterVar;
  std::map<char, int> letterCount;
  for (const EinsumTerm &term : terms)
    for (char ch : term.letters) {
      if (!letterVar.count(ch)) {
        int64_t id = ellRank + static_cast<int64_t>(letterVar.size());
        letterVar[ch] = id;
      }
      ++letterCount[ch];
    }
  int64_t numVars = ellRank + static_cast<int64_t>(letterVar.size());

  // 3. Each operand's variable per dim; sizes broadcast across operands but
  // must agree within one (a repeated label is a diagonal).
  std::vector<std::vector<int64_t>> dimVars(numOps);
  std::vector<int64_t> size(numVars, 1);
  for (size_t t = 0; t < numOps; ++t) {
    const Tensor &x = *ctx.input(t);
    const EinsumTerm &term = terms[t];
    int64_t ell = x.rank() - static_cast<int64_t>(term.letters.size());
    for (int64_t d = 0, li = 0; d < x.rank(); ++d) {
      if (term.ellipsisAt >= 0 && li == term.ellipsisAt &&
          d < term.ellipsisAt + ell)
        dimVars[t].push_back(ellRank - ell + (d - term.ellipsisAt));
      else
        dimVars[t].push_back(letterVar[term.letters[li++]]);
    }
    std::vector<int64_t> own(numVars, -1);
    for (int64_t d = 0; d < x.rank(); ++d) {
      int64_t v = dimVars[t][d], dim = x.dim(d);
      if (own[v] >= 0 && own[v] != dim)
        return ctx.fail("repeated label of equation '{}' has sizes {} and {} "
                        "in operand #{}",
                        equation, own[v], dim, t);
      own[v] = dim;
      if (dim != 1) {
        if (size[v] != 1 && size[v] != dim)
          return ctx.fail("operand #{} of shape {} does not match equation "
                          "'{}': a dimension is {} elsewhere and {} here",
                          t, formatShape(x.shape()), equation, size[v], dim);
        size[v] = dim;
      }
    }
  }

  // 4. The output variables.
  std::vector<int64_t> outVars;
  if (explicitOut) {
    EinsumTerm out;
    KILN_RETURN_IF_ERROR(
        parseTerm(ctx, equation, equation.substr(arrow + 2), out));
    if (out.ellipsisAt < 0 && ellRank > 0)
      return ctx.fail("expected '...' in the output of equation '{}' since "
                      "the inputs have {} broadcast dimensions",
                      equation, ellRank);
    std::vector<bool> used(numVars, false);
    for (size_t li = 0; li <= out.letters.size(); ++li) {
      if (static_cast<int>(li) == out.ellipsisAt)
        for (int64_t v = 0; v < ellRank; ++v)
          outVars.push_back(v);
      if (li == out.letters.size())
        break;
      char ch = out.letters[li];
      auto found = letterVar.find(ch);
      if (found == letterVar.end())
        return ctx.fail("output label '{}' of equation '{}' is not an input "
                        "label",
                        ch, equation);
      if (used[found->second])
        return ctx.fail("output label '{}' of equation '{}' is repeated", ch,
                        equation);
      used[found->second] = true;
      outVars.push_back(found->second);
    }
  } else {
    for (int64_t v = 0; v < ellRank; ++v)
      outVars.push_back(v);
    for (const auto &[ch, var] : letterVar) // std::map: ASCII order
      if (letterCount[ch] == 1)
        outVars.push_back(var);
  }
  std::vector<int64_t> sumVars;
  for (int64_t v = 0; v < numVars; ++v)
    if (std::find(outVars.begin(), outVars.end(), v) == outVars.end())
      sumVars.push_back(v);

  Shape outShape;
  for (int64_t v : outVars)
    outShape.push_back(size[v]);
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  Shape sumShape;
  for (int64_t v : sumVars)
    sumShape.push_back(size[v]);
  int64_t outCount = shapeNumElements(outShape);
  int64_t sumCount = 1;
  for (int64_t d : sumShape) {
    if (d != 0 && sumCount > (int64_t(1) << 40) / d)
      return ctx.fail("equation '{}' sums over too many terms", equation);
    sumCount *= d;
  }
  if (outCount != 0 && sumCount > (int64_t(1) << 34) / outCount)
    return ctx.fail("equation '{}' needs too many multiply-adds", equation);

  // 5. Loop over (output vars..., summed vars...) with each operand's
  // stride per variable (0 on broadcast dims; summed for diagonals).
  std::vector<int64_t> loopVars = outVars;
  loopVars.insert(loopVars.end(), sumVars.begin(), sumVars.end());
  Shape loopShape;
  for (int64_t v : loopVars)
    loopShape.push_back(size[v]);
  std::vector<std::vector<int64_t>> loopStrides;
  for (size_t t = 0; t < numOps; ++t) {
    const Tensor &x = *ctx.input(t);
    std::vector<int64_t> elem = shapeStrides(x.shape());
    std::vector<int64_t> perVar(numVars, 0);
    for (int64_t d = 0; d < x.rank(); ++d)
      if (x.dim(d) != 1)
        perVar[dimVars[t][d]] += elem[d];
    std::vector<int64_t> strides;
    for (int64_t v : loopVars)
      strides.push_back(perVar[v]);
    loopStrides.push_back(std::move(strides));
  }

  Tensor y(dtype, outShape);
  return dispatchAll(dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, bool>) {
      return ctx.fail("bool operands are not supported");
    } else {
      std::vector<const T *> in;
      for (size_t t = 0; t < numOps; ++t)
        in.push_back(ctx.input(t)->data<T>());
      T *out = y.data<T>();
      StridedIndex it(loopShape, loopStrides);
      for (int64_t o = 0; o < outCount; ++o) {
        AccType<T> sum = 0;
        for (int64_t s = 0; s < sumCount; ++s, it.next()) {
          AccType<T> prod = toAcc(in[0][it.offset(0)]);
          for (size_t t = 1; t < numOps; ++t)
            prod = mulAcc(prod, toAcc(in[t][it.offset(t)]));
          sum += prod;
        }
        out[o] = fromAcc<T>(sum);
      }
      ctx.outputs[0] = y;
      return Status::ok();
    }
  });
}

} // namespace kiln::ref
