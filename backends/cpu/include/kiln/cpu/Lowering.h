//===- Lowering.h - kiln ops to linalg, tensor and arith --------*- C++ -*-===//
//
// Each op family has one file under lib/lower/ with rewrite patterns that
// turn kiln ops into upstream MLIR on tensors (linalg, tensor, arith, math,
// scf). They run inside one outlined kernel function at a time, where every
// tensor has a static shape and small constant operands (shapes, axes,
// scalars) are visible as `kiln.constant` ops with dense values.
//
// A pattern that cannot lower an op (an unsupported element type, a dynamic
// shape) declines with notifyMatchFailure; the op then runs on its reference
// kernel (see docs/backends.md). The helpers below keep the patterns short.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LOWERING_H
#define KILN_CPU_LOWERING_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>
#include <string>

namespace kiln {
class SliceOp;
} // namespace kiln

namespace kiln::cpu {

/// Patterns of each op family (lib/lower/<Family>.cpp).
void populateCoreLowering(mlir::RewritePatternSet &patterns);
void populateElementwiseLowering(mlir::RewritePatternSet &patterns);
void populateReduceReshapeLowering(mlir::RewritePatternSet &patterns);
void populateIndexingLowering(mlir::RewritePatternSet &patterns);
void populateMatMulNormLowering(mlir::RewritePatternSet &patterns);
void populateConvPoolLowering(mlir::RewritePatternSet &patterns);
void populateMiscLossLowering(mlir::RewritePatternSet &patterns);

/// Parts of the families above, in their own files.
void populateReductionLowering(mlir::RewritePatternSet &patterns);
void populateSlicePadLowering(mlir::RewritePatternSet &patterns);
void populateGatherScatterLowering(mlir::RewritePatternSet &patterns);
void populateResizeLowering(mlir::RewritePatternSet &patterns);

/// All of the above.
void populateKilnToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// What a Slice with constant starts, ends, axes and steps reads from its
/// static input, per dim: the lowest index, the count, the stride (|step|)
/// and whether it runs backwards, as the reference kernel clamps them.
struct StaticSlice {
  llvm::SmallVector<int64_t> low, count, stride;
  llvm::SmallVector<bool> reversed;
};
/// The elements \p op reads, or failure with \p reason (shapes not static,
/// operands not constant or invalid, a result type they contradict).
mlir::FailureOr<StaticSlice> staticSlice(SliceOp op, std::string &reason);

/// The static ranked tensor type of \p v, or null when it is unranked or has
/// a dynamic dimension.
mlir::RankedTensorType staticType(mlir::Value v);

/// True when every operand and result of \p op (none excepted) has a static
/// shape and an element type the compiled backend handles (f32, f64, i32,
/// i64, i1).
bool hasCompilableTypes(mlir::Operation *op);
/// Why hasCompilableTypes(\p op) fails, naming the first operand or result
/// with a shape known only at run time or an unhandled element type; empty
/// when it holds.
std::string describeUncompilableTypes(mlir::Operation *op);

/// The dense value of \p v when it is defined by a constant (kiln.constant
/// or arith.constant); null otherwise.
mlir::DenseElementsAttr getConstantValue(mlir::Value v);
/// The integer values of a constant \p v (any integer element type).
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value v);
/// True when every value of \p values is absent (none) or a constant. A
/// pattern that takes result extents from the static result type declines
/// unless the operands those extents depend on (a shape, axes, pads, a
/// count) hold: with a runtime operand that type is only the importer's
/// guess, and the kernel would be wrong for other data.
bool areKnownAtCompileTime(mlir::ValueRange values);

/// `tensor.empty` of \p type.
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type);

/// A tensor of \p type filled with \p value (a scalar of its element type).
mlir::Value filledTensor(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::RankedTensorType type, mlir::Value value);

/// The reference kernels' running maximum of floats: \p v replaces \p acc
/// when it is greater, or when it is NaN and \p acc is not. Unlike
/// arith.maximumf, ties keep \p acc, so the sign of a zero is the first
/// one's (found by kiln-fuzz-graphs: a pool of -0 and +0 fed Reciprocal).
mlir::Value referenceMax(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value acc, mlir::Value v);
/// A scalar constant of element type \p type (float or integer).
mlir::Value scalarConstant(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Type type, double value);

/// The indexing map that reads operand \p operandType, broadcast with numpy
/// rules into an iteration space of rank \p rank: leading dimensions dropped,
/// size-1 dimensions read at index 0.
mlir::AffineMap broadcastMap(mlir::MLIRContext *ctx,
                             mlir::RankedTensorType operandType, unsigned rank);

/// Body of an elementwise computation: given the scalar values of the inputs
/// (in their own element types), returns the scalar result.
using ScalarBody = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// A linalg.generic over the shape of \p resultType that reads \p inputs with
/// numpy broadcasting and computes each element with \p body.
mlir::Value buildElementwise(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::ValueRange inputs,
                             mlir::RankedTensorType resultType,
                             ScalarBody body);

/// Converts scalar \p v to element type \p to (int<->float, widths; i1 is
/// unsigned). \p isUnsigned chooses unsigned integer conversions.
mlir::Value convertScalar(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                          mlir::Type to, bool isUnsigned = false);

/// \p axis in [0, rank), counting negatives from the end; none when out of
/// range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// \p x (same element count) reshaped to \p to: a row-major
/// reinterpretation through a 1-D collapse_shape/expand_shape pair, which
/// bufferizes to views.
mlir::Value reshapeByCopy(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                          mlir::RankedTensorType to);

/// True when a result of \p op has no elements, or a buffer operand of rank
/// > 1 has none. Kernels with such buffers do not lower to LLVM yet (1-D
/// ones do) and have nothing to compute: these ops stay reference steps.
bool hasEmptyTensor(mlir::Operation *op);
/// The reason patterns give when they decline for hasEmptyTensor.
extern const char *const kEmptyReason;

/// \p values as index attributes (static offsets, sizes, strides).
llvm::SmallVector<mlir::OpFoldResult>
indexAttrs(mlir::OpBuilder &b, llvm::ArrayRef<int64_t> values);

/// A linalg.generic over \p type that reads \p x through \p map.
mlir::Value gatherByMap(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                        mlir::AffineMap map, mlir::RankedTensorType type);

/// The static result type of a compilable single-result op, or null.
mlir::RankedTensorType compilableResultType(mlir::Operation *op);

} // namespace kiln::cpu

#endif // KILN_CPU_LOWERING_H
