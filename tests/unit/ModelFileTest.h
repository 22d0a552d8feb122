//===- ModelFileTest.h - Fixtures that import model files -------*- C++ -*-===//
#ifndef KILN_TESTS_UNIT_MODELFILETEST_H
#define KILN_TESTS_UNIT_MODELFILETEST_H

#include "ModelBuilder.h"

#include "kiln/cpu/Jit.h"
#include "kiln/frontend/Import.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace kiln::test {

/// Base of the fixtures that save models and import them: a context with
/// the frontend's dialects whose diagnostics are collected in `errors`, and
/// `path`, model.onnx in a fresh temporary folder `dir` removed at the end.
class ModelFileTest : public ::testing::Test {
protected:
  ModelFileTest() {
    mlir::DialectRegistry registry;
    frontend::registerFrontendDialects(registry);
    ctx.appendDialectRegistry(registry);
    ctx.getDiagEngine().registerHandler([this](mlir::Diagnostic &d) {
      errors += d.str() + "\n";
      return mlir::success();
    });
    llvm::sys::fs::createUniqueDirectory("kiln-unit-test", dir);
    path = (dir + "/model.onnx").str();
  }
  ~ModelFileTest() override { llvm::sys::fs::remove_directories(dir); }

  /// Saves \p b, imports it into `module` and compiles it on the JIT
  /// (without the cache); null, with a test failure, on an error.
  std::unique_ptr<cpu::JitModel> jitOf(const ModelBuilder &b,
                                       unsigned threads = 1) {
    b.save(path);
    module = frontend::importOnnxFile(ctx, path);
    if (!module) {
      ADD_FAILURE() << "import failed: " << errors;
      return nullptr;
    }
    cpu::CpuOptions options;
    options.useCache = false;
    options.threads = threads;
    auto jit = cpu::JitModel::create(*module, options);
    if (!jit) {
      ADD_FAILURE() << llvm::toString(jit.takeError());
      return nullptr;
    }
    return std::move(*jit);
  }

  mlir::MLIRContext ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::string errors;
  llvm::SmallString<128> dir;
  std::string path;
};

} // namespace kiln::test

#endif // KILN_TESTS_UNIT_MODELFILETEST_H
