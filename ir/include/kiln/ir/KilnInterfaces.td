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

/// Marks ops that apply one scalar function per output element (after
/// broadcasting); fusion and shape inference use it.
def Kiln_Elementwise : NativeOpTrait<"KilnElementwise"> {
  let cppNamespace = "::kiln::OpTrait";
}

#endif // KILN_INTERFACES_TD
