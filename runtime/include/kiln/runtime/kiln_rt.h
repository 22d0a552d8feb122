/*===- kiln_rt.h - The C API of libkiln-rt.so ---------------------*- C -*-===//
 *
 * libkiln-rt.so is Kiln's runtime library (reference kernels, tensors)
 * behind a plain C interface. A library built by `kiln compile` links it
 * only when its plan has reference steps: ops no lowering handles (f16 and
 * 8-bit types, recurrent ops, detection ops...). Its generated driver runs
 * each such step as one kiln_rt_eval call with the step's static shapes and
 * its attributes serialized at compile time (kiln/runtime/AttrBlob.h).
 *
 * Plain C so that the generated C driver can include it; `kiln compile`
 * embeds this file's text and writes it beside the driver it compiles.
 *
 *===----------------------------------------------------------------------===*/
#ifndef KILN_RUNTIME_KILN_RT_H
#define KILN_RUNTIME_KILN_RT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this interface; kiln_rt_abi_version() returns it. */
#define KILN_RT_ABI_VERSION 1

/* One operand or result of a kernel call: dense, row-major. */
typedef struct kiln_rt_tensor {
  int32_t dtype; /* ONNX TensorProto.DataType (FLOAT = 1, ...);
                    0 (UNDEFINED): an absent optional input, or a
                    result nothing reads (dropped unchecked) */
  int32_t rank;
  const int64_t *shape; /* rank dimensions, outermost first */
  void *data;           /* may be NULL when the tensor is empty */
} kiln_rt_tensor;

/* The KILN_RT_ABI_VERSION libkiln-rt.so was built with. */
int kiln_rt_abi_version(void);

/* Runs the reference kernel `kiln::ref::eval<kernel>` (kernel is the ONNX
   op type the kiln op models, e.g. "Conv" for kiln.conv) on `in`, with the
   attributes serialized in attrs[0, attrs_len). Each result must have the
   dtype and shape of out[i], into whose data it is copied. Returns 0, or
   nonzero with a message prefixed by `label` (e.g. "kiln.gru (node 'g')")
   written to err (truncated to err_len bytes, NUL-terminated). */
int kiln_rt_eval(const char *kernel, const char *label, const void *attrs,
                 size_t attrs_len, int n_in, const kiln_rt_tensor *in,
                 int n_out, const kiln_rt_tensor *out, char *err,
                 size_t err_len);

#ifdef __cplusplus
}
#endif

#endif /* KILN_RUNTIME_KILN_RT_H */
