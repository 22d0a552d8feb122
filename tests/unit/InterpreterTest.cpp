//===- InterpreterTest.cpp - Running imported models ----------------------===//
#include "ModelFileTest.h"

#include "kiln/frontend/Import.h"
#include "kiln/interpreter/Interpreter.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace kiln;
using namespace kiln::test;

namespace {

class InterpreterTest : public ModelFileTest {
protected:
  std::unique_ptr<Interpreter> prepare(const ModelBuilder &b) {
    b.save(path);
    module = frontend::importOnnxFile(ctx, path);
    if (!module)
      return nullptr;
    auto interp = Interpreter::create(*module);
    if (!interp) {
      errors += llvm::toString(interp.takeError());
      return nullptr;
    }
    return std::move(*interp);
  }
};

TEST_F(InterpreterTest, RunsGemmWithBiasAndRelu) {
  ModelBuilder b;
  b.input("x", {1, 3}).output("y", {1, 2});
  // y = relu(x * W^T + b) with W = [[1, 2, 3], [-1, -1, -1]], b = [0.5, 1].
  b.initializer("w", {2, 3}, {1, 2, 3, -1, -1, -1});
  b.initializer("b", {2}, {0.5f, 1.0f});
  auto &gemm = b.node("Gemm", {"x", "w", "b"}, {"g"});
  auto *attr = gemm.add_attribute();
  attr->set_name("transB");
  attr->set_type(onnx::AttributeProto::INT);
  attr->set_i(1);
  b.node("Relu", {"g"}, {"y"});
  auto interp = prepare(b);
  ASSERT_TRUE(interp) << errors;
  ASSERT_EQ(interp->inputs().size(), 1u);
  EXPECT_EQ(interp->inputs()[0].format(), "1x3xf32");
  Tensor x = Tensor::fromVector<float>({1, 3}, {1, 1, 1});
  auto out = interp->run({x});
  ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
  ASSERT_EQ(out->size(), 1u);
  EXPECT_EQ((*out)[0].shape(), (Shape{1, 2}));
  EXPECT_FLOAT_EQ((*out)[0].data<float>()[0], 6.5f); // 1+2+3+0.5
  EXPECT_FLOAT_EQ((*out)[0].data<float>()[1], 0.0f); // relu(-3+1)
}

TEST_F(InterpreterTest, ChecksInputsAgainstTheModel) {
  ModelBuilder b;
  b.input("x", {2, 3}).output("y", {2, 3});
  b.node("Relu", {"x"}, {"y"});
  auto interp = prepare(b);
  ASSERT_TRUE(interp) << errors;
  auto wrongShape = interp->run({Tensor(DType::F32, {3, 2})});
  ASSERT_FALSE(bool(wrongShape));
  EXPECT_NE(llvm::toString(wrongShape.takeError()).find("expected shape 2x3"),
            std::string::npos);
  auto wrongType = interp->run({Tensor(DType::I64, {2, 3})});
  ASSERT_FALSE(bool(wrongType));
  llvm::consumeError(wrongType.takeError());
  auto wrongCount = interp->run({});
  ASSERT_FALSE(bool(wrongCount));
  llvm::consumeError(wrongCount.takeError());
}

TEST_F(InterpreterTest, KernelErrorsNameTheNode) {
  ModelBuilder b;
  b.input("x", {-1}).input("y", {-1}).output("z", {-1});
  b.node("Add", {"x", "y"}, {"z"}, "the_add");
  auto interp = prepare(b);
  ASSERT_TRUE(interp) << errors;
  auto out = interp->run({Tensor(DType::F32, {2}), Tensor(DType::F32, {3})});
  ASSERT_FALSE(bool(out));
  std::string msg = llvm::toString(out.takeError());
  EXPECT_NE(msg.find("the_add"), std::string::npos) << msg;
  EXPECT_NE(msg.find("broadcast"), std::string::npos) << msg;
}

TEST_F(InterpreterTest, RunsDynamicShapes) {
  ModelBuilder b;
  b.input("x", {-1, 2}).output("y", {-1, 2});
  b.node("Neg", {"x"}, {"y"});
  auto interp = prepare(b);
  ASSERT_TRUE(interp) << errors;
  for (int64_t n : {1, 7, 17}) {
    Tensor x(DType::F32, {n, 2});
    for (int64_t i = 0; i < 2 * n; ++i)
      x.data<float>()[i] = static_cast<float>(i);
    auto out = interp->run({x});
    ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
    ASSERT_EQ((*out)[0].shape(), (Shape{n, 2}));
    EXPECT_FLOAT_EQ((*out)[0].data<float>()[2 * n - 1], -(2.0f * n - 1));
  }
}

TEST_F(InterpreterTest, RunsOpset21ModelsDebianOnnxCannotCheck) {
  // Opset 18 moved ReduceMean's axes to an input and gave Split
  // num_outputs; Debian's ONNX 1.12 knows neither, Kiln's handlers do.
  ModelBuilder b(21);
  b.input("x", {2, 4}).output("m", {2, 1}).output("lo", {2, 2});
  auto *axes = b.model.mutable_graph()->add_initializer();
  axes->set_name("axes");
  axes->set_data_type(7);
  axes->add_dims(1);
  axes->add_int64_data(1);
  b.node("ReduceMean", {"x", "axes"}, {"m"});
  auto &split = b.node("Split", {"x"}, {"lo", "hi"});
  auto *n = split.add_attribute();
  n->set_name("num_outputs");
  n->set_type(onnx::AttributeProto::INT);
  n->set_i(2);
  n = split.add_attribute();
  n->set_name("axis");
  n->set_type(onnx::AttributeProto::INT);
  n->set_i(1);
  auto interp = prepare(b);
  ASSERT_TRUE(interp) << errors;
  Tensor x = Tensor::fromVector<float>({2, 4}, {1, 2, 3, 6, -1, -2, -3, -6});
  auto out = interp->run({x});
  ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0].shape(), (Shape{2, 1}));
  EXPECT_FLOAT_EQ((*out)[0].data<float>()[0], 3.0f);
  EXPECT_FLOAT_EQ((*out)[0].data<float>()[1], -3.0f);
  EXPECT_EQ((*out)[1].shape(), (Shape{2, 2}));
  EXPECT_FLOAT_EQ((*out)[1].data<float>()[3], -2.0f);
}

TEST_F(InterpreterTest, UnknownVersionOfAnOpIsNamed) {
  // Gelu exists from opset 20; at opset 19 it is not an ONNX op.
  ModelBuilder b(19);
  b.input("x", {2}).output("y", {2});
  b.node("Gelu", {"x"}, {"y"}, "g");
  EXPECT_FALSE(prepare(b));
  EXPECT_NE(errors.find("Gelu (opset 19, 1 node: g; Kiln handles it from "
                        "opset 20)"),
            std::string::npos)
      << errors;
}

TEST_F(InterpreterTest, ReadsExternalDataInsideTheModelFolder) {
  ModelBuilder b;
  b.input("x", {3}).output("y", {3});
  b.externalInitializer("w", {3}, "weights.bin", "4");
  b.node("Add", {"x", "w"}, {"y"});
  std::string dir = llvm::sys::path::parent_path(path).str();
  {
    std::ofstream bin(dir + "/weights.bin", std::ios::binary);
    float data[4] = {99, 1, 2, 3}; // The first float is skipped by offset.
    bin.write(reinterpret_cast<const char *>(data), sizeof data);
  }
  auto interp = prepare(b);
  ASSERT_TRUE(interp) << errors;
  auto out = interp->run({Tensor::fromVector<float>({3}, {10, 20, 30})});
  ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
  EXPECT_FLOAT_EQ((*out)[0].data<float>()[0], 11.0f);
  EXPECT_FLOAT_EQ((*out)[0].data<float>()[2], 33.0f);
}

} // namespace
