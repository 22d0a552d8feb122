//===- Passes.td - Kiln graph passes --------------------------*- tablegen -*-===//
//
// Every pass of the graph pipeline: name `kiln-<verb>-<noun>`, a summary, and
// a description with the IR before and after.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_PASSES_TD
#define KILN_PASSES_TD

include "mlir/Pass/PassBase.td"

def RelaxDataDependentShapes
    : Pass<"kiln-relax-data-dependent-shapes", "mlir::ModuleOp"> {
  let summary = "Make result dims that depend on runtime operand values dynamic";
  let description = [{
    Ops with the KilnDataDependentShape trait (NonZero, Unique, Compress,
    TopK, Range, ConstantOfShape, Reshape, Expand, Tile, Slice, Pad,
    OneHot, Resize, Split, Squeeze/Unsqueeze and Reduce* with an axes
    operand...) have result shapes that depend on operand values. With
    non-constant operands their static types are only what the model
    declared (ONNX test models declare the shapes of their test data), and
    the compiled backend sizes its buffers and loops by them. Walking each
    function in order, every such op, and every op using a value whose type
    this pass could not prove, has its result types recomputed from scratch
    through ShapeInferenceOpInterface: dims the rule cannot prove become `?` (the
    declared rank is kept when the rule proves none; ops without a rule get
    every dim `?`). A recomputed type that is not fully static (or changed)
    sends its users through the same recomputation; a proven static type
    ends the chain. The function's result types follow the returned values.
    Graph inputs, constants and ops outside these chains keep their types,
    and so does an op whose shape operands are constants.

    Before:

    ```mlir
    func.func @f(%x: tensor<2x3xf32>) -> tensor<2x3xi64> {
      %n = kiln.non_zero %x : (tensor<2x3xf32>) -> tensor<2x3xi64>
      %s = kiln.shape %n : (tensor<2x3xi64>) -> tensor<2xi64>
      %y = kiln.neg %n : (tensor<2x3xi64>) -> tensor<2x3xi64>
      return %y : tensor<2x3xi64>
    }
    ```

    After:

    ```mlir
    func.func @f(%x: tensor<2x3xf32>) -> tensor<2x?xi64> {
      %n = kiln.non_zero %x : (tensor<2x3xf32>) -> tensor<2x?xi64>
      %s = kiln.shape %n : (tensor<2x?xi64>) -> tensor<2xi64>
      %y = kiln.neg %n : (tensor<2x?xi64>) -> tensor<2x?xi64>
      return %y : tensor<2x?xi64>
    }
    ```
  }];
  let statistics = [
    Statistic<"numRelaxed", "num-relaxed",
              "Number of result types replaced by the proven ones">,
  ];
}

def FoldConstants : Pass<"kiln-fold-constants", "mlir::ModuleOp"> {
  let summary = "Evaluate ops on constants and static shape queries";
  let description = [{
    Walks each function body once, in program order. Each op first has its
    result types refined as kiln-infer-shapes would; then an op is replaced
    by `kiln.constant`s of its results when its reference kernel can
    compute them at compile time:

    - `kiln.shape` and `kiln.size` of a statically shaped value (Shape's
      start and end respected);
    - any op free of memory effects whose operands are all `kiln.constant`
      or `kiln.none`, except the packed ops (their operands are weights).

    The kernel is the interpreter's, so folding cannot change a result. A
    kernel error leaves the op in place, and so do results holding more
    than `max-elements` elements in all and more than the op's constant
    operands (a weight may be transposed or cast, a small shape may not be
    expanded into a large tensor). A folded constant has the kernel's
    result shape, which may refine a dynamic type; its users are refined
    when the walk reaches them, so a chain folds in one run. Ops and
    constants left without uses are erased.

    Before:

    ```mlir
    func.func @f(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
      %s = kiln.shape %x : (tensor<2x3x4xf32>) -> tensor<3xi64>
      %i = kiln.constant dense<0> : tensor<1xi64>
      %d = kiln.gather %s, %i : (tensor<3xi64>, tensor<1xi64>) -> tensor<1xi64>
      %m = kiln.constant dense<-1> : tensor<1xi64>
      %t = kiln.concat %d, %m {axis = 0 : i64}
          : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
      %r = kiln.reshape %x, %t : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<*xf32>
      return %r : tensor<*xf32>
    }
    ```

    After:

    ```mlir
    func.func @f(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
      %t = kiln.constant dense<[2, -1]> : tensor<2xi64>
      %r = kiln.reshape %x, %t : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
      return %r : tensor<2x12xf32>
    }
    ```
  }];
  let options = [
    Option<"maxElements", "max-elements", "int64_t", /*default=*/"65536",
           "Fold an op only when its results hold at most this many "
           "elements in all, or no more than its constant operands">,
  ];
  let statistics = [
    Statistic<"numFolded", "num-folded", "Number of ops folded">,
    Statistic<"numRefined", "num-refined", "Number of result types refined">,
    Statistic<"numErased", "num-erased", "Number of dead ops erased">,
  ];
}

def InferShapes : Pass<"kiln-infer-shapes", "mlir::ModuleOp"> {
  let summary = "Refine result types from operand shapes and constant operands";
  let description = [{
    Walks each function body in order and asks every op that implements
    ShapeInferenceOpInterface for its result types. A result type is
    replaced only when the inferred one is strictly more precise and
    compatible (unranked -> ranked, `?` -> static); element types never
    change. The function's result types are then set to those of the
    returned values. Functions that are called are left alone, since their
    signature would change under their callers. A Loop body's carried
    argument declared less precisely than the loop's initial value takes
    that value's type when the body, inferred on a copy of the loop with
    it, yields values of that type again (so every iteration's value has
    it); the carried result too.

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

def PackWeights : Pass<"kiln-pack-weights", "mlir::ModuleOp"> {
  let summary = "Pack constant Conv/MatMul/Gemm weights into micro-kernel panels";
  let description = [{
    Rewrites f32 ops whose weight is a constant into ops over that weight
    packed at compile time into the panels the compiled backend's
    register-blocked micro-kernel streams through (ir/.../PackedOps.td):

    - `kiln.conv`, 2-D, group 1 -> `kiln.packed_conv`, weight packed into
      `ceil(Cout / mr) x K x mr` panels of output channels (K = C * kh * kw);
      auto_pad, default strides, dilations and pads made explicit;
    - `kiln.conv`, 2-D, group = C = Cout -> `kiln.depthwise_conv`, weight kept;
    - `kiln.mat_mul` with a constant 2-D right-hand side, and `kiln.gemm`
      (transA = 0) with a constant B -> `kiln.packed_mat_mul`, B packed into
      `ceil(N / nr) x K x nr` column panels; transB, alpha and beta * C
      folded (a C of N elements becomes the bias, an M x N C with beta = 1
      the residual).

    Before:

    ```mlir
    %w = kiln.constant dense<...> : tensor<10x5xf32>
    %y = kiln.mat_mul %a, %w : (tensor<4x10xf32>, tensor<10x5xf32>) -> tensor<4x5xf32>
    ```

    After (panel-width = 16):

    ```mlir
    %p = kiln.constant dense<...> : tensor<1x10x16xf32>
    %none = kiln.none
    %y = kiln.packed_mat_mul %a, %p, %none, %none {columns = 5 : i64}
        : (tensor<4x10xf32>, tensor<1x10x16xf32>, none, none) -> tensor<4x5xf32>
    ```
  }];
  let options = [
    Option<"panelWidth", "panel-width", "int64_t", /*default=*/"16",
           "Column panel width nr of packed_mat_mul weights (the vector "
           "tile width of the micro-kernel)">,
    Option<"convPanelHeight", "conv-panel-height", "int64_t", /*default=*/"6",
           "Output channels mr per panel of packed_conv weights (the "
           "broadcast side of the micro-kernel)">,
    Option<"narrowPanelHeight", "narrow-panel-height", "int64_t",
           /*default=*/"0",
           "Output channels per panel instead, when the output plane ends "
           "in a partial vector of at most a third of them (0: never); "
           "the direct kernel computes those positions one vector per "
           "position over the panel's channels">,
    Option<"vectorLanes", "vector-lanes", "int64_t", /*default=*/"8",
           "f32 lanes of the target's vectors (narrow-panel-height's "
           "partial vector)">,
  ];
  let statistics = [
    Statistic<"numPacked", "num-packed", "Number of ops rewritten">,
  ];
}

def FuseEpilogue : Pass<"kiln-fuse-epilogue", "mlir::ModuleOp"> {
  let summary = "Fold bias, residual add, BatchNorm and activation into packed ops";
  let description = [{
    Folds the single user of a `kiln.packed_conv`, `kiln.packed_mat_mul` or
    `kiln.depthwise_conv` result into the op, repeatedly, so the compiled
    kernel applies it while the output tile is in registers:

    - `add(y, c)`, c a constant per output channel (or a scalar)
      -> bias += c                                (before any activation)
    - `add(y, r)`, r of y's type -> residual = r  (packed ops, once)
    - `batch_normalization(y)` with constant statistics -> weights scaled
      per output channel, bias = (bias - mean) * s + B, s = scale / sqrt(var
      + eps)                                      (no residual, no activation)
    - `relu`, `clip` with constant (or absent) bounds, `leaky_relu`
      -> the `activation` attribute               (once)

    Before:

    ```mlir
    %y = kiln.packed_conv %x, %w, %none, %none {...} : (...) -> tensor<1x8x4x4xf32>
    %b = kiln.constant dense<...> : tensor<8x1x1xf32>
    %z = kiln.add %y, %b : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> tensor<1x8x4x4xf32>
    %s = kiln.add %z, %skip : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    %r = kiln.relu %s : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    ```

    After:

    ```mlir
    %bias = kiln.constant dense<...> : tensor<8xf32>
    %r = kiln.packed_conv %x, %w, %bias, %skip {activation = "relu", ...}
        : (...) -> tensor<1x8x4x4xf32>
    ```
  }];
  let statistics = [
    Statistic<"numFused", "num-fused", "Number of ops folded into an epilogue">,
  ];
}

def FuseLayerNorm : Pass<"kiln-fuse-layer-norm", "mlir::ModuleOp"> {
  let summary = "Rewrite a decomposed layer or RMS normalization as one op";
  let description = [{
    Exporters that predate ONNX's LayerNormalization (opset 17; PyTorch's
    exports at lower opsets, BERT and ViT among them) write it as nine ops:

    ```
    mean = ReduceMean(x, axes)        d = x - mean
    var  = ReduceMean(d ^ 2, axes)    y = d / sqrt(var + eps)
    y    = y * Scale + B              (the affine map is optional)
    ```

    Run one by one that is two reductions on one thread and three passes
    over the tensor; as `kiln.layer_normalization` it is one kernel reading
    each row three times while it is in cache, split by rows over the
    threads. The form must be exact: the axes are the trailing dims
    [axis, rank) with keepdims, `d ^ 2` is `Pow(d, 2)` or `Mul(d, d)`, eps a
    one-element constant, Scale and B constants with 1s in every dim before
    the axis, every op static f32, and no op outside the chain reads any of
    its intermediates. Without `* Scale` the op gets a Scale of one 1.0.

    The RMS normalization of LLaMA, T5 and `torch.nn.RMSNorm` exports
    becomes `kiln.rms_normalization` (the same row kernel, without the
    mean) on the same terms:

    ```
    ms = ReduceMean(x ^ 2, axes)    r = sqrt(ms + eps)
    y  = x / r  or  x * (1 / r)  or  x * Reciprocal(r)    y = y * Scale
    ```

    its Scale folded only when it has one value or one per element of a
    row (the compiled kernel's forms; otherwise the Mul stays after it).

    Before:

    ```mlir
    %m = kiln.reduce_mean %x, %axes : (tensor<2x8xf32>, tensor<1xi64>) -> tensor<2x1xf32>
    %d = kiln.sub %x, %m : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
    %p = kiln.pow %d, %two : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
    %v = kiln.reduce_mean %p, %axes : (tensor<2x8xf32>, tensor<1xi64>) -> tensor<2x1xf32>
    %e = kiln.add %v, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
    %s = kiln.sqrt %e : (tensor<2x1xf32>) -> tensor<2x1xf32>
    %n = kiln.div %d, %s : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
    %g = kiln.mul %n, %scale : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
    %y = kiln.add %g, %bias : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
    ```

    After:

    ```mlir
    %y = kiln.layer_normalization %x, %scale, %bias {axis = 1 : i64, epsilon = 9.99999974E-6 : f32}
        : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
    ```
  }];
  let statistics = [
    Statistic<"numFused", "num-fused", "Number of layer and RMS norms rewritten">,
  ];
}

def FoldTranspose : Pass<"kiln-fold-transpose", "mlir::ModuleOp"> {
  let summary = "Read Transposes through in the matrix products they feed";
  let description = [{
    A MatMul of two activations whose operand is a Transpose (`q @ k.T` in
    an attention kiln-fuse-attention did not take, `x.transpose(1, 2) @ y`,
    a head split of a projection) would copy that operand first. When the
    Transpose is static f32 and the MatMul its only user, the pair becomes
    `kiln.transposed_mat_mul` of the Transpose's input with its perm
    (`a_perm`, `b_perm`), and the compiled kernel reads through the strides:
    A's elements are broadcast one by one (any strides), B is read in place
    when its last dim stays last and packed a panel at a time otherwise (K
    at most 1536 then: the panel is on the kernel's stack; a longer one
    keeps its Transpose).
    Both operands static f32 of rank >= 2 (a 1-D operand keeps the MatMul),
    and B not a constant: a product with constant weights is
    kiln-pack-weights' (its A is read plainly, so a Transpose of A stays;
    Transposes of constants were folded already).

    Before:

    ```mlir
    %kt = kiln.transpose %k {perm = [0, 2, 1]} : (tensor<2x7x3xf32>) -> tensor<2x3x7xf32>
    %y = kiln.mat_mul %q, %kt : (tensor<2x5x3xf32>, tensor<2x3x7xf32>) -> tensor<2x5x7xf32>
    ```

    After:

    ```mlir
    %y = kiln.transposed_mat_mul %q, %k {b_perm = [0, 2, 1]}
        : (tensor<2x5x3xf32>, tensor<2x7x3xf32>) -> tensor<2x5x7xf32>
    ```
  }];
  let statistics = [
    Statistic<"numFolded", "num-folded", "Number of MatMuls reading through a Transpose">,
  ];
}

def FuseAttention : Pass<"kiln-fuse-attention", "mlir::ModuleOp"> {
  let summary = "Rewrite scaled dot-product attention as one op";
  let description = [{
    The attention of transformer exports (BERT, ViT, PyTorch's
    `matmul(softmax(q @ k.T / sqrt(d) + mask), v)`) is five ops whose
    intermediates, the scores S and probabilities P, are batch x heads x M x
    N each, written out and read back twice:

    ```
    S = MatMul(Q, KT)    S = S / c  or  S * c  (optional, c a one-element constant)
    S = S + mask (optional, either operand order; the mask broadcasts into S)
    P = Softmax(S, axis = -1)    Y = MatMul(P, V)
    ```

    Without a scale of S, a single-use Div or Mul of Q or of KT by a
    one-element constant (ViT's export divides Q by sqrt(d) after its head
    split) is taken as the scale instead: (Q / c) x KT = (Q x KT) / c up to
    rounding, and the transpose that Q or KT then is folds as below.

    As `kiln.fused_attention` the compiled kernel computes a block of S's
    rows on the GEMM micro-kernel, normalizes it and multiplies it by V while
    it is in cache, one work item per block of rows of each head (per head
    when it packs a strided K or V, below); where a block of whole rows
    would not fit its stack buffer, it takes the keys a block at a time
    with a running maximum and sum per row (online softmax). A
    single-use Transpose of Q, KT or V before the chain (a head split of a
    `[batch, seq, heads, dim]` projection) and a Transpose that is the only
    user of the result (the head merge) fold into the op as `q_perm`,
    `kt_perm`, `v_perm` and `y_perm`, the kernel reading and writing through
    them; V's and the result's only when they keep the last dim last. The form
    must be exact: every op static f32, Q, KT and V of rank >= 2, the
    Softmax over the last dim, V's batch dims broadcasting into S's, no op
    outside the chain reading S, P or a scaled or masked S. The
    reference kernel rounds as the five ops do, so the interpreter gives the
    same bits before and after, except where the scale was Q's or KT's: it
    then scales the scores, the same bits only when the factor is a power
    of two (ViT-B's 8 = sqrt(64)), otherwise within a rounding per score.

    Before:

    ```mlir
    %s = kiln.mat_mul %q, %kt : (tensor<2x5x3xf32>, tensor<2x3x7xf32>) -> tensor<2x5x7xf32>
    %d = kiln.div %s, %c : (tensor<2x5x7xf32>, tensor<f32>) -> tensor<2x5x7xf32>
    %a = kiln.add %d, %mask : (tensor<2x5x7xf32>, tensor<2x1x7xf32>) -> tensor<2x5x7xf32>
    %p = kiln.softmax %a {axis = -1 : i64} : (tensor<2x5x7xf32>) -> tensor<2x5x7xf32>
    %y = kiln.mat_mul %p, %v : (tensor<2x5x7xf32>, tensor<2x7x4xf32>) -> tensor<2x5x4xf32>
    ```

    After:

    ```mlir
    %y = kiln.fused_attention %q, %kt, %v, %mask {divisor = 1.7320508 : f32}
        : (tensor<2x5x3xf32>, tensor<2x3x7xf32>, tensor<2x7x4xf32>, tensor<2x1x7xf32>)
        -> tensor<2x5x4xf32>
    ```
  }];
  let statistics = [
    Statistic<"numFused", "num-fused", "Number of attention chains rewritten">,
  ];
}

def SplitSlicedMatMul : Pass<"kiln-split-sliced-mat-mul", "mlir::ModuleOp"> {
  let summary = "One packed_mat_mul per Slice of the columns of one";
  let description = [{
    A fused input projection (PyTorch's MultiheadAttention, as ViT exports
    it: one MatMul of the three weights, then a Slice each of Q, K and V
    along the last dim) computes its columns into one buffer that the
    Slices then copy apart. When every reader of a `kiln.packed_mat_mul`
    without residual is such a Slice (constant bounds, step 1, static
    result) that starts at a panel boundary and no two take a column, the
    product becomes one packed_mat_mul per Slice, over that Slice's panels
    of the weights and its part of the bias, with the same epilogue
    (elementwise, so it commutes with the slicing). Each writes the Slice's
    result directly; the columns no Slice takes are not computed.

    Before (panels of 16 columns):

    ```mlir
    %y = kiln.packed_mat_mul %a, %w, %bias, %none {columns = 48 : i64}
        : (tensor<9x8xf32>, tensor<3x8x16xf32>, tensor<48xf32>, none) -> tensor<9x48xf32>
    %q = kiln.slice %y, %c0, %c16, %axis, %none : (...) -> tensor<9x16xf32>
    ```

    After:

    ```mlir
    %q = kiln.packed_mat_mul %a, %w_cols0, %bias_cols0, %none {columns = 16 : i64}
        : (tensor<9x8xf32>, tensor<1x8x16xf32>, tensor<16xf32>, none) -> tensor<9x16xf32>
    ```
  }];
  let statistics = [
    Statistic<"numSplit", "num-split", "Number of products split">,
  ];
}

def DecomposeBatchNorm : Pass<"kiln-decompose-batchnorm", "mlir::ModuleOp"> {
  let summary = "Rewrite a BatchNormalization no kernel absorbed into a multiply-add";
  let description = [{
    A `kiln.batch_normalization` with constant statistics that
    kiln-fuse-epilogue could not fold into a convolution (one after a
    Concat, a pool or an input, as in DenseNet's pre-activation blocks) is
    a per-channel affine map. It becomes

    ```
    Y = X * s + t,  s = scale / sqrt(var + eps),  t = B - mean * s
    ```

    with `s` and `t` constants of shape C x 1 x ... x 1 (broadcast along
    dim 1), so that kiln-fuse-elementwise can fuse it with the activation
    after it into one pass over the tensor. The values differ from the
    reference formula by rounding only (s and t are computed in double).
    Only f32 inputs of static shape, in inference mode.

    Before:

    ```mlir
    %y = kiln.batch_normalization %x, %scale, %b, %mean, %var {epsilon = 1.0e-05 : f32}
        : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
           tensor<3xf32>) -> tensor<1x3x8x8xf32>
    ```

    After:

    ```mlir
    %s = kiln.constant dense<...> : tensor<3x1x1xf32>
    %m = kiln.mul %x, %s : (tensor<1x3x8x8xf32>, tensor<3x1x1xf32>) -> tensor<1x3x8x8xf32>
    %t = kiln.constant dense<...> : tensor<3x1x1xf32>
    %y = kiln.add %m, %t : (tensor<1x3x8x8xf32>, tensor<3x1x1xf32>) -> tensor<1x3x8x8xf32>
    ```
  }];
  let statistics = [
    Statistic<"numDecomposed", "num-decomposed",
              "Number of BatchNormalization ops rewritten">,
  ];
}

def FuseConvPrologue : Pass<"kiln-fuse-conv-prologue", "mlir::ModuleOp"> {
  let summary = "Fold a per-channel scale, shift and relu into the packed convolution that reads them";
  let description = [{
    A `kiln.packed_conv` with pads of 0 whose X is
    `relu?(x * s (+ t)?)`, where `s` and `t` are per channel (shape C x 1 x
    1, 1 x C x 1 x 1 or N x C x 1 x 1; constants or computed, like a
    squeeze-and-excitation scale) and each op of the chain has the conv as
    its only user, reads `x` instead and applies the chain while it packs X
    (the `prologue` operands and `in_activation` of PackedOps.td). The
    chain's pass over the tensor and its kernel go: DenseNet's
    pre-activation BatchNorm and Relu before every 1x1 conv (after
    kiln-decompose-batchnorm) and the SE block's scale before the
    projection conv of MobileNetV3 and EfficientNet. Runs after
    kiln-decompose-batchnorm and before kiln-fuse-elementwise.

    Before:

    ```mlir
    %m = kiln.mul %x, %s : (tensor<1x8x7x7xf32>, tensor<8x1x1xf32>) -> tensor<1x8x7x7xf32>
    %a = kiln.add %m, %t : (tensor<1x8x7x7xf32>, tensor<8x1x1xf32>) -> tensor<1x8x7x7xf32>
    %r = kiln.relu %a : (tensor<1x8x7x7xf32>) -> tensor<1x8x7x7xf32>
    %y = kiln.packed_conv %r, %w, %b, %none {...} : ...
    ```

    After:

    ```mlir
    %y = kiln.packed_conv %x, %w, %b, %none, %s, %t {in_activation = "relu", ...} : ...
    ```
  }];
  let statistics = [
    Statistic<"numFused", "num-fused",
              "Number of convolutions that took a prologue">,
  ];
}

def ConvToMatMul : Pass<"kiln-conv-to-mat-mul", "mlir::ModuleOp"> {
  let summary = "Run 1x1 convolutions of a one-position plane as matrix products";
  let description = [{
    Rewrites a `kiln.packed_conv` with a 1x1 kernel, no pads, no prologue
    and a 1x1 input plane (N x C x 1 x 1: the squeeze-and-excitation
    convolutions after a global pool) into a `kiln.packed_mat_mul` of the
    N x C view of its input, re-packing the weights into the GEMM's column
    panels, and viewing the N x Cout product as N x Cout x 1 x 1. The
    epilogue (bias, residual, activation) carries over. The convolution's
    kernel vectorizes over output positions and would use one lane of each
    vector; the matrix product vectorizes over output channels. Runs after
    kiln-fuse-epilogue, which fuses the epilogue into the packed conv, and
    before kiln-fuse-conv-prologue.

    Before:

    ```mlir
    %y = kiln.packed_conv %x, %w, %b, %none {out_channels = 24 : i64,
        kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
        dilations = [1, 1], activation = "relu"}
        : (tensor<1x96x1x1xf32>, tensor<4x96x6xf32>, tensor<24xf32>, none)
        -> tensor<1x24x1x1xf32>
    ```

    After (panel-width = 32):

    ```mlir
    %a = kiln.flatten %x {axis = 1 : i64} : (tensor<1x96x1x1xf32>) -> tensor<1x96xf32>
    %m = kiln.packed_mat_mul %a, %w2, %b, %none {columns = 24 : i64,
        activation = "relu"} : ... -> tensor<1x24xf32>
    %y = kiln.reshape %m, %shape : (tensor<1x24xf32>, tensor<4xi64>) -> tensor<1x24x1x1xf32>
    ```
  }];
  let options = [
    Option<"panelWidth", "panel-width", "int64_t", /*default=*/"16",
           "Column panel width of the packed_mat_mul weights (as "
           "kiln-pack-weights')">,
  ];
  let statistics = [
    Statistic<"numRewritten", "num-rewritten",
              "Number of convolutions rewritten">,
  ];
}

def Winograd : Pass<"kiln-winograd", "mlir::ModuleOp"> {
  let summary = "Compute 3x3 stride-1 packed convolutions by Winograd's algorithm";
  let description = [{
    Rewrites a `kiln.packed_conv` with a 3x3 kernel, strides and dilations
    1, pads of at most 2 and no prologue into a `kiln.winograd_conv` whose
    weights are transformed and packed at compile time, when a cost model
    of the target's vector width and cache says F(4 x 4, 3 x 3) or
    F(2 x 2, 3 x 3) beats the direct kernel (PackedOps.td; the transforms
    and their error bound are in kiln/runtime/Winograd.h). The epilogue
    (bias, residual, activation) carries over. Runs after the epilogue and
    prologue folds, which rescale or extend packed_conv, and before
    kiln-fuse-elementwise, which fuses what follows into either op.

    Before:

    ```mlir
    %y = kiln.packed_conv %x, %w, %b, %none {out_channels = 64 : i64,
        kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1],
        dilations = [1, 1], activation = "relu"} : ...
    ```

    After:

    ```mlir
    %y = kiln.winograd_conv %x, %u, %b, %none {out_channels = 64 : i64,
        pads = [1, 1, 1, 1], tile = 4 : i64, activation = "relu"} : ...
    ```
  }];
  let options = [
    Option<"vectorLanes", "vector-lanes", "int64_t", /*default=*/"8",
           "f32 lanes of the target's vectors (16 registers below 16 lanes, "
           "32 from 16)">,
    Option<"cacheBytes", "cache-bytes", "int64_t", /*default=*/"1048576",
           "The target's L2 cache per core, in bytes">,
  ];
  let statistics = [
    Statistic<"numRewritten", "num-rewritten",
              "Number of convolutions rewritten">,
  ];
}

def BlockedLayout : Pass<"kiln-blocked-layout", "mlir::ModuleOp"> {
  let summary = "Run chains of convolutions in the channel-blocked NCHWc layout";
  let description = [{
    Chooses the blocked layout NCHWc (LayoutOps.td; c = the target's vector
    lanes) for whole chains of ops, decided once: packed 1x1 convolutions
    at stride 1 without pads or prologue become `kiln.blocked_conv`, and so
    do other packed convolutions (windows, strides, pads; dilation 1) of
    whole channel blocks between planes that are not whole 64-byte lines
    (7x7, 14x14: the NCHW kernel wastes vector lanes there and packs its
    input), whose pads leave the window's tap at their offset inside the
    input; the depthwise convolutions (stride 1 or 2), elementwise ops and
    channel concats between them run on the rank-5 blocked tensors. Only chains with a convolution change. Values from
    outside a chain enter through one `kiln.to_blocked` each (per-channel
    operands through a free reshape), results read outside leave through
    one `kiln.from_blocked` each, except into global average pools, which
    become `kiln.blocked_global_average_pool` (their N x C x 1 x 1 result
    is the same in both layouts: a squeeze-and-excitation costs no
    reorder). The convolutions' weights are re-packed
    into the GEMM's panels of `panel-width` output channels. Needs channel
    counts that are multiples of c. Runs after the folds that rewrite
    packed_conv (epilogue, prologue, Winograd, batch split) and before
    kiln-fuse-elementwise, which fuses the blocked elementwise ops.

    Before (vector-lanes = 16):

    ```mlir
    %y = kiln.packed_conv %x, %w, %b, %none {out_channels = 32 : i64,
        kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
        dilations = [1, 1], activation = "relu"}
        : (tensor<1x16x7x7xf32>, tensor<3x16x12xf32>, tensor<32xf32>, none)
        -> tensor<1x32x7x7xf32>
    ```

    After:

    ```mlir
    %bx = kiln.to_blocked %x {block = 16 : i64}
        : (tensor<1x16x7x7xf32>) -> tensor<1x1x7x7x16xf32>
    %by = kiln.blocked_conv %bx, %w2, %b, %none {out_channels = 32 : i64,
        activation = "relu"}
        : (tensor<1x1x7x7x16xf32>, tensor<1x16x32xf32>, tensor<32xf32>, none)
        -> tensor<1x2x7x7x16xf32>
    %y = kiln.from_blocked %by : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x7x7xf32>
    ```
  }];
  let options = [
    Option<"vectorLanes", "vector-lanes", "int64_t", /*default=*/"8",
           "f32 lanes of the target's vectors: the channel block c">,
    Option<"panelWidth", "panel-width", "int64_t", /*default=*/"16",
           "Output channels per weight panel (as kiln-pack-weights' "
           "panel-width), a multiple of vector-lanes">,
  ];
  let statistics = [
    Statistic<"numConvs", "num-convs", "Number of convolutions blocked">,
    Statistic<"numPools", "num-pools",
              "Number of global average pools reading a blocked value">,
    Statistic<"numReorders", "num-reorders",
              "Number of reorders at the borders of the chains">,
  ];
}

def SplitBatch : Pass<"kiln-split-batch", "mlir::ModuleOp"> {
  let summary = "Run the large early layers of a batched model a part of the batch at a time";
  let description = [{
    At batch N, a convolutional net's early layers have activations of
    many megabytes: each op writes its result to memory and the next op
    reads it back, where one image's result would have stayed in the cache
    (MobileNetV2 at batch 8: its layers at 28x28 and above took 1.3-3x as
    long per image as at batch 1). This pass finds runs of consecutive ops
    whose batch items are independent (`BatchItemsOpInterface`, or the
    `Kiln_Elementwise` trait by broadcasting), all with the same batch,
    and within each run the contiguous ops of largest total gain: an op
    whose largest activation (an item operand or a result, whole batch)
    exceeds twice the L2 cache gains those bytes (memory traffic a part
    keeps in the cache), and every op loses the bytes of its other operands
    (weights) times the parts but one (read again by each part); so
    ResNet-50's weight-heavy last stage stays whole. Those ops are cloned
    once per part of the batch, in order (part 0's ops, then
    part 1's...), each part's item operands from outside the run sliced
    along dim 0 (`kiln.slice`), and the results read after the run joined
    again (`kiln.concat` along dim 0, which the JIT computes in place: each
    part writes its slice). A part holds as many items as keep the largest
    activation per part within twice the L2 (at least 1), and there are at
    most `max-parts` parts. Runs before kiln-fuse-elementwise, which fuses
    each part's elementwise ops on their own. Every op made for a part,
    its slices included, carries `kiln.items`; the JIT runs alike parts
    side by side on its threads by it.

    Before (cache-bytes = 1 MiB):

    ```mlir
    %y = kiln.packed_conv %x, %w, %b, %none {...}
        : (tensor<2x16x112x112xf32>, ...) -> tensor<2x96x112x112xf32>
    %z = kiln.depthwise_conv %y, %dw, %db {...}
        : (tensor<2x96x112x112xf32>, ...) -> tensor<2x96x56x56xf32>
    ```

    After:

    ```mlir
    %x0 = kiln.slice %x, %c0, %c1, %c0, %none : ... -> tensor<1x16x112x112xf32>
    %y0 = kiln.packed_conv %x0, %w, %b, %none {...} : ... -> tensor<1x96x112x112xf32>
    %z0 = kiln.depthwise_conv %y0, %dw, %db {...} : ... -> tensor<1x96x56x56xf32>
    %x1 = kiln.slice %x, %c1, %c2, %c0, %none : ... -> tensor<1x16x112x112xf32>
    %y1 = kiln.packed_conv %x1, %w, %b, %none {...} : ... -> tensor<1x96x112x112xf32>
    %z1 = kiln.depthwise_conv %y1, %dw, %db {...} : ... -> tensor<1x96x56x56xf32>
    %z = kiln.concat %z0, %z1 {axis = 0 : i64} : ... -> tensor<2x96x56x56xf32>
    ```
  }];
  let options = [
    Option<"cacheBytes", "cache-bytes", "int64_t", /*default=*/"1048576",
           "The target's L2 cache per core, in bytes">,
    Option<"maxParts", "max-parts", "int64_t", /*default=*/"16",
           "Most parts a run is split into">,
  ];
  let statistics = [
    Statistic<"numRuns", "num-runs", "Number of runs split">,
    Statistic<"numOps", "num-ops", "Number of ops split">,
  ];
}

def FuseElementwise : Pass<"kiln-fuse-elementwise", "mlir::ModuleOp"> {
  let summary = "Group elementwise chains into one kernel each";
  let description = [{
    Marks groups of ops the compiled backend turns into one kernel, with the
    attribute `kiln.fusion_group = N` on every member (groups of one are
    not marked). The attribute is a schedule, not a semantics: the
    interpreter ignores it, and the backend runs members one by one when
    it cannot fuse them. Two kinds of groups:

    - *epilogue*: a `kiln.packed_conv`, `kiln.blocked_conv`,
      `kiln.packed_mat_mul`, `kiln.depthwise_conv` or `kiln.winograd_conv`
      followed by elementwise ops of its result type
      that read only its result, each other's results and single-element
      constants (SiLU's sigmoid and mul, GELU, HardSwish, Sigmoid...): the
      chain runs on the output tile in registers, and only the last value
      leaves the group;
    - *pointwise*: elementwise ops of one result shape (any broadcasting
      operands from outside): one loop nest computing every member, storing
      only the values used outside the group.

    An op joins the group of one of its operands' producers when the result
    shapes agree and no op outside the group that reads a group value comes
    before it (the group runs where its last member is, so everything it
    reads is ready and every outside reader runs after it).

    Before:

    ```mlir
    %y = kiln.packed_conv %x, %w, %b, %none {...} : (...) -> tensor<1x8x4x4xf32>
    %s = kiln.sigmoid %y : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    %z = kiln.mul %y, %s : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    ```

    After:

    ```mlir
    %y = kiln.packed_conv %x, %w, %b, %none {kiln.fusion_group = 0 : i64, ...} : ...
    %s = kiln.sigmoid %y {kiln.fusion_group = 0 : i64} : ...
    %z = kiln.mul %y, %s {kiln.fusion_group = 0 : i64} : ...
    ```
  }];
  let statistics = [
    Statistic<"numGroups", "num-groups", "Number of groups of two or more ops">,
    Statistic<"numGrouped", "num-grouped", "Number of ops in those groups">,
  ];
}

def TestPerturb : Pass<"kiln-test-perturb", "mlir::ModuleOp"> {
  let summary = "Test only: deliberately break the graph (add 1 to one weight)";
  let description = [{
    A pass that is wrong on purpose, for the tests of `kiln compare
    --bisect`: never in the pipeline, it runs only where a test asks for it
    (`kiln compare --test-broken-pass-after=NAME`, hidden; the
    `testBrokenPassAfter` field of the CPU backend's options) or in
    kiln-opt. It finds the first op, in program order, that is an Add, a
    Mul, a Conv, a MatMul, a Gemm or one of the packed ops, with an f32
    constant operand holding at least one element, and gives that use a
    new constant with 1 added to every element. The constant's other users
    keep the original. A weight off by one everywhere changes the outputs
    far beyond any tolerance the comparisons use.

    Before:

    ```mlir
    %c = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %y = kiln.add %x, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    ```

    After:

    ```mlir
    %p = kiln.constant dense<[2.0, 3.0]> : tensor<2xf32>
    %y = kiln.add %x, %p : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    ```
  }];
  let statistics = [
    Statistic<"numPerturbed", "num-perturbed", "Number of constants perturbed">,
  ];
}

#endif // KILN_PASSES_TD
