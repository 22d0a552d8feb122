//===- AotSource.cpp - The header and C driver of an AOT library ----------===//
//
// generateHeader writes NAME.h: the C API and the model's description as
// constants. generateDriver writes the C driver: the plan as straight-line
// calls of the compiled kernels and of libkiln-rt.so for reference steps,
// dynamic values on the heap, the description as static data, and the
// weights either embedded or loaded and checksummed by NAME_init().
//
//===----------------------------------------------------------------------===//
#include "AotSource.h"
#include "kiln/cpu/Cache.h"
#include "kiln/cpu/Codegen.h"
#include "kiln/runtime/AttrBlob.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <set>

namespace kiln::cpu {

//===----------------------------------------------------------------------===//
// Generated C
//===----------------------------------------------------------------------===//

/// \p s as a C string literal.
std::string cString(llvm::StringRef s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      out += std::string("\\") + static_cast<char>(c);
    else if (c == '\n')
      out += "\\n";
    else if (c >= 0x20 && c < 0x7f)
      out += static_cast<char>(c);
    else
      out += {'\\', char('0' + (c >> 6)), char('0' + ((c >> 3) & 7)),
              char('0' + (c & 7))};
  }
  return out + "\"";
}

/// \p s made safe inside a C block comment.
std::string cComment(llvm::StringRef s) {
  std::string out;
  for (char c : s)
    out += (c == '\n' || c == '\r') ? ' ' : c;
  size_t pos;
  while ((pos = out.find("*/")) != std::string::npos)
    out.replace(pos, 2, "* /");
  return out;
}

/// The part every generated header shares, guarded so that headers of
/// several models can be included together.
static const char *kCommonHeader = R"(#ifndef KILN_AOT_ABI_1
#define KILN_AOT_ABI_1
/* Status codes of the NAME_* functions. */
#define KILN_OK 0
#define KILN_ERR_ARGUMENT 1        /* a null or misaligned pointer */
#define KILN_ERR_NOT_INITIALIZED 2 /* run before a successful NAME_init */
#define KILN_ERR_OPEN 3            /* the weights file cannot be opened */
#define KILN_ERR_SIZE 4            /* the weights file is short or long */
#define KILN_ERR_CORRUPT 5         /* bad magic, model, build or checksum */
#define KILN_ERR_NOMEM 6           /* out of memory (weights, output copies) */
#define KILN_ERR_RUNTIME 7         /* a step run by libkiln-rt.so failed */
#define KILN_ERR_CPU 8             /* this CPU lacks a feature of the kernels */

/* Element types: the ONNX TensorProto.DataType numbers. Bool is one byte
   holding 0 or 1. Tensors are dense and row-major. */
#define KILN_DTYPE_F32 1
#define KILN_DTYPE_U8 2
#define KILN_DTYPE_I8 3
#define KILN_DTYPE_I32 6
#define KILN_DTYPE_I64 7
#define KILN_DTYPE_BOOL 9
#define KILN_DTYPE_F16 10
#define KILN_DTYPE_F64 11

#define KILN_AOT_MAGIC 0x4e4c494bu /* "KILN" */

/* One input or output. */
typedef struct kiln_tensor_info {
  const char *name;
  int32_t dtype;        /* KILN_DTYPE_* */
  int32_t rank;
  const int64_t *shape; /* rank dimensions, outermost first; -1 for a
                           dimension known only at run time */
  int64_t num_elements; /* -1 when a dimension is -1 */
  uint64_t size;        /* bytes; 0 when a dimension is -1 */
} kiln_tensor_info;

/* The model, as NAME_describe() returns it. */
typedef struct kiln_model_info {
  uint32_t magic;       /* KILN_AOT_MAGIC */
  uint32_t abi_version; /* 2; 1: no output has a dynamic shape; 3: an
                           input or output is a sequence or an optional */
  const char *name;     /* the library's NAME */
  const char *prefix;   /* the C prefix of its functions */
  int32_t num_inputs, num_outputs;
  const kiln_tensor_info *inputs, *outputs;
  uint64_t scratch_size, scratch_align;
  uint64_t weights_size;
  const char *weights_file; /* file name of the weights, NULL if embedded */
  int32_t num_kernels;
  const char *target_cpu;   /* the CPU the kernels were compiled for */
} kiln_model_info;

/* A caller's parallel-for: it must call task(ctx, begin, end) on disjoint
   ranges covering [0, n), on any threads in any order, and return once
   every call has returned. */
typedef void (*kiln_task_fn)(void *ctx, int64_t begin, int64_t end);
typedef void (*kiln_parallel_for_fn)(void *user, int64_t n, kiln_task_fn task,
                                     void *ctx);
#endif /* KILN_AOT_ABI_1 */

#ifndef KILN_ERR_INDEX
/* An index value (a gather's or scatter's indices, a loss's labels) is out
   of range: NAME_status_string(KILN_ERR_INDEX) on the same thread names
   the step, the value and the dimension. */
#define KILN_ERR_INDEX 9
#endif

#ifndef KILN_AOT_DYNAMIC_OUTPUT
#define KILN_AOT_DYNAMIC_OUTPUT
/* An output whose shape depends on the data (NAME_OUTPUTk_DYNAMIC 1):
   outputs[k] points to one of these, which NAME_run fills with a buffer
   from malloc (at least one byte, aligned for any element type) that the
   caller releases with free(), and the output's rank dimensions. */
#define KILN_MAX_RANK 8
typedef struct kiln_dynamic_output {
  void *data;
  int64_t shape[KILN_MAX_RANK];
} kiln_dynamic_output;
#endif /* KILN_AOT_DYNAMIC_OUTPUT */
)";

/// "2x?" for dims {2, -1}; formatShape for static shapes.
static std::string dimsText(const std::vector<int64_t> &shape) {
  if (llvm::all_of(shape, [](int64_t d) { return d >= 0; }))
    return formatShape(Shape(shape.begin(), shape.end()));
  std::string s;
  for (auto [k, dim] : llvm::enumerate(shape))
    s += (k ? "x" : "") + (dim < 0 ? std::string("?") : std::to_string(dim));
  return s;
}

static void writeTensorMacros(llvm::raw_ostream &os, const LibraryDesc &d,
                              llvm::StringRef kind, size_t i,
                              const TensorSpec &spec) {
  std::string upper = llvm::StringRef(kind).upper();
  std::string m = llvm::formatv("{0}_{1}{2}", d.macro, upper, i).str();
  bool dynamic = !spec.isStatic();
  if (spec.kind != ValueKind::Tensor) {
    static const char *kinds[] = {"TENSOR", "SEQUENCE", "OPTIONAL_TENSOR",
                                  "OPTIONAL_SEQUENCE"};
    os << llvm::formatv(
        "/* {0} {1} \"{2}\": {3} of {4} tensors: {5}[{1}] is {6} */\n", kind, i,
        cComment(spec.name),
        spec.kind == ValueKind::Sequence ? "a sequence" : "an optional",
        dtypeName(spec.dtype), kind == "input" ? "inputs" : "outputs",
        kind == "input" ? "a value of libkiln-rt.so's"
                        : "a kiln_dynamic_output *");
    os << "#define " << m << "_NAME " << cString(spec.name) << "\n";
    os << "#define " << m << "_DTYPE KILN_DTYPE_"
       << llvm::StringRef(dtypeName(spec.dtype)).upper() << "\n";
    os << "#define " << m << "_KIND KILN_KIND_" << kinds[kindCode(spec)]
       << "\n";
    if (kind == "output")
      os << "#define " << m << "_DYNAMIC 1\n";
    os << "#define " << m << "_RANK 0\n#define " << m
       << "_NUM_ELEMENTS -1\n#define " << m << "_SIZE 0\n";
    os << "static const int64_t " << d.prefix << "_" << kind << i
       << "_shape[1] = {1 /* a container: no dimensions */};\n\n";
    return;
  }
  int64_t numel = dynamic ? -1 : shapeNumElements(spec.shape);
  os << llvm::formatv(
      "/* {0} {1} \"{2}\": {3} {4}{5} */\n", kind, i, cComment(spec.name),
      dimsText(spec.shape), dtypeName(spec.dtype),
      dynamic ? ", shape known only at run time: outputs[" + std::to_string(i) +
                    "] is a kiln_dynamic_output *"
              : std::string());
  os << "#define " << m << "_NAME " << cString(spec.name) << "\n";
  os << "#define " << m << "_DTYPE KILN_DTYPE_"
     << llvm::StringRef(dtypeName(spec.dtype)).upper() << "\n";
  if (d.containerIO)
    os << "#define " << m << "_KIND KILN_KIND_TENSOR\n";
  if (kind == "output")
    os << "#define " << m << "_DYNAMIC " << dynamic << "\n";
  os << "#define " << m << "_RANK " << spec.shape.size() << "\n";
  os << "#define " << m << "_NUM_ELEMENTS " << numel << "\n";
  os << "#define " << m << "_SIZE "
     << (dynamic ? 0 : numel * dtypeSize(spec.dtype)) << "\n";
  os << "static const int64_t " << d.prefix << "_" << kind << i << "_shape["
     << std::max<size_t>(1, spec.shape.size()) << "] = {";
  if (spec.shape.empty())
    os << "1 /* rank 0: no dimensions */";
  for (auto [k, dim] : llvm::enumerate(spec.shape))
    os << (k ? ", " : "") << dim;
  os << "};\n\n";
}

/// True when a dynamic model output appears more than once: the driver
/// mallocs a copy for all but one.
static bool hasRepeatedDynamicOutput(const Plan &plan) {
  for (auto [i, s] : llvm::enumerate(plan.outputSlots))
    if (!plan.slots[s].isStatic &&
        llvm::is_contained(llvm::ArrayRef(plan.outputSlots).drop_front(i + 1),
                           s))
      return true;
  return false;
}

std::string generateHeader(const LibraryDesc &d) {
  const Plan &plan = *d.plan;
  std::string text;
  llvm::raw_string_ostream os(text);
  std::string guard = "KILN_MODEL_" + d.macro + "_H";
  os << "/* " << d.stem << ".h - the C API of " << d.fileName << ".\n"
     << "   Generated by `kiln compile` from " << cComment(d.modelPath)
     << "; do not edit.\n\n"
     << "   Usage: allocate " << d.macro
     << "_SCRATCH_SIZE bytes of scratch memory aligned to\n   " << kArenaAlign
     << " bytes, point inputs[i] at input i and outputs[i] "
     << "at room for output i\n   (dense, row-major, aligned at least to "
        "the element size), then call\n   "
     << d.prefix << "_run(inputs, outputs, scratch)."
     << (d.weightsFile ? " Call " + d.prefix + "_init(path of " +
                             d.weightsFileName + ") once\n   before any run."
                       : "")
     << " The library"
     << (d.numRegions ? " (but for the steps\n   run by libkiln-rt.so and "
                        "its control-flow regions' memory,\n   below) "
                        "allocates nothing while running,\n   "
         : d.numReference() ? " (but for the steps\n   run by libkiln-rt.so, "
                              "below) allocates nothing while running,\n   "
                            : " allocates nothing\n   while running, ")
     << "starts no threads and keeps no state between runs: runs\n   with "
        "separate scratch and outputs may go on concurrently. The kernels\n"
        "   are compiled for "
     << hostTarget().describe()
     << " and use its instruction set: on a CPU without\n   one of its "
        "features, init and run return KILN_ERR_CPU (never an\n   illegal "
        "instruction) and "
     << d.prefix << "_cpu_missing() names what it lacks.";
  if (d.runtimeSteps())
    os << "\n\n   " << d.runtimeSteps()
       << " of its steps run through Kiln's runtime library, which allocates "
          "their\n   results on the heap: this library needs libkiln-rt.so, "
          "which kiln compile\n   copied beside it. It is found there through "
          "the rpath $ORIGIN: keep the\n   two files together."
       << (d.numRegions
               ? "\n   Each If, Loop or Scan runs there, calling back the "
                 "library for each\n   run of a region, whose values live in "
                 "memory the library allocates\n   for the step and frees "
                 "after it."
               : "");
  std::vector<size_t> dynamicOutputs;
  for (auto [i, spec] : llvm::enumerate(plan.outputs))
    if (!spec.isStatic())
      dynamicOutputs.push_back(i);
  if (!d.dynamicSlots.empty())
    os << "\n\n   Some values' shapes depend on the data: the run function "
          "holds them in\n   buffers from malloc, freed before it returns.";
  if (!dynamicOutputs.empty()) {
    os << "\n\n   Outputs whose shape depends on the data (their " << d.macro
       << "_OUTPUTk_DYNAMIC\n   is 1: output";
    for (auto [n, i] : llvm::enumerate(dynamicOutputs))
      os << (n ? ", " : " ") << i;
    os << ") are returned differently: outputs[k] points to a\n   "
          "kiln_dynamic_output the caller provides (aligned to 8 bytes). On\n"
          "   success, run sets its `data` to a buffer from malloc holding "
          "the\n"
          "   output (dense, row-major, at least one byte), which the caller "
          "must\n   release with free(), and its first RANK `shape` entries to "
          "the output's\n   dimensions. On any failure `data` is NULL and "
          "nothing needs freeing.\n   "
       << d.prefix
       << "_describe() gives -1 for the dimensions known "
          "only at run time.";
  }
  if (d.containerIO)
    os << "\n\n   Inputs and outputs whose " << d.macro
       << "_INPUTk_KIND or _OUTPUTk_KIND is not\n   KILN_KIND_TENSOR are "
          "sequences or optionals: values of libkiln-rt.so's\n   (kiln_rt.h, "
          "which kiln compile wrote beside this header). Make an input\n   "
          "with kiln_rt_sequence or kiln_rt_optional and pass the value "
          "itself as\n   inputs[k]; run only reads it, and the caller "
          "releases it with\n   kiln_rt_release. For such an output, "
          "outputs[k] points to a\n   kiln_dynamic_output whose `data` run "
          "sets to a new value (NULL on any\n   failure), which the caller "
          "reads with kiln_rt_value_kind and\n   kiln_rt_value_item and "
          "releases with kiln_rt_release.";
  os << " */\n";
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stddef.h>\n#include <stdint.h>\n\n"
     << (d.containerIO ? "#include \"kiln_rt.h\"\n\n" : "")
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  os << kCommonHeader << "\n";
  if (d.containerIO)
    os << "#ifndef KILN_AOT_KINDS\n#define KILN_AOT_KINDS\n"
       << "/* What an input or output is (NAME_INPUTk_KIND, "
          "NAME_value_kinds()). */\n"
       << "#define KILN_KIND_TENSOR 0\n#define KILN_KIND_SEQUENCE 1\n"
       << "#define KILN_KIND_OPTIONAL_TENSOR 2\n"
       << "#define KILN_KIND_OPTIONAL_SEQUENCE 3\n"
       << "#endif /* KILN_AOT_KINDS */\n\n";
  os << "#define " << d.macro << "_NUM_INPUTS " << plan.inputs.size() << "\n";
  os << "#define " << d.macro << "_NUM_OUTPUTS " << plan.outputs.size() << "\n";
  os << "#define " << d.macro << "_SCRATCH_SIZE " << d.scratch.size
     << "u /* bytes */\n";
  os << "#define " << d.macro << "_SCRATCH_ALIGN " << kArenaAlign << "\n";
  os << "#define " << d.macro << "_WEIGHTS_SIZE " << d.weights.blob.size()
     << "u /* bytes, "
     << (d.weightsFile ? "in " + d.weightsFileName : std::string("embedded"))
     << " */\n";
  os << "#define " << d.macro << "_HAS_WEIGHTS_FILE " << d.weightsFile
     << "\n\n";
  for (auto [i, spec] : llvm::enumerate(plan.inputs))
    writeTensorMacros(os, d, "input", i, spec);
  for (auto [i, spec] : llvm::enumerate(plan.outputs))
    writeTensorMacros(os, d, "output", i, spec);

  const std::string &p = d.prefix;
  os << "/* The model's description: the constants above, at run time. */\n"
     << "const kiln_model_info *" << p << "_describe(void);\n\n";
  if (d.containerIO)
    os << "/* The KILN_KIND_* of each input, then of each output (abi_version "
          "3). */\n"
       << "const int32_t *" << p << "_value_kinds(void);\n\n";
  os << "/* Bytes of scratch memory a run needs (" << d.macro
     << "_SCRATCH_SIZE). */\n"
     << "uint64_t " << p << "_scratch_size(void);\n\n"
     << "/* The identity of the Kiln build that wrote this library"
     << (d.weightsFile ? " and its weights\n   file (init refuses a file of "
                         "another build)"
                       : "")
     << ". */\n"
     << "const char *" << p << "_build_id(void);\n\n";
  if (d.weightsFile)
    os << "/* Loads the weights from `path` (" << d.weightsFileName
       << ", written beside the\n   library) after checking its size and "
          "checksum. Returns KILN_OK or\n   KILN_ERR_OPEN, KILN_ERR_SIZE, "
          "KILN_ERR_CORRUPT, KILN_ERR_NOMEM, KILN_ERR_CPU.\n   Not "
          "thread-safe: call it "
          "before any run. */\n"
       << "int " << p << "_init(const char *path);\n\n"
       << "/* Frees the weights; runs then fail until the next init. */\n"
       << "void " << p << "_release(void);\n\n";
  else
    os << "/* The weights are embedded: init ignores `path` (which may be "
          "NULL) and\n   returns KILN_OK (KILN_ERR_CPU on a CPU the kernels "
          "cannot run on),\n   release does nothing. They exist "
          "so that callers can\n   treat both kinds of library alike. */\n"
       << "int " << p << "_init(const char *path);\n"
       << "void " << p << "_release(void);\n\n";
  os << "/* Runs the model on the calling thread. `scratch` may be NULL when "
        "the\n   scratch size is 0. Returns KILN_OK"
     << (d.weightsFile ? ", KILN_ERR_NOT_INITIALIZED" : "")
     << " or KILN_ERR_ARGUMENT (a\n   null or misaligned pointer)"
     << (d.runtimeSteps()
             ? ", or KILN_ERR_RUNTIME when a step run by\n   libkiln-rt.so "
               "fails: then " +
                   d.prefix +
                   "_status_string(KILN_ERR_RUNTIME) called on the\n   "
                   "same thread returns its message"
             : std::string())
     << (hasIndexChecks(plan)
             ? ", or KILN_ERR_INDEX when an input's index\n   value is out "
               "of range: then " +
                   d.prefix +
                   "_status_string(KILN_ERR_INDEX) on the same\n   thread "
                   "names the step, the value and the dimension"
             : std::string())
     << (hasRepeatedDynamicOutput(plan)
             ? ", or KILN_ERR_NOMEM when copying an output\n   that "
               "appears twice fails"
             : "")
     << ", or KILN_ERR_CPU on a CPU without a feature\n   the kernels need. "
        "*/\n"
     << "int " << p << "_run(const void *const *inputs, void *const *outputs,"
     << "\n"
     << std::string(p.size() + 9, ' ') << "void *scratch);\n\n";
  os << "/* Like " << p
     << "_run, but steps with several work items are "
        "split through\n   parallel_for(user, n, task, ctx) (NULL: run on "
        "the calling thread). */\n"
     << "int " << p << "_run_parallel(const void *const *inputs,\n"
     << std::string(p.size() + 18, ' ') << "void *const *outputs, "
     << "void *scratch,\n"
     << std::string(p.size() + 18, ' ')
     << "kiln_parallel_for_fn parallel_for, void *user);\n\n";
  os << "/* A short English text for a status code. */\n"
     << "const char *" << p << "_status_string(int status);\n\n";
  os << "/* NULL when this CPU has every feature the kernels were compiled "
        "for; else\n   the ones it lacks, as \"avx512f, avx512bw\". */\n"
     << "const char *" << p << "_cpu_missing(void);\n\n";
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
  return text;
}

std::string releaseHeap(const LibraryDesc &d, int s) {
  if (d.plan->slots[s].kind != ValueKind::Tensor &&
      llvm::is_contained(d.plan->inputSlots, s))
    return "(void)0 /* the caller's */";
  return (d.plan->slots[s].kind == ValueKind::Tensor
              ? "free(kiln_dyn"
              : "kiln_rt_release(kiln_dyn") +
         std::to_string(s) + ")";
}

int kindCode(const TensorSpec &spec) {
  switch (spec.kind) {
  case ValueKind::Tensor:
    return 0;
  case ValueKind::Sequence:
    return 1;
  case ValueKind::Optional:
    return spec.optionalOf == ValueKind::Sequence ? 3 : 2;
  }
  return 0;
}

/// The C expression of a pointer to slot \p s, for the driver.
std::string slotPointer(const LibraryDesc &d, int s) {
  const Plan &plan = *d.plan;
  if (static_cast<size_t>(s) < d.slotExpr.size() && !d.slotExpr[s].empty())
    return d.slotExpr[s];
  if (!plan.slots[s].isStatic)
    return "kiln_dyn" + std::to_string(s);
  for (auto [i, in] : llvm::enumerate(plan.inputSlots))
    if (in == s)
      return llvm::formatv("(void *)in[{0}]", i).str();
  // An empty blob holds only empty constants, and no `w` is declared.
  if (d.weights.offsets[s] >= 0)
    return d.weights.blob.empty()
               ? std::string("NULL")
               : llvm::formatv("(void *)(w + {0})", d.weights.offsets[s]).str();
  for (auto [i, out] : llvm::enumerate(plan.outputSlots))
    if (out == s)
      return llvm::formatv("out[{0}]", i).str();
  assert(d.scratch.offsets[s] >= 0 && "every kernel buffer has a home");
  return llvm::formatv("s + {0}", d.scratch.offsets[s]).str();
}

static void writeTensorInfos(llvm::raw_ostream &os, const LibraryDesc &d,
                             llvm::StringRef kind,
                             const std::vector<TensorSpec> &specs) {
  if (specs.empty())
    return;
  os << "static const kiln_tensor_info kiln_" << kind << "s[] = {\n";
  for (auto [i, spec] : llvm::enumerate(specs)) {
    int64_t numel = spec.isStatic() ? shapeNumElements(spec.shape) : -1;
    os << llvm::formatv("    {{{0}, {1}, {2}, {3}_{4}{5}_shape, {6}, {7}u},\n",
                        cString(spec.name), dtypeToOnnx(spec.dtype),
                        spec.shape.size(), d.prefix, kind, i, numel,
                        numel < 0 ? 0 : numel * dtypeSize(spec.dtype));
  }
  os << "};\n";
}

/// The loader of a weights file, in C.
static const char *kInitTemplate = R"(
static unsigned char *kiln_weights;

int PREFIX_init(const char *path) {
  unsigned char header[KILN_WEIGHTS_HEADER];
  uint64_t size, sum, alloc;
  unsigned char *data;
  FILE *f;
  if (kiln_cpu_missing[0])
    return KILN_ERR_CPU;
  if (!path)
    return KILN_ERR_ARGUMENT;
  f = fopen(path, "rb");
  if (!f)
    return KILN_ERR_OPEN;
  if (fread(header, 1, sizeof header, f) != sizeof header) {
    fclose(f);
    return KILN_ERR_SIZE;
  }
  memcpy(&size, header + 8, 8);
  memcpy(&sum, header + 16, 8);
  if (memcmp(header, "KILNWTS2", 8) != 0 ||
      memcmp(header + KILN_WEIGHTS_BUILD_OFFSET, KILN_BUILD_ID, 16) != 0 ||
      size != KILN_WEIGHTS_SIZE || sum != KILN_WEIGHTS_CHECKSUM) {
    fclose(f);
    return KILN_ERR_CORRUPT;
  }
  alloc = size ? size : KILN_WEIGHTS_ALIGN;
  data = (unsigned char *)aligned_alloc(KILN_WEIGHTS_ALIGN, alloc);
  if (!data) {
    fclose(f);
    return KILN_ERR_NOMEM;
  }
  if (fread(data, 1, size, f) != size || fgetc(f) != EOF) {
    fclose(f);
    free(data);
    return KILN_ERR_SIZE;
  }
  fclose(f);
  if (kiln_checksum(data, size) != KILN_WEIGHTS_CHECKSUM) {
    free(data);
    return KILN_ERR_CORRUPT;
  }
  free(kiln_weights);
  kiln_weights = data;
  return KILN_OK;
}

void PREFIX_release(void) {
  free(kiln_weights);
  kiln_weights = NULL;
}
)";

std::string generateDriver(const LibraryDesc &d) {
  const Plan &plan = *d.plan;
  const std::string &p = d.prefix;
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/* The driver of " << d.fileName << ", generated by `kiln "
     << "compile`: the plan of\n   " << cComment(d.modelPath)
     << " as straight-line calls of its kernels. */\n"
     << "#include \"" << d.stem << ".h\"\n\n"
     << "#include <stdint.h>\n#include <stdio.h>\n#include <stdlib.h>\n"
     << "#include <string.h>\n\n"
     << "#define KILN_HIDDEN __attribute__((visibility(\"hidden\")))\n\n"
     << "typedef void (*kiln_kernel)(void **buffers, int64_t begin, "
        "int64_t end);\n";
  // Steps that share a kernel declare it once.
  std::set<std::string> declared;
  forEachStep(plan, [&](const PlanStep &step) {
    if (step.kind == PlanStep::Kind::Compiled &&
        declared.insert(step.symbol).second)
      os << "KILN_HIDDEN void " << step.symbol
         << "(void **, int64_t, int64_t);\n";
  });
  writeStepData(os, d);

  // Weights.
  os << "\n#define KILN_WEIGHTS_SIZE " << d.weights.blob.size() << "u\n"
     << "#define KILN_WEIGHTS_CHECKSUM 0x" << llvm::utohexstr(d.checksum)
     << "ull\n#define KILN_WEIGHTS_ALIGN " << kArenaAlign << "u\n"
     << "#define KILN_WEIGHTS_HEADER " << kWeightsHeader << "u\n"
     << "#define KILN_WEIGHTS_BUILD_OFFSET " << kWeightsBuildIdOffset << "\n"
     << "#define KILN_BUILD_ID \"" << buildId() << "\"\n";
  writeCpuCheck(os, p);
  if (d.weightsFile) {
    os << R"(
/* FNV-1a over 64-bit words, each multiply followed by a shift (as Kiln
   writes it in the file header). */
static uint64_t kiln_checksum(const unsigned char *p, uint64_t n) {
  uint64_t h = 0xcbf29ce484222325ull, i = 0, word;
  for (; i + 8 <= n; i += 8) {
    memcpy(&word, p + i, 8);
    h = (h ^ word) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (; i < n; ++i) {
    h = (h ^ p[i]) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  return h;
}
)";
    std::string init = kInitTemplate;
    size_t pos;
    while ((pos = init.find("PREFIX")) != std::string::npos)
      init.replace(pos, 6, p);
    os << init;
  } else {
    os << "\nint " << p << "_init(const char *path) {\n  (void)path;\n"
       << "  return kiln_cpu_missing[0] ? KILN_ERR_CPU : KILN_OK;\n}\n\nvoid "
       << p << "_release(void) {}\n";
  }
  if (!d.weightsFile && !d.weights.blob.empty()) {
    std::string sym = "kiln_weights_" + p;
    // The path is a string of the assembler inside a string of C.
    std::string asmPath;
    for (char c : d.blobPath)
      asmPath +=
          (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    std::string lines[] = {".section .rodata\n",
                           ".balign " + std::to_string(kArenaAlign) + "\n",
                           ".globl " + sym + "\n",
                           ".hidden " + sym + "\n",
                           sym + ":\n",
                           ".incbin \"" + asmPath + "\"\n",
                           ".previous\n"};
    os << "\n/* The weights, embedded as they are in the blob Kiln wrote. */\n"
       << "__asm__(";
    for (auto [i, line] : llvm::enumerate(lines))
      os << (i ? "\n        " : "") << cString(line);
    os << ");\n"
       << "extern const unsigned char " << sym << "[] KILN_HIDDEN;\n";
  }

  // Description.
  os << "\n";
  writeTensorInfos(os, d, "input", plan.inputs);
  writeTensorInfos(os, d, "output", plan.outputs);
  os << "static const kiln_model_info kiln_info = {\n"
     << "    KILN_AOT_MAGIC, " << (d.containerIO ? 3 : 2) << ", "
     << cString(d.name) << ", " << cString(p) << ",\n    " << plan.inputs.size()
     << ", " << plan.outputs.size() << ", "
     << (plan.inputs.empty() ? "NULL" : "kiln_inputs") << ", "
     << (plan.outputs.empty() ? "NULL" : "kiln_outputs") << ",\n    "
     << d.scratch.size << "u, " << kArenaAlign << "u, " << d.weights.blob.size()
     << "u, "
     << (d.weightsFile ? cString(d.weightsFileName) : std::string("NULL"))
     << ",\n    " << plan.steps.size() << ", " << cString(hostTarget().cpu)
     << "};\n\n";
  os << "const char *" << p << "_build_id(void) { return KILN_BUILD_ID; }\n\n";
  if (d.containerIO) {
    os << "static const int32_t kiln_value_kinds[] = {";
    size_t n = 0;
    for (const auto *specs : {&plan.inputs, &plan.outputs})
      for (const TensorSpec &spec : *specs)
        os << (n++ ? ", " : "") << kindCode(spec);
    os << "};\n\nconst int32_t *" << p
       << "_value_kinds(void) { return kiln_value_kinds; }\n\n";
  }
  os << "const kiln_model_info *" << p << "_describe(void) { return "
     << "&kiln_info; }\n\n"
     << "uint64_t " << p << "_scratch_size(void) { return " << d.macro
     << "_SCRATCH_SIZE; }\n\n";
  os << "const char *" << p << "_status_string(int status) {\n"
     << "  switch (status) {\n"
     << "  case KILN_OK: return \"ok\";\n"
     << "  case KILN_ERR_ARGUMENT: return \"a null or misaligned pointer\";\n"
     << "  case KILN_ERR_NOT_INITIALIZED: return \"the weights are not "
        "loaded (call init first)\";\n"
     << "  case KILN_ERR_OPEN: return \"the weights file cannot be "
        "opened\";\n"
     << "  case KILN_ERR_SIZE: return \"the weights file is truncated or "
        "too long\";\n"
     << "  case KILN_ERR_CORRUPT: return \"the weights file is corrupt or "
        "belongs to another model or Kiln build\";\n"
     << "  case KILN_ERR_NOMEM: return \"out of memory\";\n"
     << (d.runtimeSteps() ? "  case KILN_ERR_RUNTIME: return kiln_error[0] ? "
                            "kiln_error : \"a step run by libkiln-rt.so "
                            "failed\";\n"
                          : "")
     << (hasIndexChecks(plan)
             ? "  case KILN_ERR_INDEX: return kiln_index_error;\n"
             : "")
     << "  case KILN_ERR_CPU: return kiln_cpu_message[0] ? kiln_cpu_message "
        ": \"this CPU lacks a feature the kernels were compiled for\";\n"
     << "  default: return \"unknown status\";\n  }\n}\n";

  // Steps.
  os << R"(
/* A step's n work items go to parallel_for as tasks of `grain` items each,
   so that no task is too small to be worth another thread. */
typedef struct kiln_step_task {
  kiln_kernel fn;
  void **buffers;
  int64_t n, grain;
} kiln_step_task;

static void kiln_run_task(void *ctx, int64_t begin, int64_t end) {
  const kiln_step_task *t = (const kiln_step_task *)ctx;
  int64_t last = end * t->grain;
  t->fn(t->buffers, begin * t->grain, last < t->n ? last : t->n);
}

static void kiln_step(kiln_kernel fn, void **buffers, int64_t n, int64_t grain,
                      kiln_parallel_for_fn parallel_for, void *user) {
  int64_t tasks = (n + grain - 1) / grain;
  if (parallel_for && tasks > 1) {
    kiln_step_task t;
    t.fn = fn;
    t.buffers = buffers;
    t.n = n;
    t.grain = grain;
    parallel_for(user, tasks, kiln_run_task, &t);
  } else {
    fn(buffers, 0, n);
  }
}

#define KILN_MISALIGNED(ptr, align) (((uintptr_t)(ptr)) % (align) != 0)
)";
  writeRegionFunctions(os, d);
  os << "\nint " << p << "_run_parallel(const void *const *in, "
     << "void *const *out, void *scratch,\n"
     << "    kiln_parallel_for_fn parallel_for, void *user) {\n"
     << "  unsigned char *s = (unsigned char *)scratch;\n"
     << "  if (kiln_cpu_missing[0])\n    return KILN_ERR_CPU;\n";
  if (d.weightsFile)
    os << "  const unsigned char *w = kiln_weights;\n"
       << "  if (!w)\n    return KILN_ERR_NOT_INITIALIZED;\n";
  else if (!d.weights.blob.empty())
    os << "  const unsigned char *w = kiln_weights_" << p << ";\n";
  if (!plan.inputs.empty() || !plan.outputs.empty())
    os << "  if ("
       << (plan.inputs.empty()    ? ""
           : plan.outputs.empty() ? "!in"
                                  : "!in || ")
       << (plan.outputs.empty() ? "" : "!out")
       << ")\n    return KILN_ERR_ARGUMENT;\n";
  if (d.scratch.size)
    os << "  if (!s || KILN_MISALIGNED(s, " << kArenaAlign
       << "))\n    return KILN_ERR_ARGUMENT;\n";
  // Empty tensors may come as null pointers; the others must be aligned to
  // their element size.
  // A dynamic output's pointer is to its kiln_dynamic_output.
  auto check = [&](llvm::StringRef array, size_t i, const TensorSpec &spec) {
    bool dynamic = !spec.isStatic();
    if (!dynamic && shapeNumElements(spec.shape) == 0)
      return;
    std::string ptr = llvm::formatv("{0}[{1}]", array, i).str();
    os << "  if (!" << ptr << " || KILN_MISALIGNED(" << ptr << ", "
       << (dynamic ? 8 : dtypeSize(spec.dtype))
       << "))\n    return KILN_ERR_ARGUMENT;\n";
  };
  for (auto [i, spec] : llvm::enumerate(plan.inputs))
    check("in", i, spec);
  for (auto [i, spec] : llvm::enumerate(plan.outputs))
    check("out", i, spec);
  if (d.runtimeSteps())
    os << "  if (kiln_rt_abi_version() != KILN_RT_ABI_VERSION) {\n"
       << "    snprintf(kiln_error, sizeof kiln_error, \"libkiln-rt.so has "
          "ABI version %d but this library needs %d (keep the copy kiln "
          "compile wrote beside it)\", kiln_rt_abi_version(), "
          "KILN_RT_ABI_VERSION);\n    return KILN_ERR_RUNTIME;\n  }\n";
  os << "  (void)s;\n";
  // Heap buffers: each dynamic slot's data and run-time dims; a dynamic
  // output's struct says "nothing allocated" until the run succeeds.
  bool heap = !d.dynamicSlots.empty();
  if (heap) {
    os << "  int rc = KILN_OK;\n";
    for (int s : d.dynamicSlots)
      os << "  void *kiln_dyn" << s << " = NULL;\n  int64_t kiln_dims" << s
         << "[" << std::max<size_t>(1, d.slotSpecs[s].shape.size()) << "];\n";
  }
  // A container input's slot holds the caller's value (never released).
  for (auto [i, spec] : llvm::enumerate(plan.inputs))
    if (spec.kind != ValueKind::Tensor)
      os << "  kiln_dyn" << plan.inputSlots[i] << " = (void *)in[" << i
         << "];\n";
  auto dynamicOut = [&](size_t k) {
    return "((kiln_dynamic_output *)out[" + std::to_string(k) + "])";
  };
  for (auto [k, spec] : llvm::enumerate(plan.outputs))
    if (!spec.isStatic())
      os << "  " << dynamicOut(k) << "->data = NULL;\n";
  for (auto [i, step] : llvm::enumerate(plan.steps))
    writeRunStep(os, d, step, i);
  // Outputs that are inputs, weights or repeated outputs are copies.
  for (auto [i, s] : llvm::enumerate(plan.outputSlots)) {
    if (!plan.slots[s].isStatic)
      continue;
    std::string from = slotPointer(d, s);
    if (from != llvm::formatv("out[{0}]", i).str())
      os << "  memcpy(out[" << i << "], " << from << ", "
         << slotBytes(plan.slots[s]) << "u);\n";
  }
  // Dynamic outputs: a repeated one gets a copy, then the last output of
  // each slot takes its buffer.
  for (auto [i, s] : llvm::enumerate(plan.outputSlots)) {
    if (plan.slots[s].isStatic)
      continue;
    size_t rank = d.slotSpecs[s].shape.size();
    std::string o = dynamicOut(i);
    bool repeated =
        std::find(plan.outputSlots.begin() + i + 1, plan.outputSlots.end(),
                  s) != plan.outputSlots.end();
    if (plan.slots[s].kind != ValueKind::Tensor) {
      // A container: the slot's value is handed over, or copied when the
      // slot is the caller's input or another output's too.
      if (!repeated && !llvm::is_contained(plan.inputSlots, s)) {
        os << "  " << o << "->data = kiln_dyn" << s << ";\n  kiln_dyn" << s
           << " = NULL;\n";
        continue;
      }
      os << "  " << o << "->data = kiln_rt_clone(kiln_dyn" << s << ");\n"
         << "  if (!" << o << "->data) {\n    rc = KILN_ERR_NOMEM;\n"
         << "    goto kiln_end;\n  }\n";
      continue;
    }
    os << "  memcpy(" << o << "->shape, kiln_dims" << s << ", " << rank * 8
       << "u);\n";
    if (!repeated) {
      os << "  " << o << "->data = kiln_dyn" << s << ";\n  kiln_dyn" << s
         << " = NULL;\n";
      continue;
    }
    os << "  {\n    size_t n = " << dtypeSize(plan.slots[s].dtype) << "u;\n";
    for (size_t k = 0; k < rank; ++k)
      os << "    n *= (size_t)kiln_dims" << s << "[" << k << "];\n";
    os << "    " << o << "->data = malloc(n ? n : 1);\n"
       << "    if (!" << o << "->data) {\n      rc = KILN_ERR_NOMEM;\n"
       << "      goto kiln_end;\n    }\n"
       << "    if (n)\n      memcpy(" << o << "->data, kiln_dyn" << s
       << ", n);\n  }\n";
  }
  if (!heap) {
    os << "  return KILN_OK;\n}\n\n";
  } else {
    os << "kiln_end:\n";
    for (int s : d.dynamicSlots)
      os << "  " << releaseHeap(d, s) << ";\n";
    bool anyDynamicOutput = false;
    for (const TensorSpec &spec : plan.outputs)
      anyDynamicOutput |= !spec.isStatic();
    if (anyDynamicOutput) {
      os << "  if (rc != KILN_OK) {\n";
      for (auto [k, spec] : llvm::enumerate(plan.outputs))
        if (!spec.isStatic())
          os << "    "
             << (spec.kind == ValueKind::Tensor ? "free(" : "kiln_rt_release(")
             << dynamicOut(k) << "->data);\n    " << dynamicOut(k)
             << "->data = NULL;\n";
      os << "  }\n";
    }
    os << "  return rc;\n}\n\n";
  }
  os << "int " << p << "_run(const void *const *inputs, void *const *outputs,"
     << " void *scratch) {\n  return " << p
     << "_run_parallel(inputs, outputs, scratch, NULL, NULL);\n}\n";
  return text;
}
} // namespace kiln::cpu
