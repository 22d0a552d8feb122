/* run_model.c - load an ONNX model with Kiln's C API (kiln/kiln.h) and run
   it once.

   The program loads MODEL on the JIT (or the interpreter), prints every
   input and output with its type and shape, fills the inputs with seeded
   pseudo-random data (floats in [-1, 1), integers in [0, 10), bools 0 or
   1), runs the model into buffers it allocated itself and prints each
   output's shape with its min, max and mean in the form `kiln run` prints
   them. Inputs with a dynamic dimension are refused (they have no shape to
   make data for).

     run_model MODEL [--backend jit|interp] [--threads N] [--seed S]
               [--save DIR]

   --save writes DIR/inputs/<name>.npy and DIR/outputs/<name>.npy, so the
   same run can be repeated with `kiln run --input NAME=FILE.npy` and the
   outputs compared. Built against an installed Kiln by CMakeLists.txt
   (find_package(Kiln)), or with `cc run_model.c $(pkg-config --cflags
   --libs kiln)`. */
#include <kiln/kiln.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A tensor of the program's own, described as kiln_model_run takes it. */
typedef struct buffer {
  const char *name;
  int32_t dtype, rank;
  int64_t dims[16];
  int64_t count;
  kiln_tensor tensor;
} buffer;

static size_t dtype_size(int32_t dtype) {
  switch (dtype) {
  case KILN_DTYPE_F64:
  case KILN_DTYPE_I64:
    return 8;
  case KILN_DTYPE_F32:
  case KILN_DTYPE_I32:
    return 4;
  case KILN_DTYPE_F16:
    return 2;
  default:
    return 1;
  }
}

/* splitmix64: a small, seedable generator. */
static uint64_t next_random(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static void fill(buffer *b, uint64_t seed) {
  uint64_t state = seed;
  for (int64_t k = 0; k < b->count; ++k) {
    uint64_t r = next_random(&state);
    double x = (double)(r >> 11) / 9007199254740992.0 * 2.0 - 1.0;
    void *p = b->tensor.data;
    switch (b->dtype) {
    case KILN_DTYPE_F32:
      ((float *)p)[k] = (float)x;
      break;
    case KILN_DTYPE_F64:
      ((double *)p)[k] = x;
      break;
    case KILN_DTYPE_I64:
      ((int64_t *)p)[k] = (int64_t)(r % 10);
      break;
    case KILN_DTYPE_I32:
      ((int32_t *)p)[k] = (int32_t)(r % 10);
      break;
    case KILN_DTYPE_I8:
      ((int8_t *)p)[k] = (int8_t)(r % 10);
      break;
    case KILN_DTYPE_U8:
      ((uint8_t *)p)[k] = (uint8_t)(r % 10);
      break;
    case KILN_DTYPE_BOOL:
      ((uint8_t *)p)[k] = (uint8_t)(r & 1);
      break;
    default: /* f16: zeros */
      memset(p, 0, b->tensor.size);
      return;
    }
  }
}

static double element(const buffer *b, int64_t k) {
  const void *p = b->tensor.data;
  switch (b->dtype) {
  case KILN_DTYPE_F32:
    return ((const float *)p)[k];
  case KILN_DTYPE_F64:
    return ((const double *)p)[k];
  case KILN_DTYPE_I64:
    return (double)((const int64_t *)p)[k];
  case KILN_DTYPE_I32:
    return ((const int32_t *)p)[k];
  case KILN_DTYPE_I8:
    return ((const int8_t *)p)[k];
  case KILN_DTYPE_U8:
  case KILN_DTYPE_BOOL:
    return ((const uint8_t *)p)[k];
  default:
    return NAN;
  }
}

/* "1x8x16x16", "?" for a dynamic dimension, "scalar" for rank 0. */
static void print_shape(int32_t rank, const int64_t *dims) {
  if (rank == 0)
    printf("scalar");
  for (int32_t d = 0; d < rank; ++d) {
    if (dims[d] < 0)
      printf("%s?", d ? "x" : "");
    else
      printf("%s%lld", d ? "x" : "", (long long)dims[d]);
  }
}

/* The numpy descr of a dtype, or NULL. */
static const char *npy_descr(int32_t dtype) {
  switch (dtype) {
  case KILN_DTYPE_F32:
    return "<f4";
  case KILN_DTYPE_F64:
    return "<f8";
  case KILN_DTYPE_I64:
    return "<i8";
  case KILN_DTYPE_I32:
    return "<i4";
  case KILN_DTYPE_I8:
    return "|i1";
  case KILN_DTYPE_U8:
    return "|u1";
  case KILN_DTYPE_BOOL:
    return "|b1";
  default:
    return NULL;
  }
}

/* Writes dir/<name>.npy (format 1.0), odd characters of the name replaced
   as `kiln run --output-dir` replaces them. */
static int save_npy(const char *dir, const buffer *b) {
  char path[4096], header[512], dims[512] = "";
  const char *descr = npy_descr(b->dtype);
  size_t n = strlen(dir);
  if (!descr || n + strlen(b->name) + 6 > sizeof path)
    return -1;
  snprintf(path, sizeof path, "%s/%s.npy", dir, b->name);
  for (char *c = path + n + 1; *c && strcmp(c, ".npy") != 0; ++c)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
          (*c >= '0' && *c <= '9') || *c == '_' || *c == '-' || *c == '.'))
      *c = '_';
  for (int32_t d = 0; d < b->rank; ++d)
    snprintf(dims + strlen(dims), sizeof dims - strlen(dims), "%lld,%s",
             (long long)b->dims[d], d + 1 < b->rank ? " " : "");
  int len = snprintf(header, sizeof header,
                     "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }",
                     descr, dims);
  while ((10 + len + 1) % 64 != 0) /* data at a multiple of 64 bytes */
    header[len++] = ' ';
  header[len++] = '\n';
  FILE *f = fopen(path, "wb");
  if (!f)
    return -1;
  unsigned char magic[10] = {0x93,
                             'N',
                             'U',
                             'M',
                             'P',
                             'Y',
                             1,
                             0,
                             (unsigned char)(len & 0xff),
                             (unsigned char)(len >> 8)};
  int ok = fwrite(magic, 1, 10, f) == 10 &&
           fwrite(header, 1, (size_t)len, f) == (size_t)len &&
           fwrite(b->tensor.data, 1, b->tensor.size, f) == b->tensor.size;
  return fclose(f) == 0 && ok ? 0 : -1;
}

/* Describes input or output i of the model into b and allocates its data;
   0, or -1 with a message printed. */
static int prepare(const kiln_model *model, int output, size_t i, buffer *b) {
  kiln_status s = output ? kiln_model_output(model, i, &b->name, &b->dtype,
                                             &b->rank, b->dims, 16)
                         : kiln_model_input(model, i, &b->name, &b->dtype,
                                            &b->rank, b->dims, 16);
  if (s != KILN_STATUS_OK) {
    fprintf(stderr, "run_model: %s\n", kiln_last_error());
    return -1;
  }
  printf("%s  %s  ", output ? "output" : "input ", b->name);
  print_shape(b->rank, b->dims);
  printf(" %s\n", kiln_dtype_name(b->dtype));
  b->count = 1;
  for (int32_t d = 0; d < b->rank; ++d)
    b->count *= b->dims[d];
  if (b->rank < 0 || b->rank > 16 || b->count < 0) {
    fprintf(stderr, "run_model: %s '%s' has no fixed shape\n",
            output ? "output" : "input", b->name);
    return -1;
  }
  b->tensor.name = b->name;
  b->tensor.dtype = b->dtype;
  b->tensor.rank = b->rank;
  b->tensor.dims = b->dims;
  b->tensor.size = (size_t)b->count * dtype_size(b->dtype);
  b->tensor.data = malloc(b->tensor.size ? b->tensor.size : 1);
  return b->tensor.data ? 0 : -1;
}

int main(int argc, char **argv) {
  const char *path = NULL, *save = NULL;
  uint64_t seed = 0;
  kiln_options options;
  kiln_options_init(&options);
  for (int a = 1; a < argc; ++a) {
    if (!strcmp(argv[a], "--backend") && a + 1 < argc)
      options.backend = argv[++a];
    else if (!strcmp(argv[a], "--threads") && a + 1 < argc)
      options.threads = atoi(argv[++a]);
    else if (!strcmp(argv[a], "--seed") && a + 1 < argc)
      seed = strtoull(argv[++a], NULL, 10);
    else if (!strcmp(argv[a], "--save") && a + 1 < argc)
      save = argv[++a];
    else if (argv[a][0] != '-' && !path)
      path = argv[a];
    else {
      fprintf(stderr, "usage: run_model MODEL [--backend jit|interp] "
                      "[--threads N] [--seed S] [--save DIR]\n");
      return 2;
    }
  }
  if (!path) {
    fprintf(stderr, "run_model: no model given\n");
    return 2;
  }

  kiln_model *model;
  if (kiln_model_load(path, &options, &model) != KILN_STATUS_OK) {
    fprintf(stderr, "run_model: %s\n", kiln_last_error());
    return 1;
  }
  size_t n_in = kiln_model_num_inputs(model);
  size_t n_out = kiln_model_num_outputs(model);
  buffer *in = calloc(n_in + 1, sizeof(buffer));
  buffer *out = calloc(n_out + 1, sizeof(buffer));
  kiln_tensor *in_t = calloc(n_in + 1, sizeof(kiln_tensor));
  kiln_tensor *out_t = calloc(n_out + 1, sizeof(kiln_tensor));
  int rc = !in || !out || !in_t || !out_t;
  for (size_t i = 0; !rc && i < n_in; ++i) {
    rc = prepare(model, 0, i, &in[i]);
    if (!rc) {
      fill(&in[i], seed + i);
      in_t[i] = in[i].tensor;
    }
  }
  for (size_t i = 0; !rc && i < n_out; ++i) {
    rc = prepare(model, 1, i, &out[i]);
    if (!rc)
      out_t[i] = out[i].tensor;
  }
  if (!rc &&
      kiln_model_run(model, in_t, n_in, out_t, n_out) != KILN_STATUS_OK) {
    fprintf(stderr, "run_model: %s\n", kiln_last_error());
    rc = 1;
  }
  for (size_t i = 0; !rc && i < n_out; ++i) {
    double lo = INFINITY, hi = -INFINITY, sum = 0;
    int64_t nans = 0;
    for (int64_t k = 0; k < out[i].count; ++k) {
      double x = element(&out[i], k);
      if (isnan(x)) {
        ++nans;
        continue;
      }
      lo = x < lo ? x : lo;
      hi = x > hi ? x : hi;
      sum += x;
    }
    printf("  %s  ", out[i].name);
    print_shape(out[i].rank, out[i].dims);
    printf(" %s  ", kiln_dtype_name(out[i].dtype));
    if (out[i].count == 0)
      printf("empty\n");
    else
      printf("min %.4g  max %.4g  mean %.4g%s\n", lo, hi,
             out[i].count > nans ? sum / (double)(out[i].count - nans) : NAN,
             nans ? "  (NaN)" : "");
  }
  if (!rc && save) {
    char dir[4096];
    mkdir(save, 0755);
    snprintf(dir, sizeof dir, "%s/inputs", save);
    mkdir(dir, 0755);
    for (size_t i = 0; !rc && i < n_in; ++i)
      rc = save_npy(dir, &in[i]);
    snprintf(dir, sizeof dir, "%s/outputs", save);
    mkdir(dir, 0755);
    for (size_t i = 0; !rc && i < n_out; ++i)
      rc = save_npy(dir, &out[i]);
    if (rc)
      fprintf(stderr, "run_model: cannot write the .npy files in '%s'\n", save);
  }
  for (size_t i = 0; in && i < n_in; ++i)
    free(in[i].tensor.data);
  for (size_t i = 0; out && i < n_out; ++i)
    free(out[i].tensor.data);
  free(in);
  free(out);
  free(in_t);
  free(out_t);
  kiln_model_free(model);
  return rc ? 1 : 0;
}
