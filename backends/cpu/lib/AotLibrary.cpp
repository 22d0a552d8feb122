//===- AotLibrary.cpp - Load and run a library built by kiln compile ------===//
//
// AotLibrary dlopens a library, finds its NAME_* API, and rebuilds the
// model's input and output specs from NAME_describe(), so `kiln run` treats
// it like any other backend. Threads come from a oneTBB arena handed to the
// library as its parallel-for callback; the library itself starts none.
//
// The structs below mirror the generated header's kiln_model_info,
// kiln_tensor_info and kiln_dynamic_output (ABI version 2; version 1 is the
// same without dynamic outputs); the magic and version are checked before
// anything else is read. An output whose description has a -1 dimension is
// returned through a kiln_dynamic_output: its malloc'd data is copied into
// a Tensor of the returned shape and freed.
//
// A weights file is checked here before the library's NAME_init reads it
// (which checks it again, for C callers): its magic, the Kiln build that
// wrote it against the library's NAME_build_id(), its sizes and checksum,
// so the error can say what was expected and what was found.
//
//===----------------------------------------------------------------------===//
#include "AotSource.h"
#include "Errors.h"
#include "kiln/cpu/Aot.h"
#include "kiln/cpu/Cache.h"

#include "RunStatePool.h"
#include "Workers.h"
#include "kiln/cpu/Executor.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Host.h"

#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <optional>

namespace kiln::cpu {

/// \p bytes for a message: as text when printable, else in hex.
static std::string showBytes(llvm::StringRef bytes) {
  if (llvm::all_of(bytes, [](char c) { return llvm::isPrint(c); }))
    return "'" + bytes.str() + "'";
  return "0x" + llvm::toHex(bytes, /*LowerCase=*/true);
}

/// Checks the weights file at \p path against what a library of build
/// \p build (empty: unknown, a library older than build identities)
/// expects: \p size bytes of weights.
static llvm::Error checkWeightsFile(const std::string &path, uint64_t size,
                                    llvm::StringRef build) {
  std::string what = "weights file '" + path + "'";
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file)
    return makeError("the " + what +
                     " cannot be opened: " + file.getError().message());
  llvm::StringRef data = (*file)->getBuffer();
  uint64_t expected = kWeightsHeader + size;
  if (data.size() < kWeightsHeader)
    return makeError(what + " is truncated: expected " + llvm::Twine(expected) +
                     " bytes, found " + llvm::Twine(data.size()));
  if (data.take_front(8) != llvm::StringRef(kWeightsMagic, 8))
    return makeError(what + " is not a Kiln weights file: expected magic '" +
                     llvm::StringRef(kWeightsMagic, 8) + "', found " +
                     showBytes(data.take_front(8)));
  llvm::StringRef fileBuild = data.substr(kWeightsBuildIdOffset, kBuildIdSize);
  if (!build.empty() && fileBuild != build)
    return makeError(what + " was written by Kiln build " +
                     showBytes(fileBuild) + ", expected build '" + build +
                     "', which built the library (rebuild both with "
                     "kiln compile --weights-file)");
  uint64_t declared, sum;
  std::memcpy(&declared, data.data() + 8, 8);
  std::memcpy(&sum, data.data() + 16, 8);
  if (declared != size)
    return makeError(what + " holds " + llvm::Twine(declared) +
                     " bytes of weights, expected " + llvm::Twine(size) +
                     " (it belongs to another model)");
  if (data.size() < expected)
    return makeError(what + " is truncated: expected " + llvm::Twine(expected) +
                     " bytes, found " + llvm::Twine(data.size()));
  if (data.size() > expected)
    return makeError(what + " is too long: expected " + llvm::Twine(expected) +
                     " bytes, found " + llvm::Twine(data.size()));
  uint64_t actual = weightsChecksum(data.drop_front(kWeightsHeader));
  if (actual != sum)
    return makeError(what + " is corrupt: its header gives the checksum 0x" +
                     llvm::utohexstr(sum) + " but its weights have 0x" +
                     llvm::utohexstr(actual));
  return llvm::Error::success();
}

namespace {
/// The generated header's kiln_tensor_info.
struct CTensorInfo {
  const char *name;
  int32_t dtype;
  int32_t rank;
  const int64_t *shape;
  int64_t numElements;
  uint64_t size;
};
/// The generated header's kiln_model_info.
struct CModelInfo {
  uint32_t magic;
  uint32_t abiVersion;
  const char *name;
  const char *prefix;
  int32_t numInputs, numOutputs;
  const CTensorInfo *inputs, *outputs;
  uint64_t scratchSize, scratchAlign;
  uint64_t weightsSize;
  const char *weightsFile;
  int32_t numKernels;
  const char *targetCpu;
};
/// The generated header's kiln_dynamic_output.
struct CDynamicOutput {
  void *data;
  int64_t shape[8]; // KILN_MAX_RANK
};
constexpr uint32_t kAotMagic = 0x4e4c494bu;
/// 3: an input or output is a sequence or an optional (NAME_value_kinds);
/// 2: an output may have a dynamic shape; 1: neither.
constexpr uint32_t kAbiVersion = 3;
constexpr int32_t kMaxRank = 8;
/// KILN_ERR_RUNTIME: a step run by libkiln-rt.so failed; the status string
/// is its message.
constexpr int kErrRuntime = 7;
/// KILN_ERR_INDEX: an index value was out of range; the status string is
/// the message the op's reference kernel gives.
constexpr int kErrIndex = 9;

using TaskFn = void (*)(void *, int64_t, int64_t);
using ParallelForFn = void (*)(void *, int64_t, TaskFn, void *);
using DescribeFn = const CModelInfo *(*)();
using RunFn = int (*)(const void *const *, void *const *, void *, ParallelForFn,
                      void *);
using InitFn = int (*)(const char *);
using ReleaseFn = void (*)();
using StatusFn = const char *(*)(int);
using KindsFn = const int32_t *(*)();

/// libkiln-rt.so's tensor descriptor (kiln_rt.h's kiln_rt_tensor).
struct RtTensor {
  int32_t dtype;
  int32_t rank;
  const int64_t *shape;
  void *data;
  int32_t flags;
  int64_t *dims;
};
constexpr int32_t kRtValue = 2; // KILN_RT_VALUE

/// The functions of the library's libkiln-rt.so that make, read and
/// release container values (kiln_rt.h, ABI 5).
struct RtValues {
  void *(*sequence)(int32_t, int, const RtTensor *, char *, size_t) = nullptr;
  void *(*optional)(int32_t, const RtTensor *, char *, size_t) = nullptr;
  int (*kind)(const void *, int32_t *, int64_t *) = nullptr;
  int (*item)(const void *, int64_t, RtTensor *) = nullptr;
  void (*release)(void *) = nullptr;
};
} // namespace

struct AotLibrary::Impl {
  void *handle = nullptr;
  RunFn run = nullptr;
  ReleaseFn release = nullptr;
  /// Set when an input or output is a container.
  RtValues rt;
  StatusFn status = nullptr;
  std::unique_ptr<Workers> workers;
  /// Scratch arenas, one per run in flight: the library keeps no state
  /// between runs, so runs with separate scratch may go on concurrently.
  RunStatePool<std::optional<Tensor>> scratch;

  ~Impl() {
    if (release)
      release();
    if (handle)
      dlclose(handle);
  }

  std::string statusText(int rc) const {
    return std::to_string(rc) + " (" + (status ? status(rc) : "?") + ")";
  }
};

/// The parallel-for handed to the library: a loop on the workers.
static void workersParallelFor(void *user, int64_t n, TaskFn task, void *ctx) {
  static_cast<Workers *>(user)->parallelFor(
      n, 1, [&](int64_t begin, int64_t end) { task(ctx, begin, end); });
}

/// The one exported `*_describe` function of a library whose file was
/// renamed, found in its dynamic symbol table.
static std::string findDescribeSymbol(const std::string &path) {
  auto file = llvm::object::ObjectFile::createObjectFile(path);
  if (!file) {
    llvm::consumeError(file.takeError());
    return "";
  }
  auto *elf =
      llvm::dyn_cast<llvm::object::ELFObjectFileBase>(file->getBinary());
  if (!elf)
    return "";
  std::string found;
  for (const llvm::object::ELFSymbolRef &sym :
       elf->getDynamicSymbolIterators()) {
    auto name = sym.getName();
    if (!name) {
      llvm::consumeError(name.takeError());
      continue;
    }
    if (!name->ends_with("_describe") ||
        sym.getBinding() != llvm::ELF::STB_GLOBAL)
      continue;
    if (!found.empty())
      return ""; // ambiguous
    found = name->str();
  }
  return found;
}

llvm::Expected<std::unique_ptr<AotLibrary>>
AotLibrary::load(const std::string &path, unsigned threads) {
  std::unique_ptr<AotLibrary> lib(new AotLibrary());
  lib->impl = std::make_unique<Impl>();
  Impl &impl = *lib->impl;
  // A bare file name would make dlopen search the library path instead.
  std::string openPath =
      path.find('/') == std::string::npos ? "./" + path : path;
  impl.handle = dlopen(openPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!impl.handle)
    return makeError("cannot load library '" + path + "': " + dlerror());

  std::string prefix = cPrefixFor(libraryBaseName(path));
  auto describe = reinterpret_cast<DescribeFn>(
      dlsym(impl.handle, (prefix + "_describe").c_str()));
  if (!describe) {
    std::string sym = findDescribeSymbol(path);
    if (!sym.empty())
      describe = reinterpret_cast<DescribeFn>(dlsym(impl.handle, sym.c_str()));
  }
  if (!describe)
    return makeError("'" + path +
                     "' is not a library built by kiln compile: "
                     "it exports no " +
                     prefix + "_describe function");
  const CModelInfo *info = describe();
  if (!info || info->magic != kAotMagic)
    return makeError("'" + path +
                     "': its describe function does not return "
                     "a Kiln model description");
  if (info->abiVersion < 1 || info->abiVersion > kAbiVersion)
    return makeError("'" + path + "' uses library ABI version " +
                     std::to_string(info->abiVersion) + "; this kiln reads " +
                     "version " + std::to_string(kAbiVersion) +
                     " (rebuild it with this kiln)");
  lib->apiPrefix = info->prefix;
  const std::string &p = lib->apiPrefix;
  impl.run = reinterpret_cast<RunFn>(
      dlsym(impl.handle, (p + "_run_parallel").c_str()));
  impl.status = reinterpret_cast<StatusFn>(
      dlsym(impl.handle, (p + "_status_string").c_str()));
  if (!impl.run)
    return makeError("'" + path + "' exports no " + p + "_run_parallel");
  // Refused here rather than by the first run, which would fail with
  // KILN_ERR_CPU.
  using CpuMissingFn = const char *(*)();
  if (auto cpuMissing = reinterpret_cast<CpuMissingFn>(
          dlsym(impl.handle, (p + "_cpu_missing").c_str())))
    if (const char *missing = cpuMissing())
      return makeError(
          "'" + path + "' cannot run here: its kernels were compiled for " +
          (info->targetCpu ? info->targetCpu : "another CPU") +
          " and this CPU (" + llvm::sys::getHostCPUName() + ") lacks " +
          missing +
          "; build it again with kiln compile without --cpu, or with --cpu "
          "naming this CPU");

  auto specsOf = [&](const CTensorInfo *infos, int32_t n,
                     std::vector<TensorSpec> &out) -> llvm::Error {
    for (int32_t i = 0; i < n; ++i) {
      const CTensorInfo &t = infos[i];
      TensorSpec spec;
      spec.name = t.name;
      auto dtype = dtypeFromOnnx(t.dtype);
      if (!dtype)
        return makeError("'" + path + "': tensor '" + spec.name +
                         "' has unknown element type " +
                         std::to_string(t.dtype));
      spec.dtype = *dtype;
      if (t.rank < 0 || (t.rank && !t.shape))
        return makeError("'" + path + "': tensor '" + spec.name +
                         "' has a bad rank or no shape");
      spec.shape.assign(t.shape, t.shape + t.rank);
      out.push_back(std::move(spec));
    }
    return llvm::Error::success();
  };
  if (llvm::Error e = specsOf(info->inputs, info->numInputs, lib->inputSpecs))
    return std::move(e);
  if (llvm::Error e =
          specsOf(info->outputs, info->numOutputs, lib->outputSpecs))
    return std::move(e);
  // Sequences and optionals: their kinds, and the runtime's functions that
  // make and read them.
  if (info->abiVersion >= 3) {
    auto kinds = reinterpret_cast<KindsFn>(
        dlsym(impl.handle, (p + "_value_kinds").c_str()));
    if (!kinds || !kinds())
      return makeError("'" + path +
                       "' has sequence or optional inputs or "
                       "outputs but exports no " +
                       p + "_value_kinds");
    const int32_t *k = kinds();
    for (auto *specs : {&lib->inputSpecs, &lib->outputSpecs})
      for (TensorSpec &spec : *specs) {
        int32_t code = *k++;
        if (code < 0 || code > 3)
          return makeError("'" + path + "': '" + spec.name +
                           "' has the unknown kind " + std::to_string(code));
        spec.kind = code == 0   ? ValueKind::Tensor
                    : code == 1 ? ValueKind::Sequence
                                : ValueKind::Optional;
        spec.optionalOf = code == 3 ? ValueKind::Sequence : ValueKind::Tensor;
        // The description gives no item shapes: any fit.
        if (code) {
          spec.shape.clear();
          spec.ranked = false;
        }
      }
    auto sym = [&](const char *name) { return dlsym(impl.handle, name); };
    RtValues &rt = impl.rt;
    rt.sequence =
        reinterpret_cast<decltype(rt.sequence)>(sym("kiln_rt_sequence"));
    rt.optional =
        reinterpret_cast<decltype(rt.optional)>(sym("kiln_rt_optional"));
    rt.kind = reinterpret_cast<decltype(rt.kind)>(sym("kiln_rt_value_kind"));
    rt.item = reinterpret_cast<decltype(rt.item)>(sym("kiln_rt_value_item"));
    rt.release = reinterpret_cast<decltype(rt.release)>(sym("kiln_rt_release"));
    if (!rt.sequence || !rt.optional || !rt.kind || !rt.item || !rt.release)
      return makeError("'" + path +
                       "' has sequence or optional inputs or "
                       "outputs, but its libkiln-rt.so lacks the functions "
                       "that make and read them (keep the copy kiln compile "
                       "wrote beside it)");
  }
  for (const TensorSpec &spec : lib->inputSpecs)
    if (spec.kind == ValueKind::Tensor && !spec.isStatic())
      return makeError("'" + path + "': input '" + spec.name +
                       "' has the dynamic shape " + spec.format() +
                       ", which a library cannot take");
  for (const TensorSpec &spec : lib->outputSpecs)
    if (!spec.isStatic() && spec.shape.size() > static_cast<size_t>(kMaxRank))
      return makeError("'" + path + "': output '" + spec.name +
                       "' has a dynamic shape of rank above " +
                       std::to_string(kMaxRank));
  lib->numKernels = info->numKernels;

  if (info->weightsFile) {
    lib->weightsFile = true;
    auto init =
        reinterpret_cast<InitFn>(dlsym(impl.handle, (p + "_init").c_str()));
    impl.release = reinterpret_cast<ReleaseFn>(
        dlsym(impl.handle, (p + "_release").c_str()));
    if (!init || !impl.release)
      return makeError("'" + path + "' needs a weights file but exports no " +
                       p + "_init/" + p + "_release");
    llvm::SmallString<256> weights(llvm::sys::path::parent_path(path));
    llvm::sys::path::append(weights, info->weightsFile);
    using BuildIdFn = const char *(*)();
    auto libraryBuild = reinterpret_cast<BuildIdFn>(
        dlsym(impl.handle, (p + "_build_id").c_str()));
    if (llvm::Error e = checkWeightsFile(
            weights.str().str(), info->weightsSize,
            libraryBuild && libraryBuild() ? libraryBuild() : ""))
      return std::move(e);
    if (int rc = init(weights.c_str())) {
      impl.release = nullptr; // nothing loaded
      return makeError("cannot load the weights of '" + path + "' from '" +
                       weights.str() + "': " + impl.statusText(rc));
    }
  }
  lib->scratchSize = info->scratchSize;
  if (threads != 1)
    impl.workers = std::make_unique<Workers>(threads);
  return std::move(lib);
}

AotLibrary::~AotLibrary() = default;

unsigned AotLibrary::threads() const {
  return impl->workers ? impl->workers->threads() : 1;
}

/// Dense tensor \p t as libkiln-rt.so's descriptor (a view).
static RtTensor rtView(const Tensor &t) {
  RtTensor r{};
  r.dtype = dtypeToOnnx(t.dtype());
  r.rank = static_cast<int32_t>(t.rank());
  r.shape = t.shape().data();
  r.data = const_cast<void *>(t.raw());
  return r;
}

/// A new value of the library's runtime holding a copy of container (or,
/// for an optional input, present value) \p t as input spec \p spec
/// expects it.
static llvm::Expected<void *>
makeValue(const RtValues &rt, const TensorSpec &spec, const Tensor &t) {
  char err[512] = "";
  int32_t dtype = dtypeToOnnx(t.dtype());
  auto sequence = [&](const Tensor &seq) {
    std::vector<RtTensor> items;
    for (const Tensor &item : seq.items())
      items.push_back(rtView(item));
    return rt.sequence(dtype, static_cast<int>(items.size()), items.data(), err,
                       sizeof err);
  };
  void *value = nullptr;
  if (spec.kind == ValueKind::Sequence) {
    value = sequence(t);
  } else {
    // An optional, or the value it holds.
    const Tensor *held = t.kind() == ValueKind::Optional
                             ? (t.items().empty() ? nullptr : &t.items()[0])
                             : &t;
    if (!held) {
      value = rt.optional(dtype, nullptr, err, sizeof err);
    } else if (held->isDense()) {
      RtTensor r = rtView(*held);
      value = rt.optional(dtype, &r, err, sizeof err);
    } else if (void *seq = sequence(*held)) {
      RtTensor r{};
      r.dtype = dtype;
      r.flags = kRtValue;
      r.data = seq;
      value = rt.optional(dtype, &r, err, sizeof err);
      rt.release(seq);
    }
  }
  if (!value)
    return makeError("input '" + spec.name + "': " + err);
  return value;
}

/// A copy of the runtime's value \p value (a sequence or an optional).
static Tensor readValue(const RtValues &rt, const void *value) {
  int32_t onnx = 0;
  int64_t length = 0;
  int kind = rt.kind(value, &onnx, &length);
  DType dtype = dtypeFromOnnx(onnx).value_or(DType::F32);
  std::vector<Tensor> items;
  for (int64_t i = 0; i < length; ++i) {
    RtTensor item{};
    if (rt.item(value, i, &item))
      break;
    if (item.flags & kRtValue) {
      items.push_back(readValue(rt, item.data));
      continue;
    }
    Tensor t(dtypeFromOnnx(item.dtype).value_or(dtype),
             Shape(item.shape, item.shape + item.rank));
    if (t.byteSize())
      std::memcpy(t.raw(), item.data, t.byteSize());
    items.push_back(std::move(t));
  }
  if (kind == 1) // KILN_RT_KIND_SEQUENCE
    return Tensor::sequence(dtype, std::move(items));
  return Tensor::optional(dtype, items.empty() ? nullptr : &items[0]);
}

llvm::Expected<std::vector<Tensor>>
AotLibrary::run(const std::vector<Tensor> &inputs) {
  if (llvm::Error e = checkInputs(inputSpecs, inputs))
    return std::move(e);
  const RtValues &rt = impl->rt;
  // Container inputs become values of the library's runtime, released
  // after the run.
  std::vector<void *> values;
  auto releaseValues = llvm::make_scope_exit([&] {
    for (void *v : values)
      rt.release(v);
  });
  std::vector<const void *> in;
  for (auto [spec, t] : llvm::zip_equal(inputSpecs, inputs)) {
    if (spec.kind == ValueKind::Tensor) {
      in.push_back(t.raw());
      continue;
    }
    auto value = makeValue(rt, spec, t);
    if (!value)
      return value.takeError();
    values.push_back(*value);
    in.push_back(*value);
  }
  // Static outputs get a Tensor to fill, dynamic ones a struct.
  std::vector<Tensor> outputs(outputSpecs.size());
  std::vector<CDynamicOutput> dynamic(outputSpecs.size(), CDynamicOutput{});
  std::vector<void *> out;
  for (auto [i, spec] : llvm::enumerate(outputSpecs)) {
    if (!spec.isStatic()) {
      out.push_back(&dynamic[i]);
      continue;
    }
    outputs[i] =
        Tensor(spec.dtype, Shape(spec.shape.begin(), spec.shape.end()));
    out.push_back(outputs[i].raw());
  }
  Workers *workers = impl->workers.get();
  auto scratch = impl->scratch.acquire();
  if (!*scratch)
    scratch->emplace(DType::U8, Shape{static_cast<int64_t>(scratchSize)});
  int rc = impl->run(in.data(), out.data(), (*scratch)->raw(),
                     workers ? workersParallelFor : nullptr, workers);
  // The library's buffers are freed on every path, once copied.
  auto freeDynamic = [&] {
    for (auto [o, spec] : llvm::zip_equal(dynamic, outputSpecs)) {
      if (spec.kind != ValueKind::Tensor) {
        if (o.data)
          rt.release(o.data);
      } else {
        std::free(o.data);
      }
      o.data = nullptr;
    }
  };
  if (rc) {
    freeDynamic();
    // A step's own error reads as on the other backends.
    if ((rc == kErrRuntime || rc == kErrIndex) && impl->status)
      return makeError(impl->status(rc));
    return makeError(apiPrefix + "_run failed: " + impl->statusText(rc));
  }
  for (auto [i, spec] : llvm::enumerate(outputSpecs)) {
    if (spec.isStatic())
      continue;
    if (spec.kind != ValueKind::Tensor) {
      if (!dynamic[i].data) {
        freeDynamic();
        return makeError(apiPrefix + "_run returned no value for output '" +
                         spec.name + "'");
      }
      outputs[i] = readValue(rt, dynamic[i].data);
      continue;
    }
    Shape shape(dynamic[i].shape, dynamic[i].shape + spec.shape.size());
    for (auto [k, dim] : llvm::enumerate(shape))
      if (dim < 0 || (spec.shape[k] >= 0 && dim != spec.shape[k])) {
        freeDynamic();
        return makeError(apiPrefix + "_run returned output '" + spec.name +
                         "' with the shape " + formatShape(shape) +
                         ", which does not fit " + spec.format());
      }
    outputs[i] = Tensor(spec.dtype, std::move(shape));
    if (outputs[i].byteSize())
      std::memcpy(outputs[i].raw(), dynamic[i].data, outputs[i].byteSize());
  }
  freeDynamic();
  return outputs;
}

} // namespace kiln::cpu
