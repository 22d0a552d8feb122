//===- ElementwiseOps.td - Elementwise math and activations ---*- tablegen -*-===//
#ifndef KILN_ELEMENTWISE_OPS_TD
#define KILN_ELEMENTWISE_OPS_TD

def Kiln_ReluOp : Kiln_UnaryOp<"relu", "Relu"> {
  let description = [{
    `max(x, 0)` per element.

    ```mlir
    %y = kiln.relu %x : (tensor<1x64xf32>) -> tensor<1x64xf32>
    ```
  }];
}

def Kiln_AddOp : Kiln_BinaryOp<"add", "Add"> {
  let description = [{
    `a + b` with numpy broadcasting.

    ```mlir
    %y = kiln.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
}

def Kiln_LeakyReluOp : Kiln_Op<"leaky_relu", "LeakyRelu", [Kiln_Elementwise]> {
  let summary = "leaky rectifier: x if x >= 0 else alpha * x";
  let description = [{
    ```mlir
    %y = kiln.leaky_relu %x {alpha = 0.1 : f32} : (tensor<4xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<F32Attr>:$alpha);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_ELEMENTWISE_OPS_TD
