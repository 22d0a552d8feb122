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
static std::string cString(llvm::StringRef s) {
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
static std::string cComment(llvm::StringRef s) {
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
  uint32_t abi_version; /* 2 (1: no output has a dynamic shape) */
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
/// Whether a step of \p plan checks index values (PlanStep::indexChecks).
static bool hasIndexChecks(const Plan &plan) {
  bool any = false;
  forEachStep(plan,
              [&](const PlanStep &step) { any |= !step.indexChecks.empty(); });
  return any;
}

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
     << (d.numRegions     ? " (but for the steps\n   run by libkiln-rt.so and "
                            "its control-flow regions' memory,\n   below) "
                            "allocates nothing while running,\n   "
         : d.numReference ? " (but for the steps\n   run by libkiln-rt.so, "
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
  if (d.numReference)
    os << "\n\n   " << d.numReference
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
  os << " */\n";
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stddef.h>\n#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  os << kCommonHeader << "\n";
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
     << "const kiln_model_info *" << p << "_describe(void);\n\n"
     << "/* Bytes of scratch memory a run needs (" << d.macro
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
     << (d.numReference
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

/// The C expression of a pointer to slot \p s, for the driver.
static std::string slotPointer(const LibraryDesc &d, int s) {
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

/// \p bytes as the C array `static const unsigned char NAME[]`.
static void writeBytes(llvm::raw_ostream &os, llvm::StringRef name,
                       llvm::StringRef bytes) {
  os << "static const unsigned char " << name << "["
     << std::max<size_t>(1, bytes.size()) << "] = {";
  for (auto [k, c] : llvm::enumerate(bytes))
    os << (k % 16 ? " " : "\n    ") << "0x"
       << llvm::utohexstr(static_cast<unsigned char>(c), /*LowerCase=*/true,
                          /*Width=*/2)
       << ",";
  if (bytes.empty())
    os << "0";
  os << "};\n";
}

/// For the steps run by libkiln-rt.so: the shapes of the slots they pass
/// (kiln_shape<slot>), each reference step's attribute blob
/// (kiln_attrs<N>) and each control-flow step's description (kiln_cf<N>).
static void writeReferenceData(llvm::raw_ostream &os, const LibraryDesc &d) {
  const Plan &plan = *d.plan;
  os << "\n/* Shapes and attributes of the steps run by libkiln-rt.so. */\n"
     << "static _Thread_local char kiln_error[1024];\n";
  std::vector<bool> done(plan.slots.size(), false);
  auto shapeOf = [&](int s) {
    if (s < 0 || done[s] ||
        (!plan.slots[s].isStatic && !llvm::is_contained(d.dynamicSlots, s) &&
         !d.regionDynamic[s]))
      return;
    done[s] = true;
    // A dynamic slot's known dims, -1 for the others, checked by the
    // runtime against the result it computes.
    const std::vector<int64_t> &shape =
        plan.slots[s].isStatic ? plan.slots[s].shape : d.slotSpecs[s].shape;
    os << "static const int64_t kiln_shape" << s << "["
       << std::max<size_t>(1, shape.size()) << "] = {";
    if (shape.empty())
      os << "0 /* rank 0 */";
    for (auto [k, dim] : llvm::enumerate(shape))
      os << (k ? ", " : "") << dim;
    os << "};\n";
  };
  forEachStep(plan, [&](const PlanStep &step) {
    size_t id = d.stepIds.at(&step);
    if (step.kind == PlanStep::Kind::Compiled)
      return;
    for (const auto &slots : {step.inputs, step.outputs})
      for (int s : slots)
        shapeOf(s);
    if (step.kind == PlanStep::Kind::Reference) {
      writeBytes(os, "kiln_attrs" + std::to_string(id),
                 serializeAttrs(step.attrs));
      return;
    }
    for (const PlanRegion &region : step.regions)
      for (int s : region.yields)
        shapeOf(s);
    writeBytes(os, "kiln_cf" + std::to_string(id),
               serializeControlFlow(step.controlFlow));
  });
}

/// The C statements that end a run on a failure with status \p code: a
/// return, or a jump to the run function's cleanup when it has heap
/// buffers.
static std::string failRun(const LibraryDesc &d, llvm::StringRef code) {
  return d.dynamicSlots.empty()
             ? ("return " + code + ";").str()
             : ("{\n      rc = " + code + ";\n      goto kiln_end;\n    }")
                   .str();
}

/// The operand and result arrays `ri` and `ro` of a call into
/// libkiln-rt.so for \p inputs and \p outputs (-1: absent or dropped).
static void writeRuntimeTensors(llvm::raw_ostream &os, const LibraryDesc &d,
                                const std::vector<int> &inputs,
                                const std::vector<int> &outputs) {
  const Plan &plan = *d.plan;
  // dtype 0: an absent operand, or a result the runtime drops.
  auto tensor = [&](int s, bool isResult) {
    if (s < 0)
      return std::string("{0, 0, NULL, NULL, 0, NULL}");
    const PlanSlot &slot = plan.slots[s];
    if (slot.isStatic)
      return llvm::formatv("{{{0}, {1}, kiln_shape{2}, {3}, 0, NULL}",
                           dtypeToOnnx(slot.dtype), slot.shape.size(), s,
                           slotPointer(d, s))
          .str();
    size_t rank = d.slotSpecs[s].shape.size();
    if (isResult)
      return llvm::formatv("{{{0}, {1}, kiln_shape{2}, NULL, KILN_RT_DYNAMIC, "
                           "kiln_dims{2}}",
                           dtypeToOnnx(slot.dtype), rank, s)
          .str();
    return llvm::formatv("{{{0}, {1}, kiln_dims{2}, kiln_dyn{2}, 0, NULL}",
                         dtypeToOnnx(slot.dtype), rank, s)
        .str();
  };
  auto array = [&](llvm::StringRef decl, const std::vector<int> &slots,
                   bool isResult) {
    if (slots.empty())
      return;
    os << "    " << decl << "[] = {";
    for (auto [k, s] : llvm::enumerate(slots))
      os << (k ? ",\n        " : "") << tensor(s, isResult);
    os << "};\n";
  };
  array("const kiln_rt_tensor ri", inputs, false);
  array("kiln_rt_tensor ro", outputs, true);
}

/// After a call into libkiln-rt.so for top-level step \p index: its
/// dynamic results' buffers, and the heap buffers it read last freed
/// (unless they are model outputs).
static void writeHeapUpdates(llvm::raw_ostream &os, const LibraryDesc &d,
                             const std::vector<int> &outputs, size_t index) {
  const Plan &plan = *d.plan;
  for (auto [r, s] : llvm::enumerate(outputs))
    if (s >= 0 && !plan.slots[s].isStatic)
      os << "    kiln_dyn" << s << " = ro[" << r << "].data;\n";
  for (int s : d.dynamicSlots)
    if (d.lastRead[s] == static_cast<int>(index) &&
        !llvm::is_contained(plan.outputSlots, s))
      os << "    free(kiln_dyn" << s << ");\n    kiln_dyn" << s << " = NULL;\n";
}

/// \p step's results as a call into libkiln-rt.so passes them: -1 for one
/// nothing reads whose shape is not static (the runtime drops it).
static std::vector<int> keptOutputs(const Plan &plan, const PlanStep &step) {
  std::vector<int> outputs = step.outputs;
  for (size_t r = 0; r < outputs.size(); ++r)
    if (isDiscarded(plan, step, r))
      outputs[r] = -1;
  return outputs;
}

/// A reference step: one kiln_rt_eval call, its message kept on failure.
/// Dynamic operands pass the heap buffer and run-time dims of their slot;
/// dynamic results come back as a heap buffer, freed after the last step
/// reading them (or handed to the caller, for a model output). \p onFailure
/// is the C statement run when it fails.
static void writeReferenceStep(llvm::raw_ostream &os, const LibraryDesc &d,
                               const PlanStep &step,
                               llvm::StringRef onFailure) {
  const Plan &plan = *d.plan;
  size_t id = d.stepIds.at(&step);
  writeRuntimeTensors(os, d, step.inputs, keptOutputs(plan, step));
  os << "    if (kiln_rt_eval(" << cString(step.refName) << ", "
     << cString(step.label) << ", kiln_attrs" << id << ", sizeof kiln_attrs"
     << id << ",\n                     " << step.inputs.size() << ", "
     << (step.inputs.empty() ? "NULL" : "ri") << ", " << step.outputs.size()
     << ", " << (step.outputs.empty() ? "NULL" : "ro")
     << ", kiln_error, sizeof kiln_error))\n      " << onFailure << "\n";
}

/// The driver's check of index values, as checkIndexRange (IndexRange.h)
/// words its failures.
static const char *kIndexCheck = R"(
/* The message of the last KILN_ERR_INDEX on this thread. */
static _Thread_local char kiln_index_error[512];

/* Checks n index values (int64 when wide, else int32): value i addresses a
   dimension (number first + i % m) of size sizes[i % m]; an index lies in
   [-size, size), a class label (is_label) in [0, size) or equals ignore
   when has_ignore. Returns 1 with the message on the first that does not,
   as the op's reference kernel words it: the compiled kernel clamps. */
static int kiln_check_indices(const char *label, const void *values, int wide,
                              int64_t n, const int64_t *sizes, int64_t m,
                              int64_t first, int is_label, int has_ignore,
                              int64_t ignore) {
  int64_t i, k = 0;
  for (i = 0; i < n; ++i) {
    int64_t x = wide ? ((const int64_t *)values)[i]
                     : (int64_t)((const int32_t *)values)[i];
    int64_t size = sizes[k];
    int bad = is_label ? (x < 0 || x >= size) && !(has_ignore && x == ignore)
                       : x < -size || x >= size;
    if (bad) {
      if (is_label)
        snprintf(kiln_index_error, sizeof kiln_index_error,
                 "%s: expected target values in [0, %lld) or ignore_index, "
                 "found %lld at element %lld",
                 label, (long long)size, (long long)x, (long long)i);
      else
        snprintf(kiln_index_error, sizeof kiln_index_error,
                 "%s: index %lld is out of range for dimension %lld of "
                 "size %lld",
                 label, (long long)x, (long long)(first + k), (long long)size);
      return 1;
    }
    k = k + 1 == m ? 0 : k + 1;
  }
  return 0;
}
)";

/// The checks of \p step's index values (PlanStep::indexChecks), before
/// its kernel runs.
static void writeIndexChecks(llvm::raw_ostream &os, const LibraryDesc &d,
                             const PlanStep &step, llvm::StringRef onFailure) {
  const Plan &plan = *d.plan;
  for (const IndexCheck &check : step.indexChecks) {
    const PlanSlot &slot = plan.slots[check.slot];
    const IndexRange &r = check.range;
    os << "    if (kiln_check_indices(" << cString(step.label) << ", "
       << slotPointer(d, check.slot) << ", "
       << (slot.dtype == DType::I64 ? 1 : 0) << ", "
       << shapeNumElements(slot.shape) << ",\n        (const int64_t[]){";
    for (auto [k, size] : llvm::enumerate(r.sizes))
      os << (k ? ", " : "") << size;
    os << "}, " << r.sizes.size() << ", " << r.firstDim << ", "
       << (r.kind == IndexRange::Kind::Target ? 1 : 0) << ", "
       << (r.hasIgnore ? 1 : 0) << ", " << r.ignore << "))\n      " << onFailure
       << "\n";
  }
}

/// A compiled step: its index checks (\p onIndexFailure ends the run when
/// one fails), then its kernel on its buffers through kiln_step.
static void writeCompiledStep(llvm::raw_ostream &os, const LibraryDesc &d,
                              const PlanStep &step,
                              llvm::StringRef onIndexFailure) {
  writeIndexChecks(os, d, step, onIndexFailure);
  os << "    void *b[] = {";
  for (auto [k, s] : llvm::enumerate(step.args)) {
    assert(d.plan->slots[s].isStatic &&
           "the planner gives compiled steps static shapes only");
    os << (k ? ", " : "") << slotPointer(d, s);
  }
  os << "};\n    kiln_step(" << step.symbol << ", b, " << step.workItems << ", "
     << std::max<int64_t>(1, step.grain) << ", parallel_for, user);\n";
}

/// The values of data-dependent shape that the reference steps in
/// \p step's regions compute (kept on the heap: LibraryDesc::regionDynamic).
static std::vector<int> regionHeapSlots(const LibraryDesc &d,
                                        const PlanStep &step) {
  std::vector<int> slots;
  for (const PlanRegion &region : step.regions)
    for (int v : region.defined)
      if (!d.plan->slots[v].isStatic && !llvm::is_contained(slots, v))
        slots.push_back(v);
  return slots;
}

/// What a region function reads of the run that called
/// kiln_rt_control_flow, and each region's memory block.
static const char *kRegionContext = R"(
/* A control-flow step's run, as its region functions see it: the run's
   buffers; one memory block per region for the values its steps define
   (allocated at the region's first run, freed after the step); and, for a
   step inside a region, that region's run (its memory block, its
   arguments, and its own context), whose values the inner regions read. */
typedef struct kiln_cf_ctx {
  const void *const *in;
  void *const *out;
  unsigned char *s;
  const unsigned char *w;
  kiln_parallel_for_fn parallel_for;
  void *user;
  unsigned char *mem[2];
  const struct kiln_cf_ctx *outer;
  unsigned char *outer_r;
  const kiln_rt_tensor *outer_args;
} kiln_cf_ctx;
)";

namespace {
/// Where a region function finds a region's values: its block arguments
/// (the runtime's buffers) and the statically shaped values its steps
/// define (offsets in its memory block). Values of data-dependent shape its
/// steps define are thread-local heap buffers (kiln_dyn<slot>).
struct RegionLayout {
  const PlanRegion *region = nullptr;
  std::map<int, size_t> argIndex;
  std::map<int, uint64_t> offset;
  uint64_t bytes = kArenaAlign;
};
} // namespace

static RegionLayout layoutRegion(const Plan &plan, const PlanRegion &region) {
  RegionLayout l;
  l.region = &region;
  for (auto [i, a] : llvm::enumerate(region.args))
    l.argIndex.emplace(a, i);
  uint64_t bytes = 0;
  for (int v : region.defined) {
    if (l.argIndex.count(v) || l.offset.count(v) || !plan.slots[v].isStatic)
      continue;
    bytes = (bytes + kArenaAlign - 1) / kArenaAlign * kArenaAlign;
    l.offset.emplace(v, bytes);
    bytes += slotBytes(plan.slots[v]);
  }
  l.bytes = std::max<uint64_t>(kArenaAlign, (bytes + kArenaAlign - 1) /
                                                kArenaAlign * kArenaAlign);
  return l;
}

/// In a region function whose regions are nested in \p chain (outermost
/// first, its own region last): how the function reaches the arguments
/// and memory of the region \p up levels out (0: its own).
static std::string outerField(size_t up, llvm::StringRef own,
                              llvm::StringRef field) {
  if (up == 0)
    return own.str();
  std::string path = "c->";
  for (size_t k = 1; k < up; ++k)
    path += "outer->";
  return path + field.str();
}

/// Points slotPointer (LibraryDesc::slotExpr) at the values of the regions
/// in \p chain, as the function of the last one sees them; declares the
/// run-time dims and buffers of the arguments of data-dependent shape.
static void bindRegionSlots(llvm::raw_ostream &os, const LibraryDesc &d,
                            const std::vector<const RegionLayout *> &chain) {
  const Plan &plan = *d.plan;
  d.slotExpr.assign(plan.slots.size(), "");
  for (size_t k = 0; k < chain.size(); ++k) {
    size_t up = chain.size() - 1 - k;
    std::string args = outerField(up, "args", "outer_args");
    std::string mem = outerField(up, "r", "outer_r");
    for (auto [a, i] : chain[k]->argIndex) {
      d.slotExpr[a] = llvm::formatv("(void *){0}[{1}].data", args, i).str();
      if (!plan.slots[a].isStatic)
        os << "    void *kiln_dyn" << a << " = " << d.slotExpr[a]
           << ";\n    const int64_t *kiln_dims" << a << " = " << args << "["
           << i << "].shape;\n    (void)kiln_dyn" << a
           << ";\n    (void)kiln_dims" << a << ";\n";
    }
    for (auto [v, off] : chain[k]->offset)
      d.slotExpr[v] = llvm::formatv("(void *)({0} + {1})", mem, off).str();
  }
}

static void writeRegionsCall(llvm::raw_ostream &os, const LibraryDesc &d,
                             const PlanStep &step, llvm::StringRef ctx,
                             llvm::StringRef onFailure);

/// The region function kiln_regions<N> of control-flow step \p step, which
/// kiln_rt_control_flow calls for each run of one of its regions: the
/// region's steps over its arguments (the runtime's buffers), its memory
/// block (the values its steps define), the enclosing regions' values
/// (\p chain: the step is inside those regions) and the run's buffers,
/// then its yields. A failing step's message goes to `err`. The functions
/// of control-flow steps inside its regions come first.
static void writeRegionFunction(llvm::raw_ostream &os, const LibraryDesc &d,
                                const PlanStep &step,
                                std::vector<const RegionLayout *> chain) {
  const Plan &plan = *d.plan;
  size_t id = d.stepIds.at(&step);
  std::string label = cString(step.label);
  std::vector<RegionLayout> layouts;
  for (const PlanRegion &region : step.regions)
    layouts.push_back(layoutRegion(plan, region));
  for (auto [k, region] : llvm::enumerate(step.regions)) {
    chain.push_back(&layouts[k]);
    for (const PlanStep &inner : region.steps)
      if (inner.kind == PlanStep::Kind::Regions)
        writeRegionFunction(os, d, inner, chain);
    chain.pop_back();
  }
  // Values of data-dependent shape its reference steps compute: heap
  // buffers kept until the region's next run (a yield may hand one back)
  // and freed after the step.
  os << "\n";
  for (int v : regionHeapSlots(d, step))
    os << "static _Thread_local void *kiln_dyn" << v
       << ";\nstatic _Thread_local int64_t kiln_dims" << v << "["
       << std::max<size_t>(1, d.slotSpecs[v].shape.size()) << "];\n";
  os << "/* The regions of " << cComment(step.label) << ". */\n"
     << "static int kiln_regions" << id
     << "(void *ctx, int region, int n_args,\n"
     << "    const kiln_rt_tensor *args, int n_yields, kiln_rt_tensor "
        "*yields,\n    char *err, size_t err_len) {\n"
     << "  kiln_cf_ctx *c = (kiln_cf_ctx *)ctx;\n"
     << "  const void *const *in = c->in;\n"
     << "  void *const *out = c->out;\n"
     << "  unsigned char *s = c->s;\n"
     << "  const unsigned char *w = c->w;\n"
     << "  kiln_parallel_for_fn parallel_for = c->parallel_for;\n"
     << "  void *user = c->user;\n"
     << "  (void)in;\n  (void)out;\n  (void)s;\n  (void)w;\n  (void)args;\n"
     << "  (void)n_args;\n  (void)n_yields;\n";
  std::string onFailure = "{\n      snprintf(err, err_len, \"%s\", "
                          "kiln_error);\n      return 1;\n    }";
  std::string onIndexFailure = "{\n      snprintf(err, err_len, \"%s\", "
                               "kiln_index_error);\n      return 1;\n    }";
  for (auto [k, region] : llvm::enumerate(step.regions)) {
    os << "  if (region == " << k << ") {\n"
       << "    unsigned char *r = c->mem[" << k << "];\n"
       << "    if (!r) {\n      r = c->mem[" << k << "] = (unsigned char *)"
       << "aligned_alloc(" << kArenaAlign << ", " << layouts[k].bytes << "u);\n"
       << "      if (!r) {\n        snprintf(err, err_len, \"%s: out of "
          "memory\", "
       << label << ");\n        return 1;\n      }\n    }\n";
    chain.push_back(&layouts[k]);
    bindRegionSlots(os, d, chain);
    // The last run's heap buffers go.
    for (int v : region.defined)
      if (!plan.slots[v].isStatic)
        os << "    free(kiln_dyn" << v << ");\n    kiln_dyn" << v
           << " = NULL;\n";
    for (const PlanStep &inner : region.steps) {
      os << "  { /* " << cComment(inner.label) << " */\n";
      if (inner.kind == PlanStep::Kind::Compiled) {
        writeCompiledStep(os, d, inner, onIndexFailure);
        os << "  }\n";
        continue;
      }
      if (inner.kind == PlanStep::Kind::Reference)
        writeReferenceStep(os, d, inner, onFailure);
      else
        writeRegionsCall(os, d, inner,
                         "{in, out, s, w, parallel_for, user, {NULL, NULL}, "
                         "c, r, args}",
                         onFailure);
      for (auto [r, v] : llvm::enumerate(keptOutputs(plan, inner)))
        if (v >= 0 && !plan.slots[v].isStatic)
          os << "    kiln_dyn" << v << " = ro[" << r << "].data;\n";
      os << "  }\n";
    }
    for (auto [j, y] : llvm::enumerate(region.yields)) {
      const PlanSlot &slot = plan.slots[y];
      bool dynamic = !slot.isStatic;
      os << "    yields[" << j << "].dtype = " << dtypeToOnnx(slot.dtype)
         << ";\n    yields[" << j << "].rank = "
         << (dynamic ? d.slotSpecs[y].shape.size() : slot.shape.size())
         << ";\n    yields[" << j
         << "].shape = " << (dynamic ? "kiln_dims" : "kiln_shape") << y
         << ";\n    yields[" << j << "].data = " << slotPointer(d, y) << ";\n";
    }
    os << "    return 0;\n  }\n";
    chain.pop_back();
    d.slotExpr.clear();
  }
  os << "  snprintf(err, err_len, \"%s: no region %d\", " << label
     << ", region);\n  return 1;\n}\n";
}

/// One kiln_rt_control_flow call for control-flow step \p step with its
/// operands (not the values its regions read from outside, which the
/// region function reads itself), its results, its region function and
/// the context \p ctx (a C initializer of kiln_cf_ctx); then its regions'
/// memory and heap buffers are freed, and \p onFailure runs if it failed.
static void writeRegionsCall(llvm::raw_ostream &os, const LibraryDesc &d,
                             const PlanStep &step, llvm::StringRef ctx,
                             llvm::StringRef onFailure) {
  const Plan &plan = *d.plan;
  size_t id = d.stepIds.at(&step);
  size_t n = std::min(step.controlFlow.numOperands, step.inputs.size());
  std::vector<int> operands(step.inputs.begin(), step.inputs.begin() + n);
  std::vector<int> outputs = keptOutputs(plan, step);
  writeRuntimeTensors(os, d, operands, outputs);
  os << "    kiln_cf_ctx cf = " << ctx << ";\n"
     << "    int failed = kiln_rt_control_flow(" << cString(step.label)
     << ", kiln_cf" << id << ", sizeof kiln_cf" << id << ",\n        " << n
     << ", " << (n ? "ri" : "NULL") << ", " << outputs.size() << ", "
     << (outputs.empty() ? "NULL" : "ro") << ", kiln_regions" << id
     << ", &cf, kiln_error,\n        sizeof kiln_error);\n"
     << "    free(cf.mem[0]);\n    free(cf.mem[1]);\n";
  for (int v : regionHeapSlots(d, step))
    os << "    free(kiln_dyn" << v << ");\n    kiln_dyn" << v << " = NULL;\n";
  os << "    if (failed)\n      " << onFailure << "\n";
}

/// A control-flow step in the run function.
static void writeRegionsStep(llvm::raw_ostream &os, const LibraryDesc &d,
                             const PlanStep &step) {
  std::string ctx =
      "{in, out, s, " +
      std::string(d.weightsFile || !d.weights.blob.empty() ? "w" : "NULL") +
      ", parallel_for, user, {NULL, NULL}, NULL, NULL, NULL}";
  writeRegionsCall(os, d, step, ctx, failRun(d, "KILN_ERR_RUNTIME"));
}

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
  if (d.numReference) {
    os << "\n#include \"kiln_rt.h\"\n";
    writeReferenceData(os, d);
  }
  if (hasIndexChecks(plan))
    os << kIndexCheck;

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
     << "    KILN_AOT_MAGIC, 2, " << cString(d.name) << ", " << cString(p)
     << ",\n    " << plan.inputs.size() << ", " << plan.outputs.size() << ", "
     << (plan.inputs.empty() ? "NULL" : "kiln_inputs") << ", "
     << (plan.outputs.empty() ? "NULL" : "kiln_outputs") << ",\n    "
     << d.scratch.size << "u, " << kArenaAlign << "u, " << d.weights.blob.size()
     << "u, "
     << (d.weightsFile ? cString(d.weightsFileName) : std::string("NULL"))
     << ",\n    " << plan.steps.size() << ", " << cString(hostTarget().cpu)
     << "};\n\n";
  os << "const char *" << p << "_build_id(void) { return KILN_BUILD_ID; }\n\n";
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
     << (d.numReference ? "  case KILN_ERR_RUNTIME: return kiln_error[0] ? "
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
  if (d.numRegions) {
    os << kRegionContext;
    for (const PlanStep &step : plan.steps)
      if (step.kind == PlanStep::Kind::Regions)
        writeRegionFunction(os, d, step, {});
  }
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
  if (d.numReference)
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
  auto dynamicOut = [&](size_t k) {
    return "((kiln_dynamic_output *)out[" + std::to_string(k) + "])";
  };
  for (auto [k, spec] : llvm::enumerate(plan.outputs))
    if (!spec.isStatic())
      os << "  " << dynamicOut(k) << "->data = NULL;\n";
  for (auto [i, step] : llvm::enumerate(plan.steps)) {
    os << "  { /* " << cComment(step.label) << " */\n";
    if (step.kind == PlanStep::Kind::Reference) {
      writeReferenceStep(os, d, step, failRun(d, "KILN_ERR_RUNTIME"));
      writeHeapUpdates(os, d, keptOutputs(plan, step), i);
      os << "  }\n";
      continue;
    }
    if (step.kind == PlanStep::Kind::Regions) {
      writeRegionsStep(os, d, step);
      writeHeapUpdates(os, d, keptOutputs(plan, step), i);
      os << "  }\n";
      continue;
    }
    writeCompiledStep(os, d, step, failRun(d, "KILN_ERR_INDEX"));
    os << "  }\n";
  }
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
    os << "  memcpy(" << o << "->shape, kiln_dims" << s << ", " << rank * 8
       << "u);\n";
    bool repeated =
        std::find(plan.outputSlots.begin() + i + 1, plan.outputSlots.end(),
                  s) != plan.outputSlots.end();
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
      os << "  free(kiln_dyn" << s << ");\n";
    bool anyDynamicOutput = false;
    for (const TensorSpec &spec : plan.outputs)
      anyDynamicOutput |= !spec.isStatic();
    if (anyDynamicOutput) {
      os << "  if (rc != KILN_OK) {\n";
      for (auto [k, spec] : llvm::enumerate(plan.outputs))
        if (!spec.isStatic())
          os << "    free(" << dynamicOut(k) << "->data);\n    "
             << dynamicOut(k) << "->data = NULL;\n";
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
