//===- LoaderFuzzer.cpp - libFuzzer target over the ONNX loader ----------===//
//
// Feeds arbitrary bytes through the path `kiln inspect` and `kiln run` take
// from a model file to a kiln module:
//   1. loadModelFromBuffer: parse, structure and type checks, the ONNX
//      checker and ONNX shape inference;
//   2. findUnsupportedOps and its one-line report;
//   3. importModel: the op handlers and the kiln verifiers;
//   4. kiln-relax-data-dependent-shapes and kiln-infer-shapes, as the
//      backends run them before lowering.
// Besides the sanitizers, the oracle is Kiln's error rule: every step that
// fails must have said why in exactly one error diagnostic whose message is
// one line. A failure with no error, several errors, or a multi-line message
// aborts.
//
// External data: the model's folder is a private empty directory made at
// start-up, so every external-data reference goes through the path checks
// (absolute, `..`, symbolic links) and then finds no file; the fuzzer never
// reads files the input names.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/Import.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unistd.h>

using namespace mlir;

namespace {

/// The folder external data must lie in: empty, created once.
std::string emptyModelDir;

/// Inputs one context serves before it is replaced.
constexpr int kInputsPerContext = 2000;

/// Errors seen while one step runs.
struct ErrorLog {
  int errors = 0;
  std::string firstMessage;
};

/// Aborts with \p why and the first error message, if any.
[[noreturn]] void fail(const char *why, const ErrorLog &log) {
  std::fprintf(stderr, "kiln-fuzz-loader: %s (first error: '%s')\n", why,
               log.firstMessage.c_str());
  std::abort();
}

/// Checks the errors of a step that failed (\p failed) or succeeded.
void checkErrors(bool failed, const ErrorLog &log, const char *step) {
  static char what[128];
  if (failed && log.errors == 0) {
    std::snprintf(what, sizeof(what), "%s failed without an error", step);
    fail(what, log);
  }
  if (!failed && log.errors != 0) {
    std::snprintf(what, sizeof(what), "%s succeeded but reported an error",
                  step);
    fail(what, log);
  }
  if (log.errors > 1) {
    std::snprintf(what, sizeof(what), "%s reported %d errors, not one line",
                  step, log.errors);
    fail(what, log);
  }
  if (log.firstMessage.find('\n') != std::string::npos) {
    std::snprintf(what, sizeof(what), "%s reported a multi-line error", step);
    fail(what, log);
  }
}

/// The errors of the current input.
ErrorLog currentLog;

/// A context with the frontend's dialects, whose diagnostics go to
/// currentLog. Making one costs milliseconds (dialect loading), far more
/// than most inputs, so it is shared by kInputsPerContext inputs and then
/// replaced, which bounds what uniqued types and attributes accumulate. No
/// outcome depends on what an earlier input uniqued.
MLIRContext &getContext() {
  static std::unique_ptr<MLIRContext> ctx;
  static int served = 0;
  if (ctx && served++ < kInputsPerContext)
    return *ctx;
  served = 0;
  DialectRegistry registry;
  kiln::frontend::registerFrontendDialects(registry);
  ctx =
      std::make_unique<MLIRContext>(registry, MLIRContext::Threading::DISABLED);
  ctx->loadAllAvailableDialects();
  // Op printing in verifier notes would dominate the run time.
  ctx->printOpOnDiagnostic(false);
  ctx->getDiagEngine().registerHandler([](Diagnostic &diag) {
    if (diag.getSeverity() != DiagnosticSeverity::Error)
      return success();
    if (currentLog.errors++ == 0)
      currentLog.firstMessage = diag.str();
    return success();
  });
  return *ctx;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/kiln-fuzz-loader-XXXXXX";
  if (!mkdtemp(pattern.data())) {
    std::perror("kiln-fuzz-loader: cannot create a temporary folder");
    std::abort();
  }
  emptyModelDir = pattern;
  std::atexit([] { rmdir(emptyModelDir.c_str()); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MLIRContext &ctx = getContext();
  currentLog = ErrorLog();
  const ErrorLog &log = currentLog;

  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  std::unique_ptr<kiln::frontend::LoadedModel> model =
      kiln::frontend::loadModelFromBuffer(ctx, bytes, "fuzz.onnx",
                                          emptyModelDir);
  checkErrors(!model, log, "loading");
  if (!model)
    return 0;

  std::vector<kiln::frontend::UnsupportedOp> unsupported =
      kiln::frontend::findUnsupportedOps(*model);
  if (!unsupported.empty()) {
    std::string report = kiln::frontend::formatUnsupported(unsupported);
    if (report.find('\n') != std::string::npos)
      fail("the unsupported-op report has several lines", log);
  }

  OwningOpRef<ModuleOp> module = kiln::frontend::importModel(ctx, *model);
  checkErrors(!module, log, "importing");
  if (!module)
    return 0;

  PassManager pm(&ctx);
  pm.addPass(kiln::createRelaxDataDependentShapes());
  pm.addPass(kiln::createInferShapes());
  // Refined types can reveal a contradiction the importer's verifier could
  // not see through unknown dims (a Conv whose input turns out to have 32
  // channels for a weight made for 16): a user error like any other, with
  // the same rule.
  checkErrors(failed(pm.run(*module)), log, "shape inference");
  return 0;
}
