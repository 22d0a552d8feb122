/*===- kiln_rt.h - The C API of libkiln-rt.so ---------------------*- C -*-===//
 *
 * libkiln-rt.so is Kiln's runtime library (reference kernels, tensors,
 * control-flow semantics) behind a plain C interface. A library built by
 * `kiln compile` links it only when its plan has reference steps (ops no
 * lowering handles: f16 and 8-bit types, recurrent ops, detection ops,
 * shapes that depend on the data...) or control flow. Its generated driver
 * runs each reference step as one kiln_rt_eval call with the step's shapes
 * (static, or those of earlier dynamic results) and its attributes
 * serialized at compile time (kiln/runtime/AttrBlob.h), and each If, Loop
 * or Scan as one kiln_rt_control_flow call that calls back a generated
 * function per run of a region.
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

/* Version of this interface; kiln_rt_abi_version() returns it. Version 2
   added results whose shape is known only at run time (KILN_RT_DYNAMIC),
   3 kiln_rt_control_flow, 4 sequences and optionals (KILN_RT_VALUE), 5 the
   functions that make, copy and read them (a library's container inputs
   and outputs). */
#define KILN_RT_ABI_VERSION 5

/* kiln_rt_tensor.flags: a result whose shape the kernel decides (NonZero,
   Unique, ... and ops whose shape operands are only known at run time). */
#define KILN_RT_DYNAMIC 1
/* kiln_rt_tensor.flags: a sequence or an optional, not a dense tensor.
   `data` is an opaque value libkiln-rt.so made (rank 0, no shape; dtype
   is its tensors' element type): an operand or region argument passes it
   as it is; a result flagged KILN_RT_DYNAMIC | KILN_RT_VALUE gets a new one
   in `data`, which the caller releases with kiln_rt_release. */
#define KILN_RT_VALUE 2

/* One operand or result of a kernel call: dense, row-major. */
typedef struct kiln_rt_tensor {
  int32_t dtype; /* ONNX TensorProto.DataType (FLOAT = 1, ...);
                    0 (UNDEFINED): an absent optional input, or a
                    result nothing reads (dropped unchecked) */
  int32_t rank;
  const int64_t *shape; /* rank dimensions, outermost first; for a
                           KILN_RT_DYNAMIC result, the dimensions known at
                           compile time and -1 for the others (or NULL) */
  void *data;           /* may be NULL when the tensor is empty; for a
                           KILN_RT_DYNAMIC result, set by kiln_rt_eval */
  int32_t flags;        /* results only: 0 or KILN_RT_DYNAMIC */
  int64_t *dims;        /* KILN_RT_DYNAMIC: rank writable dimensions */
} kiln_rt_tensor;

/* The KILN_RT_ABI_VERSION libkiln-rt.so was built with. */
int kiln_rt_abi_version(void);

/* Releases a value a KILN_RT_VALUE result received, or one the functions
   below made (NULL: nothing). */
void kiln_rt_release(void *value);

/* Kinds of value (kiln_rt_value_kind). */
#define KILN_RT_KIND_TENSOR 0
#define KILN_RT_KIND_SEQUENCE 1
#define KILN_RT_KIND_OPTIONAL 2

/* A new sequence of element type `dtype` holding copies of the n dense
   tensors items[0, n) (each of that element type; flags 0), or NULL with a
   message in err (err_len bytes, NUL-terminated). */
void *kiln_rt_sequence(int32_t dtype, int n, const kiln_rt_tensor *items,
                       char *err, size_t err_len);

/* A new optional of element type `dtype`: empty when `item` is NULL, else
   holding a copy of the dense tensor *item or, with item->flags
   KILN_RT_VALUE, of the sequence item->data. NULL with a message in err on
   a bad item. */
void *kiln_rt_optional(int32_t dtype, const kiln_rt_tensor *item, char *err,
                       size_t err_len);

/* A new deep copy of `value` (NULL when out of memory). */
void *kiln_rt_clone(const void *value);

/* What `value` is: KILN_RT_KIND_SEQUENCE or KILN_RT_KIND_OPTIONAL; its
   element type (ONNX TensorProto.DataType) in *dtype and its number of
   items (an optional's: 0 or 1) in *length, when not NULL; -1 when
   `value` is NULL. */
int kiln_rt_value_kind(const void *value, int32_t *dtype, int64_t *length);

/* Item i of `value` (a sequence's i-th tensor, an optional's content at
   0), described in *item: dtype, rank, shape and data point into the
   value, valid while it lives; a sequence inside an optional has flags
   KILN_RT_VALUE and data pointing to it (read it with these functions;
   never release it). Returns 0, or nonzero when i is out of range or
   `value` is NULL. */
int kiln_rt_value_item(const void *value, int64_t i, kiln_rt_tensor *item);

/* Runs the reference kernel `kiln::ref::eval<kernel>` (kernel is the ONNX
   op type the kiln op models, e.g. "Conv" for kiln.conv) on `in`, with the
   attributes serialized in attrs[0, attrs_len). A result without flags must
   have the dtype and shape of out[i], into whose data it is copied. A
   KILN_RT_DYNAMIC result must have the dtype and rank of out[i] (and the
   dimensions of out[i].shape that are not -1): its shape is written to
   out[i].dims and its data to a buffer from malloc (at least one byte,
   aligned for any element type) stored in out[i].data, which the caller
   releases with free(). Returns 0, or nonzero with a message prefixed by
   `label` (e.g. "kiln.gru (node 'g')") written to err (truncated to err_len
   bytes, NUL-terminated); on failure no buffer is left allocated and every
   KILN_RT_DYNAMIC result's data is NULL. */
int kiln_rt_eval(const char *kernel, const char *label, const void *attrs,
                 size_t attrs_len, int n_in, const kiln_rt_tensor *in,
                 int n_out, kiln_rt_tensor *out, char *err, size_t err_len);

/* One run of region `region` (0: then_branch or body, 1: else_branch) of
   the op kiln_rt_control_flow runs: its block arguments are args[0, n_args)
   (read-only, valid during the call; flags KILN_RT_VALUE for a container);
   it sets yields[0, n_yields) (dtype, rank, shape, data, and flags
   KILN_RT_VALUE for a container; dims unused) to the values its yield hands
   back, which must stay valid until the function is called again or
   kiln_rt_control_flow returns (they are copied at once). Returns 0, or
   nonzero with a message written to err (err_len bytes, NUL-terminated). */
typedef int (*kiln_rt_region_fn)(void *ctx, int region, int n_args,
                                 const kiln_rt_tensor *args, int n_yields,
                                 kiln_rt_tensor *yields, char *err,
                                 size_t err_len);

/* Runs an If, Loop or Scan described by desc[0, desc_len) (written at
   compile time by serializeControlFlow, kiln/runtime/ControlFlow.h) on its
   operands in[0, n_in) (dtype 0: an absent one; the values its regions read
   from outside are not passed: the region function reads them itself),
   calling `region` with `ctx` for each run of a region, and stores the op's
   results into out[0, n_out) as kiln_rt_eval stores a kernel's (static, or
   KILN_RT_DYNAMIC: a scan output whose length depends on the data). Returns
   0, or nonzero with a message prefixed by `label` (or the region's own)
   in err; on failure no buffer is left allocated. */
int kiln_rt_control_flow(const char *label, const void *desc, size_t desc_len,
                         int n_in, const kiln_rt_tensor *in, int n_out,
                         kiln_rt_tensor *out, kiln_rt_region_fn region,
                         void *ctx, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif /* KILN_RUNTIME_KILN_RT_H */
