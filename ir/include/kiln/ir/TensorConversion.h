//===- TensorConversion.h - Between MLIR attributes and tensors -*- C++ -*-===//
//
// The bridge between kiln IR and the runtime: element types, constants, and
// op attributes as the reference kernels read them. The interpreter, the
// importer and the constant folder all use these.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_IR_TENSORCONVERSION_H
#define KILN_IR_TENSORCONVERSION_H

#include "kiln/runtime/Attributes.h"
#include "kiln/runtime/Tensor.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/Operation.h"

#include <optional>

namespace kiln {

/// The MLIR element type kiln IR uses for \p dtype (u8 is `ui8`).
mlir::Type elementTypeOf(mlir::MLIRContext &ctx, DType dtype);
/// The runtime dtype of an MLIR element type, if Kiln supports it.
std::optional<DType> dtypeOf(mlir::Type elementType);

/// A mutable blob of \p size bytes aligned to \p align, for constants; from
/// 2 MiB up on transparent huge pages (kiln/runtime/HugePages.h).
mlir::AsmResourceBlob allocateBlob(size_t size, size_t align);

/// A constant attribute holding \p t: `dense_resource` (out of line) for
/// tensors of more than 16 elements, `dense` otherwise and for bools.
/// \p blobName names the resource blob.
mlir::ElementsAttr makeElementsAttr(mlir::MLIRContext &ctx, const Tensor &t,
                                    llvm::StringRef blobName);
/// The tensor an ElementsAttr holds. A `dense_resource` blob is viewed, not
/// copied; it lives as long as the context. Fails for unsupported types.
Status tensorFromElementsAttr(mlir::ElementsAttr attr, Tensor &out);

/// The op's attributes by name as reference kernels read them.
Status attrMapFromOp(mlir::Operation *op, AttrMap &out);

} // namespace kiln

#endif // KILN_IR_TENSORCONVERSION_H
