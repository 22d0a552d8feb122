//===- Passes.td - Kiln graph passes --------------------------*- tablegen -*-===//
//
// Every pass of the graph pipeline: name `kiln-<verb>-<noun>`, a summary, and
// a description with the IR before and after.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_PASSES_TD
#define KILN_PASSES_TD

include "mlir/Pass/PassBase.td"

def InferShapes : Pass<"kiln-infer-shapes", "mlir::ModuleOp"> {
  let summary = "Refine result types from operand shapes and constant operands";
  let description = [{
    Walks each function body in order and asks every op that implements
    ShapeInferenceOpInterface for its result types. A result type is
    replaced only when the inferred one is strictly more precise and
    compatible (unranked -> ranked, `?` -> static); element types never
    change. The function's result types are then set to those of the
    returned values. Functions that are called are left alone, since their
    signature would change under their callers.

    Before:

    ```mlir
    func.func @f(%x: tensor<1x3x8x8xf32>) -> tensor<*xf32> {
      %s = kiln.constant dense<[1, -1]> : tensor<2xi64>
      %r = kiln.reshape %x, %s : (tensor<1x3x8x8xf32>, tensor<2xi64>) -> tensor<*xf32>
      %y = kiln.relu %r : (tensor<*xf32>) -> tensor<*xf32>
      return %y : tensor<*xf32>
    }
    ```

    After:

    ```mlir
    func.func @f(%x: tensor<1x3x8x8xf32>) -> tensor<1x192xf32> {
      %s = kiln.constant dense<[1, -1]> : tensor<2xi64>
      %r = kiln.reshape %x, %s : (tensor<1x3x8x8xf32>, tensor<2xi64>) -> tensor<1x192xf32>
      %y = kiln.relu %r : (tensor<1x192xf32>) -> tensor<1x192xf32>
      return %y : tensor<1x192xf32>
    }
    ```
  }];
  let options = [
    Option<"reportConflicts", "report-conflicts", "bool", /*default=*/"false",
           "Warn where an inferred type contradicts the current one">,
  ];
  let statistics = [
    Statistic<"numRefined", "num-refined", "Number of result types refined">,
  ];
}

#endif // KILN_PASSES_TD
