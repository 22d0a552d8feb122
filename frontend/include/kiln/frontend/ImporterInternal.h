//===- ImporterInternal.h - The importer's node context ---------*- C++ -*-===//
//
// The concrete NodeImporter, shared by the importer and the few handlers that
// need more than the public interface (Constant).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_FRONTEND_IMPORTERINTERNAL_H
#define KILN_FRONTEND_IMPORTERINTERNAL_H

#include "kiln/frontend/Import.h"
#include "kiln/frontend/OpImporter.h"
#include "kiln/ir/TensorConversion.h"

#include "llvm/ADT/StringMap.h"

#include <set>

namespace onnx {
class TypeProto;
} // namespace onnx

namespace kiln::frontend {

class ModelImporter;

/// "1x3x224x224", "?x3", "scalar" or "unranked": the shape of \p type in
/// messages.
std::string formatTypeShape(mlir::Type type);

/// The NodeImporter handlers see.
class NodeImporterImpl final : public NodeImporter {
public:
  NodeImporterImpl(ModelImporter &importer, const onnx::NodeProto &node,
                   int64_t version, mlir::Location loc);

  const onnx::NodeProto &node() const override { return n; }
  int64_t opsetVersion() const override { return version; }
  mlir::OpBuilder &builder() override;
  mlir::Location loc() const override { return location; }
  size_t numInputs() const override;
  mlir::Value input(size_t i) override;
  bool hasInput(size_t i) const override;
  bool getConstantInts(size_t i, std::vector<int64_t> &out) const override;
  size_t numOutputs() const override;
  mlir::Type outputType(size_t i) override;
  void setOutput(size_t i, mlir::Value value) override;
  const onnx::AttributeProto *attribute(llvm::StringRef name) const override;
  mlir::Attribute convertAttribute(const onnx::AttributeProto &attr) override;
  mlir::Value constantI64(llvm::ArrayRef<int64_t> values,
                          bool scalar = false) override;
  mlir::Value constantF32(float value) override;
  mlir::Value constantF32s(llvm::ArrayRef<float> values) override;
  mlir::Value none() override;
  mlir::Value reshape(mlir::Value value, llvm::ArrayRef<int64_t> dims) override;
  mlir::Value constantScalarLike(mlir::Value like, double value) override;
  mlir::LogicalResult
  createGeneric(llvm::StringRef opName, int numOperands = -1,
                llvm::ArrayRef<llvm::StringRef> skipAttrs = {}) override;
  mlir::LogicalResult
  create(llvm::StringRef opName, llvm::ArrayRef<mlir::Value> operands,
         llvm::ArrayRef<mlir::NamedAttribute> extraAttrs = {},
         llvm::ArrayRef<llvm::StringRef> skipAttrs = {},
         int numResults = -1) override;
  mlir::LogicalResult
  createWithRegions(llvm::StringRef opName,
                    llvm::ArrayRef<mlir::Value> operands,
                    llvm::ArrayRef<SubgraphSpec> regions,
                    llvm::ArrayRef<mlir::NamedAttribute> extraAttrs = {},
                    llvm::ArrayRef<llvm::StringRef> skipAttrs = {},
                    int numResults = -1) override;
  mlir::LogicalResult
  inlineSubgraph(llvm::StringRef attrName, llvm::ArrayRef<mlir::Value> inputs,
                 llvm::SmallVectorImpl<mlir::Value> &outputs) override;
  mlir::LogicalResult emitError(const llvm::Twine &message) override;
  int64_t respecializedBatch() const override;

  /// A constant holding \p t, its blob named after \p name.
  mlir::Value createConstant(const Tensor &t, llvm::StringRef name);
  /// The model's folder, for external data.
  const std::string &modelDirectory() const;

private:
  /// create and createWithRegions: the op with \p regions imported.
  mlir::LogicalResult createOp(llvm::StringRef opName,
                               llvm::ArrayRef<mlir::Value> operands,
                               llvm::ArrayRef<mlir::NamedAttribute> extraAttrs,
                               llvm::ArrayRef<llvm::StringRef> skipAttrs,
                               int numResults,
                               llvm::ArrayRef<SubgraphSpec> regions);
  /// The element type ONNX's schema gives output \p i of this node, given
  /// the inputs' types, or null when the schema leaves it open. For values
  /// shape inference did not type.
  mlir::Type schemaElementType(size_t i);

  ModelImporter &imp;
  const onnx::NodeProto &n;
  int64_t version;
  mlir::Location location;
};

/// Applies the rule for declared shapes to \p op, just created by \p node
/// with the node's declared result types: verifies it, replaces declared
/// types its shape rule contradicts (with a warning for a value in
/// \p declaredValues not yet in \p warned, which then records it) and
/// refuses operands the op cannot take, after emitting one error
/// (DeclaredTypes.cpp).
mlir::LogicalResult applyShapeRule(mlir::Operation *op, NodeImporterImpl &node,
                                   const std::set<std::string> &declaredValues,
                                   std::set<std::string> &warned);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_IMPORTERINTERNAL_H
