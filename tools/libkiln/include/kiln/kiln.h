/*===- kiln.h - The C API of libkiln.so: load and run a model -----*- C -*-===//
 *
 * libkiln.so embeds Kiln in a C or C++ program: load an ONNX model on the
 * interpreter or the JIT, ask for its inputs and outputs, and run it on
 * buffers the caller owns. It is the library the `kiln` tool is built on;
 * a program links it with -lkiln and nothing else.
 *
 *   kiln_model *m;
 *   if (kiln_model_load("net.onnx", NULL, &m) != KILN_STATUS_OK)
 *     fprintf(stderr, "%s\n", kiln_last_error());
 *
 * Every function returns a kiln_status; on failure kiln_last_error() holds
 * the message (the text `kiln` prints after "kiln: error: "), for the
 * calling thread, until its next failing call. Tensors are dense and
 * row-major; element types are the KILN_DTYPE_* numbers of the header an
 * AOT library (`kiln compile -o libNAME.so`) comes with, so that both
 * headers may be included in one file.
 *
 *===----------------------------------------------------------------------===*/
#ifndef KILN_KILN_H
#define KILN_KILN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this interface; kiln_api_version() returns the one the
   library was built with. */
#define KILN_API_VERSION 1

/* Element types: the ONNX TensorProto.DataType numbers, defined exactly as
   an AOT library's header defines them. Bool is one byte holding 0 or 1. */
#define KILN_DTYPE_F32 1
#define KILN_DTYPE_U8 2
#define KILN_DTYPE_I8 3
#define KILN_DTYPE_I32 6
#define KILN_DTYPE_I64 7
#define KILN_DTYPE_BOOL 9
#define KILN_DTYPE_F16 10
#define KILN_DTYPE_F64 11

/* Results of the kiln_* functions. The values an AOT library's KILN_ERR_*
   codes share a meaning with are the same numbers. */
typedef enum kiln_status {
  KILN_STATUS_OK = 0,
  KILN_STATUS_ARGUMENT = 1, /* a null pointer, an index out of range, an
                               unknown option value */
  KILN_STATUS_OPEN = 3,     /* the model file cannot be read */
  KILN_STATUS_NOMEM = 6,    /* out of memory */
  KILN_STATUS_RUNTIME = 7,  /* a run failed (a kernel reported an error) */
  KILN_STATUS_MODEL = 9,    /* the model is invalid or unsupported, or it
                               failed to compile */
  KILN_STATUS_MISMATCH = 10 /* a tensor given to kiln_model_run does not
                               have the model's count, type or shape */
} kiln_status;

/* A loaded model, ready to run. Runs may overlap on several threads (the
   interpreter takes them one at a time). */
typedef struct kiln_model kiln_model;

/* How kiln_model_load prepares a model. Start from kiln_options_init. */
typedef struct kiln_options {
  const char *backend;   /* "jit" (default) or "interp" */
  int32_t threads;       /* threads of a run (jit); 0: all cores */
  int32_t opt_level;     /* -O level 0-3 (jit; default 2) */
  int32_t use_cache;     /* nonzero (default): reuse compiled kernels and
                            whole models from the disk cache (jit) */
  const char *cache_dir; /* NULL (default): $XDG_CACHE_HOME/kiln or
                            ~/.cache/kiln, as for the `kiln` tool */
} kiln_options;

/* One input or output of kiln_model_run. */
typedef struct kiln_tensor {
  const char *name; /* NULL, or the model's name for this position
                       (checked) */
  int32_t dtype;    /* KILN_DTYPE_* */
  int32_t rank;
  const int64_t *dims; /* rank dimensions, outermost first */
  void *data;          /* dense, row-major; for inputs, only read */
  size_t size;         /* bytes at data: at least the element count times
                          the element size */
} kiln_tensor;

/* The interface version the library was built with (KILN_API_VERSION). */
int kiln_api_version(void);

/* Sets *options to the defaults: jit, all cores, -O2, the default cache. */
void kiln_options_init(kiln_options *options);

/* Loads, checks and prepares the ONNX model at path (options NULL: the
   defaults) and stores it in *out, or stores NULL and returns an error. */
kiln_status kiln_model_load(const char *path, const kiln_options *options,
                            kiln_model **out);

/* Releases a model (NULL is ignored). No run may be in progress. */
void kiln_model_free(kiln_model *model);

/* Number of inputs / outputs, in the order kiln_model_run takes them. */
size_t kiln_model_num_inputs(const kiln_model *model);
size_t kiln_model_num_outputs(const kiln_model *model);

/* Input or output i: its name, element type (KILN_DTYPE_*) and rank (-1
   when unknown), and in dims[0, min(rank, max_dims)) its dimensions, -1
   for one known only at run time. Any of name, dtype, rank, dims may be
   NULL. The name lives as long as the model. */
kiln_status kiln_model_input(const kiln_model *model, size_t i,
                             const char **name, int32_t *dtype, int32_t *rank,
                             int64_t *dims, size_t max_dims);
kiln_status kiln_model_output(const kiln_model *model, size_t i,
                              const char **name, int32_t *dtype, int32_t *rank,
                              int64_t *dims, size_t max_dims);

/* Runs the model on inputs[0, n_in) and writes its results into the
   buffers of outputs[0, n_out), one per input and output of the model in
   order, each with the element type and shape the model has (a dimension
   -1 there takes the one given). A mismatch is KILN_STATUS_MISMATCH with a
   message naming the tensor and the shape expected. On the JIT the
   compiled kernels write the output buffers in place; outputs must not
   overlap inputs. */
kiln_status kiln_model_run(kiln_model *model, const kiln_tensor *inputs,
                           size_t n_in, kiln_tensor *outputs, size_t n_out);

/* The message of the calling thread's last failure ("" if none). Valid
   until that thread's next failing kiln_* call. */
const char *kiln_last_error(void);

/* "f32", "i64", ... for a KILN_DTYPE_* value; "?" for another value. */
const char *kiln_dtype_name(int32_t dtype);

#ifdef __cplusplus
}
#endif

#endif /* KILN_KILN_H */
