//===- ShapeInferenceIndexing.cpp - Shapes of gathers, queries, resize ----===//
//
// Result shapes of the gathers, Shape and Size, the generators whose size
// comes from a constant operand (ConstantOfShape, Range, OneHot), NonZero
// (rank known, count not) and Resize (from constant scales or sizes). The
// scatters, Identity, Dropout, EyeLike and Trilu keep their input's shape
// by trait.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/ShapeInference.h"

#include <cmath>

using namespace mlir;
using namespace kiln;
using namespace kiln::shape;

// data[:axis] + indices.shape + data[axis+1:]
LogicalResult GatherOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims data = dimsOf(getData()), idx = dimsOf(getIndices());
  if (!data || !idx)
    return setResultShapes(*this, {}, types);
  std::optional<int64_t> axis =
      normalizeAxis(intAttrOr(*this, "axis", 0), data->size());
  if (!axis)
    return failure();
  Dims y(data->begin(), data->begin() + *axis);
  llvm::append_range(y, *idx);
  y.append(data->begin() + *axis + 1, data->end());
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// The shape of indices.
LogicalResult GatherElementsOp::inferShapes(SmallVectorImpl<Type> &types) {
  return setResultShapes(*this, {dimsOf(getIndices())}, types);
}

// indices.shape[:-1] + data.shape[batch_dims + indices.shape[-1]:]
LogicalResult GatherNDOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims data = dimsOf(getData()), idx = dimsOf(getIndices());
  if (!data || !idx || idx->empty() || !isStatic(idx->back()))
    return setResultShapes(*this, {}, types);
  int64_t b = intAttrOr(*this, "batch_dims", 0);
  int64_t from = b + idx->back();
  if (b < 0 || from > static_cast<int64_t>(data->size()))
    return failure();
  Dims y(idx->begin(), idx->end() - 1);
  y.append(data->begin() + from, data->end());
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// [clamp(end) - clamp(start)]
LogicalResult ShapeOp::inferShapes(SmallVectorImpl<Type> &types) {
  std::optional<int64_t> rank = rankOf(getData());
  if (!rank)
    return setResultShapes(*this, {MaybeDims(Dims{kDynamic})}, types);
  auto clampDim = [&](int64_t v) {
    if (v < 0)
      v += *rank;
    return std::clamp<int64_t>(v, 0, *rank);
  };
  int64_t start = clampDim(intAttrOr(*this, "start", 0));
  int64_t end = clampDim(intAttrOr(*this, "end", *rank));
  return setResultShapes(
      *this, {MaybeDims(Dims{std::max<int64_t>(0, end - start)})}, types);
}

// A scalar.
LogicalResult SizeOp::inferShapes(SmallVectorImpl<Type> &types) {
  return setResultShapes(*this, {MaybeDims(Dims{})}, types);
}

// The dims are the values of the shape operand.
LogicalResult ConstantOfShapeOp::inferShapes(SmallVectorImpl<Type> &types) {
  if (std::optional<SmallVector<int64_t>> s = constantInts(getInput())) {
    if (llvm::any_of(*s, [](int64_t d) { return d < 0; }))
      return failure();
    return setResultShapes(*this, {MaybeDims(Dims(*s))}, types);
  }
  MaybeDims d = dimsOf(getInput());
  if (d && d->size() == 1 && isStatic((*d)[0]))
    return setResultShapes(*this, {MaybeDims(Dims((*d)[0], kDynamic))}, types);
  return setResultShapes(*this, {}, types);
}

// [max(ceil((limit - start) / delta), 0)]
LogicalResult RangeOp::inferShapes(SmallVectorImpl<Type> &types) {
  Dims y{kDynamic};
  std::optional<SmallVector<double>> start = constantFloats(getStart());
  std::optional<SmallVector<double>> limit = constantFloats(getLimit());
  std::optional<SmallVector<double>> delta = constantFloats(getDelta());
  if (start && limit && delta && start->size() == 1 && limit->size() == 1 &&
      delta->size() == 1 && (*delta)[0] != 0) {
    double n = std::ceil(((*limit)[0] - (*start)[0]) / (*delta)[0]);
    if (std::isfinite(n) && n < 1e15)
      y[0] = std::max<int64_t>(0, static_cast<int64_t>(n));
  }
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// A dim of size depth inserted at axis (default -1) of the output.
LogicalResult OneHotOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims idx = dimsOf(getIndices());
  if (!idx)
    return setResultShapes(*this, {}, types);
  std::optional<int64_t> axis =
      normalizeAxis(intAttrOr(*this, "axis", -1), idx->size() + 1);
  if (!axis)
    return failure();
  int64_t depth = kDynamic;
  if (std::optional<SmallVector<double>> d = constantFloats(getDepth()))
    if (d->size() == 1 && (*d)[0] >= 1 && (*d)[0] < 1e15)
      depth = static_cast<int64_t>((*d)[0]);
  Dims y = *idx;
  y.insert(y.begin() + *axis, depth);
  return setResultShapes(*this, {MaybeDims(y)}, types);
}

// [rank, number of nonzeros]
LogicalResult NonZeroOp::inferShapes(SmallVectorImpl<Type> &types) {
  std::optional<int64_t> rank = rankOf(getX());
  return setResultShapes(
      *this, {MaybeDims(Dims{rank ? *rank : kDynamic, kDynamic})}, types);
}

// floor(dim * scale) with constant scales, or the constant sizes (the
// "stretch" policy); dims on other axes are kept.
LogicalResult ResizeOp::inferShapes(SmallVectorImpl<Type> &types) {
  MaybeDims x = dimsOf(getX());
  if (!x)
    return setResultShapes(*this, {}, types);
  int64_t rank = x->size();
  SmallVector<int64_t> axes;
  if (std::optional<SmallVector<int64_t>> a = intsAttr(*this, "axes")) {
    for (int64_t v : *a) {
      std::optional<int64_t> n = normalizeAxis(v, rank);
      if (!n)
        return failure();
      axes.push_back(*n);
    }
  } else {
    for (int64_t i = 0; i < rank; ++i)
      axes.push_back(i);
  }
  Dims y = *x;
  for (int64_t a : axes)
    y[a] = kDynamic;
  StringRef coord =
      strAttrOr(*this, "coordinate_transformation_mode", "half_pixel");
  StringRef policy = strAttrOr(*this, "keep_aspect_ratio_policy", "stretch");
  // Opset 11 passes an empty scales tensor when it gives sizes.
  std::optional<SmallVector<double>> scales = constantFloats(getScales());
  if (scales && scales->empty())
    scales.reset();
  if (scales && scales->size() == axes.size() &&
      coord != "tf_crop_and_resize") {
    for (auto [a, s] : llvm::zip(axes, *scales)) {
      double size = s * static_cast<double>((*x)[a]);
      if (isStatic((*x)[a]) && s > 0 && size < 1e15)
        y[a] = static_cast<int64_t>(size);
    }
  } else if (!scales && policy == "stretch") {
    std::optional<SmallVector<int64_t>> sizes = constantInts(getSizes());
    if (sizes && sizes->size() == axes.size())
      for (auto [a, s] : llvm::zip(axes, *sizes))
        if (s >= 0)
          y[a] = s;
  }
  return setResultShapes(*this, {MaybeDims(y)}, types);
}
