//===- Window.h - Geometry of windowed ops (conv, pools) --------*- C++ -*-===//
//
// Private to the compiled backend: the window geometry of Conv, ConvTranspose
// and the pools, read from their ONNX attributes with the reference kernels'
// formulas (auto_pad, ceil_mode), shared by their linalg lowerings
// (lib/lower/ConvPool*.cpp) and the direct pool kernel (lib/kernels/Pool.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LOWER_WINDOW_H
#define KILN_CPU_LOWER_WINDOW_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

namespace kiln::cpu::window {

/// a / b rounded toward -infinity, and toward +infinity (b > 0).
int64_t floorDiv(int64_t a, int64_t b);
int64_t ceilDiv(int64_t a, int64_t b);

/// INT attribute \p name of \p op, or \p def when absent.
int64_t intAttr(mlir::Operation *op, llvm::StringRef name, int64_t def);

/// Largest attribute value accepted (as the reference kernel).
constexpr int64_t kMaxAttr = int64_t(1) << 30;

/// Reads INTS attribute \p name with \p count values in [lo, kMaxAttr], or
/// \p def repeated; false when malformed.
bool readInts(mlir::Operation *op, llvm::StringRef name, size_t count,
              int64_t def, int64_t lo, llvm::SmallVectorImpl<int64_t> &out);

/// The geometry of a windowed op over the spatial dims.
struct Window {
  llvm::SmallVector<int64_t> in, kernel, strides, dilations, padBegin, padEnd,
      out;
  unsigned rank() const { return in.size(); }
};

/// Fills the strides, dilations, pads and output sizes of \p w (whose `in`
/// and `kernel` are set) from \p op's attributes; false when they are
/// malformed or the window does not fit.
bool computeWindow(mlir::Operation *op, Window &w, bool ceilMode);

/// The spatial sizes of \p type (N x C x D...), or empty when it has fewer
/// than 3 dims or no elements.
llvm::SmallVector<int64_t> spatialSizes(mlir::RankedTensorType type);

/// Reads the window of a pooling op with a required kernel_shape over an
/// input of type \p xType; false when malformed.
bool poolWindow(mlir::Operation *op, mlir::RankedTensorType xType, Window &w,
                bool ceilMode);

/// Per output position of spatial dim \p i, how many window elements an
/// average counts: those in the input, or with \p includePad also those in
/// the explicit padding.
llvm::SmallVector<double> windowCounts(const Window &w, unsigned i,
                                       bool includePad);

} // namespace kiln::cpu::window

#endif // KILN_CPU_LOWER_WINDOW_H
