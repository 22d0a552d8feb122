//===- KernelUtils.cpp - Shared helpers for reference kernels -------------===//
#include "kiln/runtime/KernelUtils.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace kiln {

Status KernelContext::required(size_t i, const Tensor *&out) const {
  out = input(i);
  if (!out)
    return fail("expected operand #{} to be present", i);
  return Status::ok();
}

Status broadcastShapes(const Shape &a, const Shape &b, Shape &out) {
  size_t rank = std::max(a.size(), b.size());
  Shape result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return Status::errorf(
          "shapes {} and {} do not broadcast: dimension {} is {} vs {}",
          formatShape(a), formatShape(b), i, da, db);
    result[i] = da == 1 ? db : da;
  }
  out = std::move(result);
  return Status::ok();
}

Status broadcastShapes(const std::vector<Shape> &shapes, Shape &out) {
  Shape acc;
  for (const Shape &s : shapes)
    KILN_RETURN_IF_ERROR(broadcastShapes(acc, s, acc));
  out = std::move(acc);
  return Status::ok();
}

std::vector<int64_t> broadcastStrides(const Shape &inShape,
                                      const Shape &outShape) {
  std::vector<int64_t> inStrides = shapeStrides(inShape);
  std::vector<int64_t> strides(outShape.size(), 0);
  size_t offset = outShape.size() - inShape.size();
  for (size_t i = 0; i < inShape.size(); ++i)
    strides[i + offset] = inShape[i] == 1 ? 0 : inStrides[i];
  return strides;
}

Status normalizeAxis(const KernelContext &ctx, int64_t axis, int64_t rank,
                     int64_t &out) {
  if (axis < -rank || axis >= std::max<int64_t>(rank, 1))
    return ctx.fail("axis {} is out of range for rank {}", axis, rank);
  out = axis < 0 ? axis + rank : axis;
  return Status::ok();
}

StridedIndex::StridedIndex(const Shape &shape,
                           std::vector<std::vector<int64_t>> strides)
    : shape(shape), strides(std::move(strides)), idx(shape.size(), 0),
      offsets(this->strides.size(), 0) {}

void StridedIndex::next() {
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    if (++idx[d] < shape[d]) {
      for (size_t k = 0; k < strides.size(); ++k)
        offsets[k] += strides[k][d];
      return;
    }
    for (size_t k = 0; k < strides.size(); ++k)
      offsets[k] -= strides[k][d] * (idx[d] - 1);
    idx[d] = 0;
  }
}

Status checkAllocation(const KernelContext &ctx, const Shape &shape) {
  // 2^34 bytes of f32 would be 64 GiB: far beyond any machine Kiln runs on.
  constexpr int64_t kMaxElements = int64_t(1) << 32;
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return ctx.fail("result dimension {} is negative in shape {}", d,
                      formatShape(shape));
    if (d != 0 && n > kMaxElements / d)
      return ctx.fail("result shape {} is too large to allocate",
                      formatShape(shape));
    n *= d;
  }
  return Status::ok();
}

int64_t shapeProduct(const Shape &shape, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t i = begin; i < end; ++i)
    p *= shape[i];
  return p;
}

void copyElements(const Tensor &src, int64_t from, Tensor &dst, int64_t to,
                  int64_t count) {
  size_t size = dtypeSize(src.dtype());
  if (count > 0)
    std::memcpy(static_cast<char *>(dst.raw()) + to * size,
                static_cast<const char *>(src.raw()) + from * size,
                static_cast<size_t>(count) * size);
}

Tensor sliceAxis(const Tensor &t, int64_t axis, int64_t begin, int64_t end) {
  assert(0 <= begin && begin <= end && end <= t.dim(axis) && "bad slice");
  Shape dims = t.shape();
  int64_t outer = shapeProduct(dims, 0, axis);
  int64_t inner = shapeProduct(dims, axis + 1, dims.size());
  int64_t n = dims[axis], len = end - begin;
  dims[axis] = len;
  Tensor out = Tensor::uninitialized(t.dtype(), dims);
  for (int64_t o = 0; o < outer; ++o)
    copyElements(t, (o * n + begin) * inner, out, o * len * inner, len * inner);
  return out;
}

Tensor sliceAt(const Tensor &t, int64_t axis, int64_t index) {
  Shape dims = t.shape();
  dims.erase(dims.begin() + axis);
  return sliceAxis(t, axis, index, index + 1).reshaped(std::move(dims));
}

Tensor concatAxis(const std::vector<Tensor> &parts, int64_t axis) {
  assert(!parts.empty() && "nothing to join");
  Shape dims = parts[0].shape();
  dims[axis] = 0;
  for (const Tensor &p : parts)
    dims[axis] += p.dim(axis);
  Tensor out = Tensor::uninitialized(parts[0].dtype(), dims);
  int64_t outer = shapeProduct(dims, 0, axis);
  int64_t inner = shapeProduct(dims, axis + 1, dims.size());
  int64_t outRow = dims[axis] * inner, offset = 0;
  for (const Tensor &p : parts) {
    int64_t row = p.dim(axis) * inner;
    for (int64_t o = 0; o < outer; ++o)
      copyElements(p, o * row, out, o * outRow + offset, row);
    offset += row;
  }
  return out;
}

Status viewAroundOptionalAxis(const KernelContext &ctx, const Tensor &input,
                              AxisView &out) {
  out.x = input;
  out.axis = 0;
  if (ctx.attributes().has("axis"))
    KILN_RETURN_IF_ERROR(normalizeAxis(ctx, ctx.attributes().getInt("axis", 0),
                                       input.rank(), out.axis));
  else
    out.x = input.reshaped({input.numElements()});
  out.dim = out.x.dim(out.axis);
  out.outer = shapeProduct(out.x.shape(), 0, out.axis);
  out.inner = shapeProduct(out.x.shape(), out.axis + 1, out.x.rank());
  return Status::ok();
}

Status readFlag(const KernelContext &ctx, std::string_view name, bool &out,
                bool def) {
  int64_t v = ctx.attributes().getInt(name, def ? 1 : 0);
  if (v != 0 && v != 1)
    return ctx.fail("expected '{}' to be 0 or 1, found {}", name, v);
  out = v == 1;
  return Status::ok();
}

} // namespace kiln
