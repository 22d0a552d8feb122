//===- ShapeInferenceReduceReshape.cpp - Shapes of reductions and moves ---===//
//
// Result shapes of the Reduce* ops, ArgMax/ArgMin, TopK and the data
// movement ops (Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Concat,
// Split, Slice, Expand, Tile, Pad). Axes, shapes, starts and the like are
// operands: when one is produced by kiln.constant its values give exact
// dims, otherwise only what the operand types tell (often the rank).
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/ShapeInference.h"

#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::shape;

namespace {

/// The length of a 1-D operand when its type says it.
std::optional<int64_t> staticLength(Value v) {
  // No tensor has this many dims: a longer shape or axes operand is left
  // unknown rather than turned into a result of that rank (found by the
  // loader fuzzer: Expand's shape declared with 2^31 - 1 elements).
  constexpr int64_t kMaxLength = 1024;
  MaybeDims d = dimsOf(v);
  if (d && d->size() == 1 && isStatic((*d)[0]) && (*d)[0] <= kMaxLength)
    return (*d)[0];
  return std::nullopt;
}

/// Normalizes every axis of \p axes against \p rank; std::nullopt when one
/// is out of range.
std::optional<SmallVector<int64_t>> normalizeAxes(ArrayRef<int64_t> axes,
                                                  int64_t rank) {
  SmallVector<int64_t> out;
  for (int64_t a : axes) {
    std::optional<int64_t> n = normalizeAxis(a, rank);
    if (!n)
      return std::nullopt;
    out.push_back(*n);
  }
  return out;
}

/// Reduce*: absent or empty axes reduce everything (or nothing with
/// noop_with_empty_axes); keepdims (default 1) keeps reduced dims as 1.
LogicalResult inferReduceShapes(Operation *op, Value data, Value axesValue,
                                SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(data);
  bool keep = intAttrOr(op, "keepdims", 1) != 0;
  bool noop = intAttrOr(op, "noop_with_empty_axes", 0) != 0;
  if (!x)
    return setResultShapes(op, {}, types);
  int64_t rank = x->size();
  std::optional<SmallVector<int64_t>> axes;
  if (isNone(axesValue))
    axes.emplace();
  else
    axes = constantInts(axesValue);
  if (!axes) {
    // Unknown axes: with keepdims the rank stays, every dim may change to 1.
    if (keep)
      return setResultShapes(op, {MaybeDims(Dims(rank, kDynamic))}, types);
    return setResultShapes(op, {}, types);
  }
  if (axes->empty()) {
    if (noop)
      return setResultShapes(op, {x}, types);
    for (int64_t i = 0; i < rank; ++i)
      axes->push_back(i);
  }
  std::optional<SmallVector<int64_t>> norm = normalizeAxes(*axes, rank);
  if (!norm)
    return failure();
  llvm::SmallBitVector reduced(rank);
  for (int64_t a : *norm)
    reduced.set(a);
  Dims y;
  for (int64_t i = 0; i < rank; ++i)
    if (!reduced[i])
      y.push_back((*x)[i]);
    else if (keep)
      y.push_back(1);
  return setResultShapes(op, {MaybeDims(y)}, types);
}

/// ArgMax/ArgMin: one axis (default 0), keepdims default 1.
LogicalResult inferArgShapes(Operation *op, SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(op->getOperand(0));
  if (!x)
    return setResultShapes(op, {}, types);
  std::optional<int64_t> axis =
      normalizeAxis(intAttrOr(op, "axis", 0), x->size());
  if (!axis)
    return failure();
  Dims y = *x;
  if (intAttrOr(op, "keepdims", 1) != 0)
    y[*axis] = 1;
  else
    y.erase(y.begin() + *axis);
  return setResultShapes(op, {MaybeDims(y)}, types);
}

} // namespace

#define KILN_REDUCE_SHAPES(Op)                                                 \
  LogicalResult Op::inferShapes(SmallVectorImpl<Type> &types) {                \
    return inferReduceShapes(*this, getData(), getAxes(), types);              \
  }
KILN_REDUCE_SHAPES(ReduceSumOp)
KILN_REDUCE_SHAPES(ReduceMeanOp)
KILN_REDUCE_SHAPES(ReduceMaxOp)
KILN_REDUCE_SHAPES(ReduceMinOp)
KILN_REDUCE_SHAPES(ReduceProdOp)
KILN_REDUCE_SHAPES(ReduceL1Op)
KILN_REDUCE_SHAPES(ReduceL2Op)
KILN_REDUCE_SHAPES(ReduceLogSumOp)
KILN_REDUCE_SHAPES(ReduceLogSumExpOp)
KILN_REDUCE_SHAPES(ReduceSumSquareOp)
#undef KILN_REDUCE_SHAPES

LogicalResult ArgMaxOp::inferShapes(SmallVectorImpl<Type> &types) {
  return inferArgShapes(*this, types);
}
LogicalResult ArgMinOp::inferShapes(SmallVectorImpl<Type> &types) {
  return inferArgShapes(*this, types);
}

// Values and Indices: X with dim `axis` (default -1) replaced by K.
LogicalResult TopKOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getX());
  if (!x)
    return setResultShapes(*this, {}, types);
  std::optional<int64_t> axis =
      normalizeAxis(intAttrOr(*this, "axis", -1), x->size());
  if (!axis)
    return failure();
  Dims y = *x;
  std::optional<SmallVector<int64_t>> k = constantInts(getK());
  y[*axis] = k && k->size() == 1 && (*k)[0] >= 0 ? (*k)[0] : kDynamic;
  return setResultShapes(*this, {MaybeDims(y), MaybeDims(y)}, types);
}

// shape: 0 copies the input dim (unless allowzero), -1 takes the rest.
LogicalResult ReshapeOp::inferShapes(SmallVectorImpl<Type> &types) {
  std::optional<SmallVector<int64_t>> shape = constantInts(getShape());
  if (!shape) {
    if (std::optional<int64_t> n = staticLength(getShape()))
      return setResultShapes(*this, {MaybeDims(Dims(*n, kDynamic))}, types);
    return setResultShapes(*this, {}, types);
  }
  MaybeDims x = dimsOf(getData());
  bool allowZero = intAttrOr(*this, "allowzero", 0) != 0;
  Dims y;
  int inferredAt = -1;
  for (auto [i, s] : llvm::enumerate(*shape)) {
    if (s == 0 && !allowZero) {
      y.push_back(x && i < x->size() ? (*x)[i] : kDynamic);
    } else if (s == -1) {
      if (inferredAt >= 0)
        return failure();
      inferredAt = i;
      y.push_back(kDynamic);
    } else if (s < 0) {
      return failure();
    } else {
      y.push_back(s);
    }
  }
  if (inferredAt >= 0 && x) {
    int64_t total = product(*x);
    Dims others = y;
    others.erase(others.begin() + inferredAt);
    int64_t known = product(others);
    if (isStatic(total) && isStatic(known) && known > 0) {
      if (total % known != 0)
        return failure(); // no whole number of elements for the -1
      y[inferredAt] = total / known;
    }
  }
  // A static shape of another element count cannot hold the data.
  if (x && isStatic(product(*x)) && isStatic(product(y)) &&
      product(*x) != product(y))
    return failure();
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// [d0 * ... * d(axis-1), d(axis) * ... * d(rank-1)]
LogicalResult FlattenOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getInput());
  if (!x)
    return setResultShapes(*this, {MaybeDims(Dims(2, kDynamic))}, types);
  int64_t rank = x->size();
  int64_t axis = intAttrOr(*this, "axis", 1);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return failure();
  Dims y{product(ArrayRef(*x).take_front(axis)),
         product(ArrayRef(*x).drop_front(axis))};
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// y.dims[i] = x.dims[perm[i]], perm reversed by default.
std::optional<SmallVector<int64_t>> TransposeOp::getPermutation() {
  if (std::optional<SmallVector<int64_t>> p = intsAttr(*this, "perm"))
    return p;
  std::optional<int64_t> rank = rankOf(getData());
  if (!rank)
    return std::nullopt;
  SmallVector<int64_t> reversed;
  for (int64_t i = *rank - 1; i >= 0; --i)
    reversed.push_back(i);
  return reversed;
}

LogicalResult TransposeOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getData());
  if (!x)
    return setResultShapes(*this, {}, types);
  int64_t rank = x->size();
  SmallVector<int64_t> perm = getPermutation().value_or(SmallVector<int64_t>());
  if (static_cast<int64_t>(perm.size()) != rank)
    return failure();
  Dims y;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank)
      return failure();
    y.push_back((*x)[p]);
  }
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// Drops the listed axes, or every dim of size 1 when axes is absent.
LogicalResult SqueezeOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getData());
  if (!x)
    return setResultShapes(*this, {}, types);
  int64_t rank = x->size();
  llvm::SmallBitVector drop(rank);
  if (isNone(getAxes())) {
    for (int64_t i = 0; i < rank; ++i) {
      if (!isStatic((*x)[i]))
        return setResultShapes(*this, {}, types); // rank depends on data
      drop[i] = (*x)[i] == 1;
    }
  } else {
    std::optional<SmallVector<int64_t>> axes = constantInts(getAxes());
    if (!axes) {
      if (std::optional<int64_t> n = staticLength(getAxes()); n && *n <= rank)
        return setResultShapes(*this, {MaybeDims(Dims(rank - *n, kDynamic))},
                               types);
      return setResultShapes(*this, {}, types);
    }
    std::optional<SmallVector<int64_t>> norm = normalizeAxes(*axes, rank);
    if (!norm)
      return failure();
    for (int64_t a : *norm) {
      if (isStatic((*x)[a]) && (*x)[a] != 1)
        return failure(); // only size-1 dims can be squeezed
      drop.set(a);
    }
  }
  Dims y;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i])
      y.push_back((*x)[i]);
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// Inserts size-1 dims at the listed positions of the output.
LogicalResult UnsqueezeOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getData());
  std::optional<SmallVector<int64_t>> axes = constantInts(getAxes());
  if (!x)
    return setResultShapes(*this, {}, types);
  if (!axes) {
    if (std::optional<int64_t> n = staticLength(getAxes()))
      return setResultShapes(*this, {MaybeDims(Dims(x->size() + *n, kDynamic))},
                             types);
    return setResultShapes(*this, {}, types);
  }
  int64_t rank = x->size() + axes->size();
  std::optional<SmallVector<int64_t>> norm = normalizeAxes(*axes, rank);
  if (!norm)
    return failure();
  llvm::SmallBitVector inserted(rank);
  for (int64_t a : *norm) {
    if (inserted[a])
      return failure();
    inserted.set(a);
  }
  Dims y;
  size_t next = 0;
  for (int64_t i = 0; i < rank; ++i)
    y.push_back(inserted[i] ? 1 : (*x)[next++]);
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// Sum of the dims along axis; other dims from whichever input knows them.
LogicalResult ConcatOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims y;
  std::optional<int64_t> axis;
  for (Value v : getInputs()) {
    MaybeDims d = dimsOf(v);
    if (!d)
      continue;
    if (!y) {
      axis = normalizeAxis(intAttrOr(*this, "axis", 1), d->size());
      if (!axis)
        return failure();
      y = Dims(d->size(), kDynamic);
    }
    if (d->size() != y->size())
      return failure();
    for (size_t i = 0; i < d->size(); ++i)
      if (static_cast<int64_t>(i) != *axis && !isStatic((*y)[i]))
        (*y)[i] = (*d)[i];
  }
  if (!y)
    return setResultShapes(*this, {}, types);
  int64_t sum = 0;
  for (Value v : getInputs()) {
    MaybeDims d = dimsOf(v);
    sum = addDims(sum, d ? (*d)[*axis] : kDynamic);
  }
  (*y)[*axis] = sum;
  return setResultShapes(*this, {y}, types);
}

// One result per part: sizes from `split`, else equal parts of
// ceil(dim / n) with the last taking the rest.
LogicalResult SplitOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getInput());
  if (!x)
    return setResultShapes(*this, {}, types);
  std::optional<int64_t> axis =
      normalizeAxis(intAttrOr(*this, "axis", 0), x->size());
  if (!axis)
    return failure();
  int64_t n = getNumResults(), dim = (*x)[*axis];
  SmallVector<int64_t> sizes(n, kDynamic);
  if (!isNone(getSplit())) {
    if (std::optional<SmallVector<int64_t>> s = constantInts(getSplit())) {
      if (static_cast<int64_t>(s->size()) != n)
        return failure();
      sizes.assign(s->begin(), s->end());
    }
  } else if (isStatic(dim) && n > 0) {
    int64_t chunk = dim / n + (dim % n != 0);
    int64_t last = dim - chunk * (n - 1);
    if (last >= 0) {
      sizes.assign(n, chunk);
      sizes.back() = last;
    }
  }
  SmallVector<MaybeDims> shapes;
  for (int64_t s : sizes) {
    Dims y = *x;
    y[*axis] = s;
    shapes.push_back(y);
  }
  return setResultShapes(*this, shapes, types);
}

// Per sliced axis: the number of steps from the clamped start to the
// clamped end, as ONNX Slice defines the clamping.
LogicalResult SliceOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getData());
  if (!x)
    return setResultShapes(*this, {}, types);
  int64_t rank = x->size();
  std::optional<SmallVector<int64_t>> starts = constantInts(getStarts());
  std::optional<SmallVector<int64_t>> ends = constantInts(getEnds());
  std::optional<SmallVector<int64_t>> axes, steps;
  if (isNone(getAxes())) {
    if (starts) {
      axes.emplace();
      for (size_t i = 0; i < starts->size(); ++i)
        axes->push_back(i);
    }
  } else {
    axes = constantInts(getAxes());
  }
  if (!axes)
    return setResultShapes(*this, {MaybeDims(Dims(rank, kDynamic))}, types);
  if (isNone(getSteps()))
    steps = SmallVector<int64_t>(axes->size(), 1);
  else
    steps = constantInts(getSteps());
  std::optional<SmallVector<int64_t>> norm = normalizeAxes(*axes, rank);
  if (!norm)
    return failure();
  Dims y = *x;
  bool valuesKnown =
      starts && ends && steps && starts->size() == norm->size() &&
      ends->size() == norm->size() && steps->size() == norm->size();
  for (size_t i = 0; i < norm->size(); ++i) {
    int64_t a = (*norm)[i], d = (*x)[a];
    if (!valuesKnown || !isStatic(d) || (*steps)[i] == 0) {
      y[a] = kDynamic;
      continue;
    }
    int64_t start = (*starts)[i], end = (*ends)[i], step = (*steps)[i];
    if (d == 0) {
      y[a] = 0;
      continue;
    }
    start = start < 0 ? std::max<int64_t>(start, -d) + d : start;
    end = end < 0 ? std::max<int64_t>(end, -d - 1) + d : end;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, d);
      end = std::clamp<int64_t>(end, 0, d);
      y[a] = end > start ? (end - start - 1) / step + 1 : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, d - 1);
      end = std::clamp<int64_t>(end, -1, d - 1);
      // -step would overflow for INT64_MIN; any such step takes one element.
      int64_t stride = step == INT64_MIN ? INT64_MAX : -step;
      y[a] = start > end ? (start - end - 1) / stride + 1 : 0;
    }
  }
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// broadcast(input dims, shape)
LogicalResult ExpandOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getInput());
  std::optional<SmallVector<int64_t>> shape = constantInts(getShape());
  if (!x)
    return setResultShapes(*this, {}, types);
  if (!shape) {
    std::optional<int64_t> n = staticLength(getShape());
    if (!n)
      return setResultShapes(*this, {}, types);
    shape = SmallVector<int64_t>(*n, kDynamic);
  }
  for (int64_t s : *shape)
    if (isStatic(s) && s < 0)
      return failure();
  FailureOr<Dims> y = broadcast(*x, *shape);
  if (failed(y))
    return failure();
  return setResultShapes(*this, {MaybeDims(*y)}, types);
}

// dims[i] * repeats[i]
LogicalResult TileOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getInput());
  if (!x)
    return setResultShapes(*this, {}, types);
  Dims y(x->size(), kDynamic);
  if (std::optional<SmallVector<int64_t>> r = constantInts(getRepeats())) {
    if (r->size() != x->size())
      return failure();
    for (size_t i = 0; i < x->size(); ++i)
      y[i] = (*r)[i] >= 0 ? mulDims((*x)[i], (*r)[i]) : kDynamic;
  }
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// dims[axes[i]] + pads[i] + pads[n + i]
LogicalResult PadOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getData());
  if (!x)
    return setResultShapes(*this, {}, types);
  int64_t rank = x->size();
  Dims y(rank, kDynamic);
  std::optional<SmallVector<int64_t>> pads = constantInts(getPads());
  std::optional<SmallVector<int64_t>> axes;
  if (isNone(getAxes())) {
    axes.emplace();
    for (int64_t i = 0; i < rank; ++i)
      axes->push_back(i);
  } else {
    axes = constantInts(getAxes());
  }
  if (pads && axes) {
    std::optional<SmallVector<int64_t>> norm = normalizeAxes(*axes, rank);
    if (!norm || pads->size() != 2 * norm->size())
      return failure();
    y = *x;
    size_t n = norm->size();
    for (size_t i = 0; i < n; ++i) {
      int64_t a = (*norm)[i];
      y[a] = addDims(y[a], addDims((*pads)[i], (*pads)[n + i]));
      if (isStatic(y[a]) && y[a] < 0)
        return failure();
    }
  }
  return setResultShapes(*this, {MaybeDims(y)}, types);
}
