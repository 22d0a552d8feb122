/* capi_shapes.c - a model with a dynamic batch through Kiln's C API,
   checked against an installed Kiln: its input reads as -1 x 784, runs at
   batches 1, 3 and 1 again on the JIT (a variant compiled per batch) write
   the interpreter's results, and an output buffer of another batch is
   KILN_STATUS_MISMATCH naming the output and the shape of this run.

     capi_shapes MODEL   (kiln-zoo's mlp-dynamic: input [batch, 784] f32,
                          output logits [batch, 10] f32)

   Prints every check; exits 1 if one fails. */
#include <kiln/kiln.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

static void check(int ok, const char *what) {
  printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", what, ok ? "" : ": ",
         ok ? "" : kiln_last_error());
  failures += !ok;
}

/* Runs model at batch n on x into y (n x 10). */
static kiln_status run(kiln_model *model, int64_t n, const float *x, float *y,
                       int64_t out_batch) {
  int64_t in_dims[2] = {n, 784}, out_dims[2] = {out_batch, 10};
  kiln_tensor in = {"input", KILN_DTYPE_F32, 2,
                    in_dims, (void *)x,      (size_t)n * 784 * sizeof(float)};
  kiln_tensor out = {"logits", KILN_DTYPE_F32,
                     2,        out_dims,
                     y,        (size_t)out_batch * 10 * sizeof(float)};
  return kiln_model_run(model, &in, 1, &out, 1);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: capi_shapes MODEL\n");
    return 2;
  }
  kiln_options jit, interp;
  kiln_options_init(&jit);
  kiln_options_init(&interp);
  interp.backend = "interp";
  kiln_model *model = NULL, *reference = NULL;
  check(kiln_model_load(argv[1], &jit, &model) == KILN_STATUS_OK, "load jit");
  check(kiln_model_load(argv[1], &interp, &reference) == KILN_STATUS_OK,
        "load interp");
  if (!model || !reference)
    return 1;
  int32_t rank = 0;
  int64_t dims[2] = {0, 0};
  check(kiln_model_input(model, 0, NULL, NULL, &rank, dims, 2) ==
                KILN_STATUS_OK &&
            rank == 2 && dims[0] == -1 && dims[1] == 784,
        "input 0 is -1 x 784");

  static float x[3 * 784], y[3 * 10], want[3 * 10];
  for (int i = 0; i < 3 * 784; ++i)
    x[i] = (float)((i * 37 % 200) - 100) / 100.0f;
  const int64_t batches[3] = {1, 3, 1};
  for (int b = 0; b < 3; ++b) {
    int64_t n = batches[b];
    memset(y, 0, sizeof(y));
    int ok = run(model, n, x, y, n) == KILN_STATUS_OK &&
             run(reference, n, x, want, n) == KILN_STATUS_OK;
    for (int i = 0; ok && i < n * 10; ++i)
      ok = fabsf(y[i] - want[i]) <= 1e-4f + 1e-4f * fabsf(want[i]);
    char what[64];
    snprintf(what, sizeof(what), "batch %lld equals the interpreter",
             (long long)n);
    check(ok, what);
  }
  kiln_status s = run(model, 3, x, y, 1);
  check(s == KILN_STATUS_MISMATCH &&
            strstr(kiln_last_error(),
                   "output 0 ('logits') of these inputs is 3x10 f32 but the "
                   "buffer given is 1x10 f32"),
        "an output buffer of another batch is refused");
  kiln_model_free(model);
  kiln_model_free(reference);
  return failures ? 1 : 0;
}
