//===- IndexingGather.cpp - Gather and scatter reference kernels ----------===//
//
// Gather, GatherElements, GatherND, ScatterND and ScatterElements. Indices
// are i32 or i64 and may be negative (counted from the end of the indexed
// dimension); an index outside [-size, size) is an error, never a read or
// write out of bounds. Gathers copy whole elements as bytes, so they serve
// every dtype; scatters with a reduction compute on the element type.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Indexing.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace kiln::ref {
namespace {

/// Reads an i32 or i64 index tensor into int64 values.
Status loadIndices(const KernelContext &ctx, const Tensor &t,
                   std::vector<int64_t> &out) {
  if (t.dtype() != DType::I32 && t.dtype() != DType::I64)
    return ctx.fail("expected indices of type i32 or i64, found {}",
                    dtypeName(t.dtype()));
  out.resize(t.numElements());
  if (t.dtype() == DType::I64)
    std::copy_n(t.data<int64_t>(), out.size(), out.begin());
  else
    std::copy_n(t.data<int32_t>(), out.size(), out.begin());
  return Status::ok();
}

/// Maps \p index into [0, size), counting negatives from the end; fails when
/// it is outside [-size, size).
Status wrapIndex(const KernelContext &ctx, int64_t &index, int64_t size,
                 int64_t axis) {
  if (index < -size || index >= size)
    return ctx.fail("index {} is out of range for dimension {} of size {}",
                    index, axis, size);
  if (index < 0)
    index += size;
  return Status::ok();
}

/// Adds to \p offset the flat offset of the \p count indices at \p tuple
/// into dimensions first, first + 1, ... of \p shape (with \p strides),
/// wrapping negative indices; fails on one out of range.
Status addTupleOffset(const KernelContext &ctx, const int64_t *tuple,
                      int64_t count, const Shape &shape,
                      const std::vector<int64_t> &strides, int64_t first,
                      int64_t &offset) {
  for (int64_t j = 0; j < count; ++j) {
    int64_t v = tuple[j];
    KILN_RETURN_IF_ERROR(wrapIndex(ctx, v, shape[first + j], first + j));
    offset += v * strides[first + j];
  }
  return Status::ok();
}

/// How a scatter combines an update with the existing element.
enum class Reduction { None, Add, Mul, Max, Min };

Status parseReduction(const KernelContext &ctx, Reduction &out) {
  std::string r = ctx.attributes().getString("reduction", "none");
  if (r == "none")
    out = Reduction::None;
  else if (r == "add")
    out = Reduction::Add;
  else if (r == "mul")
    out = Reduction::Mul;
  else if (r == "max")
    out = Reduction::Max;
  else if (r == "min")
    out = Reduction::Min;
  else
    return ctx.fail("expected reduction none, add, mul, max or min, found '{}'",
                    r);
  return Status::ok();
}

/// Checks that \p data is not a scalar and reads the `axis` attribute
/// (default 0) as one of its axes.
Status readDataAxis(const KernelContext &ctx, const Tensor &data,
                    int64_t &axis) {
  if (data.rank() < 1)
    return ctx.fail("expected data of rank >= 1, found a scalar");
  return normalizeAxis(ctx, ctx.attributes().getInt("axis", 0), data.rank(),
                       axis);
}

/// Fetches the data, indices and updates operands of a scatter and its
/// reduction, checking that updates has the type of data.
Status readScatterOperands(const KernelContext &ctx, const Tensor *&data,
                           const Tensor *&indices, const Tensor *&updates,
                           Reduction &red) {
  KILN_RETURN_IF_ERROR(ctx.required(0, data));
  KILN_RETURN_IF_ERROR(ctx.required(1, indices));
  KILN_RETURN_IF_ERROR(ctx.required(2, updates));
  KILN_RETURN_IF_ERROR(parseReduction(ctx, red));
  if (updates->dtype() != data->dtype())
    return ctx.fail("updates type {} differs from data type {}",
                    dtypeName(updates->dtype()), dtypeName(data->dtype()));
  return Status::ok();
}

/// dst = reduce(dst, src). Bool add/max are `or`, mul/min are `and`;
/// integer add and mul wrap around.
template <typename T> void combine(Reduction r, T &dst, T src) {
  if constexpr (std::is_same_v<T, bool>) {
    if (r == Reduction::None)
      dst = src;
    else if (r == Reduction::Add || r == Reduction::Max)
      dst = dst || src;
    else
      dst = dst && src;
  } else {
    using C = ComputeType<T>;
    C a = static_cast<C>(dst), b = static_cast<C>(src);
    switch (r) {
    case Reduction::None:
      dst = src;
      return;
    case Reduction::Add:
      if constexpr (std::is_integral_v<T>) {
        using U = std::make_unsigned_t<T>;
        dst = static_cast<T>(
            static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
      } else {
        dst = T(a + b);
      }
      return;
    case Reduction::Mul:
      if constexpr (std::is_integral_v<T>) {
        using U = std::make_unsigned_t<T>;
        // Promote small types to unsigned int so the product cannot overflow
        // a signed int.
        using P =
            std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
        dst = static_cast<T>(static_cast<U>(static_cast<P>(static_cast<U>(a)) *
                                            static_cast<P>(static_cast<U>(b))));
      } else {
        dst = T(a * b);
      }
      return;
    case Reduction::Max:
      dst = T(std::max(a, b));
      return;
    case Reduction::Min:
      dst = T(std::min(a, b));
      return;
    }
  }
}

/// Checks data and updates types agree and indices have the rank of data and
/// fit inside it on every axis but \p axis (ScatterElements,
/// GatherElements).
Status checkElementwiseIndices(const KernelContext &ctx, const Tensor &data,
                               const Tensor &indices, int64_t axis) {
  if (indices.rank() != data.rank())
    return ctx.fail("expected indices of rank {} like data, found shape {}",
                    data.rank(), formatShape(indices.shape()));
  for (int64_t d = 0; d < data.rank(); ++d)
    if (d != axis && indices.dim(d) > data.dim(d))
      return ctx.fail("indices shape {} exceeds data shape {} in dimension {}",
                      formatShape(indices.shape()), formatShape(data.shape()),
                      d);
  return Status::ok();
}

} // namespace

Status evalGather(KernelContext &ctx) {
  const Tensor *data, *indices;
  KILN_RETURN_IF_ERROR(ctx.required(0, data));
  KILN_RETURN_IF_ERROR(ctx.required(1, indices));
  int64_t axis;
  KILN_RETURN_IF_ERROR(readDataAxis(ctx, *data, axis));
  std::vector<int64_t> idx;
  KILN_RETURN_IF_ERROR(loadIndices(ctx, *indices, idx));
  int64_t size = data->dim(axis);
  for (int64_t &i : idx)
    KILN_RETURN_IF_ERROR(wrapIndex(ctx, i, size, axis));

  const Shape &ds = data->shape();
  Shape outShape(ds.begin(), ds.begin() + axis);
  outShape.insert(outShape.end(), indices->shape().begin(),
                  indices->shape().end());
  outShape.insert(outShape.end(), ds.begin() + axis + 1, ds.end());
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  Tensor out(data->dtype(), outShape);

  // Each (outer, index) pair copies one contiguous block of `inner` elements.
  size_t es = dtypeSize(data->dtype());
  int64_t outer = shapeProduct(ds, 0, axis),
          inner = shapeProduct(ds, axis + 1, ds.size());
  int64_t n = static_cast<int64_t>(idx.size());
  const char *src = static_cast<const char *>(data->raw());
  char *dst = static_cast<char *>(out.raw());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < n; ++k)
      std::memcpy(dst + ((o * n + k) * inner) * es,
                  src + ((o * size + idx[k]) * inner) * es, inner * es);
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalGatherElements(KernelContext &ctx) {
  const Tensor *data, *indices;
  KILN_RETURN_IF_ERROR(ctx.required(0, data));
  KILN_RETURN_IF_ERROR(ctx.required(1, indices));
  int64_t axis;
  KILN_RETURN_IF_ERROR(readDataAxis(ctx, *data, axis));
  KILN_RETURN_IF_ERROR(checkElementwiseIndices(ctx, *data, *indices, axis));
  std::vector<int64_t> idx;
  KILN_RETURN_IF_ERROR(loadIndices(ctx, *indices, idx));
  for (int64_t &i : idx)
    KILN_RETURN_IF_ERROR(wrapIndex(ctx, i, data->dim(axis), axis));

  Tensor out(data->dtype(), indices->shape());
  std::vector<int64_t> strides = shapeStrides(data->shape());
  int64_t axisStride = strides[axis];
  strides[axis] = 0;
  size_t es = dtypeSize(data->dtype());
  const char *src = static_cast<const char *>(data->raw());
  char *dst = static_cast<char *>(out.raw());
  StridedIndex it(indices->shape(), {strides});
  for (int64_t i = 0, n = out.numElements(); i < n; ++i, it.next())
    std::memcpy(dst + i * es, src + (it.offset(0) + idx[i] * axisStride) * es,
                es);
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalGatherND(KernelContext &ctx) {
  const Tensor *data, *indices;
  KILN_RETURN_IF_ERROR(ctx.required(0, data));
  KILN_RETURN_IF_ERROR(ctx.required(1, indices));
  int64_t r = data->rank(), q = indices->rank();
  int64_t b = ctx.attributes().getInt("batch_dims", 0);
  if (r < 1 || q < 1)
    return ctx.fail("expected data and indices of rank >= 1, found shapes {} "
                    "and {}",
                    formatShape(data->shape()), formatShape(indices->shape()));
  if (b < 0 || b >= std::min(r, q))
    return ctx.fail("expected batch_dims in [0, {}), found {}", std::min(r, q),
                    b);
  const Shape &ds = data->shape(), &is = indices->shape();
  int64_t m = is[q - 1];
  if (m < 1 || m > r - b)
    return ctx.fail("expected the last dimension of indices in [1, {}], found "
                    "{}",
                    r - b, m);
  for (int64_t d = 0; d < b; ++d)
    if (ds[d] != is[d])
      return ctx.fail("batch dimension {} differs: data {} vs indices {}", d,
                      formatShape(ds), formatShape(is));
  std::vector<int64_t> idx;
  KILN_RETURN_IF_ERROR(loadIndices(ctx, *indices, idx));

  Shape outShape(is.begin(), is.end() - 1);
  outShape.insert(outShape.end(), ds.begin() + b + m, ds.end());
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  Tensor out(data->dtype(), outShape);

  std::vector<int64_t> strides = shapeStrides(ds);
  int64_t batches = shapeProduct(ds, 0, b);
  int64_t perBatch = shapeProduct(is, b, q - 1);
  int64_t slice = shapeProduct(ds, b + m, ds.size());
  int64_t batchStride = shapeProduct(ds, b, ds.size());
  size_t es = dtypeSize(data->dtype());
  const char *src = static_cast<const char *>(data->raw());
  char *dst = static_cast<char *>(out.raw());
  for (int64_t bi = 0; bi < batches; ++bi) {
    for (int64_t k = 0; k < perBatch; ++k) {
      int64_t row = bi * perBatch + k, offset = bi * batchStride;
      KILN_RETURN_IF_ERROR(
          addTupleOffset(ctx, idx.data() + row * m, m, ds, strides, b, offset));
      std::memcpy(dst + row * slice * es, src + offset * es, slice * es);
    }
  }
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalScatterND(KernelContext &ctx) {
  const Tensor *data, *indices, *updates;
  Reduction red;
  KILN_RETURN_IF_ERROR(readScatterOperands(ctx, data, indices, updates, red));
  int64_t r = data->rank(), q = indices->rank();
  if (r < 1 || q < 1)
    return ctx.fail("expected data and indices of rank >= 1, found shapes {} "
                    "and {}",
                    formatShape(data->shape()), formatShape(indices->shape()));
  const Shape &ds = data->shape(), &is = indices->shape();
  int64_t k = is[q - 1];
  if (k < 1 || k > r)
    return ctx.fail("expected the last dimension of indices in [1, {}], found "
                    "{}",
                    r, k);
  Shape expected(is.begin(), is.end() - 1);
  expected.insert(expected.end(), ds.begin() + k, ds.end());
  if (updates->shape() != expected)
    return ctx.fail("expected updates of shape {}, found {}",
                    formatShape(expected), formatShape(updates->shape()));
  std::vector<int64_t> idx;
  KILN_RETURN_IF_ERROR(loadIndices(ctx, *indices, idx));

  Tensor out = data->clone();
  std::vector<int64_t> strides = shapeStrides(ds);
  int64_t count = shapeProduct(is, 0, q - 1),
          slice = shapeProduct(ds, k, ds.size());
  return dispatchAll(data->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    T *dst = out.data<T>();
    const T *upd = updates->data<T>();
    for (int64_t i = 0; i < count; ++i) {
      int64_t offset = 0;
      KILN_RETURN_IF_ERROR(
          addTupleOffset(ctx, idx.data() + i * k, k, ds, strides, 0, offset));
      for (int64_t e = 0; e < slice; ++e)
        combine<T>(red, dst[offset + e], upd[i * slice + e]);
    }
    ctx.outputs[0] = out;
    return Status::ok();
  });
}

Status evalScatterElements(KernelContext &ctx) {
  const Tensor *data, *indices, *updates;
  Reduction red;
  KILN_RETURN_IF_ERROR(readScatterOperands(ctx, data, indices, updates, red));
  int64_t axis;
  KILN_RETURN_IF_ERROR(readDataAxis(ctx, *data, axis));
  if (updates->shape() != indices->shape())
    return ctx.fail("expected updates of the indices shape {}, found {}",
                    formatShape(indices->shape()),
                    formatShape(updates->shape()));
  KILN_RETURN_IF_ERROR(checkElementwiseIndices(ctx, *data, *indices, axis));
  std::vector<int64_t> idx;
  KILN_RETURN_IF_ERROR(loadIndices(ctx, *indices, idx));
  for (int64_t &i : idx)
    KILN_RETURN_IF_ERROR(wrapIndex(ctx, i, data->dim(axis), axis));

  Tensor out = data->clone();
  std::vector<int64_t> strides = shapeStrides(data->shape());
  int64_t axisStride = strides[axis];
  strides[axis] = 0;
  return dispatchAll(data->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    T *dst = out.data<T>();
    const T *upd = updates->data<T>();
    StridedIndex it(indices->shape(), {strides});
    for (int64_t i = 0, n = indices->numElements(); i < n; ++i, it.next())
      combine<T>(red, dst[it.offset(0) + idx[i] * axisStride], upd[i]);
    ctx.outputs[0] = out;
    return Status::ok();
  });
}

} // namespace kiln::ref
