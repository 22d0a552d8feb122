//===- Backend.cpp - The interpreter and the JIT behind one interface -----===//
#include "Common.h"

#include "llvm/Support/Format.h"

#include <thread>

namespace kiln::tool {

namespace {
class InterpModel : public PreparedModel {
public:
  InterpModel(std::unique_ptr<Interpreter> interp, double ms)
      : interp(std::move(interp)), ms(ms) {}
  const std::vector<TensorSpec> &inputs() const override {
    return interp->inputs();
  }
  const std::vector<TensorSpec> &outputs() const override {
    return interp->outputs();
  }
  llvm::Expected<std::vector<Tensor>>
  run(const std::vector<Tensor> &inputs) override {
    return interp->run(inputs);
  }
  std::string description() const override { return "interpreter"; }
  std::string prepareLabel() const override { return "prepare"; }
  double prepareMs() const override { return ms; }

private:
  std::unique_ptr<Interpreter> interp;
  double ms;
};

class JitPrepared : public PreparedModel {
public:
  JitPrepared(std::unique_ptr<cpu::JitModel> jit, double ms, unsigned threads)
      : jit(std::move(jit)), ms(ms), threads(threads) {}
  const std::vector<TensorSpec> &inputs() const override {
    return jit->inputs();
  }
  const std::vector<TensorSpec> &outputs() const override {
    return jit->outputs();
  }
  llvm::Expected<std::vector<Tensor>>
  run(const std::vector<Tensor> &inputs) override {
    return jit->run(inputs);
  }
  std::string description() const override {
    const cpu::CompileStats &s = jit->stats();
    std::string d = "jit (" + std::to_string(s.compiledSteps) + " kernels";
    if (s.referenceSteps)
      d += ", " + std::to_string(s.referenceSteps) + " reference steps";
    d += ", " + std::to_string(threads) + " thread" +
         (threads == 1 ? "" : "s");
    if (s.compiledSteps)
      d += s.cacheHit ? ", from cache" : ", compiled";
    return d + ")";
  }
  std::string prepareLabel() const override { return "compile"; }
  double prepareMs() const override { return ms; }

private:
  std::unique_ptr<cpu::JitModel> jit;
  double ms;
  unsigned threads;
};
} // namespace

llvm::Expected<std::unique_ptr<PreparedModel>>
prepareBackend(llvm::StringRef name, mlir::ModuleOp module,
               const cpu::CpuOptions &options, const Progress &progress) {
  auto start = std::chrono::steady_clock::now();
  if (name == "interp") {
    if (progress)
      progress("preparing the interpreter");
    auto interp = Interpreter::create(module);
    if (!interp)
      return interp.takeError();
    return std::make_unique<InterpModel>(std::move(*interp), msSince(start));
  }
  cpu::CpuOptions opts = options;
  if (progress) {
    progress("compiling for " + cpu::hostTarget().cpu);
    opts.onStage = [&](llvm::StringRef stage, double ms) {
      std::string line;
      llvm::raw_string_ostream os(line);
      os << "  " << stage << ": " << llvm::format("%.1f", ms) << " ms";
      progress(os.str());
    };
  }
  auto jit = cpu::JitModel::create(module, opts);
  if (!jit)
    return jit.takeError();
  unsigned threads = options.threads ? options.threads
                                     : std::max(1u, std::thread::hardware_concurrency());
  return std::make_unique<JitPrepared>(std::move(*jit), msSince(start),
                                       threads);
}

} // namespace kiln::tool
