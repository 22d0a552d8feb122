//===- Common.cpp - Shared pieces of the kiln tool ------------------------===//
#include "Common.h"

#include "kiln/ir/IndexOperands.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/runtime/Npy.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <fstream>
#include <random>

namespace kiln::tool {

std::unique_ptr<mlir::MLIRContext> makeContext(bool printDiagnostics) {
  mlir::DialectRegistry registry;
  frontend::registerFrontendDialects(registry);
  auto ctx = std::make_unique<mlir::MLIRContext>(
      registry, mlir::MLIRContext::Threading::DISABLED);
  ctx->loadAllAvailableDialects();
  if (!printDiagnostics)
    return ctx;
  ctx->getDiagEngine().registerHandler([](mlir::Diagnostic &diag) {
    llvm::errs() << diagnosticLine(diag) << "\n";
    return mlir::success();
  });
  return ctx;
}

std::string diagnosticLine(mlir::Diagnostic &diag) {
  const char *kind =
      diag.getSeverity() == mlir::DiagnosticSeverity::Error     ? "error"
      : diag.getSeverity() == mlir::DiagnosticSeverity::Warning ? "warning"
                                                                : "note";
  std::string line = "kiln: " + std::string(kind) + ": ";
  if (auto file = llvm::dyn_cast<mlir::FileLineColLoc>(diag.getLocation()))
    line += file.getFilename().getValue().str() + ": ";
  return line + diag.str();
}

CollectedDiagnostics::CollectedDiagnostics(mlir::MLIRContext &ctx)
    : handler(&ctx, [this](mlir::Diagnostic &d) {
        std::string line = diagnosticLine(d);
        if (d.getSeverity() == mlir::DiagnosticSeverity::Error) {
          llvm::StringRef text(line);
          text.consume_front("kiln: error: ");
          errors.push_back(text.str());
        } else if (d.getSeverity() == mlir::DiagnosticSeverity::Warning) {
          warnings.push_back(line);
        }
        return mlir::success();
      }) {}

std::string CollectedDiagnostics::message(const std::string &fallback) const {
  return errors.empty() ? fallback : llvm::join(errors, "\n");
}

std::function<void(unsigned, unsigned)> kernelCounter() {
  if (!llvm::errs().is_displayed())
    return nullptr;
  return [](unsigned done, unsigned total) {
    if (done < total)
      llvm::errs() << "\rkiln: compiling kernels " << done << "/" << total;
    else
      llvm::errs() << "\r\x1b[K"; // erase the line
    llvm::errs().flush();
  };
}

int reportError(const llvm::Twine &message) {
  llvm::errs() << "kiln: error: " << message << "\n";
  return 1;
}

bool parseShape(llvm::StringRef text, Shape &out) {
  out.clear();
  text = text.trim();
  if (text == "scalar")
    return true;
  llvm::SmallVector<llvm::StringRef> parts;
  text.split(parts, text.contains(',') ? ',' : 'x');
  for (llvm::StringRef p : parts) {
    int64_t d;
    if (p.trim().getAsInteger(10, d) || d < 0)
      return false;
    out.push_back(d);
  }
  return !out.empty();
}

bool parseShapeOptions(const std::vector<std::string> &options,
                       std::map<std::string, Shape> &out) {
  for (const std::string &opt : options) {
    auto [name, text] = llvm::StringRef(opt).rsplit('=');
    Shape shape;
    if (name.empty() || text.empty() || !parseShape(text, shape)) {
      reportError("invalid --shape '" + opt +
                  "': expected NAME=DIMS, e.g. input=1x3x224x224");
      return false;
    }
    out[name.str()] = shape;
  }
  return true;
}

Tensor randomTensor(DType dtype, const Shape &shape, uint64_t seed,
                    int64_t intBound) {
  uint64_t range = static_cast<uint64_t>(std::max<int64_t>(1, intBound));
  Tensor t(dtype, shape);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> real(-1.0, 1.0);
  for (int64_t i = 0; i < t.numElements(); ++i) {
    if (isFloat(dtype))
      t.setFromDouble(i, real(rng));
    else if (dtype == DType::Bool)
      t.setFromDouble(i, static_cast<double>(rng() & 1));
    else
      t.setFromDouble(i, static_cast<double>(rng() % range));
  }
  return t;
}

bool readInputFiles(const std::vector<std::string> &specs,
                    frontend::LoadOptions &load,
                    std::map<std::string, Tensor> &given) {
  for (const std::string &spec : specs) {
    auto [name, path] = llvm::StringRef(spec).split('=');
    if (name.empty() || path.empty()) {
      reportError("invalid --input '" + spec + "': expected NAME=FILE.npy");
      return false;
    }
    Tensor t;
    if (Status s = readNpy(path.str(), t); !s) {
      reportError(s.message());
      return false;
    }
    load.dataShapes[name.str()] = t.shape();
    given[name.str()] = t;
  }
  return true;
}

llvm::Error refuseContainers(const std::vector<TensorSpec> &inputs,
                             const std::vector<TensorSpec> &outputs,
                             llvm::StringRef interface) {
  for (const auto *specs : {&inputs, &outputs})
    for (const TensorSpec &spec : *specs)
      if (spec.kind != ValueKind::Tensor)
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "%s '%s' is %s (%s); %s passes tensors only (run the model with "
            "`kiln run` or `kiln compare`)",
            specs == &inputs ? "input" : "output", spec.name.c_str(),
            spec.kind == ValueKind::Sequence ? "a sequence" : "an optional",
            spec.format().c_str(), interface.str().c_str());
  return llvm::Error::success();
}

llvm::Expected<std::vector<Tensor>>
bindInputs(const std::vector<TensorSpec> &specs,
           const std::map<std::string, Tensor> &given, uint64_t seed,
           std::vector<std::string> *sources,
           const std::vector<int64_t> &indexBounds) {
  auto fail = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  std::vector<Tensor> inputs;
  size_t fromFiles = 0;
  for (size_t i = 0; i < specs.size(); ++i) {
    const TensorSpec &spec = specs[i];
    if (auto it = given.find(spec.name); it != given.end()) {
      inputs.push_back(it->second);
      ++fromFiles;
      if (sources)
        sources->push_back("from file");
      continue;
    }
    if (spec.kind != ValueKind::Tensor)
      return fail(
          "input '" + spec.name + "' is " +
          (spec.kind == ValueKind::Sequence ? "a sequence" : "an optional") +
          " (" + spec.format() +
          "); the command line gives tensors only (random, or "
          "--input NAME=FILE.npy)");
    if (!spec.isStatic()) {
      std::string dims;
      for (size_t d = 0; d < spec.shape.size(); ++d)
        if (spec.shape[d] < 0)
          dims += (dims.empty() ? "" : ", ") + std::to_string(d);
      return fail(
          "input '" + spec.name + "' has " +
          (spec.ranked ? "dynamic dimension(s) " + dims : "an unknown rank") +
          " (" + spec.format() + "); give a shape with --shape " + spec.name +
          "=... or data with --input " + spec.name + "=FILE.npy");
    }
    // An integer mask: ones (see bindInputs in Common.h).
    if (isInteger(spec.dtype) &&
        llvm::StringRef(spec.name).contains_insensitive("mask")) {
      Tensor ones(spec.dtype, Shape(spec.shape.begin(), spec.shape.end()));
      for (int64_t k = 0; k < ones.numElements(); ++k)
        ones.setFromDouble(k, 1.0);
      inputs.push_back(std::move(ones));
      if (sources)
        sources->push_back("ones (a mask: every position kept)");
      continue;
    }
    int64_t bound = 10;
    if (i < indexBounds.size() && indexBounds[i] > 0)
      bound = std::min(bound, indexBounds[i]);
    inputs.push_back(randomTensor(spec.dtype,
                                  Shape(spec.shape.begin(), spec.shape.end()),
                                  seed + i, bound));
    if (sources)
      sources->push_back(
          "random, seed " + std::to_string(seed + i) +
          (bound < 10 && isInteger(spec.dtype)
               ? ", below " + std::to_string(bound) + " (indices)"
               : ""));
  }
  if (fromFiles != given.size())
    for (const auto &[name, tensor] : given)
      if (llvm::none_of(
              specs, [&](const TensorSpec &spec) { return spec.name == name; }))
        return fail("--input names '" + name +
                    "', which is not an input of the model");
  return inputs;
}

std::string randomIntegerInputsNote(const std::vector<TensorSpec> &specs,
                                    const std::vector<std::string> &sources) {
  std::vector<std::string> names;
  for (size_t i = 0; i < specs.size() && i < sources.size(); ++i)
    if (isInteger(specs[i].dtype) &&
        llvm::StringRef(sources[i]).starts_with("random"))
      names.push_back("'" + specs[i].name + "'");
  if (names.empty())
    return "";
  return "integer input" + std::string(names.size() > 1 ? "s " : " ") +
         llvm::join(names, ", ") +
         " held random values (below 10, or below the size they index); "
         "where such an input is a mask or a count, values outside its real "
         "range can move float outputs by more than the tolerance: give real "
         "data with --input NAME=FILE.npy";
}

std::vector<int64_t> inputIndexBounds(mlir::ModuleOp module) {
  auto main = module.lookupSymbol<mlir::func::FuncOp>("main");
  if (!main || main.getBody().empty())
    return {};
  mlir::Block &entry = main.getBody().front();
  std::vector<int64_t> bounds(entry.getNumArguments(), 0);
  main.walk([&](IndexOperandsOpInterface op) {
    mlir::FailureOr<IndexRange> range = op.getIndexRange();
    if (mlir::failed(range))
      return;
    auto arg =
        llvm::dyn_cast<mlir::BlockArgument>(op->getOperand(range->operand));
    if (!arg || arg.getOwner() != &entry)
      return;
    int64_t &bound = bounds[arg.getArgNumber()];
    for (int64_t size : range->sizes)
      if (size > 0 && (bound == 0 || size < bound))
        bound = size;
  });
  return bounds;
}

std::vector<int64_t> inputIndexBounds(const cpu::Plan &plan) {
  std::vector<int64_t> bounds(plan.inputSlots.size(), 0);
  cpu::forEachStep(plan, [&](const cpu::PlanStep &step) {
    for (const cpu::IndexCheck &check : step.indexChecks)
      for (auto [i, s] : llvm::enumerate(plan.inputSlots)) {
        if (s != check.slot)
          continue;
        for (int64_t size : check.range.sizes)
          if (size > 0 && (bounds[i] == 0 || size < bounds[i]))
            bounds[i] = size;
      }
  });
  return bounds;
}

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

/// The value of \p key ("VmRSS") in /proc/self/status, in bytes.
static std::optional<uint64_t> procStatusBytes(llvm::StringRef key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    llvm::StringRef rest(line);
    if (!rest.consume_front(key) || !rest.consume_front(":"))
      continue;
    uint64_t kib;
    if (rest.trim().consumeInteger(10, kib))
      return std::nullopt;
    return kib * 1024;
  }
  return std::nullopt;
}

std::optional<uint64_t> residentBytes() { return procStatusBytes("VmRSS"); }

std::optional<uint64_t> availableMemoryBytes() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    llvm::StringRef rest(line);
    uint64_t kib;
    if (rest.consume_front("MemAvailable:") &&
        !rest.trim().consumeInteger(10, kib))
      return kib * 1024;
  }
  return std::nullopt;
}

ResidentGrowth::ResidentGrowth() {
  // "5" resets the peak resident size to the current one (proc(5)).
  std::ofstream reset("/proc/self/clear_refs");
  reset << "5";
  reset.flush();
  if (reset)
    start = procStatusBytes("VmRSS");
}

std::optional<uint64_t> ResidentGrowth::peakGrowth() const {
  if (!start)
    return std::nullopt;
  std::optional<uint64_t> peak = procStatusBytes("VmHWM");
  if (!peak)
    return std::nullopt;
  return *peak > *start ? *peak - *start : 0;
}

} // namespace kiln::tool
