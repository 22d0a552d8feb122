//===- LayoutOps.td - Blocked activation layout ---------------*- tablegen -*-===//
//
// The channel-blocked activation layout kiln-blocked-layout chooses for
// chains of convolutions (1x1 ones, windowed ones on small planes,
// depthwise ones) and the elementwise ops and
// concats between them. A blocked tensor is an ordinary rank-5 tensor
//
//   NCHWc:  B[n][cb][h][w][i] = X[n][cb * c + i][h][w]     (C % c == 0)
//
// with c the target's vector lanes, so that the 1x1 convolutions broadcast
// one input value per position and channel and load a vector of c output
// channels, and elementwise ops and channel concats need no op of their
// own: elementwise ops run on the rank-5 tensors as they are (a
// per-channel operand is blocked too, C x 1 x 1 to C/c x 1 x 1 x c), and a
// concat of NCHW tensors along C is a concat of their blocked forms along
// axis 1. The layout is explicit: kiln.to_blocked and kiln.from_blocked
// reorder at the borders of a chain, and nothing else changes layout.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LAYOUT_OPS_TD
#define KILN_LAYOUT_OPS_TD

/// Base of the reorders: one tensor in and out, a verifier that relates an
/// NCHW shape to its NCHWc shape.
class Kiln_ReorderOp<string mnemonic, string onnxName>
    : Kiln_Op<mnemonic, onnxName> {
  let results = (outs Kiln_Tensor:$output);
  let hasVerifier = 1;
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Kiln_ToBlockedOp : Kiln_ReorderOp<"to_blocked", "ToBlocked"> {
  let summary = "reorder an NCHW tensor into channel blocks (NCHWc)";
  let description = [{
    `Y[n][cb][h][w][i] = X[n][cb * block + i][h][w]` for an N x C x H x W
    X with C a multiple of `block`; Y is N x C/block x H x W x block.

    ```mlir
    %y = kiln.to_blocked %x {block = 16 : i64} : (tensor<1x32x7x7xf32>) -> tensor<1x2x7x7x16xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, I64Attr:$block);
}

def Kiln_FromBlockedOp : Kiln_ReorderOp<"from_blocked", "FromBlocked"> {
  let summary = "reorder a channel-blocked (NCHWc) tensor back into NCHW";
  let description = [{
    The inverse of kiln.to_blocked: `Y[n][cb * c + i][h][w] =
    X[n][cb][h][w][i]` for an N x C/c x H x W x c X, c its last dim.

    ```mlir
    %y = kiln.from_blocked %x : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x7x7xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input);
}

def Kiln_BlockedGlobalAveragePoolOp
    : Kiln_Op<"blocked_global_average_pool", "BlockedGlobalAveragePool"> {
  let summary = "mean over the positions of a channel-blocked (NCHWc) tensor";
  let description = [{
    `Y[n][cb * c + i][0][0] = mean over h, w of X[n][cb][h][w][i]`: ONNX
    GlobalAveragePool of the NCHW form of an N x C/c x H x W x c X (c its
    last dim), with Y N x C x 1 x 1. On a 1 x 1 plane NCHW and NCHWc hold
    the same order, so the result leaves a chain without a reorder (a
    squeeze-and-excitation's pool of a blocked value).

    ```mlir
    %y = kiln.blocked_global_average_pool %x : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x1x1xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "$X attr-dict `:` functional-type(operands, results)";
}

def Kiln_BlockedConvOp : Kiln_PackedOp<"blocked_conv", "BlockedConv"> {
  let summary = "convolution (group 1) of channel-blocked (NCHWc) tensors";
  let description = [{
    `Y = act(conv(X, weight) + bias + residual)`, Y (N x Cout/c x OH x OW x
    c) in the blocked layout, c = Y's last dim, and X blocked too (N x C/c
    x H x W x c) or NCHW (N x C x H x W, any C). `kernel_shape` [kh, kw],
    `strides` and `pads` [top, left, bottom, right] are packed_conv's
    (dilation 1); they default to a 1x1 convolution at stride 1 without
    pads, per image the matrix product of the positions x C view of X
    with the C x Cout weight. The kernel broadcasts X's values one by one,
    so reading X in either layout costs the same: a chain's first
    convolution reorders its input for free. The weight is packed as
    packed_mat_mul's B with K = kh * kw * C ordered (kh, kw, c), tap-major
    unlike packed_conv's: `W : P x K x nr` panels of nr output channels,
    `W[p][(i * kw + j) * C + ci][o] = weight[p * nr + o][ci][i][j]`, zero
    past Cout, with nr a multiple of c, `out_channels` = Cout a multiple of
    c and `block` = c. `bias` has Cout values; `residual` is blocked like
    Y. The epilogue is packed_conv's.

    ```mlir
    %y = kiln.blocked_conv %x, %w, %b, %none {out_channels = 64 : i64,
        block = 16 : i64, activation = "relu"}
        : (tensor<1x16x14x14x16xf32>, tensor<2x256x32xf32>, tensor<64xf32>, none)
        -> tensor<1x4x14x14x16xf32>
    ```
  }];
  let arguments = !con((ins Kiln_Tensor:$X, Kiln_Tensor:$W,
                            Kiln_OptTensor:$bias, Kiln_OptTensor:$residual,
                            I64Attr:$out_channels, I64Attr:$block),
                       epilogueArgs,
                       (ins DefaultValuedAttr<I64ArrayAttr, "{1, 1}">:$kernel_shape,
                            DefaultValuedAttr<I64ArrayAttr, "{1, 1}">:$strides,
                            DefaultValuedAttr<I64ArrayAttr, "{0, 0, 0, 0}">:$pads));
  let results = (outs Kiln_Tensor:$Y);
  let extraDeclarations = [{
    /// Dilations, always 1 (the kernels read every conv's geometry alike).
    ::mlir::ArrayAttr getDilations() {
      auto one = ::mlir::IntegerAttr::get(
          ::mlir::IntegerType::get(getContext(), 64), 1);
      return ::mlir::ArrayAttr::get(getContext(), {one, one});
    }
    /// Whether the window's tap at the pads' offset, (pt, pl), lies in X
    /// for every output position: pads below the kernel's extent on
    /// either axis (pt + pb < kh, pl + pr < kw). The compiled kernel
    /// starts and ends its sums there (BlockedConvSpatial.cpp).
    /// \p kernelShape and \p pads are arrays of i64 (this op's or a
    /// packed_conv's).
    static bool centerTapCovers(::mlir::ArrayAttr kernelShape,
                                ::mlir::ArrayAttr pads) {
      auto at = [](::mlir::ArrayAttr a, unsigned i) {
        return ::llvm::cast<::mlir::IntegerAttr>(a[i]).getInt();
      };
      return kernelShape.size() == 2 && pads.size() == 4 &&
             at(pads, 0) + at(pads, 2) < at(kernelShape, 0) &&
             at(pads, 1) + at(pads, 3) < at(kernelShape, 1);
    }
  }];
  let verifyBody = [{
    ::mlir::RankedTensorType x, w, y;
    if (!(x = staticF32(getX(), "X")) || !(w = staticF32(getW(), "W")) ||
        !(y = staticF32(getY(), "Y")))
      return ::mlir::failure();
    if ((x.getRank() != 4 && x.getRank() != 5) || y.getRank() != 5)
      return emitOpError("expected X of rank 4 (NCHW) or 5 (NCHWc) and Y of "
                         "rank 5 (NCHWc), found ")
             << x << " and " << y;
    int64_t c = y.getDimSize(4), m = getOutChannels();
    if (static_cast<int64_t>(getBlock()) != c)
      return emitOpError("expected 'block' to be Y's last dim ") << c
             << ", found " << getBlock();
    if (x.getRank() == 5 && x.getDimSize(4) != c)
      return emitOpError("expected X blocked like Y (") << c
             << " channels per block), found " << x;
    int64_t cin = x.getRank() == 5 ? x.getDimSize(1) * c : x.getDimSize(1);
    if (c < 1 || m < 1 || m % c != 0)
      return emitOpError("expected out_channels a positive multiple of the "
                         "block ") << c << ", found " << m;
    auto ints = [](::mlir::ArrayAttr a) {
      ::llvm::SmallVector<int64_t> v;
      for (::mlir::Attribute e : a)
        if (auto i = ::llvm::dyn_cast<::mlir::IntegerAttr>(e))
          v.push_back(i.getInt());
      return v;
    };
    auto ks = ints(getKernelShape()), st = ints(getStrides()),
         pd = ints(getPads());
    if (ks.size() != 2 || st.size() != 2 || pd.size() != 4 ||
        ::llvm::any_of(ks, [](int64_t v) { return v < 1; }) ||
        ::llvm::any_of(st, [](int64_t v) { return v < 1; }) ||
        ::llvm::any_of(pd, [](int64_t v) { return v < 0; }))
      return emitOpError("expected 2 kernel_shape and strides values >= 1 "
                         "and 4 pads >= 0");
    ::llvm::SmallVector<int64_t> expect{x.getDimSize(0), m / c, 0, 0, c};
    for (int i = 0; i < 2; ++i) {
      int64_t in = x.getDimSize(2 + i) + pd[i] + pd[2 + i];
      expect[2 + i] = in >= ks[i] ? (in - ks[i]) / st[i] + 1 : 0;
    }
    cin *= ks[0] * ks[1];
    if (y.getShape() != ::llvm::ArrayRef(expect))
      return emitOpError("expected Y of shape ")
             << ::mlir::RankedTensorType::get(expect, y.getElementType())
             << ", found " << y;
    int64_t nr = w.getRank() == 3 ? w.getDimSize(2) : 0;
    if (w.getRank() != 3 || w.getDimSize(1) != cin || nr < 1 || nr % c != 0 ||
        w.getDimSize(0) != (m + nr - 1) / nr)
      return emitOpError("expected packed W of panels x ") << cin
             << " (kh * kw * C) x nr with nr a multiple of " << c
             << " and ceil(" << m << " / nr) panels, found " << w;
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
    return ::mlir::success();
  }];
}

#endif // KILN_LAYOUT_OPS_TD
