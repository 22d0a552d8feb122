//===- ElementwiseUnaryTest.cpp - Unary math and activation kernels -------===//
//
// Expected values come from numpy in float64 (or are exact by hand); each
// float op runs in f32, f64 and f16 on the same inputs.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <limits>

using namespace kiln;
using namespace kiln::test;

namespace {

template <typename T> std::vector<T> convert(const std::vector<double> &v) {
  std::vector<T> out;
  for (double d : v)
    out.push_back(T(d));
  return out;
}

struct UnaryCase {
  const char *name;
  KernelFn fn;
  std::vector<double> input, expected;
};

const UnaryCase kUnaryCases[] = {
    {"Exp",
     ref::evalExp,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {0.0820849986238988, 0.36787944117144233, 0.7408182206817179, 1.0,
      1.4918246976412703, 4.4816890703380645, 20.085536923187668}},
    {"Log",
     ref::evalLog,
     {0.1, 0.5, 1.0, 1.5, 2.0, 4.0, 9.0},
     {-2.3025850929940455, -0.6931471805599453, 0.0, 0.4054651081081644,
      0.6931471805599453, 1.3862943611198906, 2.1972245773362196}},
    {"Sqrt",
     ref::evalSqrt,
     {0.1, 0.5, 1.0, 1.5, 2.0, 4.0, 9.0},
     {0.31622776601683794, 0.7071067811865476, 1.0, 1.224744871391589,
      1.4142135623730951, 2.0, 3.0}},
    {"Reciprocal",
     ref::evalReciprocal,
     {-2.5, -1.0, -0.3, 0.4, 1.5, 3.0},
     {-0.4, -1.0, -3.3333333333333335, 2.5, 0.6666666666666666,
      0.3333333333333333}},
    {"Floor",
     ref::evalFloor,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-3.0, -1.0, -1.0, 0.0, 0.0, 1.0, 3.0}},
    {"Ceil",
     ref::evalCeil,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-2.0, -1.0, -0.0, 0.0, 1.0, 2.0, 3.0}},
    {"Erf",
     ref::evalErf,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.999593047982555, -0.8427007929497149, -0.3286267594591274, 0.0,
      0.42839235504666845, 0.9661051464753108, 0.9999779095030014}},
    {"Sin",
     ref::evalSin,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.5984721441039565, -0.8414709848078965, -0.29552020666133955, 0.0,
      0.3894183423086505, 0.9974949866040544, 0.1411200080598672}},
    {"Cos",
     ref::evalCos,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.8011436155469337, 0.5403023058681398, 0.955336489125606, 1.0,
      0.9210609940028851, 0.0707372016677029, -0.9899924966004454}},
    {"Tan",
     ref::evalTan,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {0.7470222972386603, -1.5574077246549023, -0.30933624960962325, 0.0,
      0.4227932187381618, 14.101419947171719, -0.1425465430742778}},
    {"Asin",
     ref::evalAsin,
     {-0.9, -0.5, -0.1, 0.0, 0.2, 0.6, 0.95},
     {-1.1197695149986342, -0.5235987755982989, -0.1001674211615598, 0.0,
      0.2013579207903308, 0.6435011087932844, 1.253235897503375}},
    {"Acos",
     ref::evalAcos,
     {-0.9, -0.5, -0.1, 0.0, 0.2, 0.6, 0.95},
     {2.6905658417935308, 2.0943951023931957, 1.6709637479564565,
      1.5707963267948966, 1.369438406004566, 0.9272952180016123,
      0.3175604292915215}},
    {"Atan",
     ref::evalAtan,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-1.1902899496825317, -0.7853981633974483, -0.2914567944778671, 0.0,
      0.3805063771123649, 0.982793723247329, 1.2490457723982544}},
    {"Sinh",
     ref::evalSinh,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-6.0502044810397875, -1.1752011936438014, -0.3045202934471426, 0.0,
      0.4107523258028155, 2.1292794550948173, 10.017874927409903}},
    {"Cosh",
     ref::evalCosh,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {6.132289479663686, 1.5430806348152437, 1.0453385141288605, 1.0,
      1.081072371838455, 2.352409615243247, 10.067661995777765}},
    {"Asinh",
     ref::evalAsinh,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-1.6472311463710958, -0.881373587019543, -0.29567304756342244, 0.0,
      0.39003531977071526, 1.1947632172871094, 1.8184464592320668}},
    {"Acosh",
     ref::evalAcosh,
     {1.0, 1.2, 1.5, 2.0, 3.0, 5.0, 10.0},
     {0.0, 0.6223625037147786, 0.9624236501192069, 1.3169578969248166,
      1.762747174039086, 2.2924316695611777, 2.993222846126381}},
    {"Atanh",
     ref::evalAtanh,
     {-0.9, -0.5, -0.1, 0.0, 0.2, 0.6, 0.95},
     {-1.4722194895832204, -0.5493061443340548, -0.10033534773107558, 0.0,
      0.2027325540540822, 0.6931471805599453, 1.8317808230648227}},
    {"Tanh",
     ref::evalTanh,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.9866142981514303, -0.7615941559557649, -0.2913126124515909, 0.0,
      0.3799489622552249, 0.9051482536448665, 0.9950547536867305}},
    {"Sigmoid",
     ref::evalSigmoid,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {0.07585818002124355, 0.2689414213699951, 0.425557483188341, 0.5,
      0.598687660112452, 0.8175744761936437, 0.9525741268224334}},
    {"Softplus",
     ref::evalSoftplus,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {0.07888973429254963, 0.31326168751822286, 0.5543552444685271,
      0.6931471805599453, 0.9130152523999526, 1.7014132779827524,
      3.048587351573742}},
    {"Softsign",
     ref::evalSoftsign,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.7142857142857143, -0.5, -0.23076923076923075, 0.0, 0.28571428571428575,
      0.6, 0.75}},
    {"HardSwish",
     ref::evalHardSwish,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.2083333333333333, -0.33333333333333337, -0.135, 0.0,
      0.22666666666666668, 1.125, 3.0}},
    {"Mish",
     ref::evalMish,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.19681620390653332, -0.30340146137410895, -0.15113317713833455, 0.0,
      0.2890305340723632, 1.4033782663958028, 2.986535004967957}},
    {"Elu",
     ref::evalElu,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.9179150013761013, -0.6321205588285577, -0.2591817793182821, 0.0, 0.4,
      1.5, 3.0}},
    {"Selu",
     ref::evalSelu,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-1.6137857639177855, -1.1113307412864784, -0.4556673168034953, 0.0,
      0.42028040885925294, 1.5760515332221985, 3.152103066444397}},
    {"HardSigmoid",
     ref::evalHardSigmoid,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {0.0, 0.3, 0.44, 0.5, 0.5800000000000001, 0.8, 1.0}},
    {"ThresholdedRelu",
     ref::evalThresholdedRelu,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {0.0, 0.0, 0.0, 0.0, 0.0, 1.5, 3.0}},
    {"Gelu",
     ref::evalGelu,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.015524163314440398, -0.15865525393145707, -0.1146265733433142, 0.0,
      0.2621686966441297, 1.399789198096713, 2.99595030590511}},
    {"Relu",
     ref::evalRelu,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {0.0, 0.0, 0.0, 0.0, 0.4, 1.5, 3.0}},
    {"LeakyRelu",
     ref::evalLeakyRelu,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {-0.025, -0.01, -0.003, 0.0, 0.4, 1.5, 3.0}},
    {"Abs",
     ref::evalAbs,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {2.5, 1.0, 0.3, 0.0, 0.4, 1.5, 3.0}},
    {"Neg",
     ref::evalNeg,
     {-2.5, -1.0, -0.3, 0.0, 0.4, 1.5, 3.0},
     {2.5, 1.0, 0.3, -0.0, -0.4, -1.5, -3.0}},
};

class UnaryFloat : public ::testing::TestWithParam<UnaryCase> {};

TEST_P(UnaryFloat, MatchesNumpyInAllFloatTypes) {
  const UnaryCase &c = GetParam();
  Shape shape{static_cast<int64_t>(c.input.size())};
  Tensor x64 = Tensor::fromVector<double>(shape, c.input);
  Tensor y64 = run(c.fn, {&x64});
  EXPECT_EQ(y64.dtype(), DType::F64);
  expectTensorNear(y64, shape, c.expected, 1e-12, 1e-12);

  Tensor x32 = Tensor::fromVector<float>(shape, convert<float>(c.input));
  Tensor y32 = run(c.fn, {&x32});
  EXPECT_EQ(y32.dtype(), DType::F32);
  expectTensorNear(y32, shape, c.expected, 1e-6, 1e-5);

  // f16 inputs are rounded, so compare with the f32 result of the rounded
  // inputs' expected values only loosely.
  Tensor x16 = Tensor::fromVector<Half>(shape, convert<Half>(c.input));
  Tensor y16 = run(c.fn, {&x16});
  EXPECT_EQ(y16.dtype(), DType::F16);
  expectTensorNear(y16, shape, c.expected, 2e-3, 1e-2);
}

INSTANTIATE_TEST_SUITE_P(Elementwise, UnaryFloat,
                         ::testing::ValuesIn(kUnaryCases),
                         [](const ::testing::TestParamInfo<UnaryCase> &info) {
                           return std::string(info.param.name);
                         });

TEST(ElementwiseUnary, FloatOnlyOpsRejectIntegersAndBool) {
  Tensor i = Tensor::fromVector<int32_t>({2}, {1, 2});
  Tensor b = Tensor::fromVector<bool>({1}, {true});
  for (KernelFn fn : {ref::evalExp, ref::evalSin, ref::evalSigmoid,
                      ref::evalRound, ref::evalIsNaN, ref::evalGelu})
    EXPECT_NE(runError(fn, {&i}).find("found i32"), std::string::npos);
  for (KernelFn fn : {ref::evalAbs, ref::evalNeg, ref::evalRelu, ref::evalClip})
    EXPECT_NE(runError(fn, {&b}).find("found bool"), std::string::npos);
  EXPECT_NE(runError(ref::evalExp, {nullptr}).find("test"), std::string::npos);
}

TEST(ElementwiseUnary, RoundHalvesToEven) {
  Tensor x = Tensor::fromVector<float>(
      {9}, {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 2.3f, -2.7f, 0.9f});
  expectTensorNear(run(ref::evalRound, {&x}), {9},
                   {0, 2, 2, -0.0, -2, -2, 2, -3, 1}, 0, 0);
}

TEST(ElementwiseUnary, IntegerAbsNegSignWrapLikeNumpy) {
  Tensor x = Tensor::fromVector<int8_t>({5}, {-128, -7, 0, 5, 127});
  expectTensorNear(run(ref::evalAbs, {&x}), {5}, {-128, 7, 0, 5, 127}, 0, 0);
  expectTensorNear(run(ref::evalNeg, {&x}), {5}, {-128, 7, 0, -5, -127}, 0, 0);
  expectTensorNear(run(ref::evalSign, {&x}), {5}, {-1, -1, 0, 1, 1}, 0, 0);
  Tensor big = Tensor::fromVector<int64_t>(
      {2}, {std::numeric_limits<int64_t>::min(), -3});
  Tensor nb = run(ref::evalNeg, {&big});
  EXPECT_EQ(nb.data<int64_t>()[0], std::numeric_limits<int64_t>::min());
  EXPECT_EQ(nb.data<int64_t>()[1], 3);
  Tensor u = Tensor::fromVector<uint8_t>({3}, {0, 1, 255});
  expectTensorNear(run(ref::evalAbs, {&u}), {3}, {0, 1, 255}, 0, 0);
  expectTensorNear(run(ref::evalSign, {&u}), {3}, {0, 1, 1}, 0, 0);
  // Neg has no unsigned types in ONNX.
  EXPECT_TRUE(runError(ref::evalNeg, {&u}).find("found u8") !=
              std::string::npos);
}

TEST(ElementwiseUnary, SignKeepsNaN) {
  Tensor x = Tensor::fromVector<float>({4}, {NAN, -0.0f, -3.0f, 1e-30f});
  expectTensorNear(run(ref::evalSign, {&x}), {4}, {NAN, 0, -1, 1}, 0, 0);
}

TEST(ElementwiseUnary, ErfOnIntegersTruncates) {
  Tensor x = Tensor::fromVector<int32_t>({3}, {-3, 0, 2});
  Tensor y = run(ref::evalErf, {&x});
  EXPECT_EQ(y.dtype(), DType::I32);
  expectTensorNear(y, {3}, {0, 0, 0}, 0, 0);
}

TEST(ElementwiseUnary, NotIsNaNIsInf) {
  Tensor b = Tensor::fromVector<bool>({3}, {true, false, true});
  Tensor nb = run(ref::evalNot, {&b});
  EXPECT_EQ(nb.dtype(), DType::Bool);
  expectTensorNear(nb, {3}, {0, 1, 0}, 0, 0);
  Tensor f = Tensor::fromVector<float>({3}, {1.0f, 2.0f, 3.0f});
  EXPECT_NE(runError(ref::evalNot, {&f}).find("expected input of type bool"),
            std::string::npos);

  const float inf = std::numeric_limits<float>::infinity();
  Tensor x = Tensor::fromVector<float>({6}, {-1.2f, NAN, inf, 2.8f, -inf, inf});
  Tensor isNan = run(ref::evalIsNaN, {&x});
  EXPECT_EQ(isNan.dtype(), DType::Bool);
  expectTensorNear(isNan, {6}, {0, 1, 0, 0, 0, 0}, 0, 0);
  expectTensorNear(run(ref::evalIsInf, {&x}), {6}, {0, 0, 1, 0, 1, 1}, 0, 0);
  AttrMap onlyNeg;
  onlyNeg.set("detect_positive", int64_t(0));
  expectTensorNear(run(ref::evalIsInf, {&x}, onlyNeg), {6}, {0, 0, 0, 0, 1, 0},
                   0, 0);
  AttrMap onlyPos;
  onlyPos.set("detect_negative", int64_t(0));
  expectTensorNear(run(ref::evalIsInf, {&x}, onlyPos), {6}, {0, 0, 1, 0, 0, 1},
                   0, 0);
  Tensor h = Tensor::fromVector<Half>({2}, {Half(inf), Half(1.0f)});
  expectTensorNear(run(ref::evalIsInf, {&h}), {2}, {1, 0}, 0, 0);
}

TEST(ElementwiseActivation, AttributesOverrideDefaults) {
  Tensor x = Tensor::fromVector<float>({3}, {-2.0f, -0.5f, 1.0f});
  AttrMap alpha2;
  alpha2.set("alpha", 2.0);
  expectTensorNear(run(ref::evalCelu, {&x}, alpha2), {3},
                   {-1.2642411176571153, -0.44239843385719024, 1.0});
  expectTensorNear(run(ref::evalElu, {&x}, alpha2), {3},
                   {2 * -0.8646647167633873, 2 * -0.3934693402873666, 1.0});
  expectTensorNear(run(ref::evalLeakyRelu, {&x}, alpha2), {3},
                   {-4.0, -1.0, 1.0});
  expectTensorNear(run(ref::evalThresholdedRelu, {&x}, alpha2), {3}, {0, 0, 0});
  AttrMap selu;
  selu.set("alpha", 2.0);
  selu.set("gamma", 3.0);
  expectTensorNear(
      run(ref::evalSelu, {&x}, selu), {3},
      {3 * 2 * -0.8646647167633873, 3 * 2 * -0.3934693402873666, 3.0});
  AttrMap hs;
  hs.set("alpha", 0.5);
  hs.set("beta", 0.6);
  expectTensorNear(run(ref::evalHardSigmoid, {&x}, hs), {3}, {0, 0.35, 1});
  AttrMap gelu;
  gelu.set("approximate", std::string("tanh"));
  Tensor g = Tensor::fromVector<float>({3}, {-1.0f, 0.5f, 2.0f});
  expectTensorNear(
      run(ref::evalGelu, {&g}, gelu), {3},
      {-0.1588080093917233, 0.34571400982514394, 1.954597694087775});
  gelu.set("approximate", std::string("fast"));
  EXPECT_NE(runError(ref::evalGelu, {&g}, gelu).find("\"fast\""),
            std::string::npos);
  AttrMap zero;
  zero.set("alpha", 0.0);
  EXPECT_TRUE(runError(ref::evalCelu, {&x}, zero).find("nonzero") !=
              std::string::npos);
}

TEST(ElementwiseActivation, ReluKeepsIntegersAndNaN) {
  Tensor i = Tensor::fromVector<int32_t>({4}, {-5, 0, 7, -1});
  Tensor y = run(ref::evalRelu, {&i});
  EXPECT_EQ(y.dtype(), DType::I32);
  expectTensorNear(y, {4}, {0, 0, 7, 0}, 0, 0);
  Tensor n = Tensor::fromVector<float>({1}, {NAN});
  expectTensorNear(run(ref::evalRelu, {&n}), {1}, {NAN});
  Tensor u = Tensor::fromVector<uint8_t>({1}, {3});
  runError(ref::evalRelu, {&u});
}

TEST(ElementwiseActivation, SoftplusAndSigmoidDoNotOverflow) {
  Tensor x = Tensor::fromVector<float>({2}, {-1000.0f, 1000.0f});
  expectTensorNear(run(ref::evalSoftplus, {&x}), {2}, {0.0, 1000.0});
  expectTensorNear(run(ref::evalSigmoid, {&x}), {2}, {0.0, 1.0});
  expectTensorNear(run(ref::evalMish, {&x}), {2}, {0.0, 1000.0});
}

TEST(ElementwiseActivation, PReluBroadcastsSlopeToX) {
  // X 2x3, slope per column.
  Tensor x = Tensor::fromVector<float>({2, 3}, {-1, 2, -3, 4, -5, 0});
  Tensor slope = Tensor::fromVector<float>({3}, {0.5f, 2.0f, -1.0f});
  expectTensorNear(run(ref::evalPRelu, {&x, &slope}), {2, 3},
                   {-0.5, 2, 3, 4, -10, 0});
  Tensor scalarSlope = Tensor::scalar<float>(0.25f);
  expectTensorNear(run(ref::evalPRelu, {&x, &scalarSlope}), {2, 3},
                   {-0.25, 2, -0.75, 4, -1.25, 0});
  Tensor xi = Tensor::fromVector<int64_t>({3}, {-4, 4, -1});
  Tensor si = Tensor::fromVector<int64_t>({1}, {3});
  expectTensorNear(run(ref::evalPRelu, {&xi, &si}), {3}, {-12, 4, -3}, 0, 0);
  // slope must not grow X.
  Tensor wide = Tensor::fromVector<float>({2, 2, 3}, std::vector<float>(12, 1));
  EXPECT_NE(runError(ref::evalPRelu, {&x, &wide}).find("to broadcast to X"),
            std::string::npos);
  Tensor bad = Tensor::fromVector<float>({2}, {1, 2});
  runError(ref::evalPRelu, {&x, &bad});
  Tensor d = Tensor::fromVector<double>({3}, {1, 2, 3});
  runError(ref::evalPRelu, {&x, &d});
}

TEST(ElementwiseActivation, ClipWithOptionalBounds) {
  Tensor x = Tensor::fromVector<float>({5}, {-3, -1, 0, 2, NAN});
  Tensor lo = Tensor::scalar<float>(-2.0f), hi = Tensor::scalar<float>(1.0f);
  expectTensorNear(run(ref::evalClip, {&x, &lo, &hi}), {5},
                   {-2, -1, 0, 1, NAN});
  expectTensorNear(run(ref::evalClip, {&x, nullptr, &hi}), {5},
                   {-3, -1, 0, 1, NAN});
  expectTensorNear(run(ref::evalClip, {&x, &lo}), {5}, {-2, -1, 0, 2, NAN});
  expectTensorNear(run(ref::evalClip, {&x}), {5}, {-3, -1, 0, 2, NAN});
  // min > max gives max everywhere, as numpy.clip.
  expectTensorNear(run(ref::evalClip, {&x, &hi, &lo}), {5},
                   {-2, -2, -2, -2, NAN});

  Tensor xi = Tensor::fromVector<int8_t>({4}, {-5, 0, 3, 9});
  Tensor loi = Tensor::fromVector<int8_t>({1}, {-2});
  Tensor hii = Tensor::scalar<int8_t>(4);
  Tensor yi = run(ref::evalClip, {&xi, &loi, &hii});
  EXPECT_EQ(yi.dtype(), DType::I8);
  expectTensorNear(yi, {4}, {-2, 0, 3, 4}, 0, 0);

  Tensor vec = Tensor::fromVector<float>({2}, {0, 1});
  EXPECT_NE(runError(ref::evalClip, {&x, &vec}).find("min to be a scalar"),
            std::string::npos);
  Tensor dmin = Tensor::scalar<double>(0.0);
  runError(ref::evalClip, {&x, &dmin});
}

TEST(ElementwiseActivation, ShrinkHardAndSoft) {
  Tensor x = Tensor::fromVector<float>({5}, {-2, -1, 0, 1, 2});
  AttrMap hard;
  hard.set("lambd", 1.5);
  expectTensorNear(run(ref::evalShrink, {&x}, hard), {5}, {-2, 0, 0, 0, 2});
  AttrMap soft = hard;
  soft.set("bias", 1.5);
  expectTensorNear(run(ref::evalShrink, {&x}, soft), {5}, {-0.5, 0, 0, 0, 0.5});
  expectTensorNear(run(ref::evalShrink, {&x}), {5}, {-2, -1, 0, 1, 2});
  Tensor u = Tensor::fromVector<uint8_t>({3}, {0, 1, 200});
  AttrMap ub;
  ub.set("bias", 1.0);
  expectTensorNear(run(ref::evalShrink, {&u}, ub), {3}, {0, 0, 199}, 0, 0);
}

TEST(ElementwiseUnary, OddShapesAndEmptyTensors) {
  for (int64_t n : {1, 7, 17, 63}) {
    std::vector<float> v(n);
    std::vector<double> want(n);
    for (int64_t i = 0; i < n; ++i) {
      v[i] = float(i) - 8.0f;
      want[i] = std::fabs(double(i) - 8.0);
    }
    Tensor x = Tensor::fromVector<float>({n, 1}, v);
    expectTensorNear(run(ref::evalAbs, {&x}), {n, 1}, want, 0, 0);
  }
  Tensor empty(DType::F32, {0, 3});
  Tensor y = run(ref::evalExp, {&empty});
  EXPECT_EQ(y.shape(), (Shape{0, 3}));
  Tensor s = Tensor::scalar<double>(4.0);
  expectTensorNear(run(ref::evalSqrt, {&s}), {}, {2.0});
}

} // namespace
