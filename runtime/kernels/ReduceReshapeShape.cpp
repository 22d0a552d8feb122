//===- ReduceReshapeShape.cpp - Shape and data-movement kernels -----------===//
//
// Reference kernels for the ops that only move data: Reshape, Flatten,
// Transpose, Squeeze, Unsqueeze, Concat, Split, Slice, Expand, Tile and Pad.
// They are generic over every dtype, bool included. Ops that keep the
// row-major element order (Reshape, Flatten, Squeeze, Unsqueeze) return a
// view sharing the input's buffer; the others walk the output with a
// StridedIndex whose strides say where each output element comes from.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/ReduceReshape.h"

#include <algorithm>
#include <limits>

namespace kiln::ref {
namespace {

/// Reads an integer operand as int64 values, failing with the op's name.
Status readInts(const KernelContext &ctx, const Tensor &t,
                std::string_view what, std::vector<int64_t> &out) {
  if (Status s = readInt64Values(t, what, out); !s)
    return ctx.fail("{}", s.message());
  return Status::ok();
}

/// Normalizes each of \p axes into [0, rank) and rejects repeats.
Status normalizeAxes(const KernelContext &ctx, std::vector<int64_t> &axes,
                     int64_t rank) {
  std::vector<bool> seen(rank, false);
  for (int64_t &axis : axes) {
    if (axis < -rank || axis >= rank)
      return ctx.fail("axis {} is out of range for rank {}", axis, rank);
    int64_t a = axis < 0 ? axis + rank : axis;
    if (seen[a])
      return ctx.fail("axis {} appears more than once in axes", axis);
    seen[a] = true;
    axis = a;
  }
  return Status::ok();
}

/// Fills \p y from \p x: output element i is input element
/// `base + <index of i> . strides`.
void gatherStrided(const Tensor &x, Tensor &y, int64_t base,
                   std::vector<int64_t> strides) {
  dispatchAll(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *in = x.data<T>();
    T *out = y.data<T>();
    StridedIndex it(y.shape(), {std::move(strides)});
    for (int64_t i = 0, n = y.numElements(); i < n; ++i, it.next())
      out[i] = in[base + it.offset(0)];
  });
}

} // namespace

Status evalReshape(KernelContext &ctx) {
  const Tensor *x, *shapeT;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, shapeT));
  std::vector<int64_t> shape;
  KILN_RETURN_IF_ERROR(readInts(ctx, *shapeT, "shape", shape));
  bool allowZero = ctx.attributes().getInt("allowzero", 0) != 0;
  Shape out(shape.size());
  int64_t inferred = -1;
  bool hasZero = false;
  for (size_t i = 0; i < shape.size(); ++i) {
    int64_t d = shape[i];
    if (d == -1) {
      if (inferred >= 0)
        return ctx.fail("expected at most one -1 in shape, found two");
      inferred = static_cast<int64_t>(i);
      out[i] = 1;
    } else if (d < -1) {
      return ctx.fail("expected shape entries >= -1, found {}", d);
    } else if (d == 0 && !allowZero) {
      if (static_cast<int64_t>(i) >= x->rank())
        return ctx.fail("shape entry {} is 0 but the input has rank {}", i,
                        x->rank());
      out[i] = x->dim(i);
    } else {
      hasZero |= d == 0;
      out[i] = d;
    }
  }
  if (hasZero && inferred >= 0)
    return ctx.fail("shape cannot hold both 0 and -1 when allowzero is set");
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, out));
  int64_t known = shapeNumElements(out);
  if (inferred >= 0) {
    if (known == 0 || x->numElements() % known != 0)
      return ctx.fail("cannot infer the -1 dimension reshaping {} to {}",
                      formatShape(x->shape()), formatShape(Shape(shape)));
    out[inferred] = x->numElements() / known;
  } else if (known != x->numElements()) {
    return ctx.fail("cannot reshape {} ({} elements) to {} ({} elements)",
                    formatShape(x->shape()), x->numElements(), formatShape(out),
                    known);
  }
  ctx.outputs[0] = x->reshaped(out);
  return Status::ok();
}

Status evalFlatten(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  int64_t rank = x->rank();
  int64_t axis = ctx.attributes().getInt("axis", 1);
  if (axis < -rank || axis > rank)
    return ctx.fail("axis {} is out of range [{}, {}]", axis, -rank, rank);
  if (axis < 0)
    axis += rank;
  const Shape &s = x->shape();
  ctx.outputs[0] =
      x->reshaped({shapeProduct(s, 0, axis), shapeProduct(s, axis, s.size())});
  return Status::ok();
}

Status evalTranspose(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  int64_t rank = x->rank();
  std::vector<int64_t> perm(rank);
  for (int64_t i = 0; i < rank; ++i)
    perm[i] = rank - 1 - i;
  perm = ctx.attributes().getInts("perm", perm);
  if (static_cast<int64_t>(perm.size()) != rank)
    return ctx.fail("expected perm of length {}, found {}", rank, perm.size());
  std::vector<bool> seen(rank, false);
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return ctx.fail("perm is not a permutation of [0, {})", rank);
    seen[p] = true;
  }
  std::vector<int64_t> inStrides = shapeStrides(x->shape());
  Shape outShape(rank);
  std::vector<int64_t> strides(rank);
  for (int64_t i = 0; i < rank; ++i) {
    outShape[i] = x->dim(perm[i]);
    strides[i] = inStrides[perm[i]];
  }
  Tensor y(x->dtype(), outShape);
  gatherStrided(*x, y, 0, strides);
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalSqueeze(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  int64_t rank = x->rank();
  std::vector<bool> drop(rank, false);
  if (const Tensor *axesT = ctx.input(1)) {
    // Given axes, even an empty list, are exact (ONNX's reference squeezes
    // nothing for an empty list).
    std::vector<int64_t> axes;
    KILN_RETURN_IF_ERROR(readInts(ctx, *axesT, "axes", axes));
    KILN_RETURN_IF_ERROR(normalizeAxes(ctx, axes, rank));
    for (int64_t a : axes) {
      if (x->dim(a) != 1)
        return ctx.fail("cannot squeeze axis {} of size {} in shape {}", a,
                        x->dim(a), formatShape(x->shape()));
      drop[a] = true;
    }
  } else {
    for (int64_t i = 0; i < rank; ++i)
      drop[i] = x->dim(i) == 1;
  }
  Shape out;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i])
      out.push_back(x->dim(i));
  ctx.outputs[0] = x->reshaped(out);
  return Status::ok();
}

Status evalUnsqueeze(KernelContext &ctx) {
  const Tensor *x, *axesT;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, axesT));
  std::vector<int64_t> axes;
  KILN_RETURN_IF_ERROR(readInts(ctx, *axesT, "axes", axes));
  int64_t outRank = x->rank() + static_cast<int64_t>(axes.size());
  KILN_RETURN_IF_ERROR(normalizeAxes(ctx, axes, outRank));
  std::vector<bool> inserted(outRank, false);
  for (int64_t a : axes)
    inserted[a] = true;
  Shape out(outRank);
  for (int64_t i = 0, j = 0; i < outRank; ++i)
    out[i] = inserted[i] ? 1 : x->dim(j++);
  ctx.outputs[0] = x->reshaped(out);
  return Status::ok();
}

Status evalConcat(KernelContext &ctx) {
  if (ctx.numInputs() == 0)
    return ctx.fail("expected at least one input");
  std::vector<const Tensor *> xs;
  for (size_t i = 0; i < ctx.numInputs(); ++i) {
    const Tensor *x;
    KILN_RETURN_IF_ERROR(ctx.required(i, x));
    xs.push_back(x);
  }
  const Tensor &first = *xs[0];
  int64_t rank = first.rank();
  if (rank == 0)
    return ctx.fail("expected inputs of rank >= 1, found a scalar");
  int64_t axis;
  KILN_RETURN_IF_ERROR(
      normalizeAxis(ctx, ctx.attributes().getInt("axis", 0), rank, axis));
  for (size_t i = 0; i < xs.size(); ++i) {
    const Tensor &x = *xs[i];
    if (x.dtype() != first.dtype())
      return ctx.fail("input #{} has type {}, expected {}", i,
                      dtypeName(x.dtype()), dtypeName(first.dtype()));
    bool fits = x.rank() == rank;
    for (int64_t d = 0; fits && d < rank; ++d)
      fits = d == axis || x.dim(d) == first.dim(d);
    if (!fits)
      return ctx.fail("input #{} of shape {} does not match shape {} except "
                      "on axis {}",
                      i, formatShape(x.shape()), formatShape(first.shape()),
                      axis);
  }
  std::vector<Tensor> parts;
  for (const Tensor *x : xs)
    parts.push_back(*x);
  ctx.outputs[0] = concatAxis(parts, axis);
  return Status::ok();
}

Status evalSplit(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (x->rank() == 0)
    return ctx.fail("expected an input of rank >= 1, found a scalar");
  int64_t numOut = static_cast<int64_t>(ctx.numOutputs());
  if (numOut == 0)
    return ctx.fail("expected at least one result");
  int64_t axis;
  KILN_RETURN_IF_ERROR(
      normalizeAxis(ctx, ctx.attributes().getInt("axis", 0), x->rank(), axis));
  int64_t dim = x->dim(axis);
  std::vector<int64_t> sizes;
  if (const Tensor *splitT = ctx.input(1)) {
    KILN_RETURN_IF_ERROR(readInts(ctx, *splitT, "split", sizes));
    if (static_cast<int64_t>(sizes.size()) != numOut)
      return ctx.fail("expected {} split sizes, one per result, found {}",
                      numOut, sizes.size());
    int64_t total = 0;
    for (int64_t s : sizes) {
      if (s < 0 || s > dim)
        return ctx.fail("split size {} is out of range [0, {}]", s, dim);
      total += s;
    }
    if (total != dim)
      return ctx.fail("split sizes add up to {}, expected {} (axis {})", total,
                      dim, axis);
  } else {
    int64_t parts = ctx.attributes().getInt("num_outputs", numOut);
    if (parts != numOut)
      return ctx.fail("num_outputs is {} but the op has {} results", parts,
                      numOut);
    // Equal parts of ceil(dim / parts); the last one takes what is left.
    int64_t chunk = dim / parts + (dim % parts != 0);
    int64_t last = dim - chunk * (parts - 1);
    if (last < 0)
      return ctx.fail("cannot split {} elements into {} parts", dim, parts);
    sizes.assign(parts, chunk);
    sizes.back() = last;
  }
  int64_t begin = 0;
  for (int64_t k = 0; k < numOut; ++k) {
    ctx.outputs[k] = sliceAxis(*x, axis, begin, begin + sizes[k]);
    begin += sizes[k];
  }
  return Status::ok();
}

Status evalSlice(KernelContext &ctx) {
  const Tensor *x, *startsT, *endsT;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, startsT));
  KILN_RETURN_IF_ERROR(ctx.required(2, endsT));
  std::vector<int64_t> starts, ends, axes, steps;
  KILN_RETURN_IF_ERROR(readInts(ctx, *startsT, "starts", starts));
  KILN_RETURN_IF_ERROR(readInts(ctx, *endsT, "ends", ends));
  size_t n = starts.size();
  if (ends.size() != n)
    return ctx.fail("expected as many ends as starts ({}), found {}", n,
                    ends.size());
  if (const Tensor *axesT = ctx.input(3)) {
    KILN_RETURN_IF_ERROR(readInts(ctx, *axesT, "axes", axes));
    if (axes.size() != n)
      return ctx.fail("expected as many axes as starts ({}), found {}", n,
                      axes.size());
  } else {
    for (size_t i = 0; i < n; ++i)
      axes.push_back(static_cast<int64_t>(i));
  }
  KILN_RETURN_IF_ERROR(normalizeAxes(ctx, axes, x->rank()));
  if (const Tensor *stepsT = ctx.input(4)) {
    KILN_RETURN_IF_ERROR(readInts(ctx, *stepsT, "steps", steps));
    if (steps.size() != n)
      return ctx.fail("expected as many steps as starts ({}), found {}", n,
                      steps.size());
  } else {
    steps.assign(n, 1);
  }
  std::vector<int64_t> inStrides = shapeStrides(x->shape());
  Shape outShape = x->shape();
  std::vector<int64_t> strides = inStrides;
  int64_t base = 0;
  for (size_t i = 0; i < n; ++i) {
    int64_t a = axes[i], dim = x->dim(a), step = steps[i];
    if (step == 0)
      return ctx.fail("slice step for axis {} is 0", a);
    int64_t start = starts[i], end = ends[i];
    if (start < 0)
      start += dim;
    if (end < 0)
      end += dim;
    int64_t count;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
      count = end > start ? (end - start - 1) / step + 1 : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
      uint64_t mag = uint64_t(0) - static_cast<uint64_t>(step);
      count = start > end
                  ? static_cast<int64_t>(
                        (static_cast<uint64_t>(start - end) - 1) / mag + 1)
                  : 0;
    }
    outShape[a] = count;
    if (count > 0)
      base += start * inStrides[a];
    // A single element never steps, so a huge step cannot overflow.
    strides[a] = count > 1 ? step * inStrides[a] : 0;
  }
  Tensor y(x->dtype(), outShape);
  gatherStrided(*x, y, base, strides);
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalExpand(KernelContext &ctx) {
  const Tensor *x, *shapeT;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, shapeT));
  std::vector<int64_t> shape;
  KILN_RETURN_IF_ERROR(readInts(ctx, *shapeT, "shape", shape));
  Shape outShape;
  if (Status s = broadcastShapes(x->shape(), Shape(shape), outShape); !s)
    return ctx.fail("{}", s.message());
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  Tensor y(x->dtype(), outShape);
  gatherStrided(*x, y, 0, broadcastStrides(x->shape(), outShape));
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalTile(KernelContext &ctx) {
  const Tensor *x, *repeatsT;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, repeatsT));
  std::vector<int64_t> repeats;
  KILN_RETURN_IF_ERROR(readInts(ctx, *repeatsT, "repeats", repeats));
  int64_t rank = x->rank();
  if (static_cast<int64_t>(repeats.size()) != rank)
    return ctx.fail("expected {} repeats (the input rank), found {}", rank,
                    repeats.size());
  Shape outShape(rank);
  for (int64_t i = 0; i < rank; ++i) {
    int64_t r = repeats[i], d = x->dim(i);
    if (r < 0)
      return ctx.fail("expected repeats >= 0, found {}", r);
    if (r != 0 && d > std::numeric_limits<int64_t>::max() / r)
      return ctx.fail("tiling {} by {} is too large", formatShape(x->shape()),
                      r);
    outShape[i] = d * r;
  }
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  Tensor y(x->dtype(), outShape);
  std::vector<int64_t> inStrides = shapeStrides(x->shape());
  dispatchAll(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    StridedIndex it(outShape, {});
    for (int64_t i = 0, n = y.numElements(); i < n; ++i, it.next()) {
      int64_t src = 0;
      for (int64_t d = 0; d < rank; ++d)
        src += (it.index()[d] % x->dim(d)) * inStrides[d];
      out[i] = in[src];
    }
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalPad(KernelContext &ctx) {
  const Tensor *x, *padsT;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, padsT));
  int64_t rank = x->rank();
  std::string mode = ctx.attributes().getString("mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge" &&
      mode != "wrap")
    return ctx.fail("expected mode constant, reflect, edge or wrap, found "
                    "'{}'",
                    mode);
  std::vector<int64_t> pads, axes;
  KILN_RETURN_IF_ERROR(readInts(ctx, *padsT, "pads", pads));
  if (const Tensor *axesT = ctx.input(3)) {
    KILN_RETURN_IF_ERROR(readInts(ctx, *axesT, "axes", axes));
    KILN_RETURN_IF_ERROR(normalizeAxes(ctx, axes, rank));
  } else {
    for (int64_t i = 0; i < rank; ++i)
      axes.push_back(i);
  }
  size_t numAxes = axes.size();
  if (pads.size() != 2 * numAxes)
    return ctx.fail("expected {} pads (2 per axis), found {}", 2 * numAxes,
                    pads.size());
  // pads = [begin of axes[0], begin of axes[1], ..., end of axes[0], ...].
  std::vector<int64_t> begin(rank, 0), end(rank, 0);
  Shape outShape = x->shape();
  for (size_t i = 0; i < numAxes; ++i) {
    int64_t a = axes[i], d = x->dim(a);
    begin[a] = pads[i];
    end[a] = pads[i + numAxes];
    int64_t limit = std::numeric_limits<int64_t>::max() / 4;
    if (std::abs(begin[a]) > limit || std::abs(end[a]) > limit)
      return ctx.fail("pads {} and {} for axis {} are too large", begin[a],
                      end[a], a);
    outShape[a] = d + begin[a] + end[a];
    if (outShape[a] < 0)
      return ctx.fail("pads {} and {} crop axis {} of size {} below zero",
                      begin[a], end[a], a, d);
    if (mode != "constant" && d == 0 && outShape[a] > 0)
      return ctx.fail("cannot pad empty axis {} in {} mode", a, mode);
  }
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  // The fill value, converted to the data's type.
  Tensor fill(x->dtype(), {});
  if (const Tensor *v = ctx.input(2)) {
    if (v->numElements() != 1)
      return ctx.fail("expected constant_value to hold one value, found {}",
                      v->numElements());
    if (v->dtype() == x->dtype())
      copyElements(*v, 0, fill, 0, 1);
    else
      fill.setFromDouble(0, v->getAsDouble(0));
  }
  enum class Mode { Constant, Reflect, Edge, Wrap };
  Mode m = mode == "reflect" ? Mode::Reflect
           : mode == "edge"  ? Mode::Edge
           : mode == "wrap"  ? Mode::Wrap
                             : Mode::Constant;
  std::vector<int64_t> inStrides = shapeStrides(x->shape());
  Tensor y(x->dtype(), outShape);
  dispatchAll(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    T fillValue = fill.data<T>()[0];
    StridedIndex it(outShape, {});
    for (int64_t i = 0, n = y.numElements(); i < n; ++i, it.next()) {
      int64_t src = 0;
      bool inside = true;
      for (int64_t d = 0; d < rank; ++d) {
        int64_t dim = x->dim(d);
        int64_t c = it.index()[d] - begin[d];
        if (c < 0 || c >= dim) {
          switch (m) {
          case Mode::Constant:
            inside = false;
            break;
          case Mode::Edge:
            c = c < 0 ? 0 : dim - 1;
            break;
          case Mode::Wrap:
            c = ((c % dim) + dim) % dim;
            break;
          case Mode::Reflect: {
            // Reflection without repeating the edge has period 2 * (dim - 1).
            int64_t period = 2 * (dim - 1);
            if (period == 0) {
              c = 0;
              break;
            }
            c = ((c % period) + period) % period;
            if (c >= dim)
              c = period - c;
            break;
          }
          }
        }
        if (!inside)
          break;
        src += c * inStrides[d];
      }
      out[i] = inside ? in[src] : fillValue;
    }
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

} // namespace kiln::ref
