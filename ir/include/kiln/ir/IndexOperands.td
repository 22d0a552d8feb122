//===- IndexOperands.td - Operands that address others --------*- tablegen -*-===//
//
// An interface of its own (not in KilnInterfaces.td), attached to its ops as
// external models in ir/lib/IndexOperands.cpp: only the planner asks it.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_INDEX_OPERANDS_TD
#define KILN_INDEX_OPERANDS_TD

include "mlir/IR/OpBase.td"

def Kiln_IndexOperandsOpInterface : OpInterface<"IndexOperandsOpInterface"> {
  let cppNamespace = "::kiln";
  let description = [{
    An op one of whose integer operands addresses another operand (a
    gather's indices, a loss's class labels). Its reference kernel fails on
    a value out of range; the kernels the CPU backend compiles cannot fail,
    so the executor and the AOT driver check the values before such a
    kernel runs, with the reference kernel's message.
  }];
  let methods = [
    InterfaceMethod<[{
        The range of the addressing operand's values, or failure when the
        shapes it depends on are not static.
      }],
      "::mlir::FailureOr<::kiln::IndexRange>", "getIndexRange", (ins)>,
  ];
}

#endif // KILN_INDEX_OPERANDS_TD
