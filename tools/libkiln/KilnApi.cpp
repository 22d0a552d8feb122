//===- KilnApi.cpp - libkiln.so: the C API of kiln/kiln.h -----------------===//
//
// kiln_model_load does what `kiln run` does before its first run: on the
// JIT it first asks the whole-model cache (ModelEntryCache), else it loads
// and imports the ONNX file and prepares it with prepareBackend, saving a
// fresh JIT model to the cache. The diagnostics an MLIR context reports
// during that become the thread's last error, worded as the CLI prints them
// after "kiln: error: ". kiln_model_run checks the caller's tensors against
// the model, views them as Tensors without copying, and runs the JIT
// straight into the output buffers (JitModel::runInto); the interpreter
// and outputs of run-time shape go through run() and a copy. A JIT model
// whose inputs have dynamic dims (`batch`, `seq`) runs on the variant
// compiled for each set of input shapes it is given (tool::ShapeVariants,
// 8 kept), also straight into the output buffers.
//
//===----------------------------------------------------------------------===//
#include "kiln/kiln.h"

#include "Common.h"
#include "ShapeVariants.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FileSystem.h"

#include <cstring>
#include <mutex>
#include <new>

using namespace kiln;

struct kiln_model {
  /// Declared in the order they are built: the prepared model refers to
  /// the module, which lives in the context.
  std::unique_ptr<mlir::MLIRContext> ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<tool::PreparedModel> prepared;
  /// The JIT model behind `prepared`, which it owns (not const: runInto is
  /// a non-const member); null on the interpreter.
  cpu::JitModel *jit = nullptr;
  /// A JIT model with dynamic inputs: the variants per set of input shapes
  /// (`prepared` then only gives the inputs and outputs).
  std::unique_ptr<tool::ShapeVariants> variants;
  /// The interpreter runs one call at a time.
  std::mutex interpLock;
};

namespace {
/// The calling thread's last error message.
thread_local std::string lastError;

/// Records \p message as the last error and returns \p status.
kiln_status fail(kiln_status status, const std::string &message) {
  lastError = message;
  return status;
}

/// "1x784 f32", with "?" for a dimension of -1.
std::string describe(DType dtype, llvm::ArrayRef<int64_t> dims) {
  return formatShape(Shape(dims.begin(), dims.end())) + " " +
         std::string(dtypeName(dtype));
}

/// "1x784 f32" for a spec ("? f32" for an unknown rank).
std::string describe(const TensorSpec &spec) {
  if (!spec.ranked)
    return "? " + std::string(dtypeName(spec.dtype));
  return describe(spec.dtype, spec.shape);
}

/// Checks the caller's tensor \p t against \p spec (\p kind is "input" or
/// "output", \p index its position) and sets \p shape to its dimensions.
kiln_status checkTensor(const kiln_tensor &t, const TensorSpec &spec,
                        const char *kind, size_t index, Shape &shape) {
  std::string label = std::string(kind) + " " + std::to_string(index) + " ('" +
                      spec.name + "')";
  if (t.name && spec.name != t.name)
    return fail(KILN_STATUS_MISMATCH,
                std::string(kind) + " " + std::to_string(index) + " is '" +
                    spec.name + "', not '" + t.name + "'");
  if (t.rank < 0 || (t.rank > 0 && !t.dims))
    return fail(KILN_STATUS_ARGUMENT, label + ": a rank of " +
                                          std::to_string(t.rank) +
                                          (t.rank < 0 ? "" : " needs dims"));
  shape.assign(t.dims, t.dims + t.rank);
  std::optional<DType> dtype = dtypeFromOnnx(t.dtype);
  bool same = dtype && *dtype == spec.dtype;
  if (same && spec.ranked) {
    same = spec.shape.size() == shape.size();
    for (size_t d = 0; same && d < shape.size(); ++d)
      same = shape[d] >= 0 && (spec.shape[d] < 0 || spec.shape[d] == shape[d]);
  }
  for (int64_t d : shape)
    same &= d >= 0;
  if (!same)
    return fail(KILN_STATUS_MISMATCH,
                label + " is " +
                    (dtype ? describe(*dtype, shape)
                           : formatShape(shape) + " of unknown type " +
                                 std::to_string(t.dtype)) +
                    " but the model expects " + describe(spec));
  uint64_t bytes =
      static_cast<uint64_t>(shapeNumElements(shape)) * dtypeSize(spec.dtype);
  if (t.size < bytes)
    return fail(KILN_STATUS_MISMATCH,
                label + " (" + describe(spec.dtype, shape) + ") needs " +
                    std::to_string(bytes) + " bytes; " +
                    std::to_string(t.size) + " given");
  if (bytes && !t.data)
    return fail(KILN_STATUS_ARGUMENT, label + " has no data");
  return KILN_STATUS_OK;
}

/// Checks \p count tensors given against \p specs.
kiln_status checkCount(size_t count, const std::vector<TensorSpec> &specs,
                       const char *kind) {
  if (count == specs.size())
    return KILN_STATUS_OK;
  std::string names;
  for (const TensorSpec &s : specs)
    names += (names.empty() ? "" : ", ") + s.name;
  return fail(KILN_STATUS_MISMATCH,
              "the model has " + std::to_string(specs.size()) + " " + kind +
                  "s (" + names + "); " + std::to_string(count) + " given");
}

/// Writes spec \p i of \p specs to the out-parameters of kiln_model_input.
kiln_status querySpec(const std::vector<TensorSpec> &specs, size_t i,
                      const char *kind, const char **name, int32_t *dtype,
                      int32_t *rank, int64_t *dims, size_t maxDims) {
  if (i >= specs.size())
    return fail(KILN_STATUS_ARGUMENT,
                "no " + std::string(kind) + " " + std::to_string(i) +
                    ": the model has " + std::to_string(specs.size()));
  const TensorSpec &spec = specs[i];
  if (name)
    *name = spec.name.c_str();
  if (dtype)
    *dtype = static_cast<int32_t>(dtypeToOnnx(spec.dtype));
  if (rank)
    *rank = spec.ranked ? static_cast<int32_t>(spec.shape.size()) : -1;
  for (size_t d = 0; dims && d < spec.shape.size() && d < maxDims; ++d)
    *dims++ = spec.shape[d];
  return KILN_STATUS_OK;
}

/// Loads and prepares \p path into \p m as kiln_model_load describes.
kiln_status load(const char *path, const kiln_options &options, kiln_model &m) {
  std::string backend = options.backend ? options.backend : "jit";
  if (backend != "jit" && backend != "interp")
    return fail(KILN_STATUS_ARGUMENT, "unknown backend '" + backend +
                                          "': expected 'jit' or 'interp'");
  if (options.threads < 0)
    return fail(KILN_STATUS_ARGUMENT, "threads must be 0 (all cores) or more");
  if (options.opt_level < 0 || options.opt_level > 3)
    return fail(KILN_STATUS_ARGUMENT, "unknown -O level " +
                                          std::to_string(options.opt_level) +
                                          ": expected 0 to 3");
  cpu::CpuOptions cpuOptions;
  cpuOptions.threads = static_cast<unsigned>(options.threads);
  cpuOptions.optLevel = static_cast<unsigned>(options.opt_level);
  cpuOptions.useCache = options.use_cache != 0;
  if (options.cache_dir)
    cpuOptions.cacheDir = options.cache_dir;

  m.ctx = tool::makeContext(/*printDiagnostics=*/false);
  // Errors become the message, as `kiln` prints them (diagnostics, then a
  // failing stage's own error); warnings go with a model cache entry, as
  // `kiln run` keeps them; notes are dropped.
  std::string errors;
  std::vector<std::string> warnings;
  mlir::ScopedDiagnosticHandler handler(m.ctx.get(), [&](mlir::Diagnostic &d) {
    std::string line = tool::diagnosticLine(d);
    if (d.getSeverity() == mlir::DiagnosticSeverity::Warning)
      warnings.push_back(line);
    if (d.getSeverity() != mlir::DiagnosticSeverity::Error)
      return mlir::success();
    llvm::StringRef text(line);
    text.consume_front("kiln: error: ");
    errors += (errors.empty() ? "" : "\n") + text.str();
    return mlir::success();
  });
  frontend::LoadOptions loadOptions;
  tool::ModelEntryCache entries;
  if (backend == "jit")
    m.prepared = entries.open(path, loadOptions, cpuOptions, nullptr);
  std::unique_ptr<frontend::LoadedModel> model;
  if (!m.prepared) {
    bool exists =
        !llvm::sys::fs::access(path, llvm::sys::fs::AccessMode::Exist);
    model = frontend::loadModel(*m.ctx, path, loadOptions);
    if (model)
      m.module = frontend::importModel(*m.ctx, *model);
    if (!m.module)
      return fail(exists ? KILN_STATUS_MODEL : KILN_STATUS_OPEN,
                  errors.empty() ? "cannot load '" + std::string(path) + "'"
                                 : errors);
    frontend::releaseInitializerData(*model);
    auto prepared =
        tool::prepareBackend(backend, *m.module, cpuOptions, nullptr);
    if (!prepared)
      return fail(KILN_STATUS_MODEL, (errors.empty() ? "" : errors + "\n") +
                                         llvm::toString(prepared.takeError()));
    m.prepared = std::move(*prepared);
    entries.save(*m.prepared, *model, warnings, nullptr);
  }
  if (llvm::Error e = tool::refuseContainers(
          m.prepared->inputs(), m.prepared->outputs(), "the C API"))
    return fail(KILN_STATUS_MODEL, llvm::toString(std::move(e)));
  // The JIT model is owned by m.prepared; only the accessor is const.
  m.jit = const_cast<cpu::JitModel *>(m.prepared->jitModel());
  if (m.jit && llvm::any_of(m.prepared->inputs(),
                            [](auto &in) { return !in.isStatic(); })) {
    std::string file = path;
    m.variants = std::make_unique<tool::ShapeVariants>(
        m.prepared->inputs(),
        [file, cpuOptions](const std::map<std::string, Shape> &shapes) {
          frontend::LoadOptions variant;
          variant.inputShapes = shapes;
          return tool::prepareModelFile(file, variant, "jit", cpuOptions);
        });
  }
  return KILN_STATUS_OK;
}

/// Runs the variant of \p m for the shapes of \p inputs into \p outputs.
kiln_status runVariant(kiln_model &m, const std::vector<Tensor> &inputs,
                       std::vector<Tensor> &outputs) {
  auto variant = m.variants->get(inputs);
  if (!variant)
    return fail(KILN_STATUS_MISMATCH, llvm::toString(variant.takeError()));
  const std::vector<TensorSpec> &specs = (*variant)->outputs();
  for (size_t i = 0; i < outputs.size(); ++i) {
    Shape shape(specs[i].shape.begin(), specs[i].shape.end());
    if (outputs[i].shape() != shape)
      return fail(KILN_STATUS_MISMATCH,
                  "output " + std::to_string(i) + " ('" + specs[i].name +
                      "') of these inputs is " + describe(specs[i]) +
                      " but the buffer given is " +
                      describe(outputs[i].dtype(), outputs[i].shape()));
  }
  auto *jit = const_cast<cpu::JitModel *>((*variant)->jitModel());
  if (llvm::Error e = jit->runInto(inputs, outputs))
    return fail(KILN_STATUS_RUNTIME, llvm::toString(std::move(e)));
  return KILN_STATUS_OK;
}

/// Runs \p m as kiln_model_run describes, once the counts are checked.
kiln_status run(kiln_model &m, const kiln_tensor *in, kiln_tensor *out) {
  const std::vector<TensorSpec> &inSpecs = m.prepared->inputs();
  const std::vector<TensorSpec> &outSpecs = m.prepared->outputs();
  std::vector<Tensor> inputs, outputs;
  bool dynamicOutputs = false;
  for (size_t i = 0; i < inSpecs.size(); ++i) {
    Shape shape;
    if (kiln_status s = checkTensor(in[i], inSpecs[i], "input", i, shape))
      return s;
    // Inputs are only read; Tensor has no read-only view.
    inputs.push_back(
        Tensor::view(inSpecs[i].dtype, std::move(shape), in[i].data, nullptr));
  }
  for (size_t i = 0; i < outSpecs.size(); ++i) {
    Shape shape;
    if (kiln_status s = checkTensor(out[i], outSpecs[i], "output", i, shape))
      return s;
    dynamicOutputs |= !outSpecs[i].isStatic();
    outputs.push_back(Tensor::view(outSpecs[i].dtype, std::move(shape),
                                   out[i].data, nullptr));
  }
  if (m.variants)
    return runVariant(m, inputs, outputs);
  if (m.jit && !dynamicOutputs) {
    if (llvm::Error e = m.jit->runInto(inputs, outputs))
      return fail(KILN_STATUS_RUNTIME, llvm::toString(std::move(e)));
    return KILN_STATUS_OK;
  }
  std::unique_lock<std::mutex> lock(m.interpLock, std::defer_lock);
  if (!m.jit)
    lock.lock();
  auto results = m.prepared->run(inputs);
  if (!results)
    return fail(KILN_STATUS_RUNTIME, llvm::toString(results.takeError()));
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Tensor &r = (*results)[i];
    if (r.dtype() != outputs[i].dtype() || r.shape() != outputs[i].shape())
      return fail(KILN_STATUS_MISMATCH,
                  "output " + std::to_string(i) + " ('" + outSpecs[i].name +
                      "') of this run is " + describe(r.dtype(), r.shape()) +
                      " but the buffer given is " +
                      describe(outputs[i].dtype(), outputs[i].shape()));
    if (r.byteSize())
      std::memcpy(outputs[i].raw(), r.raw(), r.byteSize());
  }
  return KILN_STATUS_OK;
}
} // namespace

extern "C" {

int kiln_api_version(void) { return KILN_API_VERSION; }

void kiln_options_init(kiln_options *options) {
  if (!options)
    return;
  *options = kiln_options();
  options->backend = "jit";
  options->opt_level = 2;
  options->use_cache = 1;
}

kiln_status kiln_model_load(const char *path, const kiln_options *options,
                            kiln_model **out) {
  if (!out)
    return fail(KILN_STATUS_ARGUMENT, "kiln_model_load: out is NULL");
  *out = nullptr;
  if (!path)
    return fail(KILN_STATUS_ARGUMENT, "kiln_model_load: path is NULL");
  kiln_options defaults;
  kiln_options_init(&defaults);
  try {
    auto m = std::make_unique<kiln_model>();
    if (kiln_status s = load(path, options ? *options : defaults, *m))
      return s;
    *out = m.release();
    return KILN_STATUS_OK;
  } catch (const std::bad_alloc &) {
    return fail(KILN_STATUS_NOMEM,
                "out of memory loading '" + std::string(path) + "'");
  }
}

void kiln_model_free(kiln_model *model) { delete model; }

size_t kiln_model_num_inputs(const kiln_model *model) {
  return model ? model->prepared->inputs().size() : 0;
}

size_t kiln_model_num_outputs(const kiln_model *model) {
  return model ? model->prepared->outputs().size() : 0;
}

kiln_status kiln_model_input(const kiln_model *model, size_t i,
                             const char **name, int32_t *dtype, int32_t *rank,
                             int64_t *dims, size_t max_dims) {
  if (!model)
    return fail(KILN_STATUS_ARGUMENT, "kiln_model_input: model is NULL");
  return querySpec(model->prepared->inputs(), i, "input", name, dtype, rank,
                   dims, max_dims);
}

kiln_status kiln_model_output(const kiln_model *model, size_t i,
                              const char **name, int32_t *dtype, int32_t *rank,
                              int64_t *dims, size_t max_dims) {
  if (!model)
    return fail(KILN_STATUS_ARGUMENT, "kiln_model_output: model is NULL");
  return querySpec(model->prepared->outputs(), i, "output", name, dtype, rank,
                   dims, max_dims);
}

kiln_status kiln_model_run(kiln_model *model, const kiln_tensor *inputs,
                           size_t n_in, kiln_tensor *outputs, size_t n_out) {
  if (!model)
    return fail(KILN_STATUS_ARGUMENT, "kiln_model_run: model is NULL");
  if ((n_in && !inputs) || (n_out && !outputs))
    return fail(KILN_STATUS_ARGUMENT,
                "kiln_model_run: inputs or outputs is NULL");
  if (kiln_status s = checkCount(n_in, model->prepared->inputs(), "input"))
    return s;
  if (kiln_status s = checkCount(n_out, model->prepared->outputs(), "output"))
    return s;
  try {
    return run(*model, inputs, outputs);
  } catch (const std::bad_alloc &) {
    return fail(KILN_STATUS_NOMEM, "out of memory running the model");
  }
}

const char *kiln_last_error(void) { return lastError.c_str(); }

const char *kiln_dtype_name(int32_t dtype) {
  // Names live as long as the program (dtypeName returns literals).
  std::optional<DType> t = dtypeFromOnnx(dtype);
  return t ? dtypeName(*t).data() : "?";
}

} // extern "C"
