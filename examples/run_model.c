/* run_model.c - run a model compiled by `kiln compile -o libNAME.so` from
   plain C.

   The program includes the generated header, allocates the inputs, the
   outputs and the scratch arena itself, fills the inputs with a
   deterministic pattern, runs the model and prints every output. An output
   whose shape depends on the data (a -1 dimension in its description) is
   the exception: the library allocates it, returning its data and shape
   through a kiln_dynamic_output, and the program frees it. It works for any
   model: the header's NAME and the C prefix of its functions come in as
   macros.

     cc -std=c11 -O2 -I DIR -DMODEL_HEADER='"NAME.h"' -DMODEL_PREFIX=PREFIX \
        run_model.c -L DIR -lNAME -Wl,-rpath,DIR -o run_model
     ./run_model [--weights FILE] [--chunks N] [--save DIR]

   --weights  the weights file of a library built with --weights-file
              (default: the file named in the header, in the current folder)
   --chunks   run through NAME_run_parallel with a parallel-for that cuts
              every step into N pieces and runs them one after the other
              (the shape of a thread pool's callback, without threads)
   --save     write DIR/inputs/<name>.npy and DIR/outputs/<name>.npy, so the
              run can be repeated with `kiln run --input` and compared */
#include MODEL_HEADER

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
/* API(run) is PREFIX_run. */
#define API(f) CAT(MODEL_PREFIX, CAT(_, f))

/* Input i, element k: floats cycle through [-1, 1), integers through
   0..4 (valid token ids, positions and masks for the zoo's models). */
static void fill(const kiln_tensor_info *t, void *data, int i) {
  for (int64_t k = 0; k < t->num_elements; ++k) {
    int64_t v = (k * 7 + i * 13) % 17;
    double x = v / 8.5 - 1.0;
    switch (t->dtype) {
    case KILN_DTYPE_F32:
      ((float *)data)[k] = (float)x;
      break;
    case KILN_DTYPE_F64:
      ((double *)data)[k] = x;
      break;
    case KILN_DTYPE_I64:
      ((int64_t *)data)[k] = (k + i) % 5;
      break;
    case KILN_DTYPE_I32:
      ((int32_t *)data)[k] = (int32_t)((k + i) % 5);
      break;
    case KILN_DTYPE_I8:
      ((int8_t *)data)[k] = (int8_t)((k + i) % 5);
      break;
    case KILN_DTYPE_U8:
    case KILN_DTYPE_BOOL:
      ((uint8_t *)data)[k] = (uint8_t)((k + i) % 2);
      break;
    default:
      memset(data, 0, (size_t)t->size);
      return;
    }
  }
}

static double element(const kiln_tensor_info *t, const void *data, int64_t k) {
  switch (t->dtype) {
  case KILN_DTYPE_F32:
    return ((const float *)data)[k];
  case KILN_DTYPE_F64:
    return ((const double *)data)[k];
  case KILN_DTYPE_I64:
    return (double)((const int64_t *)data)[k];
  case KILN_DTYPE_I32:
    return ((const int32_t *)data)[k];
  case KILN_DTYPE_I8:
    return ((const int8_t *)data)[k];
  case KILN_DTYPE_U8:
  case KILN_DTYPE_BOOL:
    return ((const uint8_t *)data)[k];
  default:
    return 0.0;
  }
}

/* The numpy descr of a dtype, or NULL (f16 is not printed here). */
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

/* Writes dir/<name>.npy (format 1.0), with odd characters of the name
   replaced as `kiln run --output-dir` does. */
static int save_npy(const char *dir, const kiln_tensor_info *t,
                    const void *data) {
  char path[4096], header[512], dims[256] = "";
  size_t n = strlen(dir);
  const char *descr = npy_descr(t->dtype);
  if (!descr || n + strlen(t->name) + 6 > sizeof path)
    return -1;
  snprintf(path, sizeof path, "%s/%s.npy", dir, t->name);
  for (char *c = path + n + 1; *c && strcmp(c, ".npy") != 0; ++c)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
          (*c >= '0' && *c <= '9') || *c == '_' || *c == '-' || *c == '.'))
      *c = '_';
  for (int d = 0; d < t->rank; ++d)
    snprintf(dims + strlen(dims), sizeof dims - strlen(dims), "%lld,%s",
             (long long)t->shape[d], d + 1 < t->rank ? " " : "");
  int len = snprintf(header, sizeof header,
                     "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }",
                     descr, dims);
  /* Pad with spaces so the data starts at a multiple of 64 bytes. */
  while ((10 + len + 1) % 64 != 0)
    header[len++] = ' ';
  header[len++] = '\n';
  FILE *f = fopen(path, "wb");
  if (!f)
    return -1;
  unsigned char prefix[10] = {0x93,
                              'N',
                              'U',
                              'M',
                              'P',
                              'Y',
                              1,
                              0,
                              (unsigned char)(len & 0xff),
                              (unsigned char)(len >> 8)};
  int ok = fwrite(prefix, 1, 10, f) == 10 &&
           fwrite(header, 1, (size_t)len, f) == (size_t)len &&
           fwrite(data, 1, (size_t)t->size, f) == (size_t)t->size;
  return fclose(f) == 0 && ok ? 0 : -1;
}

/* A parallel-for without threads: `user` holds the number of pieces. */
static void chunked_for(void *user, int64_t n, kiln_task_fn task, void *ctx) {
  int64_t pieces = *(const int64_t *)user;
  for (int64_t p = 0; p < pieces; ++p) {
    int64_t begin = n * p / pieces, end = n * (p + 1) / pieces;
    if (begin < end)
      task(ctx, begin, end);
  }
}

/* Bytes per element. */
static int64_t dtype_size(int32_t dtype) {
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

/* True when the library decides the output's shape at run time. */
static int is_dynamic(const kiln_tensor_info *t) {
  for (int d = 0; d < t->rank; ++d)
    if (t->shape[d] < 0)
      return 1;
  return 0;
}

static void *alloc64(uint64_t size) {
  /* aligned_alloc wants a multiple of the alignment, and size may be 0. */
  return aligned_alloc(64, (size_t)((size + 63) / 64 * 64 + 64));
}

int main(int argc, char **argv) {
  const char *weights = NULL, *save = NULL;
  int64_t chunks = 0;
  for (int a = 1; a < argc; ++a) {
    if (!strcmp(argv[a], "--weights") && a + 1 < argc)
      weights = argv[++a];
    else if (!strcmp(argv[a], "--chunks") && a + 1 < argc)
      chunks = atoll(argv[++a]);
    else if (!strcmp(argv[a], "--save") && a + 1 < argc)
      save = argv[++a];
    else {
      fprintf(stderr, "usage: %s [--weights FILE] [--chunks N] [--save DIR]\n",
              argv[0]);
      return 2;
    }
  }

  const kiln_model_info *info = API(describe)();
  printf("model %s: %d inputs, %d outputs, %d kernels, scratch %llu bytes, "
         "weights %llu bytes (%s)\n",
         info->name, info->num_inputs, info->num_outputs, info->num_kernels,
         (unsigned long long)info->scratch_size,
         (unsigned long long)info->weights_size,
         info->weights_file ? info->weights_file : "embedded");
  /* NAME_init loads the weights of a library built with --weights-file;
     with embedded weights it has nothing to do and ignores the path. */
  int rc = API(init)(weights ? weights : info->weights_file);
  if (rc != KILN_OK) {
    fprintf(stderr, "init failed: %s\n", API(status_string)(rc));
    return 1;
  }

  void *inputs[64], *outputs[64];
  if (info->num_inputs > 64 || info->num_outputs > 64)
    return 1;
  for (int i = 0; i < info->num_inputs; ++i) {
    inputs[i] = alloc64(info->inputs[i].size);
    fill(&info->inputs[i], inputs[i], i);
  }
  for (int i = 0; i < info->num_outputs; ++i)
    outputs[i] = is_dynamic(&info->outputs[i])
                     ? calloc(1, sizeof(kiln_dynamic_output))
                     : alloc64(info->outputs[i].size);
  void *scratch = alloc64(API(scratch_size)());

  rc = chunks > 0 ? API(run_parallel)((const void *const *)inputs, outputs,
                                      scratch, chunked_for, &chunks)
                  : API(run)((const void *const *)inputs, outputs, scratch);
  if (rc != KILN_OK) {
    /* A failed run leaves every kiln_dynamic_output's data NULL. */
    fprintf(stderr, "run failed: %s\n", API(status_string)(rc));
    for (int i = 0; i < info->num_inputs; ++i)
      free(inputs[i]);
    for (int i = 0; i < info->num_outputs; ++i)
      free(outputs[i]);
    free(scratch);
    return 1;
  }

  /* Each output as it came out: a dynamic one with its run-time shape. */
  kiln_tensor_info shown[64];
  const void *data[64];
  for (int i = 0; i < info->num_outputs; ++i) {
    shown[i] = info->outputs[i];
    data[i] = outputs[i];
    if (is_dynamic(&info->outputs[i])) {
      const kiln_dynamic_output *o = (const kiln_dynamic_output *)outputs[i];
      shown[i].shape = o->shape;
      shown[i].num_elements = 1;
      for (int d = 0; d < shown[i].rank; ++d)
        shown[i].num_elements *= o->shape[d];
      shown[i].size =
          (uint64_t)(shown[i].num_elements * dtype_size(shown[i].dtype));
      data[i] = o->data;
    }
  }
  for (int i = 0; i < info->num_outputs; ++i) {
    const kiln_tensor_info *t = &shown[i];
    double sum = 0;
    for (int64_t k = 0; k < t->num_elements; ++k)
      sum += element(t, data[i], k);
    printf("output %s [", t->name);
    for (int d = 0; d < t->rank; ++d)
      printf("%s%lld", d ? "x" : "", (long long)t->shape[d]);
    printf("] sum %.6g first", sum);
    for (int64_t k = 0; k < t->num_elements && k < 4; ++k)
      printf(" %.6g", element(t, data[i], k));
    printf("\n");
  }

  if (save) {
    char in_dir[4096], out_dir[4096];
    snprintf(in_dir, sizeof in_dir, "%s/inputs", save);
    snprintf(out_dir, sizeof out_dir, "%s/outputs", save);
    mkdir(save, 0777);
    mkdir(in_dir, 0777);
    mkdir(out_dir, 0777);
    for (int i = 0; i < info->num_inputs; ++i)
      if (save_npy(in_dir, &info->inputs[i], inputs[i]))
        return fprintf(stderr, "cannot save input %d\n", i), 1;
    for (int i = 0; i < info->num_outputs; ++i)
      if (save_npy(out_dir, &shown[i], data[i]))
        return fprintf(stderr, "cannot save output %d\n", i), 1;
  }

  for (int i = 0; i < info->num_inputs; ++i)
    free(inputs[i]);
  for (int i = 0; i < info->num_outputs; ++i) {
    if (is_dynamic(&info->outputs[i]))
      free(((kiln_dynamic_output *)outputs[i])->data);
    free(outputs[i]);
  }
  free(scratch);
  return 0;
}
