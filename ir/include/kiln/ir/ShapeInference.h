//===- ShapeInference.h - Shared shape rules of kiln ops -------*- C++ -*-===//
//
// Helpers behind ShapeInferenceOpInterface: reading ranked dims and constant
// operands, numpy broadcasting, axis normalization, and building the result
// types. Op rules (ir/lib/ShapeInference*.cpp), the op verifiers and the
// kiln-infer-shapes pass all use them. Unknown dims are
// ShapedType::kDynamic; an unknown rank is std::nullopt.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_IR_SHAPEINFERENCE_H
#define KILN_IR_SHAPEINFERENCE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "mlir/Support/LogicalResult.h"

#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace kiln {

/// The dims of a shape being inferred; ShapedType::kDynamic where unknown.
using Dims = llvm::SmallVector<int64_t, 6>;
/// A shape whose rank may be unknown (std::nullopt).
using MaybeDims = std::optional<Dims>;

/// Shape inference by the op's shape trait: KilnSameShapeAsInput gives every
/// result operand 0's shape, KilnElementwise the numpy broadcast of the
/// tensor operands. The default implementation of
/// ShapeInferenceOpInterface::inferShapes.
mlir::LogicalResult
inferShapesByTrait(mlir::Operation *op,
                   llvm::SmallVectorImpl<mlir::Type> &inferredTypes);

namespace shape {

constexpr int64_t kDynamic = mlir::ShapedType::kDynamic;

/// True when \p d is a known (static) dim.
inline bool isStatic(int64_t d) { return d != kDynamic; }

/// The dims of \p v's type when it is a ranked tensor.
MaybeDims dimsOf(mlir::Value v);
/// The rank of \p v's type when it is a ranked tensor.
std::optional<int64_t> rankOf(mlir::Value v);
/// True when \p v is an absent optional operand (a `none` value).
bool isNone(mlir::Value v);

/// The integer values of \p v when it is produced by a constant op (dense or
/// dense_resource, any integer element type).
std::optional<llvm::SmallVector<int64_t>> constantInts(mlir::Value v);
/// The values of \p v as doubles when it is produced by a constant op.
std::optional<llvm::SmallVector<double>> constantFloats(mlir::Value v);

/// An integer attribute of \p op, or \p dflt when absent.
int64_t intAttrOr(mlir::Operation *op, llvm::StringRef name, int64_t dflt);
/// An integer array attribute of \p op, when present.
std::optional<llvm::SmallVector<int64_t>> intsAttr(mlir::Operation *op,
                                                   llvm::StringRef name);
/// A string attribute of \p op, or \p dflt when absent.
llvm::StringRef strAttrOr(mlir::Operation *op, llvm::StringRef name,
                          llvm::StringRef dflt);

/// \p axis in [-rank, rank) mapped to [0, rank); std::nullopt when out of
/// range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Numpy broadcast of two shapes aligned at their last dims. A dynamic dim
/// against a static dim s != 1 gives s; fails when two static dims differ
/// and neither is 1.
mlir::FailureOr<Dims> broadcast(llvm::ArrayRef<int64_t> a,
                                llvm::ArrayRef<int64_t> b);

/// The product of \p dims, or kDynamic when one is dynamic.
int64_t product(llvm::ArrayRef<int64_t> dims);
/// a * b, or kDynamic when either is dynamic.
int64_t mulDims(int64_t a, int64_t b);
/// a + b, or kDynamic when either is dynamic.
int64_t addDims(int64_t a, int64_t b);

/// Appends one type per result of \p op: result i gets \p shapes[i] (with
/// its current element type) when i < shapes.size() and the shape is known,
/// its current type otherwise.
mlir::LogicalResult setResultShapes(mlir::Operation *op,
                                    llvm::ArrayRef<MaybeDims> shapes,
                                    llvm::SmallVectorImpl<mlir::Type> &types);

/// The most precise type both \p current and \p inferred describe (ranks and
/// static dims merged), or a null type when they contradict each other or
/// are not tensors of the same element type.
mlir::Type refineType(mlir::Type current, mlir::Type inferred);

} // namespace shape
} // namespace kiln

#endif // KILN_IR_SHAPEINFERENCE_H
