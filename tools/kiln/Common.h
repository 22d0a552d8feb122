//===- Common.h - Shared pieces of the kiln tool ----------------*- C++ -*-===//
#ifndef KILN_TOOLS_KILN_COMMON_H
#define KILN_TOOLS_KILN_COMMON_H

#include "kiln/frontend/Import.h"
#include "kiln/interpreter/Interpreter.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kiln::tool {

/// Options of `kiln run`.
struct RunOptions {
  std::string model;
  std::string backend = "interp";
  std::vector<std::string> inputs; // NAME=FILE.npy
  std::vector<std::string> shapes; // NAME=1x3x224x224
  uint64_t seed = 0;
  std::string outputDir;
  unsigned runs = 1;
  bool verbose = false;
};

/// Options of `kiln inspect`.
struct InspectOptions {
  std::string model;
  std::vector<std::string> shapes;
};

/// Options of `kiln compile`.
struct CompileOptions {
  std::string model;
  std::string emit = "kiln";
  std::string output = "-";
  std::vector<std::string> shapes;
  bool keepWeights = false;
};

/// Options of `kiln conformance`.
struct ConformanceOptions {
  std::vector<std::string> dirs;
  std::string backend = "interp";
  bool list = false;
  unsigned jobs = 0;
  unsigned timeoutSeconds = 120;
  std::string expectFile;
  std::string writeExpectFile;
  std::string filter;
};

int runCommand(const RunOptions &options);
int inspectCommand(const InspectOptions &options);
int compileCommand(const CompileOptions &options);
int conformanceCommand(const ConformanceOptions &options);

/// A context with Kiln's dialects loaded and diagnostics printed as
/// "kiln: error: <message>" lines on stderr.
/// With \p printDiagnostics false, diagnostics are left to the caller.
std::unique_ptr<mlir::MLIRContext> makeContext(bool printDiagnostics = true);

/// Prints "kiln: error: <message>" and returns 1.
int reportError(const llvm::Twine &message);

/// Parses "1x3x224x224" (also "1,3,224,224"; "scalar" for rank 0).
bool parseShape(llvm::StringRef text, Shape &out);
/// Parses NAME=SHAPE options into \p out; reports and returns false on error.
bool parseShapeOptions(const std::vector<std::string> &options,
                       std::map<std::string, Shape> &out);

/// A seeded random tensor for an input: floats uniform in [-1, 1), integers
/// in [0, 10), bools fair.
Tensor randomTensor(DType dtype, const Shape &shape, uint64_t seed);

/// Milliseconds since \p start.
double msSince(std::chrono::steady_clock::time_point start);

} // namespace kiln::tool

#endif
