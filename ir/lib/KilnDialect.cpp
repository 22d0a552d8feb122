//===- KilnDialect.cpp - The kiln dialect ---------------------------------===//
//
// Dialect registration, the container types (sequence, optional), the
// custom syntax of kiln.constant, constant folding hooks and constant
// materialization.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/IndexOperands.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace kiln;

#include "kiln/ir/KilnDialect.cpp.inc"
#include "kiln/ir/KilnInterfaces.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "kiln/ir/KilnTypes.cpp.inc"

void KilnDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "kiln/ir/KilnTypes.cpp.inc"
      >();
  registerKilnDialectOperations(this);
  attachIndexOperandsModels(this);
}

Operation *KilnDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  if (isa<NoneType>(type))
    return builder.create<NoneOp>(loc, builder.getNoneType());
  if (auto elements = dyn_cast<ElementsAttr>(value))
    if (elements.getType() == type)
      return builder.create<ConstantOp>(loc, type, elements);
  return nullptr;
}

void kiln::registerKilnDialects(DialectRegistry &registry) {
  registry.insert<KilnDialect, func::FuncDialect>();
}

//===----------------------------------------------------------------------===//
// Container types
//===----------------------------------------------------------------------===//

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

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

// kiln.constant dense<...> : tensor<...>  — the type comes from the value.
ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &result) {
  ElementsAttr value;
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseAttribute(value, "value", result.attributes))
    return failure();
  result.addTypes(value.getType());
  return success();
}

void ConstantOp::print(OpAsmPrinter &p) {
  p.printOptionalAttrDict((*this)->getAttrs(), /*elidedAttrs=*/{"value"});
  p << ' ';
  p.printAttribute(getValue());
}

LogicalResult ConstantOp::verify() {
  if (getValue().getType() != getOutput().getType())
    return emitOpError("value type ")
           << getValue().getType() << " differs from result type "
           << getOutput().getType();
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult NoneOp::fold(FoldAdaptor) { return UnitAttr::get(getContext()); }
