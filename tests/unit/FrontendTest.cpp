//===- FrontendTest.cpp - ONNX loading, validation and import -------------===//
#include "ModelFileTest.h"

#include "kiln/frontend/Import.h"
#include "kiln/frontend/OpImporter.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

using namespace kiln;
using namespace kiln::test;

namespace {

/// Imports \p builder's model from a temporary file, capturing diagnostics.
struct ImportResult {
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::string errors;
};

class FrontendTest : public ModelFileTest {
protected:
  FrontendTest() { ctx.loadAllAvailableDialects(); }
  mlir::OwningOpRef<mlir::ModuleOp> import(const ModelBuilder &b) {
    b.save(path);
    errors.clear();
    return frontend::importOnnxFile(ctx, path);
  }
};

TEST_F(FrontendTest, ImportsConvRelu) {
  ModelBuilder b;
  b.input("x", {1, 2, 5, 5}).output("y", {1, 3, 5, 5});
  b.initializer("w", {3, 2, 3, 3}, std::vector<float>(54, 0.5f));
  auto &conv = b.node("Conv", {"x", "w"}, {"c"});
  addInts(conv, "pads", {1, 1, 1, 1});
  b.node("Relu", {"c"}, {"y"});
  auto module = import(b);
  ASSERT_TRUE(module) << errors;
  std::string ir;
  llvm::raw_string_ostream os(ir);
  module->print(os);
  EXPECT_NE(ir.find("kiln.conv"), std::string::npos) << ir;
  EXPECT_NE(ir.find("kiln.relu"), std::string::npos) << ir;
  // Weights of more than 16 elements are stored out of line.
  EXPECT_NE(ir.find("dense_resource"), std::string::npos) << ir;
  EXPECT_NE(ir.find("tensor<1x3x5x5xf32>"), std::string::npos) << ir;
}

// A declared output the op's shape rule contradicts gives way to the rule,
// with one warning; the function returns the computed type.
TEST_F(FrontendTest, ComputedShapeReplacesContradictedDeclaration) {
  ModelBuilder b;
  b.input("x", {1}).output("y", {3});
  b.node("Clip", {"x"}, {"y"});
  auto module = import(b);
  ASSERT_TRUE(module) << errors;
  EXPECT_EQ(errors, "node 'Clip0' (Clip): output 'y' is declared 3 but "
                    "computes 1; using 1\n");
  auto main = module->lookupSymbol<mlir::func::FuncOp>("main");
  ASSERT_TRUE(main);
  auto result =
      llvm::cast<mlir::RankedTensorType>(main.getFunctionType().getResult(0));
  EXPECT_EQ(result.getShape(), llvm::ArrayRef<int64_t>({1}));
}

// Operands an op cannot take are refused with the verifier's line.
TEST_F(FrontendTest, RefusesOperandsTheOpCannotTake) {
  ModelBuilder b;
  b.input("a", {1, 2, 3}).input("b", {1, 2, 4}).output("y", {1, 4, 3});
  onnx::AttributeProto *axis =
      b.node("Concat", {"a", "b"}, {"y"}).add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(1);
  EXPECT_FALSE(import(b));
  EXPECT_NE(errors.find("(Concat, opset"), std::string::npos) << errors;
  EXPECT_NE(errors.find("(4) to equal input 0 dim 2 (3)"), std::string::npos)
      << errors;
}

TEST_F(FrontendTest, ReportsAllUnsupportedOpsAtOnce) {
  ModelBuilder b;
  b.input("x", {4}).output("z", {4});
  b.node("FooBar", {"x"}, {"y"}, "first");
  b.node("BazQux", {"y"}, {"z"}, "second");
  // The ONNX checker would reject unknown ops first; skip it with opset 18.
  b.model.mutable_opset_import(0)->set_version(18);
  EXPECT_FALSE(import(b));
  EXPECT_NE(errors.find("2 unsupported ops"), std::string::npos) << errors;
  EXPECT_NE(errors.find("FooBar (opset 18, 1 node: first)"), std::string::npos)
      << errors;
  EXPECT_NE(errors.find("BazQux"), std::string::npos) << errors;
}

TEST_F(FrontendTest, RejectsInitializerWithShortData) {
  ModelBuilder b;
  b.input("x", {2}).output("y", {2});
  b.initializer("w", {1000, 1000}, {1, 2, 3, 4});
  b.node("Add", {"x", "x"}, {"y"});
  EXPECT_FALSE(import(b));
  EXPECT_NE(errors.find("initializer 'w' has shape 1000x1000"),
            std::string::npos)
      << errors;
}

TEST_F(FrontendTest, RejectsDanglingValueAndCycle) {
  ModelBuilder b;
  b.input("x", {2}).output("y", {2});
  b.node("Add", {"x", "ghost"}, {"y"});
  EXPECT_FALSE(import(b));
  EXPECT_NE(errors.find("'ghost'"), std::string::npos) << errors;

  ModelBuilder c;
  c.input("x", {2}).output("a", {2});
  c.node("Relu", {"b"}, {"a"});
  c.node("Relu", {"a"}, {"b"});
  EXPECT_FALSE(import(c));
  EXPECT_NE(errors.find("cycle"), std::string::npos) << errors;
}

TEST_F(FrontendTest, SortsNodesTopologically) {
  ModelBuilder b;
  b.input("x", {2}).output("z", {2});
  b.node("Relu", {"y"}, {"z"});
  b.node("Neg", {"x"}, {"y"});
  auto module = import(b);
  EXPECT_TRUE(module) << errors;
}

TEST_F(FrontendTest, RejectsFutureOpset) {
  ModelBuilder b(99);
  b.input("x", {2}).output("y", {2});
  b.node("Relu", {"x"}, {"y"});
  EXPECT_FALSE(import(b));
  EXPECT_NE(errors.find("opset 99"), std::string::npos) << errors;
}

TEST_F(FrontendTest, ShapeOptionMakesDynamicInputStatic) {
  ModelBuilder b;
  b.input("x", {-1, 3}).output("y", {-1, 3});
  b.node("Relu", {"x"}, {"y"});
  b.save(path);
  frontend::LoadOptions opts;
  opts.inputShapes["x"] = {5, 3};
  auto module = frontend::importOnnxFile(ctx, path, opts);
  ASSERT_TRUE(module) << errors;
  std::string ir;
  llvm::raw_string_ostream os(ir);
  module->print(os);
  EXPECT_NE(ir.find("tensor<5x3xf32>"), std::string::npos) << ir;

  opts.inputShapes = {{"nope", {1}}};
  errors.clear();
  EXPECT_FALSE(frontend::importOnnxFile(ctx, path, opts));
  EXPECT_NE(errors.find("'nope'"), std::string::npos) << errors;
}

/// The shape of \p module's result \p i.
static llvm::ArrayRef<int64_t> resultShape(mlir::ModuleOp module, unsigned i) {
  auto main = module.lookupSymbol<mlir::func::FuncOp>("main");
  return llvm::cast<mlir::RankedTensorType>(main.getFunctionType().getResult(i))
      .getShape();
}

/// A batch-1 export: x [1, 4] -> Reshape to the constant [1, 4] -> Relu,
/// its values declared [1, 4].
static ModelBuilder batchOneExport(std::vector<int64_t> target = {1, 4}) {
  ModelBuilder b;
  b.input("x", {1, 4}).output("y", {1, 4});
  b.initializerI64("shape", {static_cast<int64_t>(target.size())}, target);
  b.node("Reshape", {"x", "shape"}, {"r"}, "reshape");
  b.node("Relu", {"r"}, {"y"});
  auto *vi = b.model.mutable_graph()->add_value_info();
  vi->set_name("r");
  vi->mutable_type()->mutable_tensor_type()->set_elem_type(1);
  for (int64_t d : {1, 4})
    vi->mutable_type()
        ->mutable_tensor_type()
        ->mutable_shape()
        ->add_dim()
        ->set_dim_value(d);
  return b;
}

// --shape on a static batch re-specializes the graph: the declarations made
// for batch 1 go without a warning, and a Reshape's leading 1 that was the
// batch becomes the new one ([1, -1] too, which would fold the batch away).
TEST_F(FrontendTest, ShapeOptionRespecializesBatchOneExport) {
  for (std::vector<int64_t> target :
       {std::vector<int64_t>{1, 4}, std::vector<int64_t>{1, -1}}) {
    batchOneExport(target).save(path);
    frontend::LoadOptions opts;
    opts.inputShapes["x"] = {3, 4};
    errors.clear();
    auto module = frontend::importOnnxFile(ctx, path, opts);
    ASSERT_TRUE(module) << errors;
    EXPECT_EQ(errors, "");
    EXPECT_EQ(resultShape(*module, 0), llvm::ArrayRef<int64_t>({3, 4}));
  }
  // Without --shape the model is as exported.
  batchOneExport().save(path);
  auto module = frontend::importOnnxFile(ctx, path);
  ASSERT_TRUE(module) << errors;
  EXPECT_EQ(resultShape(*module, 0), llvm::ArrayRef<int64_t>({1, 4}));
}

// A changed dim that was not a batch of 1 cannot re-specialize the Reshape:
// one error line naming the node, the input and the dimension.
TEST_F(FrontendTest, ShapeOptionTheGraphCannotTakeNamesInputAndDimension) {
  batchOneExport().save(path);
  frontend::LoadOptions opts;
  opts.inputShapes["x"] = {1, 8};
  EXPECT_FALSE(frontend::importOnnxFile(ctx, path, opts));
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), 1) << errors;
  EXPECT_NE(errors.find("node 'reshape' (Reshape"), std::string::npos)
      << errors;
  EXPECT_NE(errors.find("cannot be re-specialized for input 'x' dimension 1 = "
                        "8 (declared 4)"),
            std::string::npos)
      << errors;
}

// A dynamic batch filled with a size a constant of the export contradicts:
// the error names the input, the dimension and its symbol.
TEST_F(FrontendTest, FilledDynamicDimTheGraphCannotTakeIsNamed) {
  ModelBuilder b;
  b.input("x", {-1, 4}).output("y", {-1, 4});
  b.initializerI64("shape", {2}, {1, 4});
  b.node("Reshape", {"x", "shape"}, {"y"}, "reshape");
  b.save(path);
  frontend::LoadOptions opts;
  opts.inputShapes["x"] = {3, 4};
  EXPECT_FALSE(frontend::importOnnxFile(ctx, path, opts));
  EXPECT_NE(errors.find("node 'reshape' (Reshape, opset 17): cannot reshape "
                        "3x4 (12 elements) to 1x4 (4 elements); the model "
                        "cannot be re-specialized for input 'x' dimension 0 "
                        "= 3 (declared N)"),
            std::string::npos)
      << errors;
  // Filled with the size the constant fits, it imports.
  opts.inputShapes["x"] = {1, 4};
  errors.clear();
  EXPECT_TRUE(frontend::importOnnxFile(ctx, path, opts)) << errors;
}

// Data contradicting a static dim is refused naming the dimension, with
// the --shape that re-specializes the model.
TEST_F(FrontendTest, DataContradictingStaticDimNamesDimension) {
  batchOneExport().save(path);
  frontend::LoadOptions opts;
  opts.dataShapes["x"] = {2, 4};
  EXPECT_FALSE(frontend::importOnnxFile(ctx, path, opts));
  EXPECT_NE(errors.find("graph input 'x' is declared 1x4 but the data given "
                        "for it is 2x4 (dimension 0 is 2, not 1); to run the "
                        "model at that shape, give --shape x=2x4"),
            std::string::npos)
      << errors;
}

TEST_F(FrontendTest, LoadsFromBuffer) {
  ModelBuilder b;
  b.input("x", {2, 3}).output("y", {2, 3});
  b.node("Relu", {"x"}, {"y"});
  std::string bytes;
  ASSERT_TRUE(b.model.SerializeToString(&bytes));
  auto model = frontend::loadModelFromBuffer(ctx, bytes, "mem.onnx", "");
  ASSERT_TRUE(model) << errors;
  EXPECT_TRUE(frontend::importModel(ctx, *model)) << errors;

  errors.clear();
  EXPECT_FALSE(frontend::loadModelFromBuffer(ctx, "", "mem.onnx", ""));
  EXPECT_NE(errors.find("model is empty"), std::string::npos) << errors;
  errors.clear();
  EXPECT_FALSE(
      frontend::loadModelFromBuffer(ctx, bytes.substr(0, 9), "mem.onnx", ""));
  EXPECT_NE(errors.find("cannot parse"), std::string::npos) << errors;
}

TEST_F(FrontendTest, RefusesControlCharactersInNames) {
  ModelBuilder b;
  b.input("x", {2}).output("y", {2});
  b.node("Relu", {"x"}, {"y"}, "bad\nname");
  EXPECT_FALSE(import(b));
  EXPECT_NE(errors.find("node name 'bad\\x0aname' contains a control "
                        "character"),
            std::string::npos)
      << errors;
  EXPECT_EQ(errors.find('\n'), errors.size() - 1) << errors;
}

TEST_F(FrontendTest, OneErrorLinePerBadModel) {
  // An unsupported op and a Mul missing an input (which used to give two
  // lines): the Mul fails its ONNX schema, and that is the only line.
  ModelBuilder b;
  b.input("x", {2}).output("y", {2});
  b.node("NoSuchOp", {"x"}, {"t"});
  b.node("Mul", {"x"}, {"y"});
  EXPECT_FALSE(import(b));
  EXPECT_NE(errors.find("input size 1 not in range"), std::string::npos)
      << errors;
  EXPECT_EQ(errors.find('\n'), errors.size() - 1) << errors;

  // Two unsupported ops and a Relu reading one of them: one line naming both.
  ModelBuilder c;
  c.input("x", {2}).output("y", {2});
  c.node("NoSuchOp", {"x"}, {"t"});
  c.node("OtherOp", {"x"}, {"u"});
  c.node("Relu", {"t"}, {"y"});
  EXPECT_FALSE(import(c));
  EXPECT_NE(errors.find("2 unsupported ops"), std::string::npos) << errors;
  EXPECT_EQ(errors.find('\n'), errors.size() - 1) << errors;
}

TEST(HandlerTable, PicksGreatestSinceVersionNotAboveOpset) {
  frontend::HandlerTable t;
  int picked = 0;
  t.add("Op", 7, [&](frontend::NodeImporter &) {
    picked = 7;
    return mlir::success();
  });
  t.add("Op", 13, [&](frontend::NodeImporter &) {
    picked = 13;
    return mlir::success();
  });
  EXPECT_EQ(t.lookup("", "Op", 6), nullptr);
  EXPECT_NE(t.lookup("", "Op", 12), nullptr);
  EXPECT_EQ(t.versions("", "Op"), (std::vector<int>{7, 13}));
  EXPECT_EQ(t.lookup("com.other", "Op", 20), nullptr);
}

TEST(HandlerTable, KnowsTheCoreOps) {
  const frontend::HandlerTable &t = frontend::getHandlerTable();
  for (const char *op : {"Conv", "Relu", "Gemm", "MatMul", "Reshape", "Softmax",
                         "Resize", "ReduceMean", "Constant"})
    EXPECT_NE(t.lookup("", op, 17), nullptr) << op;
}

// After import the initializers' inline data can be freed: the module keeps
// its own copy (and still verifies), names, shapes and external-data
// references stay, so the model cache still finds the external file.
TEST_F(FrontendTest, ReleasesInitializerDataAfterImport) {
  ModelBuilder b;
  b.input("x", {40}).output("y", {40});
  b.initializer("w", {40}, std::vector<float>(40, 2.0f));
  b.externalInitializer("e", {40}, "e.bin");
  b.node("Add", {"x", "w"}, {"s"});
  b.node("Add", {"s", "e"}, {"y"});
  {
    std::ofstream bin((dir + "/e.bin").str(), std::ios::binary);
    std::vector<float> data(40, 1.0f);
    bin.write(reinterpret_cast<const char *>(data.data()), 40 * sizeof(float));
  }
  b.save(path);
  auto model = frontend::loadModel(ctx, path);
  ASSERT_TRUE(model) << errors;
  auto module = frontend::importModel(ctx, *model);
  ASSERT_TRUE(module) << errors;
  frontend::releaseInitializerData(*model);
  for (const onnx::TensorProto &init : model->proto->graph().initializer()) {
    EXPECT_FALSE(init.has_raw_data()) << init.name();
    EXPECT_EQ(init.float_data_size(), 0) << init.name();
    EXPECT_EQ(init.dims_size(), 1) << init.name();
  }
  EXPECT_EQ(frontend::externalDataFiles(*model),
            std::vector<std::string>{"e.bin"});
  // The constants are the module's own: printing reads every value.
  std::string ir;
  llvm::raw_string_ostream os(ir);
  module->print(os);
  EXPECT_NE(ir.find("dense_resource"), std::string::npos) << ir;
  EXPECT_TRUE(mlir::succeeded(mlir::verify(*module)));
}

} // namespace
