//===- Sequence.h - Recurrent, detection and signal kernels ----*- C++ -*-===//
//
// Kernels of the ONNX ops that walk sequences or sample geometry: the
// recurrent layers (RNN, GRU, LSTM), non-maximum suppression, grid sampling
// and RoI alignment, and the discrete Fourier transforms (DFT, STFT). Each
// follows the newest ONNX definition of its op up to opset 21.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_SEQUENCE_H
#define KILN_RUNTIME_KERNELS_SEQUENCE_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

/// Y, Y_h = the Elman recurrence H_t = f(X_t W^T + H_{t-1} R^T + Wb + Rb)
/// over X (seq x batch x input, or batch-major with layout = 1), forward,
/// reverse or bidirectional, with optional sequence_lens and initial_h.
Status evalRNN(KernelContext &ctx);
/// Y, Y_h = the gated recurrent unit (gates z, r, h in W, R and B), with
/// linear_before_reset choosing where the reset gate applies.
Status evalGRU(KernelContext &ctx);
/// Y, Y_h, Y_c = the long short-term memory (gates i, o, f, c in W, R and B),
/// with optional peepholes P (i, o, f), initial_c and input_forget coupling.
Status evalLSTM(KernelContext &ctx);
/// selected_indices (num_selected x 3 of batch, class, box) = greedy
/// non-maximum suppression per batch and class by descending score, with
/// boxes as corners or centers (center_point_box).
Status evalNonMaxSuppression(KernelContext &ctx);
/// Y (N x C x O1 x ... x Or) = X (N x C x D1 x ... x Dr) sampled at the
/// normalized coordinates of Grid (N x O1 x ... x Or x r) by nearest, linear
/// or cubic interpolation with zeros, border or reflection padding.
Status evalGridSample(KernelContext &ctx);
/// Y (num_rois x C x output_height x output_width) = the average or maximum
/// of bilinear samples of X's feature map of batch_indices[r] over each bin
/// of each region of interest in rois (x1, y1, x2, y2).
Status evalRoiAlign(KernelContext &ctx);
/// output = the discrete Fourier transform (or its inverse) of a real or
/// complex signal along one axis, zero-padded or truncated to dft_length,
/// keeping the first floor(n/2)+1 bins when onesided.
Status evalDFT(KernelContext &ctx);
/// output (batch x frames x bins x 2) = the DFT of each frame of signal,
/// frames frame_step apart, each multiplied by window.
Status evalSTFT(KernelContext &ctx);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_SEQUENCE_H
