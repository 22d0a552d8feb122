//===- KilnDialect.h - The kiln dialect -------------------------*- C++ -*-===//
//
// Include this to use kiln ops. It declares the dialect, the op interfaces
// (ReferenceKernelOpInterface, ShapeInferenceOpInterface), the shape
// traits (KilnElementwise, KilnSameShapeAsInput, KilnDataDependentShape)
// and every op.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_IR_KILNDIALECT_H
#define KILN_IR_KILNDIALECT_H

#include "kiln/ir/ShapeInference.h"
#include "kiln/runtime/Kernel.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace kiln::OpTrait {
/// Marks ops that compute each output element from the input elements at
/// the same (broadcast) position.
template <typename ConcreteType>
class KilnElementwise
    : public mlir::OpTrait::TraitBase<ConcreteType, KilnElementwise> {};

/// Marks ops whose results all have the shape of operand 0.
template <typename ConcreteType>
class KilnSameShapeAsInput
    : public mlir::OpTrait::TraitBase<ConcreteType, KilnSameShapeAsInput> {};

/// Marks ops whose result shapes may depend on operand values, not only on
/// operand shapes (NonZero, Range, Reshape, Slice...).
template <typename ConcreteType>
class KilnDataDependentShape
    : public mlir::OpTrait::TraitBase<ConcreteType, KilnDataDependentShape> {};
} // namespace kiln::OpTrait

#include "kiln/ir/KilnDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "kiln/ir/KilnInterfaces.h.inc"
#include "kiln/ir/KilnTypes.h.inc"

#define GET_OP_CLASSES
#include "kiln/ir/KilnOps.h.inc"

namespace kiln {
/// Registers the kiln dialect and the upstream dialects kiln IR uses.
void registerKilnDialects(mlir::DialectRegistry &registry);

/// The element type of the tensors a value of type \p t holds: a tensor's,
/// a sequence's elements', an optional's content's; \p t itself otherwise.
mlir::Type containedElementType(mlir::Type t);

/// Whether \p a and \p b are the same kind of value (a tensor, a sequence,
/// an optional of the same kind) of the same element type, whatever their
/// dims: what control flow requires of the values it hands on.
bool sameKindAndElementType(mlir::Type a, mlir::Type b);
} // namespace kiln

#endif // KILN_IR_KILNDIALECT_H
