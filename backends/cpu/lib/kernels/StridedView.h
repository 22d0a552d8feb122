//===- StridedView.h - An operand read through a permutation ----*- C++ -*-===//
//
// The kernels that read operands through a folded Transpose (Attention.cpp's
// head splits and merges, MatMul.cpp's kiln.transposed_mat_mul) see each
// operand as its dims after the perm, with the element stride of each dim in
// the row-major buffer they are given.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_KERNELS_STRIDEDVIEW_H
#define KILN_CPU_LIB_KERNELS_STRIDEDVIEW_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace kiln::cpu::kernels {

/// A buffer's dims as a kernel reads them, and their element strides.
struct StridedView {
  llvm::SmallVector<int64_t> dims, strides;

  /// \p type read through \p perm: dim i of the view is dim perm[i] of the
  /// buffer (\p inverse: dim perm[i] of the view is dim i of the buffer, a
  /// result's case). Without \p perm, the buffer's own dims.
  StridedView(mlir::RankedTensorType type, std::optional<mlir::ArrayAttr> perm,
              bool inverse) {
    int64_t rank = type.getRank();
    llvm::SmallVector<int64_t> bufferStrides(rank, 1);
    for (int64_t i = rank - 2; i >= 0; --i)
      bufferStrides[i] = bufferStrides[i + 1] * type.getDimSize(i + 1);
    dims.assign(type.getShape().begin(), type.getShape().end());
    strides = bufferStrides;
    if (!perm)
      return;
    for (int64_t i = 0; i < rank; ++i) {
      int64_t p = mlir::cast<mlir::IntegerAttr>((*perm)[i]).getInt();
      int64_t view = inverse ? p : i, buffer = inverse ? i : p;
      dims[view] = type.getDimSize(buffer);
      strides[view] = bufferStrides[buffer];
    }
  }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  /// Size and stride of the view's \p i-th dim from the end (0: last).
  int64_t dim(int64_t i) const { return dims[rank() - 1 - i]; }
  int64_t stride(int64_t i) const { return strides[rank() - 1 - i]; }
  /// Element strides along a result's \p batchRank batch dims, aligned to
  /// the right, this view's \p trailing last dims left out (0 where this
  /// view has a 1 or no dim).
  llvm::SmallVector<int64_t> batchStrides(int64_t batchRank,
                                          int64_t trailing) const {
    llvm::SmallVector<int64_t> s(batchRank, 0);
    int64_t own = rank() - trailing;
    for (int64_t i = 0; i < own; ++i) {
      int64_t yd = i + (batchRank - own);
      if (yd >= 0 && dims[i] != 1)
        s[yd] = strides[i];
    }
    return s;
  }
};

} // namespace kiln::cpu::kernels

#endif // KILN_CPU_LIB_KERNELS_STRIDEDVIEW_H
