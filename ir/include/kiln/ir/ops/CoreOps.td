//===- CoreOps.td - Constants and absent values ---------------*- tablegen -*-===//
#ifndef KILN_CORE_OPS_TD
#define KILN_CORE_OPS_TD

def Kiln_ConstantOp : Kiln_Op<"constant", "Constant", [ConstantLike]> {
  let summary = "a constant tensor (an ONNX initializer or Constant node)";
  let description = [{
    Large values are stored out of line as `dense_resource` blobs so that
    weights are not uniqued into the context; small ones as `dense`.

    ```mlir
    %w = kiln.constant dense_resource<conv1_w> : tensor<64x3x7x7xf32>
    %s = kiln.constant dense<[1, 3]> : tensor<2xi64>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Kiln_Tensor:$output);
  let builders = [
    OpBuilder<(ins "::mlir::ElementsAttr":$value), [{
      build($_builder, $_state, value.getType(), value);
    }]>
  ];
  let hasCustomAssemblyFormat = 1;
  let hasFolder = 1;
  let hasVerifier = 1;
}

def Kiln_NoneOp : Op<Kiln_Dialect, "none", [Pure, ConstantLike]> {
  let summary = "the absent value of an optional operand";
  let description = [{
    ```mlir
    %none = kiln.none
    %y = kiln.clip %x, %none, %max : (tensor<4xf32>, none, tensor<f32>) -> tensor<4xf32>
    ```
  }];
  let results = (outs NoneType:$output);
  let assemblyFormat = "attr-dict";
  let hasFolder = 1;
}

#endif // KILN_CORE_OPS_TD
