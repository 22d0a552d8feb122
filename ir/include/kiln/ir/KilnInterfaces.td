//===- KilnInterfaces.td - Interfaces of kiln ops -------------*- tablegen -*-===//
//
// Per-op behaviour is reached through these interfaces, never through a
// switch over op kinds.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_INTERFACES_TD
#define KILN_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Kiln_ReferenceKernelOpInterface : OpInterface<"ReferenceKernelOpInterface"> {
  let cppNamespace = "::kiln";
  let description = [{
    The op's reference kernel: the definition of what the op computes. The
    interpreter and the constant folder call it.
  }];
  let methods = [
    InterfaceMethod<"Runs the reference kernel on runtime tensors.",
      "::kiln::Status", "evaluate", (ins "::kiln::KernelContext &":$ctx)>,
    StaticInterfaceMethod<"The ONNX op type this op models.",
      "::llvm::StringRef", "getOnnxName", (ins)>,
  ];
}

def Kiln_ShapeInferenceOpInterface : OpInterface<"ShapeInferenceOpInterface"> {
  let cppNamespace = "::kiln";
  let description = [{
    Computes the op's result types from its operand types and from operands
    defined by `kiln.constant` (reshape's shape, reduce axes, slice starts...).
    Only shapes are inferred: each inferred type keeps the element type of
    the current result. A dim that cannot be known stays dynamic, a rank
    that cannot be known stays unranked. `kiln-infer-shapes` merges the
    inferred types into the current ones.

    Ops whose rule is shared say so with a trait and attach the interface
    as is (`Kiln_InferShapesByTrait`): `Kiln_Elementwise` broadcasts the
    tensor operands, `Kiln_SameShapeAsInput` copies operand 0's shape to
    every result. Ops with their own rule attach `Kiln_InferShapesInCpp`
    and define `inferShapes` in ir/lib/ShapeInference*.cpp.
  }];
  let methods = [
    InterfaceMethod<[{
        Appends one type per result to `inferredTypes`: the current type
        where nothing better is known. Fails when the operands contradict
        the op's shape rule; the caller then keeps the current types.
      }],
      "::mlir::LogicalResult", "inferShapes",
      (ins "::llvm::SmallVectorImpl<::mlir::Type> &":$inferredTypes),
      /*methodBody=*/[{}],
      /*defaultImplementation=*/[{
        return ::kiln::inferShapesByTrait($_op.getOperation(), inferredTypes);
      }]>,
  ];
}

/// Attaches shape inference by the rule of the op's shape trait.
defvar Kiln_InferShapesByTrait = Kiln_ShapeInferenceOpInterface;
/// Attaches shape inference by a rule the op defines in C++.
defvar Kiln_InferShapesInCpp =
    DeclareOpInterfaceMethods<Kiln_ShapeInferenceOpInterface, ["inferShapes"]>;

/// Marks ops that apply one scalar function per output element (after
/// broadcasting); fusion and shape inference use it.
def Kiln_Elementwise : NativeOpTrait<"KilnElementwise"> {
  let cppNamespace = "::kiln::OpTrait";
}

/// Marks ops whose results all have the shape of operand 0 (activations
/// with parameters, normalizations, softmax, identity, scatters...).
def Kiln_SameShapeAsInput : NativeOpTrait<"KilnSameShapeAsInput"> {
  let cppNamespace = "::kiln::OpTrait";
}

/// Marks ops whose result shapes may depend on operand *values* (NonZero,
/// Range, Reshape's shape, Slice's starts...), not only on operand shapes.
/// Their declared result types are only as good as the importer's guess
/// when those operands are not constants; kiln-relax-data-dependent-shapes
/// keeps only what shape inference proves.
def Kiln_DataDependentShape : NativeOpTrait<"KilnDataDependentShape"> {
  let cppNamespace = "::kiln::OpTrait";
}

#endif // KILN_INTERFACES_TD
