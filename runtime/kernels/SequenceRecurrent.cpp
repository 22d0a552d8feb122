//===- SequenceRecurrent.cpp - RNN, GRU and LSTM reference kernels --------===//
//
// The three ONNX recurrent layers share one driver:
//
//   1. Read and check X, W, R and the optional B, sequence_lens, initial_h,
//      initial_c and P against the geometry (seq, batch, input, hidden,
//      directions) that X, W and hidden_size (or R) define; `layout` = 1
//      swaps the sequence and batch dimensions of X, Y, initial_* and Y_*.
//   2. Resolve the activation functions: `activations` lists the f, g (and
//      h) functions of each direction; the alpha/beta values are consumed in
//      order by the functions that take them, with the ONNX defaults when the
//      lists run out.
//   3. For each direction and batch entry, walk that entry's first
//      sequence_lens[b] steps (backwards for the reverse direction),
//      computing the gate pre-activations X_t W^T + Wb and H_{t-1} R^T + Rb
//      and then the cell update of RNN, GRU or LSTM. Y is zero past each
//      entry's length; Y_h and Y_c hold the state after the last step
//      walked (the initial state for a zero length).
//
// Everything is computed in double and rounded once to the tensor type.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Sequence.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>

namespace kiln::ref {
namespace {

/// Upper bound for hidden_size: keeps 4 * hidden and its products with the
/// other sizes far from int64 overflow.
constexpr int64_t kMaxHidden = int64_t(1) << 28;

enum class CellKind { RNN, GRU, LSTM };

/// One activation function of a recurrent cell, as ONNX names them.
struct Activation {
  enum Kind {
    Relu,
    Tanh,
    Sigmoid,
    Affine,
    LeakyRelu,
    ThresholdedRelu,
    ScaledTanh,
    HardSigmoid,
    Elu,
    Softsign,
    Softplus
  };
  Kind kind = Tanh;
  double alpha = 0.0, beta = 0.0;

  double operator()(double x) const {
    switch (kind) {
    case Relu:
      return x > 0.0 ? x : 0.0;
    case Tanh:
      return std::tanh(x);
    case Sigmoid:
      return x >= 0.0 ? 1.0 / (1.0 + std::exp(-x))
                      : std::exp(x) / (1.0 + std::exp(x));
    case Affine:
      return alpha * x + beta;
    case LeakyRelu:
      return x >= 0.0 ? x : alpha * x;
    case ThresholdedRelu:
      return x > alpha ? x : 0.0;
    case ScaledTanh:
      return alpha * std::tanh(beta * x);
    case HardSigmoid:
      return std::max(0.0, std::min(1.0, alpha * x + beta));
    case Elu:
      return x >= 0.0 ? x : alpha * (std::exp(x) - 1.0);
    case Softsign:
      return x / (1.0 + std::fabs(x));
    case Softplus:
      return x > 0.0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
    }
    return x;
  }
};

/// How an activation name maps to a function and which parameters it takes,
/// with their ONNX defaults.
struct ActivationInfo {
  const char *name; ///< Lower case.
  Activation::Kind kind;
  bool usesAlpha, usesBeta;
  double defaultAlpha, defaultBeta;
};

constexpr ActivationInfo kActivations[] = {
    {"relu", Activation::Relu, false, false, 0.0, 0.0},
    {"tanh", Activation::Tanh, false, false, 0.0, 0.0},
    {"sigmoid", Activation::Sigmoid, false, false, 0.0, 0.0},
    {"affine", Activation::Affine, true, true, 1.0, 0.0},
    {"leakyrelu", Activation::LeakyRelu, true, false, 0.01, 0.0},
    {"thresholdedrelu", Activation::ThresholdedRelu, true, false, 1.0, 0.0},
    {"scaledtanh", Activation::ScaledTanh, true, true, 1.0, 1.0},
    {"hardsigmoid", Activation::HardSigmoid, true, true, 0.2, 0.5},
    {"elu", Activation::Elu, true, false, 1.0, 0.0},
    {"softsign", Activation::Softsign, false, false, 0.0, 0.0},
    {"softplus", Activation::Softplus, false, false, 0.0, 0.0},
};

/// The per-op constants of a recurrent cell.
struct CellSpec {
  CellKind kind;
  int64_t gates;                        ///< Gate blocks in W, R, B.
  std::vector<std::string> activations; ///< Defaults for one direction.
};

CellSpec cellSpec(CellKind kind) {
  switch (kind) {
  case CellKind::RNN:
    return {kind, 1, {"Tanh"}};
  case CellKind::GRU:
    return {kind, 3, {"Sigmoid", "Tanh"}};
  case CellKind::LSTM:
    return {kind, 4, {"Sigmoid", "Tanh", "Tanh"}};
  }
  return {kind, 1, {"Tanh"}};
}

/// Resolves `activations`, `activation_alpha` and `activation_beta` into
/// one function list of spec.activations.size() entries per direction.
Status readActivations(const KernelContext &ctx, const CellSpec &spec,
                       int64_t dirs, std::vector<Activation> &out) {
  const AttrMap &attrs = ctx.attributes();
  size_t perDir = spec.activations.size();
  std::vector<std::string> names = attrs.getStrings("activations");
  if (names.empty()) {
    for (int64_t d = 0; d < dirs; ++d)
      names.insert(names.end(), spec.activations.begin(),
                   spec.activations.end());
  } else if (dirs == 2 && names.size() == perDir) {
    // One list given for a bidirectional layer: both directions use it.
    std::vector<std::string> once = names;
    names.insert(names.end(), once.begin(), once.end());
  } else if (names.size() != perDir * size_t(dirs)) {
    return ctx.fail("expected {} names in 'activations', found {}",
                    perDir * size_t(dirs), names.size());
  }
  std::vector<double> alphas = attrs.getFloats("activation_alpha");
  std::vector<double> betas = attrs.getFloats("activation_beta");
  size_t nextAlpha = 0, nextBeta = 0;
  out.clear();
  for (const std::string &name : names) {
    std::string lower = name;
    for (char &ch : lower)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const ActivationInfo *info = nullptr;
    for (const ActivationInfo &a : kActivations)
      if (lower == a.name)
        info = &a;
    if (!info)
      return ctx.fail("unsupported activation function '{}'", name);
    Activation act;
    act.kind = info->kind;
    act.alpha = info->defaultAlpha;
    act.beta = info->defaultBeta;
    if (info->usesAlpha && nextAlpha < alphas.size())
      act.alpha = alphas[nextAlpha++];
    if (info->usesBeta && nextBeta < betas.size())
      act.beta = betas[nextBeta++];
    out.push_back(act);
  }
  return Status::ok();
}

/// The values of \p t as doubles.
std::vector<double> toDoubles(const Tensor &t) {
  std::vector<double> v(static_cast<size_t>(t.numElements()));
  for (int64_t i = 0; i < t.numElements(); ++i)
    v[i] = t.getAsDouble(i);
  return v;
}

/// Checks that optional input \p t (named \p what) is absent or has
/// \p shape and \p dtype.
Status checkOptional(const KernelContext &ctx, const Tensor *t,
                     std::string_view what, const Shape &shape, DType dtype) {
  if (!t)
    return Status::ok();
  if (t->dtype() != dtype)
    return ctx.fail("expected {} of type {}, found {}", what, dtypeName(dtype),
                    dtypeName(t->dtype()));
  if (t->shape() != shape)
    return ctx.fail("expected {} of shape {}, found {}", what,
                    formatShape(shape), formatShape(t->shape()));
  return Status::ok();
}

/// Everything a recurrent layer computes from, checked and in double.
struct Problem {
  int64_t seq = 0, batch = 0, input = 0, hidden = 0, dirs = 1;
  bool batchMajor = false;  ///< layout = 1.
  bool reverseOnly = false; ///< direction = reverse.
  bool linearBeforeReset = false, inputForget = false;
  double clip = std::numeric_limits<double>::infinity();
  std::vector<double> x, w, r, b, initH, initC, p;
  std::vector<int64_t> seqLens;
  std::vector<Activation> acts;

  /// Flat offset of state (direction d, batch entry b) in initial_*/Y_*.
  int64_t stateOffset(int64_t d, int64_t bi) const {
    return (batchMajor ? bi * dirs + d : d * batch + bi) * hidden;
  }
  /// Flat offset of X[t, b, :].
  int64_t xOffset(int64_t t, int64_t bi) const {
    return (batchMajor ? bi * seq + t : t * batch + bi) * input;
  }
  /// Flat offset of Y[t, d, b, :].
  int64_t yOffset(int64_t t, int64_t d, int64_t bi) const {
    return (batchMajor ? (bi * seq + t) * dirs + d
                       : (t * dirs + d) * batch + bi) *
           hidden;
  }
};

/// Step 1 and 2 of the file comment: fills \p p from the kernel inputs.
Status readProblem(const KernelContext &ctx, const CellSpec &spec, Problem &p) {
  const AttrMap &attrs = ctx.attributes();
  const Tensor *x, *w, *r;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, w));
  KILN_RETURN_IF_ERROR(ctx.required(2, r));
  if (!isFloat(x->dtype()))
    return ctx.fail("expected X of a float type, found {}",
                    dtypeName(x->dtype()));
  DType dtype = x->dtype();
  if (x->rank() != 3)
    return ctx.fail("expected X of rank 3, found shape {}",
                    formatShape(x->shape()));

  KILN_RETURN_IF_ERROR(readFlag(ctx, "layout", p.batchMajor));
  p.seq = x->dim(p.batchMajor ? 1 : 0);
  p.batch = x->dim(p.batchMajor ? 0 : 1);
  p.input = x->dim(2);

  std::string direction = attrs.getString("direction", "forward");
  if (direction == "forward" || direction == "reverse")
    p.dirs = 1;
  else if (direction == "bidirectional")
    p.dirs = 2;
  else
    return ctx.fail("expected 'direction' to be forward, reverse or "
                    "bidirectional, found '{}'",
                    direction);
  p.reverseOnly = direction == "reverse";

  if (r->rank() != 3)
    return ctx.fail("expected R of rank 3, found shape {}",
                    formatShape(r->shape()));
  p.hidden = attrs.getInt("hidden_size", r->dim(2));
  if (p.hidden <= 0 || p.hidden > kMaxHidden)
    return ctx.fail("expected 'hidden_size' in [1, {}], found {}", kMaxHidden,
                    p.hidden);
  int64_t gh = spec.gates * p.hidden;
  KILN_RETURN_IF_ERROR(
      checkOptional(ctx, w, "W", {p.dirs, gh, p.input}, dtype));
  KILN_RETURN_IF_ERROR(
      checkOptional(ctx, r, "R", {p.dirs, gh, p.hidden}, dtype));
  const Tensor *b = ctx.input(3);
  KILN_RETURN_IF_ERROR(checkOptional(ctx, b, "B", {p.dirs, 2 * gh}, dtype));
  Shape stateShape = p.batchMajor ? Shape{p.batch, p.dirs, p.hidden}
                                  : Shape{p.dirs, p.batch, p.hidden};
  const Tensor *initH = ctx.input(5);
  KILN_RETURN_IF_ERROR(
      checkOptional(ctx, initH, "initial_h", stateShape, dtype));
  const Tensor *initC = nullptr, *peep = nullptr;
  if (spec.kind == CellKind::LSTM) {
    initC = ctx.input(6);
    peep = ctx.input(7);
    KILN_RETURN_IF_ERROR(
        checkOptional(ctx, initC, "initial_c", stateShape, dtype));
    KILN_RETURN_IF_ERROR(
        checkOptional(ctx, peep, "P", {p.dirs, 3 * p.hidden}, dtype));
  } else if (ctx.input(6) || ctx.input(7)) {
    return ctx.fail("expected at most 6 inputs");
  }

  p.seqLens.assign(static_cast<size_t>(p.batch), p.seq);
  if (const Tensor *lens = ctx.input(4)) {
    if (lens->dtype() != DType::I32 && lens->dtype() != DType::I64)
      return ctx.fail("expected sequence_lens of type i32 or i64, found {}",
                      dtypeName(lens->dtype()));
    if (lens->shape() != Shape{p.batch})
      return ctx.fail("expected sequence_lens of shape {}, found {}",
                      formatShape({p.batch}), formatShape(lens->shape()));
    for (int64_t i = 0; i < p.batch; ++i) {
      int64_t v = lens->getAsInt64(i);
      if (v < 0 || v > p.seq)
        return ctx.fail("expected sequence_lens values in [0, {}], found {}",
                        p.seq, v);
      p.seqLens[i] = v;
    }
  }

  if (attrs.has("clip")) {
    p.clip = attrs.getFloat("clip", 0.0);
    if (!(p.clip > 0.0))
      return ctx.fail("expected 'clip' > 0, found {}", p.clip);
  }
  if (spec.kind == CellKind::GRU)
    KILN_RETURN_IF_ERROR(
        readFlag(ctx, "linear_before_reset", p.linearBeforeReset));
  if (spec.kind == CellKind::LSTM)
    KILN_RETURN_IF_ERROR(readFlag(ctx, "input_forget", p.inputForget));
  KILN_RETURN_IF_ERROR(readActivations(ctx, spec, p.dirs, p.acts));

  p.x = toDoubles(*x);
  p.w = toDoubles(*w);
  p.r = toDoubles(*r);
  p.b = b ? toDoubles(*b)
          : std::vector<double>(static_cast<size_t>(p.dirs * 2 * gh), 0.0);
  int64_t stateSize = p.dirs * p.batch * p.hidden;
  p.initH = initH ? toDoubles(*initH)
                  : std::vector<double>(static_cast<size_t>(stateSize), 0.0);
  p.initC = initC ? toDoubles(*initC)
                  : std::vector<double>(static_cast<size_t>(stateSize), 0.0);
  p.p = peep ? toDoubles(*peep)
             : std::vector<double>(static_cast<size_t>(p.dirs * 3 * p.hidden),
                                   0.0);
  return Status::ok();
}

/// out[j] = bias[j] + sum_k m[j][k] * v[k] for an rows x cols matrix m.
void matVec(const double *m, const double *v, const double *bias, int64_t rows,
            int64_t cols, double *out) {
  for (int64_t j = 0; j < rows; ++j) {
    double s = bias[j];
    const double *row = m + j * cols;
    for (int64_t k = 0; k < cols; ++k)
      s += row[k] * v[k];
    out[j] = s;
  }
}

/// Step 3 of the file comment.
Status runRecurrent(KernelContext &ctx, CellKind kind) {
  CellSpec spec = cellSpec(kind);
  Problem p;
  KILN_RETURN_IF_ERROR(readProblem(ctx, spec, p));
  DType dtype = ctx.inputs[0]->dtype();
  const int64_t H = p.hidden, I = p.input, G = spec.gates, GH = G * H;
  const size_t numActs = spec.activations.size();

  Shape yShape = p.batchMajor ? Shape{p.batch, p.seq, p.dirs, H}
                              : Shape{p.seq, p.dirs, p.batch, H};
  Shape stateShape =
      p.batchMajor ? Shape{p.batch, p.dirs, H} : Shape{p.dirs, p.batch, H};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, yShape));
  std::vector<double> y(static_cast<size_t>(shapeNumElements(yShape)), 0.0);
  std::vector<double> yh(p.initH), yc(p.initC);

  std::vector<double> gx(GH), ghv(GH), h(H), c(H), hNew(H), rh(H), z(H), rg(H);
  for (int64_t d = 0; d < p.dirs; ++d) {
    bool reverse = p.reverseOnly || d == 1;
    const double *W = p.w.data() + d * GH * I;
    const double *R = p.r.data() + d * GH * H;
    const double *Wb = p.b.data() + d * 2 * GH;
    const double *Rb = Wb + GH;
    const double *P = p.p.data() + d * 3 * H;
    const Activation *act = p.acts.data() + d * numActs;
    auto clip = [&](double v) {
      return std::max(-p.clip, std::min(p.clip, v));
    };
    for (int64_t bi = 0; bi < p.batch; ++bi) {
      int64_t off = p.stateOffset(d, bi);
      std::copy_n(p.initH.begin() + off, H, h.begin());
      std::copy_n(p.initC.begin() + off, H, c.begin());
      int64_t len = p.seqLens[bi];
      for (int64_t step = 0; step < len; ++step) {
        int64_t t = reverse ? len - 1 - step : step;
        matVec(W, p.x.data() + p.xOffset(t, bi), Wb, GH, I, gx.data());
        matVec(R, h.data(), Rb, GH, H, ghv.data());
        switch (kind) {
        case CellKind::RNN:
          for (int64_t j = 0; j < H; ++j)
            hNew[j] = act[0](clip(gx[j] + ghv[j]));
          break;
        case CellKind::GRU: {
          // Gates z, r, h.
          for (int64_t j = 0; j < H; ++j) {
            z[j] = act[0](clip(gx[j] + ghv[j]));
            rg[j] = act[0](clip(gx[H + j] + ghv[H + j]));
          }
          if (!p.linearBeforeReset) {
            // (r . H_{t-1}) Rh^T + Rbh replaces H_{t-1} Rh^T + Rbh.
            for (int64_t k = 0; k < H; ++k)
              rh[k] = rg[k] * h[k];
            matVec(R + 2 * H * H, rh.data(), Rb + 2 * H, H, H,
                   ghv.data() + 2 * H);
          }
          for (int64_t j = 0; j < H; ++j) {
            double pre = p.linearBeforeReset
                             ? gx[2 * H + j] + rg[j] * ghv[2 * H + j]
                             : gx[2 * H + j] + ghv[2 * H + j];
            double cand = act[1](clip(pre));
            hNew[j] = (1.0 - z[j]) * cand + z[j] * h[j];
          }
          break;
        }
        case CellKind::LSTM:
          // Gates i, o, f, c; peepholes i, o, f.
          for (int64_t j = 0; j < H; ++j) {
            double ig = act[0](clip(gx[j] + ghv[j] + P[j] * c[j]));
            double fg = p.inputForget
                            ? 1.0 - ig
                            : act[0](clip(gx[2 * H + j] + ghv[2 * H + j] +
                                          P[2 * H + j] * c[j]));
            double cand = act[1](clip(gx[3 * H + j] + ghv[3 * H + j]));
            double cNew = fg * c[j] + ig * cand;
            double og = act[0](clip(gx[H + j] + ghv[H + j] + P[H + j] * cNew));
            c[j] = cNew;
            hNew[j] = og * act[2](cNew);
          }
          break;
        }
        std::copy(hNew.begin(), hNew.end(), h.begin());
        std::copy(h.begin(), h.end(), y.begin() + p.yOffset(t, d, bi));
      }
      std::copy(h.begin(), h.end(), yh.begin() + off);
      std::copy(c.begin(), c.end(), yc.begin() + off);
    }
  }

  auto store = [&](const Shape &shape, const std::vector<double> &values) {
    Tensor t(dtype, shape);
    for (int64_t i = 0; i < t.numElements(); ++i)
      t.setFromDouble(i, values[i]);
    return t;
  };
  if (ctx.numOutputs() > 0)
    ctx.outputs[0] = store(yShape, y);
  if (ctx.numOutputs() > 1)
    ctx.outputs[1] = store(stateShape, yh);
  if (kind == CellKind::LSTM && ctx.numOutputs() > 2)
    ctx.outputs[2] = store(stateShape, yc);
  return Status::ok();
}

} // namespace

Status evalRNN(KernelContext &ctx) { return runRecurrent(ctx, CellKind::RNN); }
Status evalGRU(KernelContext &ctx) { return runRecurrent(ctx, CellKind::GRU); }
Status evalLSTM(KernelContext &ctx) {
  return runRecurrent(ctx, CellKind::LSTM);
}

} // namespace kiln::ref
