//===- Import.h - ONNX model loading and import into kiln IR ----*- C++ -*-===//
//
// Loading is two steps. `loadModel` reads and validates the ONNX file
// (structure, opsets, types, sizes, initializer data, external-data paths),
// runs ONNX's checker and shape inference, and leaves a ModelProto every later
// step can trust. `importModel` turns it into a module holding one
// `func.func @main` of kiln ops. Both report user errors as one-line MLIR
// diagnostics and return failure; nothing is half-built on error.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_FRONTEND_IMPORT_H
#define KILN_FRONTEND_IMPORT_H

#include "kiln/runtime/Tensor.h"
#include "kiln/runtime/TensorSpec.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace onnx {
class ModelProto;
class TensorProto;
} // namespace onnx

namespace kiln::frontend {

/// The newest default-domain opset Kiln's handlers know.
inline constexpr int64_t kMaxOpset = 21;
/// The oldest default-domain opset Kiln's handlers start at (a model of an
/// older opset loads when its ops have handlers there; it is not upgraded).
inline constexpr int64_t kMinOpset = 7;
/// The newest opset Debian's ONNX (1.12) can check and shape-infer.
inline constexpr int64_t kMaxCheckedOpset = 17;

/// Options of loading.
struct LoadOptions {
  /// Static shapes for graph inputs (--shape), replacing the declared ones.
  std::map<std::string, Shape> inputShapes;
  /// Shapes of the data given for graph inputs: they fill dynamic dims, and
  /// a static declared dim they contradict is refused. An input also in
  /// inputShapes takes that shape instead.
  std::map<std::string, Shape> dataShapes;
  /// How messages name the option that gave inputShapes: `--shape` for the
  /// tools, `shapes` for the Python module's argument.
  std::string shapeOption = "--shape";
};

/// A validated model.
struct LoadedModel {
  std::unique_ptr<onnx::ModelProto> proto;
  /// Folder of the model file; external data is read only from inside it.
  std::string directory;
  /// The model's default-domain opset.
  int64_t opset = 0;
  /// Values whose shape the model file declares (value_info and graph
  /// outputs, before ONNX's shape inference adds its own): a contradiction
  /// in one of them is worth a warning.
  std::set<std::string> declaredValues;
  /// The static input dims LoadOptions::inputShapes changed, one line each
  /// ("input 'x' dimension 0 = 4 (declared 1)"). The graph is re-specialized
  /// for them: the shapes the file declares for other values were for the
  /// old inputs and are dropped, and an op the new shapes do not fit names
  /// them in its error.
  std::vector<std::string> respecialized;
  /// The dynamic input dims the load options filled, one line each
  /// ("input 'x' dimension 0 = 4 (declared batch)"): an op the chosen
  /// shapes do not fit names them too.
  std::vector<std::string> filledDims;
  /// The new batch when every change was a leading dim of 1 to one value
  /// (0 otherwise): a Reshape's constant shape whose leading 1 was the batch
  /// gets it.
  int64_t respecializedBatch = 0;
  ~LoadedModel();
  LoadedModel();
  LoadedModel(LoadedModel &&);
};

/// An op the handlers cannot import.
struct UnsupportedOp {
  std::string opType, nodeName, domain;
  int64_t opset;
};

/// Reads, validates, checks and shape-infers \p path. On failure emits one
/// diagnostic at \p ctx's diagnostic engine and returns null.
std::unique_ptr<LoadedModel> loadModel(mlir::MLIRContext &ctx,
                                       llvm::StringRef path,
                                       const LoadOptions &options = {});

/// Validates, checks and shape-infers the serialized model \p bytes, as
/// loadModel does after reading a file. \p name labels diagnostics;
/// external data is read only from inside \p directory (an empty one means
/// the current folder).
std::unique_ptr<LoadedModel>
loadModelFromBuffer(mlir::MLIRContext &ctx, llvm::StringRef bytes,
                    llvm::StringRef name, llvm::StringRef directory,
                    const LoadOptions &options = {});

/// Every node of \p model that no handler imports.
std::vector<UnsupportedOp> findUnsupportedOps(const LoadedModel &model);

/// Formats the one-line report of unsupported ops.
std::string formatUnsupported(const std::vector<UnsupportedOp> &ops);

/// Imports a loaded model into a new module with `func.func @main`. Reports
/// all unsupported ops in one diagnostic.
mlir::OwningOpRef<mlir::ModuleOp> importModel(mlir::MLIRContext &ctx,
                                              const LoadedModel &model);

/// loadModel followed by importModel.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxFile(mlir::MLIRContext &ctx, llvm::StringRef path,
               const LoadOptions &options = {});

/// Converts a TensorProto (inline or external data under \p modelDir) into a
/// runtime tensor, checking its type, shape and data size. \p what names it in
/// messages (e.g. "initializer 'w'").
Status tensorFromProto(const onnx::TensorProto &proto,
                       const std::string &modelDir, const std::string &what,
                       Tensor &out);

/// Reads the value serialized in file \p path as \p spec's kind of value:
/// a TensorProto, a SequenceProto of tensors or an OptionalProto of either
/// (the formats of ONNX's test data). An empty container takes \p spec's
/// element type. \p name is set to the proto's name; \p what names the
/// value in messages.
Status readValueFile(const std::string &path, const TensorSpec &spec,
                     const std::string &modelDir, const std::string &what,
                     Tensor &out, std::string &name);

/// As tensorFromProto, but inline `raw_data` is viewed, not copied: \p out
/// is valid only as long as \p proto (the importer copies it once, into
/// the IR constant, instead of twice).
Status viewTensorProto(const onnx::TensorProto &proto,
                       const std::string &modelDir, const std::string &what,
                       Tensor &out);

/// Checks a TensorProto as tensorFromProto does, without reading external
/// data or copying; fills \p out when it is not null.
Status checkTensorProto(const onnx::TensorProto &proto,
                        const std::string &modelDir, const std::string &what,
                        Tensor *out);

/// The external-data files \p model reads, as their `location`s name them
/// (relative to its folder), each once, in order of first use: every
/// tensor of the graph and its subgraphs (initializers, attributes).
std::vector<std::string> externalDataFiles(const LoadedModel &model);

/// Frees the inline data of \p model's initializers once the model is
/// imported (the IR holds its own copy): names, shapes, data types and
/// external-data references stay, so externalDataFiles still answers, but
/// the model can no longer be imported or checked again. A cold `kiln run`
/// of a BERT-base encoder peaked 340 MB lower.
void releaseInitializerData(LoadedModel &model);

/// Registers the dialects the importer creates ops of.
void registerFrontendDialects(mlir::DialectRegistry &registry);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_IMPORT_H
