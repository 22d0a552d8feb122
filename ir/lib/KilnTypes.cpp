//===- KilnTypes.cpp - The container types: sequence and optional ---------===//
//
// The generated storage, builders, parser and printer of !kiln.seq and
// !kiln.opt, their verifiers, and the kind comparisons the verifiers use.
// In sanitizer builds this file is compiled without AddressSanitizer
// (ir/CMakeLists.txt): a type's storage is allocated by code generated
// here, inline from LLVM's BumpPtrAllocator, on the allocator of Debian's
// uninstrumented libMLIR; instrumented, that code poisons the slabs it
// starts and libMLIR's own allocations from them then read as
// use-after-poison (found by the loader fuzzer).
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace kiln;

#define GET_TYPEDEF_CLASSES
#include "kiln/ir/KilnTypes.cpp.inc"

void KilnDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "kiln/ir/KilnTypes.cpp.inc"
      >();
}

/// Whether \p t is an element type Kiln computes on.
static bool isKilnElementType(Type t) {
  return t.isF32() || t.isF16() || t.isF64() || t.isSignlessInteger(8) ||
         t.isUnsignedInteger(8) || t.isSignlessInteger(32) ||
         t.isSignlessInteger(64) || t.isSignlessInteger(1);
}

LogicalResult
SequenceType::verify(llvm::function_ref<InFlightDiagnostic()> emitError,
                     TensorType elementType) {
  if (!isKilnElementType(elementType.getElementType()))
    return emitError() << "sequence of " << elementType
                       << ": not an element type Kiln computes on";
  return success();
}

LogicalResult
OptionalType::verify(llvm::function_ref<InFlightDiagnostic()> emitError,
                     Type valueType) {
  if (auto tensor = ::mlir::dyn_cast<TensorType>(valueType)) {
    if (!isKilnElementType(tensor.getElementType()))
      return emitError() << "optional of " << valueType
                         << ": not an element type Kiln computes on";
    return success();
  }
  if (!::mlir::isa<SequenceType>(valueType))
    return emitError() << "optional of " << valueType
                       << ": expected a tensor or a sequence";
  return success();
}

Type kiln::containedElementType(Type t) {
  if (auto opt = dyn_cast<OptionalType>(t))
    return containedElementType(opt.getValueType());
  if (auto seq = dyn_cast<SequenceType>(t))
    return seq.getElementType().getElementType();
  if (auto shaped = dyn_cast<ShapedType>(t))
    return shaped.getElementType();
  return t;
}

bool kiln::sameKindAndElementType(Type a, Type b) {
  auto optA = dyn_cast<OptionalType>(a), optB = dyn_cast<OptionalType>(b);
  if (optA || optB)
    return optA && optB &&
           sameKindAndElementType(optA.getValueType(), optB.getValueType());
  if (isa<SequenceType>(a) != isa<SequenceType>(b))
    return false;
  return containedElementType(a) == containedElementType(b);
}
