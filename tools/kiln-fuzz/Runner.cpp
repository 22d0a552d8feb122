//===- Runner.cpp - Run one model on every backend and compare ------------===//
#include "Runner.h"

#include "Values.h"

#include "Common.h"
#include "TensorDiff.h"

#include "llvm/Support/raw_ostream.h"

#include <sstream>

namespace kiln::fuzz {

const char *Verdict::kindName(Kind kind) {
  switch (kind) {
  case Pass:
    return "pass";
  case Reject:
    return "reject";
  case Mismatch:
    return "mismatch";
  case Error:
    return "error";
  case Crash:
    return "crash";
  case Hang:
    return "hang";
  }
  return "?";
}

std::string Verdict::signature() const {
  return std::string(kindName(kind)) + " on " + backend;
}

std::vector<Tensor> makeInputs(const std::vector<TensorSpec> &specs,
                               uint64_t seed) {
  std::vector<Tensor> inputs;
  for (const TensorSpec &spec : specs) {
    Shape shape;
    for (int64_t d : spec.shape)
      shape.push_back(std::max<int64_t>(d, 0));
    Tensor t(spec.dtype, shape);
    zoo::Rng rng(zoo::deriveSeed(seed, spec.name));
    ValueKind kind = valueKindOf(spec.name);
    for (int64_t i = 0; i < t.numElements(); ++i)
      t.setFromDouble(i, drawValue(rng, kind));
    inputs.push_back(std::move(t));
  }
  return inputs;
}

namespace {

/// One line on the pipe, newlines in \p text flattened.
void say(tool::ChildPipe &out, const std::string &text) {
  std::string line = text;
  for (char &ch : line)
    if (ch == '\n')
      ch = ' ';
  out.write(line + "\n");
}

/// "3.5 (bits 0x40600000)"-style value for messages.
std::string describeElement(const Tensor &t, int64_t i) {
  std::ostringstream os;
  os << t.getAsDouble(i);
  return os.str();
}

} // namespace

void checkModel(const std::string &path, const CheckOptions &options,
                tool::ChildPipe &out) {
  say(out, "stage load");
  std::string errors;
  auto ctx = tool::makeContext(/*printDiagnostics=*/false);
  ctx->getDiagEngine().registerHandler([&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error)
      errors += (errors.empty() ? "" : "; ") + d.str();
    return mlir::success();
  });
  auto model = frontend::loadModel(*ctx, path);
  if (!model)
    return say(out, "result reject load " + errors);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      frontend::importModel(*ctx, *model);
  if (!module)
    return say(out, "result reject import " + errors);

  cpu::CpuOptions cpuOptions;
  cpuOptions.threads = 1;
  cpuOptions.useCache = !options.cacheDir.empty();
  cpuOptions.cacheDir = options.cacheDir;
  cpuOptions.testSplitBatchCacheBytes = options.splitBatchCacheBytes;

  say(out, "stage interp");
  mlir::OwningOpRef<mlir::ModuleOp> interpModule = module->clone();
  auto interp =
      tool::prepareBackend("interp", *interpModule, cpuOptions, nullptr);
  if (!interp)
    return say(out,
               "result reject interp " + llvm::toString(interp.takeError()));
  std::vector<Tensor> inputs = makeInputs((*interp)->inputs(), 0);
  auto expected = (*interp)->run(inputs);
  if (!expected)
    return say(out,
               "result reject interp " + llvm::toString(expected.takeError()));
  const std::vector<TensorSpec> &outSpecs = (*interp)->outputs();

  for (const std::string &name : options.backends) {
    say(out, "stage " + name);
    mlir::OwningOpRef<mlir::ModuleOp> m = module->clone();
    auto backend = tool::prepareBackend(name, *m, cpuOptions, nullptr);
    if (!backend)
      return say(out, "result fail error " + name + " " +
                          llvm::toString(backend.takeError()));
    /// The failure of outputs \p got against the interpreter's, or empty;
    /// \p where prefixes the message.
    auto failure = [&](llvm::Expected<std::vector<Tensor>> got,
                       const std::string &where) -> std::string {
      if (!got)
        return "error " + name + " " + where + llvm::toString(got.takeError());
      if (got->size() != expected->size())
        return "mismatch " + name + " " + where + std::to_string(got->size()) +
               " outputs, interp " + std::to_string(expected->size());
      for (size_t i = 0; i < got->size(); ++i) {
        tool::Diff d =
            tool::compareTensors((*got)[i], (*expected)[i], options.atol,
                                 options.rtol, name, "interp");
        if (d.ok())
          continue;
        std::string what = where + "output '" + outSpecs[i].name + "': ";
        if (!d.shapeError.empty())
          what += "shape or dtype differs (" + d.shapeError + ")";
        else
          what += std::to_string(d.mismatches) + " of " +
                  std::to_string((*expected)[i].numElements()) +
                  " values differ, first at " +
                  std::to_string(d.firstMismatch) + ": " +
                  describeElement((*got)[i], d.firstMismatch) + " vs interp " +
                  describeElement((*expected)[i], d.firstMismatch);
        return "mismatch " + name + " " + what;
      }
      return "";
    };
    if (std::string why = failure((*backend)->run(inputs), ""); !why.empty())
      return say(out, "result fail " + why);
    // The JIT's kernels again on 2 threads: steps split into chunks, and
    // the parts of a batch side by side (their own arena layout).
    if (const cpu::JitModel *jit = (*backend)->jitModel()) {
      std::unique_ptr<cpu::Executor> two =
          jit->getExecutor().withSettings(2, /*flushDenormals=*/false);
      if (std::string why = failure(two->run(inputs), "at 2 threads: ");
          !why.empty())
        return say(out, "result fail " + why);
    }
  }
  say(out, "result pass");
}

Verdict readVerdict(const tool::ChildResult &result, unsigned timeoutSeconds) {
  Verdict v;
  std::string stage = "load";
  std::istringstream lines(result.report);
  std::string line;
  bool done = false;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string tag, kind;
    words >> tag;
    if (tag == "stage") {
      words >> stage;
      continue;
    }
    if (tag != "result")
      continue;
    words >> kind;
    std::string rest;
    std::getline(words, rest);
    if (!rest.empty() && rest[0] == ' ')
      rest.erase(0, 1);
    done = true;
    if (kind == "pass") {
      v.kind = Verdict::Pass;
    } else if (kind == "reject") {
      v.kind = Verdict::Reject;
      auto space = rest.find(' ');
      v.backend = rest.substr(0, space);
      v.message = space == std::string::npos ? "" : rest.substr(space + 1);
    } else {
      std::istringstream parts(rest);
      std::string failKind;
      parts >> failKind >> v.backend;
      std::getline(parts, v.message);
      if (!v.message.empty() && v.message[0] == ' ')
        v.message.erase(0, 1);
      v.kind = failKind == "mismatch" ? Verdict::Mismatch : Verdict::Error;
    }
  }
  if (done && !result.timedOut && !result.signal)
    return v;
  // It died or hung in the stage it last named.
  v.backend = stage;
  v.kind = result.timedOut ? Verdict::Hang : Verdict::Crash;
  v.message = result.describe(timeoutSeconds);
  if (v.message.empty())
    v.message = "exited without a result";
  return v;
}

} // namespace kiln::fuzz
