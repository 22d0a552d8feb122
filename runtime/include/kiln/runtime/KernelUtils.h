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

} // namespace kiln

#endif // KILN_RUNTIME_KERNELUTILS_H
