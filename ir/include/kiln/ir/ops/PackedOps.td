//===- PackedOps.td - Ops over pre-packed weights -------------*- tablegen -*-===//
//
// Ops that kiln-pack-weights creates from MatMul, Gemm and Conv when the
// weight is a constant: the weight operand is re-laid out at compile time
// into the panels the compiled backend's register-blocked micro-kernel
// streams through, and kiln-fuse-epilogue folds a following bias add,
// residual add and activation into the op's attributes and operands so the
// epilogue runs while the output tile is still in registers.
//
// None of these is an ONNX op; their reference kernels (runtime/kernels/
// Packed.cpp) are plain loops over the packed layout, so the interpreter
// runs a packed graph exactly as it runs the original one.
//
// The fused epilogue, shared by all three ops, is
//
//   Y = act(acc + bias + residual)
//
// with `bias` broadcast along the output channels and `residual` of Y's
// shape, both optional, and `act` chosen by the `activation` attribute:
// absent (identity), "relu" (x > 0 ? x : 0), "clip" (min(max(x, lo), hi) with
// `clip_min` / `clip_max`, each optional) or "leaky_relu" (x >= 0 ? x :
// alpha * x with `alpha`, default 0.01).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_PACKED_OPS_TD
#define KILN_PACKED_OPS_TD

/// Base of the packed ops: the epilogue attributes, and a verifier whose
/// body each op gives in `verifyBody` (C++ with `*this` the op).
class Kiln_PackedOp<string mnemonic, string onnxName, list<Trait> traits = []>
    : Kiln_Op<mnemonic, onnxName, traits> {
  code verifyBody = [{ return ::mlir::success(); }];
  /// Declarations an op adds to the class's (extraClassDeclaration).
  code extraDeclarations = [{}];
  dag epilogueArgs = (ins OptionalAttr<StrAttr>:$activation,
                      OptionalAttr<F32Attr>:$clip_min,
                      OptionalAttr<F32Attr>:$clip_max,
                      OptionalAttr<F32Attr>:$alpha);
  let hasVerifier = 1;
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
  let extraClassDeclaration = [{
    /// The activation of the fused epilogue ("" when there is none).
    ::llvm::StringRef getActivationName() {
      auto a = getActivationAttr();
      return a ? a.getValue() : ::llvm::StringRef();
    }
  }] # extraDeclarations;
  let extraClassDefinition = [{
    ::kiln::Status $cppClass::evaluate(::kiln::KernelContext &ctx) {
      return ::kiln::ref::eval}] # onnxName # [{(ctx);
    }
    ::llvm::StringRef $cppClass::getOnnxName() { return "}] # onnxName # [{"; }
    ::mlir::LogicalResult $cppClass::verify() {
      ::mlir::Operation *op = getOperation();
      ::llvm::StringRef act = getActivationName();
      if (!act.empty() && act != "relu" && act != "clip" && act != "leaky_relu")
        return emitOpError("expected 'activation' to be relu, clip or "
                           "leaky_relu, found '") << act << "'";
      auto staticF32 = [&](::mlir::Value v, ::llvm::StringRef what)
          -> ::mlir::RankedTensorType {
        auto t = ::llvm::dyn_cast<::mlir::RankedTensorType>(v.getType());
        if (!t || !t.hasStaticShape() || !t.getElementType().isF32()) {
          emitOpError("expected ") << what
              << " to be a statically shaped f32 tensor, found " << v.getType();
          return {};
        }
        return t;
      };
      (void)op;
      (void)staticF32;
  }] # verifyBody # [{
    }
  }];
}

def Kiln_PackedMatMulOp
    : Kiln_PackedOp<"packed_mat_mul", "PackedMatMul"> {
  let summary = "matrix product with a pre-packed constant right-hand side";
  let description = [{
    `Y = act(A x B + bias + residual)` where B (K x N) was packed into
    `W : P x K x nr` panels: `W[p][k][j] = B[k][p * nr + j]`, zero where
    `p * nr + j >= N`, with `P = ceil(N / nr)`. The panel width `nr` is the
    micro-kernel's vector tile width. A is `... x M x K` (its leading dims
    and M are one flattened row index, as ONNX MatMul with a 2-D B) or a
    vector of K; Y is `... x M x N` (or N). `bias` has N elements; Gemm's
    `alpha` and `beta * C` are folded into W and bias by the packing pass.

    ```mlir
    %y = kiln.packed_mat_mul %a, %w, %bias, %none {columns = 5 : i64,
        activation = "relu"}
        : (tensor<4x10xf32>, tensor<1x10x16xf32>, tensor<5xf32>, none)
        -> tensor<4x5xf32>
    ```
  }];
  let arguments = !con((ins Kiln_Tensor:$A, Kiln_Tensor:$W,
                            Kiln_OptTensor:$bias, Kiln_OptTensor:$residual,
                            I64Attr:$columns),
                       epilogueArgs);
  let results = (outs Kiln_Tensor:$Y);
  let verifyBody = [{
    ::mlir::RankedTensorType a, w, y;
    if (!(a = staticF32(getA(), "A")) || !(w = staticF32(getW(), "W")) ||
        !(y = staticF32(getY(), "Y")))
      return ::mlir::failure();
    if (w.getRank() != 3)
      return emitOpError("expected packed W of rank 3 (panels x K x nr), "
                         "found ") << w;
    int64_t k = a.getShape().back();
    if (w.getDimSize(1) != k)
      return emitOpError("expected packed W with K = ") << k
             << " (the last dim of A), found " << w;
    ::llvm::SmallVector<int64_t> expect(a.getShape());
    int64_t nr = w.getDimSize(2), n = getColumns();
    expect.back() = n;
    if (y.getRank() != a.getRank() || y.getShape() != ::llvm::ArrayRef(expect))
      return emitOpError("expected Y of shape ")
             << ::mlir::RankedTensorType::get(expect, y.getElementType())
             << " (A's shape with N in place of K), found " << y;
    if (nr < 1 || w.getDimSize(0) != (n + nr - 1) / nr)
      return emitOpError("expected ") << (n + nr - 1) / std::max<int64_t>(nr, 1)
             << " panels of width " << nr << " for N = " << n << ", found "
             << w;
    if (!::llvm::isa<::mlir::NoneType>(getBias().getType())) {
      auto b = staticF32(getBias(), "bias");
      if (!b)
        return ::mlir::failure();
      if (b.getRank() != 1 || b.getDimSize(0) != n)
        return emitOpError("expected bias of shape ") << n << ", found " << b;
    }
    if (!::llvm::isa<::mlir::NoneType>(getResidual().getType()) &&
        getResidual().getType() != getY().getType())
      return emitOpError("expected residual of type ") << getY().getType()
             << ", found " << getResidual().getType();
    return ::mlir::success();
  }];
}

def Kiln_PackedConvOp
    : Kiln_PackedOp<"packed_conv", "PackedConv"> {
  let summary = "2-D convolution (group 1) with pre-packed constant weights";
  let description = [{
    `Y = act(conv(P(X), W) + bias + residual)` over NCHW tensors, computed as
    the matrix product `W (Cout x K) x col(X) (K x OH*OW)` per image, with
    `K = C * kh * kw` ordered (c, kh, kw) like ONNX's weight. The weight
    (Cout x C x kh x kw) was packed into `W : P x K x mr` panels of `mr`
    output channels: `W[p][k][i] = weight[p * mr + i][k]`, zero past Cout,
    `P = ceil(Cout / mr)`; `out_channels` is Cout. Geometry is explicit:
    `kernel_shape` [kh, kw], `strides`, `dilations` and `pads` [top, left,
    bottom, right] (auto_pad resolved by the packing pass).

    `P` is the optional prologue kiln-fuse-conv-prologue folds in, applied
    to X as it is packed: with no `prologue` operands P(X) = X; with
    `prologue` = (scale) or (scale, shift), P(X)[n][c] =
    in_act(X[n][c] * scale[n][c] + shift[n][c]), where scale and shift are
    per channel (shape C x 1 x 1 or N' x C x 1 x 1 with N' = 1 or N) and
    `in_activation` is absent (identity) or "relu". A prologue needs pads of
    0 (so that every packed value is one of X's).

    ```mlir
    %y = kiln.packed_conv %x, %w, %b, %none {out_channels = 64 : i64,
        kernel_shape = [3, 3],
        strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1],
        activation = "relu"}
        : (tensor<1x64x56x56xf32>, tensor<11x576x6xf32>, tensor<64xf32>, none)
        -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = !con((ins Kiln_Tensor:$X, Kiln_Tensor:$W,
                            Kiln_OptTensor:$bias, Kiln_OptTensor:$residual,
                            Variadic<Kiln_Tensor>:$prologue,
                            I64Attr:$out_channels,
                            I64ArrayAttr:$kernel_shape, I64ArrayAttr:$strides,
                            I64ArrayAttr:$pads, I64ArrayAttr:$dilations,
                            OptionalAttr<StrAttr>:$in_activation),
                       epilogueArgs);
  let results = (outs Kiln_Tensor:$Y);
  let verifyBody = [{
    ::mlir::RankedTensorType x, w, y;
    if (!(x = staticF32(getX(), "X")) || !(w = staticF32(getW(), "W")) ||
        !(y = staticF32(getY(), "Y")))
      return ::mlir::failure();
    if (x.getRank() != 4 || y.getRank() != 4)
      return emitOpError("expected X and Y of rank 4 (NCHW), found ")
             << x << " and " << y;
    auto ints = [](::mlir::ArrayAttr a) {
      ::llvm::SmallVector<int64_t> v;
      for (::mlir::Attribute e : a)
        v.push_back(::llvm::cast<::mlir::IntegerAttr>(e).getInt());
      return v;
    };
    auto ks = ints(getKernelShape()), st = ints(getStrides()),
         pd = ints(getPads()), dl = ints(getDilations());
    if (ks.size() != 2 || st.size() != 2 || dl.size() != 2 || pd.size() != 4)
      return emitOpError("expected 2 kernel_shape, strides and dilations "
                         "values and 4 pads");
    for (int64_t v : ks)
      if (v < 1)
        return emitOpError("expected kernel_shape values >= 1");
    for (auto *vs : {&st, &dl})
      for (int64_t v : *vs)
        if (v < 1)
          return emitOpError("expected strides and dilations >= 1");
    for (int64_t v : pd)
      if (v < 0)
        return emitOpError("expected pads >= 0");
    int64_t k = x.getDimSize(1) * ks[0] * ks[1];
    if (w.getRank() != 3 || w.getDimSize(1) != k)
      return emitOpError("expected packed W of shape panels x ") << k
             << " x mr (K = C * kh * kw), found " << w;
    int64_t m = getOutChannels(), mr = w.getDimSize(2);
    if (y.getDimSize(1) != m)
      return emitOpError("expected Y with ") << m
             << " channels (out_channels), found " << y;
    if (mr < 1 || w.getDimSize(0) != (m + mr - 1) / mr)
      return emitOpError("expected ") << (m + mr - 1) / std::max<int64_t>(mr, 1)
             << " panels of " << mr << " channels for " << m
             << " output channels, found " << w;
    for (int i = 0; i < 2; ++i) {
      int64_t in = x.getDimSize(2 + i) + pd[i] + pd[2 + i];
      int64_t span = (ks[i] - 1) * dl[i] + 1;
      int64_t out = in >= span ? (in - span) / st[i] + 1 : 0;
      if (y.getDimSize(2 + i) != out)
        return emitOpError("expected spatial dim ") << i << " of Y to be "
               << out << ", found " << y;
    }
    if (y.getDimSize(0) != x.getDimSize(0))
      return emitOpError("expected Y's batch to be ") << x.getDimSize(0)
             << ", found " << y;
    if (!::llvm::isa<::mlir::NoneType>(getBias().getType())) {
      auto b = staticF32(getBias(), "bias");
      if (!b)
        return ::mlir::failure();
      if (b.getRank() != 1 || b.getDimSize(0) != m)
        return emitOpError("expected bias of shape ") << m << ", found " << b;
    }
    if (!::llvm::isa<::mlir::NoneType>(getResidual().getType()) &&
        getResidual().getType() != getY().getType())
      return emitOpError("expected residual of type ") << getY().getType()
             << ", found " << getResidual().getType();
    if (getPrologue().size() > 2)
      return emitOpError("expected at most 2 prologue operands (scale, "
                         "shift), found ") << getPrologue().size();
    if (getInActivation() && *getInActivation() != "relu")
      return emitOpError("expected 'in_activation' to be relu, found '")
             << *getInActivation() << "'";
    if (getInActivation() && getPrologue().empty())
      return emitOpError("expected prologue operands with 'in_activation'");
    for (::mlir::Value v : getPrologue()) {
      auto t = staticF32(v, "a prologue operand");
      if (!t)
        return ::mlir::failure();
      auto d = t.getShape();
      int64_t r = t.getRank();
      bool perChannel = (r == 3 || r == 4) && d[r - 1] == 1 &&
                        d[r - 2] == 1 && d[r - 3] == x.getDimSize(1) &&
                        (r == 3 || d[0] == 1 || d[0] == x.getDimSize(0));
      if (!perChannel)
        return emitOpError("expected prologue operands of shape ")
               << x.getDimSize(1) << "x1x1 or Nx" << x.getDimSize(1)
               << "x1x1 (N = 1 or X's batch), found " << t;
    }
    if (!getPrologue().empty())
      for (int64_t v : pd)
        if (v != 0)
          return emitOpError("expected pads of 0 with a prologue");
    return ::mlir::success();
  }];
}

def Kiln_DepthwiseConvOp
    : Kiln_PackedOp<"depthwise_conv", "DepthwiseConv"> {
  let summary = "2-D depthwise convolution (one filter per channel)";
  let description = [{
    `Y[n][c] = act(X[n][c] * W[c][0] + bias[c])`: an ONNX Conv with
    `group` = C = Cout over NCHW tensors, or over NCHWc tensors (rank 5,
    LayoutOps.td) in a kiln-blocked-layout chain, kept in ONNX's weight
    layout (C x 1 x kh x kw) with explicit geometry like kiln.packed_conv. The
    compiled kernel holds a channel's kh * kw weights in registers and
    vectorizes along the output width.

    ```mlir
    %y = kiln.depthwise_conv %x, %w, %b {kernel_shape = [3, 3],
        strides = [2, 2], pads = [1, 1, 1, 1], dilations = [1, 1],
        activation = "clip", clip_min = 0.0 : f32, clip_max = 6.0 : f32}
        : (tensor<1x96x112x112xf32>, tensor<96x1x3x3xf32>, tensor<96xf32>)
        -> tensor<1x96x56x56xf32>
    ```
  }];
  let arguments = !con((ins Kiln_Tensor:$X, Kiln_Tensor:$W,
                            Kiln_OptTensor:$bias,
                            I64ArrayAttr:$kernel_shape, I64ArrayAttr:$strides,
                            I64ArrayAttr:$pads, I64ArrayAttr:$dilations),
                       epilogueArgs);
  let results = (outs Kiln_Tensor:$Y);
  let verifyBody = [{
    ::mlir::RankedTensorType x, w, y;
    if (!(x = staticF32(getX(), "X")) || !(w = staticF32(getW(), "W")) ||
        !(y = staticF32(getY(), "Y")))
      return ::mlir::failure();
    bool blocked = x.getRank() == 5 && y.getRank() == 5 &&
                   x.getDimSize(4) == y.getDimSize(4);
    if (!blocked && (x.getRank() != 4 || y.getRank() != 4))
      return emitOpError("expected X and Y of rank 4 (NCHW) or both of rank "
                         "5 (NCHWc, one block size), found ")
             << x << " and " << y;
    int64_t perBlock = blocked ? x.getDimSize(4) : 1;
    auto ints = [](::mlir::ArrayAttr a) {
      ::llvm::SmallVector<int64_t> v;
      for (::mlir::Attribute e : a)
        v.push_back(::llvm::cast<::mlir::IntegerAttr>(e).getInt());
      return v;
    };
    auto ks = ints(getKernelShape()), st = ints(getStrides()),
         pd = ints(getPads()), dl = ints(getDilations());
    if (ks.size() != 2 || st.size() != 2 || dl.size() != 2 || pd.size() != 4)
      return emitOpError("expected 2 kernel_shape, strides and dilations "
                         "values and 4 pads");
    for (int64_t v : ks)
      if (v < 1)
        return emitOpError("expected kernel_shape values >= 1");
    for (auto *vs : {&st, &dl})
      for (int64_t v : *vs)
        if (v < 1)
          return emitOpError("expected strides and dilations >= 1");
    for (int64_t v : pd)
      if (v < 0)
        return emitOpError("expected pads >= 0");
    int64_t c = x.getDimSize(1) * perBlock;
    if (w.getRank() != 4 || w.getDimSize(0) != c || w.getDimSize(1) != 1 ||
        w.getDimSize(2) != ks[0] || w.getDimSize(3) != ks[1])
      return emitOpError("expected W of shape ") << c << "x1x" << ks[0] << "x"
             << ks[1] << ", found " << w;
    if (y.getDimSize(0) != x.getDimSize(0) ||
        y.getDimSize(1) * perBlock != c)
      return emitOpError("expected Y with the batch and channels of X, found ")
             << y;
    for (int i = 0; i < 2; ++i) {
      int64_t in = x.getDimSize(2 + i) + pd[i] + pd[2 + i];
      int64_t span = (ks[i] - 1) * dl[i] + 1;
      int64_t out = in >= span ? (in - span) / st[i] + 1 : 0;
      if (y.getDimSize(2 + i) != out)
        return emitOpError("expected spatial dim ") << i << " of Y to be "
               << out << ", found " << y;
    }
    if (!::llvm::isa<::mlir::NoneType>(getBias().getType())) {
      auto b = staticF32(getBias(), "bias");
      if (!b)
        return ::mlir::failure();
      if (b.getRank() != 1 || b.getDimSize(0) != c)
        return emitOpError("expected bias of shape ") << c << ", found " << b;
    }
    return ::mlir::success();
  }];
}

def Kiln_WinogradConvOp
    : Kiln_PackedOp<"winograd_conv", "WinogradConv"> {
  let summary = "3x3 stride-1 convolution with Winograd-transformed weights";
  let description = [{
    `Y = act(conv(X, weight) + bias + residual)` for a 3x3 convolution with
    strides and dilations 1 and group 1 over NCHW tensors, computed by
    Winograd's F(m x m, 3 x 3) (kiln/runtime/Winograd.h; `tile` is m, 2 or
    4, and a = m + 2): per m x m output tile and output channel o,
    `A^T [sum_c U[.][o][c] .* (B^T d_c B)] A` with d_c the a x a input tile
    of channel c (zeros outside X). kiln-winograd made `U : P x a^2 x C x mr`
    from the weight (Cout x C x 3 x 3): `U[p][e][c][i]` is element e of
    `G weight[p * mr + i][c] G^T`, zero past Cout (the kernel runs a
    panel's a^2 GEMMs one after another: each panel is one contiguous
    stream); `out_channels` is Cout and `pads` [top, left, bottom, right]
    as kiln.packed_conv's. The result equals the direct convolution's up to
    the rounding the transforms amplify (Winograd.h bounds it).

    ```mlir
    %y = kiln.winograd_conv %x, %u, %b, %none {out_channels = 64 : i64,
        pads = [1, 1, 1, 1], tile = 4 : i64, activation = "relu"}
        : (tensor<1x64x56x56xf32>, tensor<8x36x64x8xf32>, tensor<64xf32>,
           none) -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = !con((ins Kiln_Tensor:$X, Kiln_Tensor:$W,
                            Kiln_OptTensor:$bias, Kiln_OptTensor:$residual,
                            I64Attr:$out_channels, I64ArrayAttr:$pads,
                            I64Attr:$tile),
                       epilogueArgs);
  let results = (outs Kiln_Tensor:$Y);
  let verifyBody = [{
    ::mlir::RankedTensorType x, w, y;
    if (!(x = staticF32(getX(), "X")) || !(w = staticF32(getW(), "W")) ||
        !(y = staticF32(getY(), "Y")))
      return ::mlir::failure();
    if (x.getRank() != 4 || y.getRank() != 4)
      return emitOpError("expected X and Y of rank 4 (NCHW), found ")
             << x << " and " << y;
    int64_t m = getTile(), a = m + 2;
    if (m != 2 && m != 4)
      return emitOpError("expected tile 2 or 4, found ") << m;
    ::llvm::SmallVector<int64_t> pd;
    for (::mlir::Attribute e : getPads())
      pd.push_back(::llvm::cast<::mlir::IntegerAttr>(e).getInt());
    if (pd.size() != 4)
      return emitOpError("expected 4 pads, found ") << pd.size();
    for (int64_t v : pd)
      if (v < 0 || v > 2)
        return emitOpError("expected pads in [0, 2], found ") << v;
    int64_t cout = getOutChannels();
    int64_t mr = w.getRank() == 4 ? w.getDimSize(3) : 0;
    if (w.getRank() != 4 || w.getDimSize(1) != a * a || mr < 1 ||
        w.getDimSize(0) != (cout + mr - 1) / mr ||
        w.getDimSize(2) != x.getDimSize(1))
      return emitOpError("expected W of shape panels x ") << a * a << " x "
             << x.getDimSize(1) << " x mr for " << cout
             << " output channels, found " << w;
    for (int i = 0; i < 2; ++i) {
      int64_t out = x.getDimSize(2 + i) + pd[i] + pd[2 + i] - 2;
      if (out < 1 || y.getDimSize(2 + i) != out)
        return emitOpError("expected spatial dim ") << i << " of Y to be "
               << out << " (>= 1), found " << y;
    }
    if (y.getDimSize(0) != x.getDimSize(0) || y.getDimSize(1) != cout)
      return emitOpError("expected Y of ") << x.getDimSize(0) << " images of "
             << cout << " channels, found " << y;
    if (!::llvm::isa<::mlir::NoneType>(getBias().getType())) {
      auto b = staticF32(getBias(), "bias");
      if (!b)
        return ::mlir::failure();
      if (b.getRank() != 1 || b.getDimSize(0) != cout)
        return emitOpError("expected bias of shape ") << cout << ", found "
               << b;
    }
    if (!::llvm::isa<::mlir::NoneType>(getResidual().getType()) &&
        getResidual().getType() != getY().getType())
      return emitOpError("expected residual of type ") << getY().getType()
             << ", found " << getResidual().getType();
    return ::mlir::success();
  }];
}

#endif // KILN_PACKED_OPS_TD
