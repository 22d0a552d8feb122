//===- VerifierUtils.h - Helpers of the kiln op verifiers -------*- C++ -*-===//
//
// Small checks shared by Verifiers*.cpp. Each returns failure after
// emitting an op error that names the attribute or operand and says what
// was expected and what was found.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_IR_LIB_VERIFIERUTILS_H
#define KILN_IR_LIB_VERIFIERUTILS_H

#include "kiln/ir/ShapeInference.h"

#include "mlir/IR/Diagnostics.h"

#include <string>

namespace kiln::verify {

/// "[1, 2, 3]", with "?" for dynamic dims.
std::string formatList(llvm::ArrayRef<int64_t> values);

/// Checks that \p axis is in [-rank, rank - 1] (or [-rank, rank] when
/// \p inclusiveEnd); \p what names it ("axis", "axes entry").
mlir::LogicalResult checkAxis(mlir::Operation *op, llvm::StringRef what,
                              int64_t axis, int64_t rank,
                              bool inclusiveEnd = false);

/// Checks the integer attribute \p name of \p op, when present, against
/// checkAxis.
mlir::LogicalResult checkAxisAttr(mlir::Operation *op, llvm::StringRef name,
                                  int64_t dflt, std::optional<int64_t> rank,
                                  bool inclusiveEnd = false);

/// Checks that the integer array attribute \p name, when present, has
/// \p length entries, each at least \p min.
mlir::LogicalResult checkIntsAttr(mlir::Operation *op, llvm::StringRef name,
                                  std::optional<int64_t> length, int64_t min,
                                  llvm::StringRef lengthWhy = "");

} // namespace kiln::verify

#endif // KILN_IR_LIB_VERIFIERUTILS_H
