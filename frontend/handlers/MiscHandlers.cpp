//===- MiscHandlers.cpp - Import of losses, quantization and other ops ----===//
//
// Import handlers for the Misc family. None of these ops ever passed an
// input as an attribute, so every version uses the generic handler; the
// versions are listed so that each since-version that changed the op's form
// (new attributes or types) has its entry, and ops are reported unsupported
// below their first version.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"

namespace kiln::frontend {

void registerMiscHandlers(HandlerTable &t) {
  // Losses. 13: bfloat16 (not in Kiln) and clarified ignore_index.
  for (int v : {12, 13}) {
    t.generic("NegativeLogLikelihoodLoss", v,
              "kiln.negative_log_likelihood_loss", 3);
    t.generic("SoftmaxCrossEntropyLoss", v, "kiln.softmax_cross_entropy_loss",
              3);
  }

  // Quantization. 13: per-axis `axis`; 19: `saturate` and float8 types;
  // 21: `block_size`, QuantizeLinear's `output_dtype`, 4-bit types.
  for (int v : {10, 13, 19, 21}) {
    t.generic("QuantizeLinear", v, "kiln.quantize_linear", 3);
    t.generic("DequantizeLinear", v, "kiln.dequantize_linear", 3);
  }
  t.generic("DynamicQuantizeLinear", 11, "kiln.dynamic_quantize_linear");
  t.generic("MatMulInteger", 10, "kiln.mat_mul_integer", 4);
  t.generic("ConvInteger", 10, "kiln.conv_integer", 4);
  // QLinearMatMul-21: float16 / float8 scales and types.
  for (int v : {10, 21})
    t.generic("QLinearMatMul", v, "kiln.q_linear_mat_mul", 8);
  t.generic("QLinearConv", 10, "kiln.q_linear_conv", 9);

  // Assorted ops. Compress-11: negative axis.
  for (int v : {9, 11})
    t.generic("Compress", v, "kiln.compress");
  t.generic("ReverseSequence", 10, "kiln.reverse_sequence");
  t.generic("Det", 11, "kiln.det");
  t.generic("HannWindow", 17, "kiln.hann_window");
  t.generic("HammingWindow", 17, "kiln.hamming_window");
  t.generic("BlackmanWindow", 17, "kiln.blackman_window");
  // MaxUnpool-11: output_shape semantics clarified.
  for (int v : {9, 11})
    t.generic("MaxUnpool", v, "kiln.max_unpool", 3);
  t.generic("Unique", 11, "kiln.unique");
}

} // namespace kiln::frontend
