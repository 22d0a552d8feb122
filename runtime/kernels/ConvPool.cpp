//===- ConvPool.cpp - Convolution and pooling reference kernels -----------===//
//
// Direct loops for Conv, ConvTranspose and the pooling ops over tensors of
// shape N x C x D1 x ... x Dk. The window geometry is worked out once per op:
//
//   1. Read kernel_shape (from W for convolutions), strides, dilations, pads
//      and auto_pad, checking every count and range.
//   2. Compute the output size and begin/end pads per spatial dimension with
//      ONNX's formulas: floor((in + pads - dk) / s) + 1 with dk the dilated
//      kernel (ceil instead with ceil_mode, dropping a last window that would
//      start in the right padding); SAME_* gives ceil(in / s) outputs and
//      splits the needed padding with the odd element at the end (UPPER) or
//      the beginning (LOWER).
//   3. For each output position, list the window's "taps": pairs of a flat
//      kernel offset and a flat input offset that fall inside the input. The
//      per-position tap list is shared by every batch and channel, so the
//      inner loops are plain sums over it.
//
// ConvTranspose uses the same tap lists seen from the output side: output o
// receives input i through kernel element k when i * s + k * d - pb == o.
// Sums accumulate in double; results are rounded once to the tensor type.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/kernels/ConvPool.h"
#include "kiln/runtime/KernelUtils.h"

#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace kiln::ref {
namespace {

/// Upper bound for kernel sizes, strides, dilations, pads and requested output
/// sizes: keeps every product in the size formulas far from int64 overflow.
constexpr int64_t kMaxAttrValue = int64_t(1) << 30;
/// Upper bound for input spatial sizes (a tensor with a zero batch may have
/// any other dimension without holding memory).
constexpr int64_t kMaxSpatialSize = int64_t(1) << 31;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t ceilDiv(int64_t a, int64_t b) { return -floorDiv(-a, b); }

/// How auto_pad chooses the pads.
enum class AutoPad { NotSet, SameUpper, SameLower, Valid };

/// The geometry of a windowed op over the spatial dimensions.
struct Window {
  Shape in;                       ///< Input spatial sizes.
  Shape kernel;                   ///< Kernel spatial sizes.
  std::vector<int64_t> strides;   ///< One per spatial dimension.
  std::vector<int64_t> dilations; ///< One per spatial dimension.
  std::vector<int64_t> padBegin;  ///< Padding before each dimension.
  std::vector<int64_t> padEnd;    ///< Padding after each dimension.
  Shape out;                      ///< Output spatial sizes.
  size_t rank() const { return in.size(); }
};

/// Splits \p total padding of spatial dimension \p i of \p w between its
/// begin and end: the odd element goes to the end for SAME_UPPER, to the
/// beginning otherwise.
void splitPadding(Window &w, size_t i, AutoPad autoPad, int64_t total) {
  int64_t small = total / 2;
  w.padBegin[i] = autoPad == AutoPad::SameUpper ? small : total - small;
  w.padEnd[i] = total - w.padBegin[i];
}

/// One input element a window reads: flat kernel offset, flat input offset
/// (row-major) and the same input offset in column-major order.
struct Tap {
  int64_t kernel, input, inputColMajor;
};

/// Reads INTS attribute \p name with \p count values in [lo, kMaxAttrValue],
/// or \p def repeated when absent.
Status readSpatialInts(const KernelContext &ctx, std::string_view name,
                       size_t count, int64_t def, int64_t lo,
                       std::vector<int64_t> &out) {
  const AttrMap &attrs = ctx.attributes();
  if (!attrs.has(name)) {
    out.assign(count, def);
    return Status::ok();
  }
  out = attrs.getInts(name);
  if (out.size() != count)
    return ctx.fail("expected {} values in '{}', found {}", count, name,
                    out.size());
  for (int64_t v : out)
    if (v < lo || v > kMaxAttrValue)
      return ctx.fail("expected '{}' values in [{}, {}], found {}", name, lo,
                      kMaxAttrValue, v);
  return Status::ok();
}

Status readAutoPad(const KernelContext &ctx, AutoPad &out) {
  std::string s = ctx.attributes().getString("auto_pad", "NOTSET");
  if (s == "NOTSET" || s.empty())
    out = AutoPad::NotSet;
  else if (s == "SAME_UPPER")
    out = AutoPad::SameUpper;
  else if (s == "SAME_LOWER")
    out = AutoPad::SameLower;
  else if (s == "VALID")
    out = AutoPad::Valid;
  else
    return ctx.fail("expected 'auto_pad' to be NOTSET, SAME_UPPER, SAME_LOWER "
                    "or VALID, found '{}'",
                    s);
  return Status::ok();
}

/// Checks that \p x is N x C x D1 x ... x Dk with k >= 1 and sane spatial
/// sizes, and stores the spatial sizes in \p spatial.
Status checkSpatialInput(const KernelContext &ctx, const Tensor &x,
                         Shape &spatial) {
  if (x.rank() < 3)
    return ctx.fail("expected an input of rank >= 3 (N x C x D1 ...), found "
                    "shape {}",
                    formatShape(x.shape()));
  spatial.assign(x.shape().begin() + 2, x.shape().end());
  for (int64_t d : spatial)
    if (d >= kMaxSpatialSize)
      return ctx.fail("expected spatial sizes below {}, found shape {}",
                      kMaxSpatialSize, formatShape(x.shape()));
  return Status::ok();
}

/// Reads strides, dilations, auto_pad, pads (and ceil_mode when
/// \p allowCeilMode) into \p w, whose `in` and `kernel` are set, and computes
/// pads and output sizes (steps 1 and 2 of the file comment).
Status computeWindow(const KernelContext &ctx, Window &w, bool allowCeilMode) {
  size_t rank = w.rank();
  KILN_RETURN_IF_ERROR(readSpatialInts(ctx, "strides", rank, 1, 1, w.strides));
  KILN_RETURN_IF_ERROR(
      readSpatialInts(ctx, "dilations", rank, 1, 1, w.dilations));
  AutoPad autoPad;
  KILN_RETURN_IF_ERROR(readAutoPad(ctx, autoPad));
  bool ceilMode = false;
  if (allowCeilMode)
    KILN_RETURN_IF_ERROR(readFlag(ctx, "ceil_mode", ceilMode));
  std::vector<int64_t> pads(2 * rank, 0);
  if (autoPad == AutoPad::NotSet)
    KILN_RETURN_IF_ERROR(readSpatialInts(ctx, "pads", 2 * rank, 0, 0, pads));

  w.padBegin.assign(rank, 0);
  w.padEnd.assign(rank, 0);
  w.out.assign(rank, 0);
  for (size_t i = 0; i < rank; ++i) {
    int64_t in = w.in[i], s = w.strides[i];
    int64_t dk = (w.kernel[i] - 1) * w.dilations[i] + 1;
    if (autoPad == AutoPad::SameUpper || autoPad == AutoPad::SameLower) {
      int64_t out = ceilDiv(in, s);
      splitPadding(w, i, autoPad,
                   std::max<int64_t>(0, (out - 1) * s + dk - in));
      w.out[i] = out;
      continue;
    }
    w.padBegin[i] = pads[i];
    w.padEnd[i] = pads[rank + i];
    int64_t padded = in + w.padBegin[i] + w.padEnd[i];
    if (padded < dk)
      return ctx.fail("expected padded size {} of spatial dimension {} to be "
                      "at least the dilated kernel size {}",
                      padded, i, dk);
    int64_t out = (ceilMode ? ceilDiv(padded - dk, s) : (padded - dk) / s) + 1;
    // With ceil_mode the last window must start inside the input or the
    // left padding, not entirely in the right padding.
    if (ceilMode && (out - 1) * s >= in + w.padBegin[i])
      --out;
    w.out[i] = out;
  }
  return Status::ok();
}

/// Row-major strides of \p shape, and the column-major ones in \p colMajor.
void bothStrides(const Shape &shape, std::vector<int64_t> &rowMajor,
                 std::vector<int64_t> &colMajor) {
  rowMajor = shapeStrides(shape);
  colMajor.assign(shape.size(), 1);
  for (size_t i = 1; i < shape.size(); ++i)
    colMajor[i] = colMajor[i - 1] * shape[i - 1];
}

/// Advances row-major multi-index \p idx over \p shape; false after the last.
bool nextIndex(std::vector<int64_t> &idx, const Shape &shape) {
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    if (++idx[i] < shape[i])
      return true;
    idx[i] = 0;
  }
  return false;
}

/// Builds the tap lists of output positions of one window geometry.
class TapBuilder {
public:
  /// \p transposed selects the ConvTranspose relation between output and
  /// input positions.
  TapBuilder(const Window &w, bool transposed)
      : w(w), transposed(transposed), o(w.rank(), 0), perDim(w.rank()) {
    bothStrides(w.in, inStrides, inColStrides);
    kernelStrides = shapeStrides(w.kernel);
  }

  /// Moves to the next output position in row-major order.
  void advance() { nextIndex(o, w.out); }

  /// Fills \p taps for the current output position.
  void build(std::vector<Tap> &taps) {
    taps.clear();
    size_t rank = w.rank();
    for (size_t i = 0; i < rank; ++i) {
      std::vector<std::pair<int64_t, int64_t>> &list = perDim[i];
      list.clear();
      int64_t in = w.in[i], k = w.kernel[i], s = w.strides[i],
              d = w.dilations[i];
      if (transposed) {
        // o == x * s + j * d - pb for input x and kernel element j.
        for (int64_t j = 0; j < k; ++j) {
          int64_t v = o[i] + w.padBegin[i] - j * d;
          if (v >= 0 && v % s == 0 && v / s < in)
            list.emplace_back(j, v / s);
        }
      } else {
        // Input x = o * s - pb + j * d must lie in [0, in).
        int64_t start = o[i] * s - w.padBegin[i];
        int64_t lo = start < 0 ? ceilDiv(-start, d) : 0;
        int64_t hi = std::min(k - 1, floorDiv(in - 1 - start, d));
        for (int64_t j = lo; j <= hi; ++j)
          list.emplace_back(j, start + j * d);
      }
      if (list.empty())
        return;
    }
    // Cartesian product of the per-dimension lists.
    std::vector<size_t> pos(rank, 0);
    while (true) {
      Tap t{0, 0, 0};
      for (size_t i = 0; i < rank; ++i) {
        auto [j, x] = perDim[i][pos[i]];
        t.kernel += j * kernelStrides[i];
        t.input += x * inStrides[i];
        t.inputColMajor += x * inColStrides[i];
      }
      taps.push_back(t);
      size_t i = rank;
      while (i > 0 && ++pos[i - 1] == perDim[i - 1].size())
        pos[--i] = 0;
      if (i == 0)
        return;
    }
  }

  /// Number of window elements of the current output position that lie in
  /// the input or its padding (AveragePool with count_include_pad).
  int64_t paddedCount() const {
    int64_t n = 1;
    for (size_t i = 0; i < w.rank(); ++i) {
      // Window element j covers o * s - pb + j * d, which is >= -pb; it
      // must stay below in + pe.
      int64_t start = o[i] * w.strides[i] - w.padBegin[i];
      int64_t hi =
          std::min(w.kernel[i] - 1,
                   floorDiv(w.in[i] + w.padEnd[i] - 1 - start, w.dilations[i]));
      n *= std::max<int64_t>(0, hi + 1);
    }
    return n;
  }

private:
  const Window &w;
  bool transposed;
  std::vector<int64_t> o; ///< The current output position.
  std::vector<std::vector<std::pair<int64_t, int64_t>>> perDim;
  std::vector<int64_t> inStrides, inColStrides, kernelStrides;
};

/// dispatchFloat, naming the operand in its type error as these kernels do.
template <typename Fn>
Status dispatchFloatInput(const KernelContext &ctx, DType t, Fn &&fn) {
  return dispatchFloat(ctx, t, std::forward<Fn>(fn),
                       "a floating-point input (f32, f16, f64)");
}

/// Checks operands W and B of Conv / ConvTranspose against X: same dtype,
/// same rank, B of shape (M).
Status checkWeights(const KernelContext &ctx, const Tensor &x, const Tensor &w,
                    const Tensor *b, int64_t m) {
  if (w.dtype() != x.dtype())
    return ctx.fail("expected W of type {} like X, found {}",
                    dtypeName(x.dtype()), dtypeName(w.dtype()));
  if (w.rank() != x.rank())
    return ctx.fail("expected W of rank {} like X, found shape {}", x.rank(),
                    formatShape(w.shape()));
  for (int64_t i = 2; i < w.rank(); ++i)
    if (w.dim(i) < 1 || w.dim(i) > kMaxAttrValue)
      return ctx.fail("expected kernel sizes in [1, {}], found W of shape {}",
                      kMaxAttrValue, formatShape(w.shape()));
  if (b) {
    if (b->dtype() != x.dtype())
      return ctx.fail("expected B of type {} like X, found {}",
                      dtypeName(x.dtype()), dtypeName(b->dtype()));
    if (b->rank() != 1 || b->dim(0) != m)
      return ctx.fail("expected B of shape {}, found {}", m,
                      formatShape(b->shape()));
  }
  return Status::ok();
}

/// Checks an explicit kernel_shape attribute against W's spatial sizes.
Status checkKernelShape(const KernelContext &ctx, const Shape &fromW) {
  if (!ctx.attributes().has("kernel_shape"))
    return Status::ok();
  std::vector<int64_t> ks = ctx.attributes().getInts("kernel_shape");
  if (ks != fromW)
    return ctx.fail("expected 'kernel_shape' to match the spatial sizes of W "
                    "({}), found [{}]",
                    formatShape(fromW), fmt::join(ks, ", "));
  return Status::ok();
}

/// Reads `group` and checks that it divides \p channels and \p m.
Status readGroup(const KernelContext &ctx, int64_t channels, int64_t m,
                 int64_t &group) {
  group = ctx.attributes().getInt("group", 1);
  if (group < 1)
    return ctx.fail("expected 'group' >= 1, found {}", group);
  if (channels % group != 0 || m % group != 0)
    return ctx.fail("expected 'group' ({}) to divide both the {} input and {} "
                    "output channels",
                    group, channels, m);
  return Status::ok();
}

/// The shared loop of Conv and ConvTranspose: for each output position and
/// (n, output channel), sums x * w over the taps and input channels of its
/// group. W has layout [co][ci] (Conv) or [ci][co] (ConvTranspose).
template <typename T>
void convLoop(const Tensor &x, const Tensor &w, const Tensor *b, Tensor &y,
              const Window &win, int64_t group, bool transposed) {
  using C = ComputeType<T>;
  int64_t n = x.dim(0), c = x.dim(1), m = y.dim(1);
  int64_t cg = c / group, mg = m / group;
  int64_t inSize = shapeNumElements(win.in);
  int64_t outSize = shapeNumElements(win.out);
  int64_t kSize = shapeNumElements(win.kernel);
  const T *px = x.data<T>(), *pw = w.data<T>();
  const T *pb = b ? b->data<T>() : nullptr;
  T *py = y.data<T>();

  TapBuilder builder(win, transposed);
  std::vector<Tap> taps;
  for (int64_t p = 0; p < outSize; ++p, builder.advance()) {
    builder.build(taps);
    for (int64_t ni = 0; ni < n; ++ni)
      for (int64_t g = 0; g < group; ++g)
        for (int64_t mi = 0; mi < mg; ++mi) {
          int64_t co = g * mg + mi;
          double acc = pb ? double(C(pb[co])) : 0.0;
          for (int64_t ci = 0; ci < cg; ++ci) {
            const T *xc = px + (ni * c + g * cg + ci) * inSize;
            const T *wc = pw + (transposed ? ((g * cg + ci) * mg + mi) * kSize
                                           : (co * cg + ci) * kSize);
            for (const Tap &t : taps)
              acc += double(C(xc[t.input])) * double(C(wc[t.kernel]));
          }
          py[(ni * m + co) * outSize + p] = T(C(acc));
        }
  }
}

/// Output shape N x C x out..., checked for size.
Status poolOutputShape(const KernelContext &ctx, const Tensor &x,
                       const Shape &spatial, Shape &shape) {
  shape = {x.dim(0), x.dim(1)};
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  return checkAllocation(ctx, shape);
}

/// Reads kernel_shape (required for pools) and computes the window of X.
Status poolWindow(const KernelContext &ctx, const Tensor &x, Window &w,
                  bool allowCeilMode) {
  KILN_RETURN_IF_ERROR(checkSpatialInput(ctx, x, w.in));
  if (!ctx.attributes().has("kernel_shape"))
    return ctx.fail("expected a 'kernel_shape' attribute");
  KILN_RETURN_IF_ERROR(
      readSpatialInts(ctx, "kernel_shape", w.rank(), 1, 1, w.kernel));
  return computeWindow(ctx, w, allowCeilMode);
}

/// Reads an Lp pool's `p` (>= 1).
Status readP(const KernelContext &ctx, int64_t &p) {
  p = ctx.attributes().getInt("p", 2);
  if (p < 1)
    return ctx.fail("expected 'p' >= 1, found {}", p);
  return Status::ok();
}

/// The reduction of a pooling window.
enum class PoolKind { Average, Lp };

/// AveragePool and LpPool: sums over the taps of each window.
Status sumPool(KernelContext &ctx, PoolKind kind) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  Window win;
  KILN_RETURN_IF_ERROR(poolWindow(ctx, *x, win, /*allowCeilMode=*/true));
  bool includePad = false;
  int64_t p = 2;
  if (kind == PoolKind::Average)
    KILN_RETURN_IF_ERROR(readFlag(ctx, "count_include_pad", includePad));
  else
    KILN_RETURN_IF_ERROR(readP(ctx, p));
  Shape shape;
  KILN_RETURN_IF_ERROR(poolOutputShape(ctx, *x, win.out, shape));
  return dispatchFloatInput(ctx, x->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    Tensor y(x->dtype(), shape);
    int64_t nc = x->dim(0) * x->dim(1);
    int64_t inSize = shapeNumElements(win.in);
    int64_t outSize = shapeNumElements(win.out);
    if (y.numElements() != 0) {
      const T *px = x->data<T>();
      T *py = y.data<T>();
      TapBuilder builder(win, /*transposed=*/false);
      std::vector<Tap> taps;
      for (int64_t q = 0; q < outSize; ++q, builder.advance()) {
        builder.build(taps);
        double count =
            double(includePad ? builder.paddedCount() : int64_t(taps.size()));
        for (int64_t i = 0; i < nc; ++i) {
          const T *xc = px + i * inSize;
          double acc = 0.0;
          if (kind == PoolKind::Average) {
            for (const Tap &t : taps)
              acc += double(C(xc[t.input]));
            acc /= count;
          } else {
            for (const Tap &t : taps)
              acc += std::pow(std::fabs(double(C(xc[t.input]))), double(p));
            acc = std::pow(acc, 1.0 / double(p));
          }
          py[i * outSize + q] = T(C(acc));
        }
      }
    }
    ctx.outputs[0] = y;
    return Status::ok();
  });
}

/// GlobalAveragePool, GlobalLpPool (p > 0) and GlobalMaxPool (p == 0).
Status globalPool(KernelContext &ctx, int64_t p, bool isMax) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  Shape spatial;
  KILN_RETURN_IF_ERROR(checkSpatialInput(ctx, *x, spatial));
  Shape shape;
  KILN_RETURN_IF_ERROR(
      poolOutputShape(ctx, *x, Shape(spatial.size(), 1), shape));
  return dispatchFloatInput(ctx, x->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    Tensor y(x->dtype(), shape);
    int64_t nc = x->dim(0) * x->dim(1);
    int64_t size = shapeNumElements(spatial);
    const T *px = x->data<T>();
    T *py = y.data<T>();
    for (int64_t i = 0; i < nc; ++i) {
      const T *xc = px + i * size;
      double acc;
      if (isMax) {
        acc = -std::numeric_limits<double>::infinity();
        for (int64_t j = 0; j < size; ++j) {
          double v = double(C(xc[j]));
          if (v > acc || std::isnan(v))
            acc = v;
          if (std::isnan(acc))
            break;
        }
      } else if (p == 0) {
        acc = 0.0;
        for (int64_t j = 0; j < size; ++j)
          acc += double(C(xc[j]));
        acc /= double(size);
      } else {
        acc = 0.0;
        for (int64_t j = 0; j < size; ++j)
          acc += std::pow(std::fabs(double(C(xc[j]))), double(p));
        acc = std::pow(acc, 1.0 / double(p));
      }
      py[i] = T(C(acc));
    }
    ctx.outputs[0] = y;
    return Status::ok();
  });
}

/// Allocates the N x \p m x <win.out> result of a convolution
/// (\p transposed or not) and fills it with convLoop.
Status runConv(KernelContext &ctx, const Tensor &x, const Tensor &w,
               const Tensor *b, const Window &win, int64_t group, int64_t m,
               bool transposed) {
  Shape shape{x.dim(0), m};
  shape.insert(shape.end(), win.out.begin(), win.out.end());
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  return dispatchFloatInput(ctx, x.dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    Tensor y(x.dtype(), shape);
    if (y.numElements() != 0)
      convLoop<T>(x, w, b, y, win, group, transposed);
    ctx.outputs[0] = y;
    return Status::ok();
  });
}

} // namespace

Status evalConv(KernelContext &ctx) {
  const Tensor *x, *w;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, w));
  const Tensor *b = ctx.input(2);
  Window win;
  KILN_RETURN_IF_ERROR(checkSpatialInput(ctx, *x, win.in));
  int64_t m = w->rank() > 0 ? w->dim(0) : 0;
  KILN_RETURN_IF_ERROR(checkWeights(ctx, *x, *w, b, m));
  int64_t group;
  KILN_RETURN_IF_ERROR(readGroup(ctx, x->dim(1), m, group));
  if (w->dim(1) * group != x->dim(1))
    return ctx.fail("expected W of shape Mx{}x..., (C / group) with C = {} "
                    "and group = {}, found {}",
                    x->dim(1) / group, x->dim(1), group,
                    formatShape(w->shape()));
  win.kernel.assign(w->shape().begin() + 2, w->shape().end());
  KILN_RETURN_IF_ERROR(checkKernelShape(ctx, win.kernel));
  KILN_RETURN_IF_ERROR(computeWindow(ctx, win, /*allowCeilMode=*/false));
  return runConv(ctx, *x, *w, b, win, group, m, /*transposed=*/false);
}

Status evalConvTranspose(KernelContext &ctx) {
  const Tensor *x, *w;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, w));
  const Tensor *b = ctx.input(2);
  Window win;
  KILN_RETURN_IF_ERROR(checkSpatialInput(ctx, *x, win.in));
  size_t rank = win.rank();
  if (w->rank() != x->rank())
    return ctx.fail("expected W of rank {} like X, found shape {}", x->rank(),
                    formatShape(w->shape()));
  if (w->dim(0) != x->dim(1) || w->dim(1) >= kMaxSpatialSize)
    return ctx.fail("expected W of shape {}x(M / group)x..., found {}",
                    x->dim(1), formatShape(w->shape()));
  int64_t group = ctx.attributes().getInt("group", 1);
  if (group < 1 || group > kMaxAttrValue)
    return ctx.fail("expected 'group' in [1, {}], found {}", kMaxAttrValue,
                    group);
  int64_t m = w->dim(1) * group;
  KILN_RETURN_IF_ERROR(checkWeights(ctx, *x, *w, b, m));
  KILN_RETURN_IF_ERROR(readGroup(ctx, x->dim(1), m, group));
  win.kernel.assign(w->shape().begin() + 2, w->shape().end());
  KILN_RETURN_IF_ERROR(checkKernelShape(ctx, win.kernel));

  KILN_RETURN_IF_ERROR(
      readSpatialInts(ctx, "strides", rank, 1, 1, win.strides));
  KILN_RETURN_IF_ERROR(
      readSpatialInts(ctx, "dilations", rank, 1, 1, win.dilations));
  std::vector<int64_t> outputPadding, pads(2 * rank, 0), outputShape;
  KILN_RETURN_IF_ERROR(
      readSpatialInts(ctx, "output_padding", rank, 0, 0, outputPadding));
  AutoPad autoPad;
  KILN_RETURN_IF_ERROR(readAutoPad(ctx, autoPad));
  if (autoPad == AutoPad::NotSet)
    KILN_RETURN_IF_ERROR(readSpatialInts(ctx, "pads", 2 * rank, 0, 0, pads));
  bool hasOutputShape = ctx.attributes().has("output_shape");
  if (hasOutputShape) {
    // Accept the spatial sizes alone or the full N x C x ... shape.
    size_t given = ctx.attributes().getInts("output_shape").size();
    KILN_RETURN_IF_ERROR(readSpatialInts(ctx, "output_shape",
                                         given == rank + 2 ? rank + 2 : rank, 0,
                                         0, outputShape));
    outputShape.erase(outputShape.begin(),
                      outputShape.end() - static_cast<ptrdiff_t>(rank));
  }

  win.padBegin.assign(rank, 0);
  win.padEnd.assign(rank, 0);
  win.out.assign(rank, 0);
  for (size_t i = 0; i < rank; ++i) {
    int64_t s = win.strides[i];
    // The size of the full scatter of X through W.
    int64_t full = s * (win.in[i] - 1) + outputPadding[i] +
                   (win.kernel[i] - 1) * win.dilations[i] + 1;
    bool same = autoPad == AutoPad::SameUpper || autoPad == AutoPad::SameLower;
    if (hasOutputShape || same) {
      // Crop the full result to the requested size; a larger request
      // extends it at the end with bias-only elements.
      int64_t out = hasOutputShape ? outputShape[i] : win.in[i] * s;
      splitPadding(win, i, autoPad, std::max<int64_t>(0, full - out));
      win.out[i] = out;
      continue;
    }
    win.padBegin[i] = pads[i];
    win.padEnd[i] = pads[rank + i];
    win.out[i] = full - win.padBegin[i] - win.padEnd[i];
    if (win.out[i] < 0)
      return ctx.fail("expected pads of spatial dimension {} to leave a "
                      "non-negative output size, found {}",
                      i, win.out[i]);
  }
  return runConv(ctx, *x, *w, b, win, group, m, /*transposed=*/true);
}

Status evalMaxPool(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  Window win;
  KILN_RETURN_IF_ERROR(poolWindow(ctx, *x, win, /*allowCeilMode=*/true));
  bool columnMajor = false;
  KILN_RETURN_IF_ERROR(readFlag(ctx, "storage_order", columnMajor));
  Shape shape;
  KILN_RETURN_IF_ERROR(poolOutputShape(ctx, *x, win.out, shape));
  bool wantIndices = ctx.numOutputs() > 1;

  auto run = [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    Tensor y(x->dtype(), shape);
    Tensor indices(DType::I64, wantIndices ? shape : Shape{0});
    int64_t nc = x->dim(0) * x->dim(1);
    int64_t inSize = shapeNumElements(win.in);
    int64_t outSize = shapeNumElements(win.out);
    if (y.numElements() != 0) {
      const T *px = x->data<T>();
      T *py = y.data<T>();
      int64_t *pi = wantIndices ? indices.data<int64_t>() : nullptr;
      TapBuilder builder(win, /*transposed=*/false);
      std::vector<Tap> taps;
      for (int64_t q = 0; q < outSize; ++q, builder.advance()) {
        builder.build(taps);
        for (int64_t i = 0; i < nc; ++i) {
          const T *xc = px + i * inSize;
          // A window entirely in the padding yields the lowest value and
          // index -1.
          C best = std::is_floating_point_v<C>
                       ? -std::numeric_limits<C>::infinity()
                       : std::numeric_limits<C>::lowest();
          const Tap *bestTap = nullptr;
          for (const Tap &t : taps) {
            C v = C(xc[t.input]);
            bool better = !bestTap || v > best;
            if constexpr (std::is_floating_point_v<C>)
              better = better || (std::isnan(v) && !std::isnan(best));
            if (better) {
              best = v;
              bestTap = &t;
            }
          }
          py[i * outSize + q] = T(best);
          if (pi)
            pi[i * outSize + q] =
                bestTap ? i * inSize + (columnMajor ? bestTap->inputColMajor
                                                    : bestTap->input)
                        : -1;
        }
      }
    }
    ctx.outputs[0] = y;
    if (wantIndices)
      ctx.outputs[1] = indices;
    return Status::ok();
  };
  switch (x->dtype()) {
  case DType::I8:
    return run(TypeTag<int8_t>{});
  case DType::U8:
    return run(TypeTag<uint8_t>{});
  case DType::F32:
  case DType::F16:
  case DType::F64:
    return dispatchFloatInput(ctx, x->dtype(), run);
  default:
    return ctx.fail("expected an f32, f16, f64, i8 or u8 input, found {}",
                    dtypeName(x->dtype()));
  }
}

Status evalAveragePool(KernelContext &ctx) {
  return sumPool(ctx, PoolKind::Average);
}

Status evalLpPool(KernelContext &ctx) { return sumPool(ctx, PoolKind::Lp); }

Status evalGlobalMaxPool(KernelContext &ctx) {
  return globalPool(ctx, 0, /*isMax=*/true);
}

Status evalGlobalAveragePool(KernelContext &ctx) {
  return globalPool(ctx, 0, /*isMax=*/false);
}

Status evalGlobalLpPool(KernelContext &ctx) {
  int64_t p;
  KILN_RETURN_IF_ERROR(readP(ctx, p));
  return globalPool(ctx, p, /*isMax=*/false);
}

} // namespace kiln::ref
