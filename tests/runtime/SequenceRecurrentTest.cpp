//===- SequenceRecurrentTest.cpp - RNN, GRU and LSTM kernels --------------===//
//
// Expected values are hand-computed for the one-unit cases and, for the
// larger ones, come from an independent numpy transcription of the ONNX
// operator equations (inputs from the formula in `gen`, so only the outputs
// are listed here).
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <cmath>

using namespace kiln;
using namespace kiln::test;

namespace {

/// A f32 tensor of \p shape with values 0.5 * sin(0.7 * i + seed).
Tensor gen(const Shape &shape, double seed) {
  std::vector<float> v(shapeNumElements(shape));
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = static_cast<float>(0.5 * std::sin(0.7 * double(i) + seed));
  return Tensor::fromVector<float>(shape, v);
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

//===----------------------------------------------------------------------===//
// RNN
//===----------------------------------------------------------------------===//

TEST(RNN, OneUnitByHand) {
  // h1 = tanh(0.5 * 1), h2 = tanh(0.5 * 2 + 0.25 * h1).
  Tensor x = Tensor::fromVector<float>({2, 1, 1}, {1, 2});
  Tensor w = Tensor::fromVector<float>({1, 1, 1}, {0.5f});
  Tensor r = Tensor::fromVector<float>({1, 1, 1}, {0.25f});
  AttrMap attrs = makeAttrs({{"hidden_size", int64_t(1)}});
  auto out = runAll(ref::evalRNN, {&x, &w, &r}, attrs, 2);
  double h1 = std::tanh(0.5), h2 = std::tanh(1.0 + 0.25 * h1);
  expectTensorNear(out[0], {2, 1, 1, 1}, {h1, h2});
  expectTensorNear(out[1], {1, 1, 1}, {h2});
}

TEST(RNN, ReverseReluBiasInitialState) {
  // Reverse walks t = 1 then t = 0; Relu; Wb + Rb = 0.1 + 0.2.
  Tensor x = Tensor::fromVector<float>({2, 1, 1}, {1, -3});
  Tensor w = Tensor::fromVector<float>({1, 1, 1}, {1.0f});
  Tensor r = Tensor::fromVector<float>({1, 1, 1}, {0.5f});
  Tensor b = Tensor::fromVector<float>({1, 2}, {0.1f, 0.2f});
  Tensor h0 = Tensor::fromVector<float>({1, 1, 1}, {4.0f});
  AttrMap attrs =
      makeAttrs({{"direction", std::string("reverse")},
                 {"activations", std::vector<std::string>{"Relu"}}});
  auto out = runAll(ref::evalRNN, {&x, &w, &r, &b, nullptr, &h0}, attrs, 2);
  double hT1 = std::max(0.0, -3 + 0.5 * 4 + 0.3); // 0 (relu of -0.7)
  double hT0 = std::max(0.0, 1 + 0.5 * hT1 + 0.3);
  expectTensorNear(out[0], {2, 1, 1, 1}, {hT0, hT1});
  expectTensorNear(out[1], {1, 1, 1}, {hT0});
}

TEST(RNN, BidirectionalWithSequenceLengths) {
  Tensor x = gen({3, 2, 3}, 0.1), w = gen({2, 2, 3}, 0.2),
         r = gen({2, 2, 2}, 0.3), b = gen({2, 4}, 0.4),
         h0 = gen({2, 2, 2}, 0.5);
  Tensor lens = Tensor::fromVector<int32_t>({2}, {3, 2});
  AttrMap attrs = makeAttrs({{"direction", std::string("bidirectional")},
                             {"hidden_size", int64_t(2)}});
  auto out = runAll(ref::evalRNN, {&x, &w, &r, &b, &lens, &h0}, attrs, 2);
  expectTensorNear(out[0], {3, 2, 2, 2},
                   {0.863725537,
                    0.731933502,
                    0.683906112,
                    0.857619749,
                    -0.575413794,
                    -0.172658818,
                    -0.636467763,
                    -0.461529996,
                    0.632938532,
                    0.858763353,
                    0.912387401,
                    0.858803435,
                    0.126198328,
                    -0.567041755,
                    -0.623464355,
                    0.0552456608,
                    0.802444839,
                    0.916391977,
                    0,
                    0,
                    -0.537273402,
                    -0.523690538,
                    0,
                    0});
  expectTensorNear(out[1], {2, 2, 2},
                   {0.802444839, 0.916391977, 0.912387401, 0.858803435,
                    -0.575413794, -0.172658818, -0.636467763, -0.461529996});
}

TEST(RNN, ZeroLengthKeepsInitialState) {
  Tensor x = Tensor::fromVector<float>({1, 1, 1}, {1});
  Tensor w = Tensor::fromVector<float>({1, 1, 1}, {1});
  Tensor r = Tensor::fromVector<float>({1, 1, 1}, {1});
  Tensor lens = Tensor::fromVector<int64_t>({1}, {0});
  Tensor h0 = Tensor::fromVector<float>({1, 1, 1}, {0.75f});
  auto out =
      runAll(ref::evalRNN, {&x, &w, &r, nullptr, &lens, &h0}, AttrMap(), 2);
  expectTensorNear(out[0], {1, 1, 1, 1}, {0});
  expectTensorNear(out[1], {1, 1, 1}, {0.75});
}

TEST(RNN, BatchMajorLayoutAndF64) {
  // layout = 1: X is batch x seq x input; Y batch x seq x dirs x hidden.
  Tensor x = Tensor::fromVector<double>({2, 1, 1}, {1, 2});
  Tensor w = Tensor::fromVector<double>({1, 1, 1}, {0.5});
  Tensor r = Tensor::fromVector<double>({1, 1, 1}, {0.0});
  AttrMap attrs = makeAttrs({{"layout", int64_t(1)}});
  auto out = runAll(ref::evalRNN, {&x, &w, &r}, attrs, 2);
  EXPECT_EQ(out[0].dtype(), DType::F64);
  expectTensorNear(out[0], {2, 1, 1, 1}, {std::tanh(0.5), std::tanh(1.0)});
  expectTensorNear(out[1], {2, 1, 1}, {std::tanh(0.5), std::tanh(1.0)});
}

TEST(RNN, ClipAndScaledTanhDefaults) {
  // clip = 0.5 bounds the pre-activation; ScaledTanh takes alpha, beta.
  Tensor x = Tensor::fromVector<float>({1, 1, 1}, {3});
  Tensor w = Tensor::fromVector<float>({1, 1, 1}, {1});
  Tensor r = Tensor::fromVector<float>({1, 1, 1}, {1});
  AttrMap attrs =
      makeAttrs({{"clip", 0.5},
                 {"activations", std::vector<std::string>{"ScaledTanh"}},
                 {"activation_alpha", std::vector<double>{2.0}},
                 {"activation_beta", std::vector<double>{3.0}}});
  auto out = runAll(ref::evalRNN, {&x, &w, &r}, attrs, 1);
  ASSERT_EQ(out.size(), 1u);
  expectTensorNear(out[0], {1, 1, 1, 1}, {2.0 * std::tanh(3.0 * 0.5)});
}

TEST(RNN, Errors) {
  Tensor x = gen({2, 1, 3}, 0), w = gen({1, 4, 3}, 0), r = gen({1, 4, 4}, 0);
  Tensor badW = gen({1, 4, 2}, 0);
  EXPECT_NE(runError(ref::evalRNN, {&x, &badW, &r}, AttrMap(), 2)
                .find("expected W of shape 1x4x3"),
            std::string::npos);
  EXPECT_NE(runError(ref::evalRNN, {&x, &w, &r},
                     makeAttrs({{"direction", std::string("sideways")}}), 2)
                .find("direction"),
            std::string::npos);
  EXPECT_NE(runError(ref::evalRNN, {&x, &w, &r},
                     makeAttrs({{"hidden_size", int64_t(3)}}), 2)
                .find("expected W of shape 1x3x3"),
            std::string::npos);
  Tensor lens = Tensor::fromVector<int32_t>({1}, {3});
  EXPECT_NE(runError(ref::evalRNN, {&x, &w, &r, nullptr, &lens}, AttrMap(), 2)
                .find("sequence_lens values in [0, 2]"),
            std::string::npos);
  EXPECT_NE(
      runError(ref::evalRNN, {&x, &w, &r},
               makeAttrs({{"activations", std::vector<std::string>{"Gelu"}}}),
               2)
          .find("unsupported activation function 'Gelu'"),
      std::string::npos);
  Tensor x2 = gen({2, 3}, 0);
  EXPECT_NE(runError(ref::evalRNN, {&x2, &w, &r}, AttrMap(), 2).find("rank 3"),
            std::string::npos);
  Tensor xi = Tensor::fromVector<int32_t>({1, 1, 1}, {1});
  EXPECT_NE(runError(ref::evalRNN, {&xi, &w, &r}, AttrMap(), 2).find("float"),
            std::string::npos);
  runError(ref::evalRNN, {&x, &w}, AttrMap(), 2); // R missing
}

//===----------------------------------------------------------------------===//
// GRU
//===----------------------------------------------------------------------===//

TEST(GRU, OneUnitByHand) {
  // W = R = 0 except Wh = 1: z = r = 0.5, h = 0.5 * tanh(x) + 0.5 * h_prev.
  Tensor x = Tensor::fromVector<float>({2, 1, 1}, {1, 2});
  Tensor w = Tensor::fromVector<float>({1, 3, 1}, {0, 0, 1});
  Tensor r = Tensor::fromVector<float>({1, 3, 1}, {0, 0, 0});
  auto out = runAll(ref::evalGRU, {&x, &w, &r}, AttrMap(), 2);
  double h1 = 0.5 * std::tanh(1.0), h2 = 0.5 * std::tanh(2.0) + 0.5 * h1;
  expectTensorNear(out[0], {2, 1, 1, 1}, {h1, h2});
  expectTensorNear(out[1], {1, 1, 1}, {h2});
}

TEST(GRU, LinearBeforeResetBothWays) {
  Tensor x = gen({3, 2, 3}, 0.1), w = gen({1, 6, 3}, 0.2),
         r = gen({1, 6, 2}, 0.3), b = gen({1, 12}, 0.4);
  auto out0 = runAll(ref::evalGRU, {&x, &w, &r, &b}, AttrMap(), 2);
  expectTensorNear(out0[0], {3, 1, 2, 2},
                   {0.14981339, -0.081560892, 0.326554145, -0.0252034008,
                    0.225858123, 0.259741711, 0.307753844, -0.0624653392,
                    0.410235432, 0.186652989, 0.265579869, 0.272198031});
  expectTensorNear(out0[1], {1, 2, 2},
                   {0.410235432, 0.186652989, 0.265579869, 0.272198031});
  auto out1 = runAll(ref::evalGRU, {&x, &w, &r, &b},
                     makeAttrs({{"linear_before_reset", int64_t(1)}}), 2);
  expectTensorNear(out1[0], {3, 1, 2, 2},
                   {0.0499562961, -0.149999459, 0.234637179, -0.104370326,
                    0.112536241, 0.128018224, 0.160902848, -0.187529897,
                    0.275374774, -5.69927275e-05, 0.134860046, 0.109664751});
  expectTensorNear(out1[1], {1, 2, 2},
                   {0.275374774, -5.69927275e-05, 0.134860046, 0.109664751});
}

TEST(GRU, Errors) {
  Tensor x = gen({1, 1, 2}, 0), w = gen({1, 6, 2}, 0), r = gen({1, 6, 2}, 0);
  EXPECT_NE(runError(ref::evalGRU, {&x, &w, &r},
                     makeAttrs({{"linear_before_reset", int64_t(2)}}), 2)
                .find("linear_before_reset"),
            std::string::npos);
  Tensor badB = gen({1, 6}, 0);
  EXPECT_NE(runError(ref::evalGRU, {&x, &w, &r, &badB}, AttrMap(), 2)
                .find("expected B of shape 1x12"),
            std::string::npos);
  // Two activations per direction: three names is wrong.
  EXPECT_NE(runError(ref::evalGRU, {&x, &w, &r},
                     makeAttrs({{"activations",
                                 std::vector<std::string>{"Sigmoid", "Tanh",
                                                          "Tanh"}}}),
                     2)
                .find("expected 2 names"),
            std::string::npos);
}

//===----------------------------------------------------------------------===//
// LSTM
//===----------------------------------------------------------------------===//

TEST(LSTM, OneUnitByHand) {
  // Only Wc = 1 and Wi = Wo = Wf = 0: i = o = f = 0.5.
  Tensor x = Tensor::fromVector<float>({1, 1, 1}, {2});
  Tensor w = Tensor::fromVector<float>({1, 4, 1}, {0, 0, 0, 1});
  Tensor r = Tensor::fromVector<float>({1, 4, 1}, {0, 0, 0, 0});
  Tensor c0 = Tensor::fromVector<float>({1, 1, 1}, {1});
  auto out = runAll(ref::evalLSTM,
                    {&x, &w, &r, nullptr, nullptr, nullptr, &c0, nullptr},
                    AttrMap(), 3);
  double c = 0.5 * 1.0 + 0.5 * std::tanh(2.0);
  double h = 0.5 * std::tanh(c);
  expectTensorNear(out[0], {1, 1, 1, 1}, {h});
  expectTensorNear(out[1], {1, 1, 1}, {h});
  expectTensorNear(out[2], {1, 1, 1}, {c});
}

TEST(LSTM, PeepholesByHand) {
  // Pi, Po, Pf = 1, 2, 3 with c0 = 1 and all weights zero.
  Tensor x = Tensor::fromVector<float>({1, 1, 1}, {0});
  Tensor w = Tensor::fromVector<float>({1, 4, 1}, {0, 0, 0, 0});
  Tensor r = Tensor::fromVector<float>({1, 4, 1}, {0, 0, 0, 0});
  Tensor c0 = Tensor::fromVector<float>({1, 1, 1}, {1});
  Tensor p = Tensor::fromVector<float>({1, 3}, {1, 2, 3});
  auto out =
      runAll(ref::evalLSTM, {&x, &w, &r, nullptr, nullptr, nullptr, &c0, &p},
             AttrMap(), 3);
  double i = sigmoid(1.0), f = sigmoid(3.0);
  double c = f * 1.0 + i * 0.0;
  double o = sigmoid(2.0 * c);
  expectTensorNear(out[2], {1, 1, 1}, {c});
  expectTensorNear(out[1], {1, 1, 1}, {o * std::tanh(c)});
}

TEST(LSTM, ReverseBatchMajorClipPeepholes) {
  Tensor x = gen({2, 3, 3}, 0.1), w = gen({1, 8, 3}, 0.2),
         r = gen({1, 8, 2}, 0.3), b = gen({1, 16}, 0.4), p = gen({1, 6}, 0.6);
  Tensor h0 = gen({2, 1, 2}, 0.5), c0 = gen({2, 1, 2}, 0.7);
  AttrMap attrs = makeAttrs({{"direction", std::string("reverse")},
                             {"layout", int64_t(1)},
                             {"clip", 0.3}});
  auto out =
      runAll(ref::evalLSTM, {&x, &w, &r, &b, nullptr, &h0, &c0, &p}, attrs, 3);
  expectTensorNear(out[0], {2, 3, 1, 2},
                   {-0.136220524, -0.123654076, -0.0776190822, -0.0689639135,
                    0.0144246242, 0.0575945227, -0.126975396, -0.141467438,
                    -0.0603316584, -0.112061176, 0.0427865567, -0.0364076413});
  expectTensorNear(out[1], {2, 1, 2},
                   {-0.136220524, -0.123654076, -0.126975396, -0.141467438});
  expectTensorNear(out[2], {2, 1, 2},
                   {-0.24173639, -0.218679669, -0.224750407, -0.251437114});
}

TEST(LSTM, InputForgetAndActivationParameters) {
  // f = HardSigmoid(0.3, 0.4), g = Tanh, h = Affine(2, 0.1): the alpha and
  // beta lists are consumed only by the functions that take them.
  Tensor x = gen({3, 2, 3}, 0.1), w = gen({1, 8, 3}, 0.2),
         r = gen({1, 8, 2}, 0.3), b = gen({1, 16}, 0.4);
  AttrMap attrs =
      makeAttrs({{"input_forget", int64_t(1)},
                 {"activations",
                  std::vector<std::string>{"HardSigmoid", "Tanh", "Affine"}},
                 {"activation_alpha", std::vector<double>{0.3, 2.0}},
                 {"activation_beta", std::vector<double>{0.4, 0.1}}});
  auto out = runAll(ref::evalLSTM, {&x, &w, &r, &b}, attrs, 3);
  expectTensorNear(out[0], {3, 1, 2, 2},
                   {-0.205965612, -0.582670119, -0.293027311, -0.438735152,
                    -0.560335135, -0.576610123, -0.419152592, -0.769534089,
                    -0.60214424, -0.499288538, -0.77259868, -0.606190489});
  expectTensorNear(out[1], {1, 2, 2},
                   {-0.60214424, -0.499288538, -0.77259868, -0.606190489});
  expectTensorNear(out[2], {1, 2, 2},
                   {-0.496835639, -0.367735345, -0.479367062, -0.491305381});
}

TEST(LSTM, Errors) {
  Tensor x = gen({1, 1, 2}, 0), w = gen({1, 8, 2}, 0), r = gen({1, 8, 2}, 0);
  Tensor badP = gen({1, 4}, 0);
  EXPECT_NE(runError(ref::evalLSTM,
                     {&x, &w, &r, nullptr, nullptr, nullptr, nullptr, &badP},
                     AttrMap(), 3)
                .find("expected P of shape 1x6"),
            std::string::npos);
  Tensor badC = gen({1, 2, 2}, 0);
  EXPECT_NE(runError(ref::evalLSTM,
                     {&x, &w, &r, nullptr, nullptr, nullptr, &badC}, AttrMap(),
                     3)
                .find("expected initial_c of shape 1x1x2"),
            std::string::npos);
  Tensor wf64 = Tensor::fromVector<double>({1, 8, 2}, std::vector<double>(16));
  EXPECT_NE(runError(ref::evalLSTM, {&x, &wf64, &r}, AttrMap(), 3)
                .find("expected W of type f32"),
            std::string::npos);
  EXPECT_NE(
      runError(ref::evalLSTM, {&x, &w, &r}, makeAttrs({{"clip", -1.0}}), 3)
          .find("clip"),
      std::string::npos);
}

} // namespace
