//===- KilnDialect.cpp - The kiln dialect ---------------------------------===//
//
// Dialect registration, the custom syntax of kiln.constant, constant
// folding hooks and constant materialization. The container types are in
// KilnTypes.cpp.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/BatchItems.h"
#include "kiln/ir/IndexOperands.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;
using namespace kiln;

#include "kiln/ir/KilnDialect.cpp.inc"
#include "kiln/ir/KilnInterfaces.cpp.inc"

void KilnDialect::initialize() {
  registerTypes();
  registerKilnDialectOperations(this);
  attachIndexOperandsModels(this);
  attachBatchItemsModels(this);
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
