//===- BatchItems.td - Ops whose batch items are independent -*- tablegen -*-===//
//
// An interface of its own (not in KilnInterfaces.td), attached to its ops as
// external models in ir/lib/BatchItems.cpp: only kiln-split-batch asks it.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_BATCH_ITEMS_TD
#define KILN_BATCH_ITEMS_TD

include "mlir/IR/OpBase.td"

def Kiln_BatchItemsOpInterface : OpInterface<"BatchItemsOpInterface"> {
  let cppNamespace = "::kiln";
  let description = [{
    An op whose dim 0 is a batch of independent items: item n of every
    result is computed from item n of its item operands (whose dim 0 is the
    same batch) and from the whole of its other operands (weights, biases,
    shapes). Run on items [a, b) of its item operands, with results whose
    dim 0 is b - a, it computes items [a, b) of its results.
    kiln-split-batch runs chains of such ops a part of the batch at a time.

    Ops with the `Kiln_Elementwise` trait follow the same rule by numpy
    broadcasting (an operand of the result's rank whose dim 0 is the
    result's is an item operand; the others broadcast) and do not declare
    the interface.
  }];
  let methods = [
    InterfaceMethod<[{
        False when this instance mixes items (Flatten at axis 0, Concat
        along the batch, MaxPool whose flat argmax indices are read, Reshape
        to a new dim 0 or to a shape computed at run time).
      }],
      "bool", "itemsAreIndependent", (ins), "", "return true;">,
    InterfaceMethod<"True when operand \\p index carries the batch.",
      "bool", "isItemOperand", (ins "unsigned":$index), "",
      "return index == 0;">,
    InterfaceMethod<[{
        False for views (Reshape, Flatten): the JIT runs them without a
        copy, so running one a part of the batch at a time saves no memory
        traffic.
      }],
      "bool", "movesData", (ins), "", "return true;">,
    InterfaceMethod<[{
        Restates the batch size where an operand spells it out (Reshape's
        target shape) as \p items, with new ops built by \p b; called on an
        op cloned to run on \p items items.
      }],
      "void", "restateItemCount",
      (ins "::mlir::OpBuilder &":$b, "int64_t":$items), "", "return;">,
  ];
}

#endif // KILN_BATCH_ITEMS_TD
