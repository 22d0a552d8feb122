//===- KernelUtils.h - Shared helpers for reference kernels -----*- C++ -*-===//
//
// Numpy broadcasting, axis normalization and a multi-index counter: the
// pieces most reference kernels need, written once.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELUTILS_H
#define KILN_RUNTIME_KERNELUTILS_H

#include "kiln/runtime/Kernel.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace kiln {

/// Numpy broadcast of two shapes into \p out; fails naming both shapes.
Status broadcastShapes(const Shape &a, const Shape &b, Shape &out);
/// Numpy broadcast of any number of shapes.
Status broadcastShapes(const std::vector<Shape> &shapes, Shape &out);

/// Strides for reading a tensor of \p inShape as if broadcast to \p outShape:
/// 0 on broadcast dimensions. `inShape` must broadcast to `outShape`.
std::vector<int64_t> broadcastStrides(const Shape &inShape,
                                      const Shape &outShape);

/// Maps a possibly negative \p axis into [0, rank); fails naming the op.
Status normalizeAxis(const KernelContext &ctx, int64_t axis, int64_t rank,
                     int64_t &out);

/// Iterates all multi-indices of a shape in row-major order while keeping
/// flat offsets for several operands with their own strides.
///
///   StridedIndex it(outShape, {stridesA, stridesB});
///   for (int64_t i = 0; i < n; ++i, it.next())
///     out[i] = a[it.offset(0)] + b[it.offset(1)];
class StridedIndex {
public:
  StridedIndex(const Shape &shape, std::vector<std::vector<int64_t>> strides);
  /// Advances to the next multi-index.
  void next();
  int64_t offset(size_t operand) const { return offsets[operand]; }
  const std::vector<int64_t> &index() const { return idx; }

private:
  Shape shape;
  std::vector<std::vector<int64_t>> strides;
  std::vector<int64_t> idx;
  std::vector<int64_t> offsets;
};

/// Checks that \p n elements fit in memory limits; fails otherwise. Guards
/// allocations whose size comes from tensor data (Range, Expand, Tile...).
Status checkAllocation(const KernelContext &ctx, const Shape &shape);

/// Product of shape[begin, end): the element count of those dimensions.
int64_t shapeProduct(const Shape &shape, size_t begin, size_t end);

/// Copies \p count elements from offset \p from of \p src to offset \p to of
/// \p dst (both of one dtype; offsets in elements).
void copyElements(const Tensor &src, int64_t from, Tensor &dst, int64_t to,
                  int64_t count);

/// A copy of \p t with only positions [begin, end) of \p axis; the rank is
/// kept. `0 <= begin <= end <= t.dim(axis)`.
Tensor sliceAxis(const Tensor &t, int64_t axis, int64_t begin, int64_t end);

/// A copy of position \p index of \p axis of \p t, without that axis.
Tensor sliceAt(const Tensor &t, int64_t axis, int64_t index);

/// \p parts joined along \p axis: one dtype and rank, equal dims except on
/// `axis`, at least one part (the caller checks).
Tensor concatAxis(const std::vector<Tensor> &parts, int64_t axis);

/// A tensor seen as outer x dim x inner around one axis.
struct AxisView {
  Tensor x;
  int64_t axis = 0, outer = 1, dim = 1, inner = 1;
};

/// Views \p input around its op's optional `axis` attribute; without one,
/// the input is flattened and viewed around axis 0 (outer = inner = 1).
Status viewAroundOptionalAxis(const KernelContext &ctx, const Tensor &input,
                              AxisView &out);

/// Reads a 0/1 INT attribute (\p def when absent); fails on other values.
Status readFlag(const KernelContext &ctx, std::string_view name, bool &out,
                bool def = false);

/// Calls `fn(TypeTag<T>{})` for f32, f16 and f64. For other types fails with
/// "expected <expected>, found <type>".
template <typename Fn>
Status dispatchFloat(const KernelContext &ctx, DType t, Fn &&fn,
                     std::string_view expected = "a f16, f32 or f64 operand") {
  switch (t) {
  case DType::F32:
    return fn(TypeTag<float>{});
  case DType::F16:
    return fn(TypeTag<Half>{});
  case DType::F64:
    return fn(TypeTag<double>{});
  default:
    return ctx.fail("expected {}, found {}", expected, dtypeName(t));
  }
}

} // namespace kiln

#endif // KILN_RUNTIME_KERNELUTILS_H
