/* capi_errors.c - the errors of Kiln's C API (kiln/kiln.h), checked against
   an installed Kiln: each misuse of kiln_model_load, kiln_model_input and
   kiln_model_run returns its status with a message that names what is
   wrong, and a correct run after them still works; the interpreter and the
   JIT agree, and runs of one JIT model on 4 threads at once (each into its
   own buffers) give the single run's results.

     capi_errors MODEL   (tests/golden/tiny.onnx: inputs x, y 1x8x16x16 f32
                          and k 3x5 i64; outputs g, c, h 1x8x16x16 f32 and
                          k3 3x5 i64)

   Prints every message; exits 1 at the first check that fails. */
#include <kiln/kiln.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

/* One thread's runs of a shared model into its own buffers, compared with
   the results of a run before (want); ok stays 1 while they match. */
typedef struct worker {
  kiln_model *model;
  const kiln_tensor *in, *want;
  kiln_tensor out[4];
  float g[2048], c[2048], h[2048];
  int64_t k3[15];
  int ok;
} worker;

static void *run_worker(void *arg) {
  worker *w = arg;
  w->out[0].data = w->g;
  w->out[1].data = w->c;
  w->out[2].data = w->h;
  w->out[3].data = w->k3;
  w->ok = 1;
  for (int r = 0; r < 25 && w->ok; ++r) {
    w->ok = kiln_model_run(w->model, w->in, 3, w->out, 4) == KILN_STATUS_OK;
    for (int i = 0; i < 4 && w->ok; ++i)
      w->ok = memcmp(w->out[i].data, w->want[i].data, w->out[i].size) == 0;
  }
  return NULL;
}

/* Checks that `got` is `want` and that the last error contains `text`. */
static void expect(const char *what, kiln_status got, kiln_status want,
                   const char *text) {
  const char *msg = kiln_last_error();
  int ok = got == want && (!text || strstr(msg, text));
  printf("%s %s: %d \"%s\"\n", ok ? "ok  " : "FAIL", what, (int)got,
         want == KILN_STATUS_OK ? "" : msg);
  failures += !ok;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: capi_errors MODEL\n");
    return 2;
  }
  kiln_model *m = (kiln_model *)1;
  kiln_options o;
  kiln_options_init(&o);

  expect("missing file", kiln_model_load("/nonexistent/model.onnx", NULL, &m),
         KILN_STATUS_OPEN, "cannot open model file: no such file");
  expect("missing file leaves NULL", m == NULL ? KILN_STATUS_OK : 99,
         KILN_STATUS_OK, NULL);
  o.backend = "tpu";
  expect("unknown backend", kiln_model_load(argv[1], &o, &m),
         KILN_STATUS_ARGUMENT, "unknown backend 'tpu'");
  o.backend = "interp";
  o.opt_level = 7;
  expect("bad -O level", kiln_model_load(argv[1], &o, &m), KILN_STATUS_ARGUMENT,
         "unknown -O level 7");
  o.opt_level = 2;
  expect("NULL out", kiln_model_load(argv[1], &o, NULL), KILN_STATUS_ARGUMENT,
         "out is NULL");
  expect("interp load", kiln_model_load(argv[1], &o, &m), KILN_STATUS_OK, NULL);
  if (!m)
    return 1;

  int32_t dtype = 0, rank = 0;
  int64_t dims[4] = {0};
  const char *name = NULL;
  expect("input 0", kiln_model_input(m, 0, &name, &dtype, &rank, dims, 4),
         KILN_STATUS_OK, NULL);
  if (strcmp(name, "x") || dtype != KILN_DTYPE_F32 || rank != 4 ||
      dims[1] != 8) {
    printf("FAIL input 0 is %s, dtype %d, rank %d\n", name, dtype, rank);
    ++failures;
  }
  expect("input 9", kiln_model_input(m, 9, NULL, NULL, NULL, NULL, 0),
         KILN_STATUS_ARGUMENT, "no input 9: the model has 3");

  static float x[2048], y[2048], g[2048], c[2048], h[2048];
  static int64_t k[15], k3[15];
  int64_t big[4] = {1, 8, 16, 16}, small[2] = {3, 5}, wrong[4] = {1, 8, 16, 8};
  kiln_tensor in[3] = {{"x", KILN_DTYPE_F32, 4, big, x, sizeof x},
                       {"y", KILN_DTYPE_F32, 4, big, y, sizeof y},
                       {NULL, KILN_DTYPE_I64, 2, small, k, sizeof k}};
  kiln_tensor out[4] = {{"g", KILN_DTYPE_F32, 4, big, g, sizeof g},
                        {"c", KILN_DTYPE_F32, 4, big, c, sizeof c},
                        {"h", KILN_DTYPE_F32, 4, big, h, sizeof h},
                        {"k3", KILN_DTYPE_I64, 2, small, k3, sizeof k3}};
  for (int i = 0; i < 2048; ++i)
    x[i] = y[i] = (float)(i % 7) / 7.0f;
  for (int i = 0; i < 15; ++i)
    k[i] = i % 4;

  expect("two inputs of three", kiln_model_run(m, in, 2, out, 4),
         KILN_STATUS_MISMATCH, "the model has 3 inputs (x, y, k); 2 given");
  in[1].dims = wrong;
  expect("wrong input shape", kiln_model_run(m, in, 3, out, 4),
         KILN_STATUS_MISMATCH,
         "input 1 ('y') is 1x8x16x8 f32 but the model expects 1x8x16x16 f32");
  in[1].dims = big;
  in[2].dtype = KILN_DTYPE_I32;
  expect("wrong input type", kiln_model_run(m, in, 3, out, 4),
         KILN_STATUS_MISMATCH,
         "input 2 ('k') is 3x5 i32 but the model expects 3x5 i64");
  in[2].dtype = KILN_DTYPE_I64;
  in[0].name = "y";
  expect("wrong input name", kiln_model_run(m, in, 3, out, 4),
         KILN_STATUS_MISMATCH, "input 0 is 'x', not 'y'");
  in[0].name = "x";
  out[3].size = 8;
  expect("short output buffer", kiln_model_run(m, in, 3, out, 4),
         KILN_STATUS_MISMATCH,
         "output 3 ('k3') (3x5 i64) needs 120 bytes; 8 given");
  out[3].size = sizeof k3;
  out[0].data = NULL;
  expect("no output data", kiln_model_run(m, in, 3, out, 4),
         KILN_STATUS_ARGUMENT, "output 0 ('g') has no data");
  out[0].data = g;
  expect("run after errors", kiln_model_run(m, in, 3, out, 4), KILN_STATUS_OK,
         NULL);
  /* k3 = k * 128 - ... whatever tiny computes, the interpreter and the JIT
     must agree: run the JIT into other buffers and compare. */
  kiln_model *jit = NULL;
  o.backend = "jit";
  o.threads = 1;
  expect("jit load", kiln_model_load(argv[1], &o, &jit), KILN_STATUS_OK, NULL);
  static float g2[2048], c2[2048], h2[2048];
  static int64_t k32[15];
  kiln_tensor out2[4] = {out[0], out[1], out[2], out[3]};
  out2[0].data = g2;
  out2[1].data = c2;
  out2[2].data = h2;
  out2[3].data = k32;
  expect("jit run", jit ? kiln_model_run(jit, in, 3, out2, 4) : 99,
         KILN_STATUS_OK, NULL);
  double worst = 0;
  for (int i = 0; i < 2048; ++i) {
    double d[3] = {g[i] - g2[i], c[i] - c2[i], h[i] - h2[i]};
    for (int j = 0; j < 3; ++j)
      worst = d[j] < 0 ? (-d[j] > worst ? -d[j] : worst)
                       : (d[j] > worst ? d[j] : worst);
  }
  int ints = memcmp(k3, k32, sizeof k3) == 0;
  printf("%s interp vs jit: max abs difference %.3g, integers %s\n",
         worst <= 1e-4 && ints ? "ok  " : "FAIL", worst,
         ints ? "equal" : "differ");
  failures += !(worst <= 1e-4 && ints);

  /* 4 threads at once on the JIT model, 25 runs each. */
  if (jit) {
    static worker workers[4];
    pthread_t threads[4];
    int all = 1;
    for (int t = 0; t < 4; ++t) {
      workers[t].model = jit;
      workers[t].in = in;
      workers[t].want = out2;
      memcpy(workers[t].out, out2, sizeof out2);
      pthread_create(&threads[t], NULL, run_worker, &workers[t]);
    }
    for (int t = 0; t < 4; ++t) {
      pthread_join(threads[t], NULL);
      all &= workers[t].ok;
    }
    printf("%s 4 threads x 25 concurrent jit runs match the single run\n",
           all ? "ok  " : "FAIL");
    failures += !all;
  }
  kiln_model_free(jit);
  kiln_model_free(m);
  kiln_model_free(NULL);
  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
