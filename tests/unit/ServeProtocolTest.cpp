//===- ServeProtocolTest.cpp - kiln serve's protocol without sockets ------===//
//
// The KServe v2 requests and replies of `kiln serve` (tools/kiln/
// ServeProtocol.h) driven with strings: values of every datatype in and
// out, nested and binary data, dynamic dimensions, each kind of client
// mistake with its status and message, and the router's paths and
// methods. tests/serve/serve-test.py runs the same over real sockets.
//
//===----------------------------------------------------------------------===//
#include "ServeProtocol.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

using namespace kiln;
using namespace kiln::tool::serve;

namespace {

TensorSpec spec(std::string name, DType dtype, std::vector<int64_t> shape) {
  TensorSpec s;
  s.name = std::move(name);
  s.dtype = dtype;
  s.shape = std::move(shape);
  return s;
}

/// x: FP32 [-1, 3] (a dynamic first dim), k: INT64 [2]; out: FP32 [-1, 3],
/// flag: BOOL [2].
ModelInfo testModel() {
  ModelInfo m;
  m.name = "m";
  m.platform = "kiln_jit";
  m.inputs = {spec("x", DType::F32, {-1, 3}), spec("k", DType::I64, {2})};
  m.outputs = {spec("out", DType::F32, {-1, 3}),
               spec("flag", DType::Bool, {2})};
  return m;
}

const char *kGood = R"({"id": "r1", "inputs": [
  {"name": "k", "shape": [2], "datatype": "INT64", "data": [-5, 9007199254740993]},
  {"name": "x", "shape": [2, 3], "datatype": "FP32", "data": [[1, 2.5, -3], [0.1, 5, 6]]}]})";

TEST(ServeProtocolTest, DatatypeNamesRoundTrip) {
  for (DType d : {DType::F32, DType::F16, DType::F64, DType::I8, DType::U8,
                  DType::I32, DType::I64, DType::Bool})
    EXPECT_EQ(parseDatatype(datatypeName(d)), d) << datatypeName(d);
  EXPECT_EQ(datatypeName(DType::I64), "INT64");
  EXPECT_FALSE(parseDatatype("BYTES"));
  EXPECT_FALSE(parseDatatype("fp32"));
}

TEST(ServeProtocolTest, ParsesInputsInModelOrder) {
  InferRequest r;
  std::string error;
  ASSERT_TRUE(parseInferRequest(testModel(), kGood, std::nullopt, r, error))
      << error;
  EXPECT_EQ(r.id, "r1");
  ASSERT_EQ(r.inputs.size(), 2u);
  // x first (the model's order), its dynamic dim taken from the request.
  EXPECT_EQ(r.inputs[0].shape(), (Shape{2, 3}));
  const float *x = r.inputs[0].data<float>();
  EXPECT_EQ(x[1], 2.5f);
  EXPECT_EQ(x[3], 0.1f);
  EXPECT_EQ(x[5], 6.0f);
  // INT64 values past 2^53 are exact (not read through a double).
  EXPECT_EQ(r.inputs[1].data<int64_t>()[0], -5);
  EXPECT_EQ(r.inputs[1].data<int64_t>()[1], 9007199254740993);
  EXPECT_EQ(r.outputs, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(r.binaryOutputs, (std::vector<bool>{false, false}));
}

TEST(ServeProtocolTest, ParsesEveryDatatype) {
  ModelInfo m;
  m.name = "t";
  m.inputs = {spec("h", DType::F16, {2}),   spec("d", DType::F64, {1}),
              spec("i8", DType::I8, {2}),   spec("u8", DType::U8, {1}),
              spec("i32", DType::I32, {1}), spec("b", DType::Bool, {2})};
  const char *body = R"({"inputs": [
    {"name": "h", "shape": [2], "datatype": "FP16", "data": [0.5, -2]},
    {"name": "d", "shape": [1], "datatype": "FP64", "data": [0.1]},
    {"name": "i8", "shape": [2], "datatype": "INT8", "data": [-128, 127]},
    {"name": "u8", "shape": [1], "datatype": "UINT8", "data": [255]},
    {"name": "i32", "shape": [1], "datatype": "INT32", "data": [-2147483648]},
    {"name": "b", "shape": [2], "datatype": "BOOL", "data": [true, false]}]})";
  InferRequest r;
  std::string error;
  ASSERT_TRUE(parseInferRequest(m, body, std::nullopt, r, error)) << error;
  EXPECT_EQ(static_cast<float>(r.inputs[0].data<Half>()[1]), -2.0f);
  EXPECT_EQ(r.inputs[1].data<double>()[0], 0.1);
  EXPECT_EQ(r.inputs[2].data<int8_t>()[0], -128);
  EXPECT_EQ(r.inputs[3].data<uint8_t>()[0], 255);
  EXPECT_EQ(r.inputs[4].data<int32_t>()[0], -2147483647 - 1);
  EXPECT_TRUE(r.inputs[5].data<bool>()[0]);
  EXPECT_FALSE(r.inputs[5].data<bool>()[1]);
}

TEST(ServeProtocolTest, ParsesBinaryData) {
  std::string head =
      R"({"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32",
          "parameters": {"binary_data_size": 12}},
        {"name": "k", "shape": [2], "datatype": "INT64", "data": [1, 2]}],
        "outputs": [{"name": "flag", "parameters": {"binary_data": true}},
                    {"name": "out"}]})";
  float x[3] = {1.5f, -2.0f, 3.25f};
  std::string body = head + std::string(reinterpret_cast<char *>(x), 12);
  InferRequest r;
  std::string error;
  ASSERT_TRUE(parseInferRequest(testModel(), body, std::to_string(head.size()),
                                r, error))
      << error;
  EXPECT_EQ(std::memcmp(r.inputs[0].raw(), x, 12), 0);
  EXPECT_EQ(r.outputs, (std::vector<size_t>{1, 0}));
  EXPECT_EQ(r.binaryOutputs, (std::vector<bool>{true, false}));
}

TEST(ServeProtocolTest, BinaryBoolsAreZeroOrOne) {
  ModelInfo m;
  m.name = "b";
  m.inputs = {spec("b", DType::Bool, {3})};
  std::string head = R"({"inputs": [{"name": "b", "shape": [3],
    "datatype": "BOOL", "parameters": {"binary_data_size": 3}}]})";
  InferRequest r;
  std::string error;
  ASSERT_TRUE(parseInferRequest(m, head + std::string("\x00\x07\x01", 3),
                                std::to_string(head.size()), r, error))
      << error;
  const uint8_t *b = static_cast<const uint8_t *>(r.inputs[0].raw());
  EXPECT_EQ(b[0], 0);
  EXPECT_EQ(b[1], 1);
  EXPECT_EQ(b[2], 1);
}

/// The error parseInferRequest gives for \p body on testModel().
std::string parseError(const std::string &body,
                       std::optional<std::string> headerLength = {}) {
  InferRequest r;
  std::string error;
  EXPECT_FALSE(parseInferRequest(testModel(), body, headerLength, r, error))
      << body;
  return error;
}

/// kGood's k input with x given as \p x (JSON text of the input object).
std::string withX(const std::string &x) {
  return R"({"inputs": [{"name": "k", "shape": [2], "datatype": "INT64",
    "data": [1, 2]}, )" +
         x + "]}";
}

TEST(ServeProtocolTest, RefusesBadRequestsWithOneLine) {
  struct Case {
    std::string body, message;
  } cases[] = {
      {"{\"inputs\": [", "malformed JSON: parse error at line 1, column 13"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "FP32",
                 "data": [1, 1e400, 3]})"),
       "malformed JSON: number overflow parsing '1e400'"},
      {"[]", "the request must be a JSON object with \"inputs\""},
      {"{}", "the request has no \"inputs\" array"},
      {R"({"id": 3, "inputs": []})", "\"id\" must be a string"},
      {R"({"inputs": [3]})",
       "each element of \"inputs\" must be an object with a \"name\""},
      {withX(R"({"name": "q", "shape": [1], "datatype": "FP32",
                 "data": [1]})"),
       "unknown input \"q\"; the model's inputs are x, k"},
      {R"({"inputs": [{"name": "k", "shape": [2], "datatype": "INT64",
           "data": [1, 2]}]})",
       "missing input 'x'; the model's inputs are x, k"},
      {R"({"inputs": [{"name": "k", "shape": [2], "datatype": "INT64",
           "data": [1, 2]}, {"name": "k", "shape": [2], "datatype": "INT64",
           "data": [1, 2]}]})",
       "input 'k' is given twice"},
      {withX(R"({"name": "x", "shape": [1, 3], "data": [1, 2, 3]})"),
       "input 'x' has no \"datatype\" string"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "INT32",
                 "data": [1, 2, 3]})"),
       "input 'x' has datatype INT32 but the model expects FP32"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "BF16",
                 "data": [1, 2, 3]})"),
       "input 'x' has datatype BF16, which Kiln does not support"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "F32",
                 "data": [1, 2, 3]})"),
       "input 'x' has unknown datatype \"F32\"; expected one of FP32"},
      {withX(R"({"name": "x", "datatype": "FP32", "data": [1, 2, 3]})"),
       "input 'x' has no \"shape\" array"},
      {withX(R"({"name": "x", "shape": [1, 4], "datatype": "FP32",
                 "data": [1, 2, 3, 4]})"),
       "input 'x' has shape [1, 4] but the model expects [-1, 3]"},
      {withX(R"({"name": "x", "shape": [3], "datatype": "FP32",
                 "data": [1, 2, 3]})"),
       "input 'x' has shape [3] but the model expects [-1, 3]"},
      {withX(R"({"name": "x", "shape": [1.5, 3], "datatype": "FP32",
                 "data": [1, 2, 3]})"),
       "input 'x' has shape [1.5,3]: dimensions must be non-negative "
       "integers"},
      {withX(R"({"name": "x", "shape": [4611686018427387904, 3],
                 "datatype": "FP32", "data": [1, 2, 3]})"),
       "input 'x' has shape [4611686018427387904, 3], too many elements"},
      {withX(R"({"name": "x", "shape": [2, 3], "datatype": "FP32",
                 "data": [1, 2, 3]})"),
       "input 'x' has 3 values but its shape [2, 3] holds 6"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "FP32",
                 "data": [[1, 2], [3, 4]]})"),
       "input 'x' has 4 values but its shape [1, 3] holds 3"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "FP32",
                 "data": [1, null, 3]})"),
       "input 'x' value 1 is null: FP32 data must be numbers"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "FP32",
                 "data": 7})"),
       "input 'x': \"data\" must be an array"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "FP32"})"),
       "input 'x' has no \"data\" (or parameters.binary_data_size"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "FP32",
                 "data": [1, 2, 3], "parameters": {"binary_data_size": 12}})"),
       "input 'x' has both \"data\" and binary_data_size; give one"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "FP32",
                 "parameters": {"binary_data_size": 12}})"),
       "input 'x' has binary_data_size but the request has no "
       "Inference-Header-Content-Length header"},
      {withX(R"({"name": "x", "shape": [1, 3], "datatype": "FP32",
                 "parameters": {"binary_data_size": -1}})"),
       "input 'x': binary_data_size must be a non-negative integer"},
      {R"({"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32",
           "data": [1, 2, 3]}, {"name": "k", "shape": [2],
           "datatype": "INT64", "data": [1, 2.5]}]})",
       "input 'k' value 1 is 2.5: INT64 data must be integers in "
       "[-9223372036854775808, 9223372036854775807]"},
      {R"({"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32",
           "data": [1, 2, 3]}, {"name": "k", "shape": [2],
           "datatype": "INT64", "data": [1, 9223372036854775808]}]})",
       "input 'k' value 1 is 9223372036854775808: INT64 data must be "
       "integers"},
      {R"({"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32",
           "data": [1, 2, 3]}, {"name": "k", "shape": [2],
           "datatype": "INT64", "data": [1, 2]}],
           "outputs": [{"name": "nope"}]})",
       "unknown output \"nope\"; the model's outputs are out, flag"},
      {R"({"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32",
           "data": [1, 2, 3]}, {"name": "k", "shape": [2],
           "datatype": "INT64", "data": [1, 2]}],
           "outputs": [{"name": "out", "parameters": {"binary_data": 1}}]})",
       "output 'out': parameters.binary_data must be true or false"},
  };
  for (const Case &c : cases)
    EXPECT_EQ(parseError(c.body).rfind(c.message, 0), 0u)
        << "got: " << parseError(c.body) << "\nexpected: " << c.message;
}

TEST(ServeProtocolTest, RefusesDeepNesting) {
  std::string data(100, '[');
  data += "1" + std::string(100, ']');
  EXPECT_EQ(parseError(withX(R"({"name": "x", "shape": [1, 3],
    "datatype": "FP32", "data": )" +
                             data + "}")),
            "input 'x': data is nested more than 64 arrays deep");
}

TEST(ServeProtocolTest, RefusesBadBinarySizes) {
  std::string head = withX(R"({"name": "x", "shape": [1, 3],
    "datatype": "FP32", "parameters": {"binary_data_size": 12}})");
  std::string len = std::to_string(head.size());
  EXPECT_EQ(parseError(head, "x1"),
            "Inference-Header-Content-Length \"x1\" is not a byte count");
  EXPECT_EQ(parseError(head, std::to_string(head.size() + 1)),
            "Inference-Header-Content-Length is " +
                std::to_string(head.size() + 1) + " but the body has only " +
                std::to_string(head.size()) + " bytes");
  EXPECT_EQ(parseError(head + "12345678", len),
            "input 'x' needs 12 bytes of binary data but only 8 are left in "
            "the body");
  EXPECT_EQ(parseError(head + std::string(16, '\0'), len),
            "the body has 16 bytes after the JSON header but the inputs' "
            "binary_data_size add up to 12");
  std::string wrong = withX(R"({"name": "x", "shape": [1, 3],
    "datatype": "FP32", "parameters": {"binary_data_size": 8}})");
  EXPECT_EQ(
      parseError(wrong + std::string(8, '\0'), std::to_string(wrong.size())),
      "input 'x' has binary_data_size 8 but its shape [1, 3] of FP32 "
      "takes 12 bytes");
}

TEST(ServeProtocolTest, RepliesWithShortestFloatsAndNullForNaN) {
  ModelInfo m = testModel();
  InferRequest r;
  r.id = "q";
  r.outputs = {1, 0};
  r.binaryOutputs = {false, false};
  Tensor out = Tensor::fromVector<float>({1, 3}, {0.1f, NAN, -2.5e-8f});
  Tensor flag = Tensor::fromVector<bool>({2}, {true, false});
  HttpReply reply = inferReply(m, r, {out, flag});
  EXPECT_EQ(reply.status, 200);
  EXPECT_FALSE(reply.headerLength);
  EXPECT_EQ(reply.body, R"({"model_name":"m","id":"q","outputs":[)"
                        R"({"name":"flag","datatype":"BOOL","shape":[2],)"
                        R"("data":[true,false]},)"
                        R"({"name":"out","datatype":"FP32","shape":[1,3],)"
                        R"("data":[0.1,null,-2.5e-08]}]})");
}

TEST(ServeProtocolTest, RepliesWithBinaryData) {
  InferRequest r;
  r.outputs = {0, 1};
  r.binaryOutputs = {true, false};
  Tensor out = Tensor::fromVector<float>({1, 3}, {1, 2, 3});
  Tensor flag = Tensor::fromVector<bool>({2}, {false, true});
  HttpReply reply = inferReply(testModel(), r, {out, flag});
  ASSERT_TRUE(reply.headerLength);
  EXPECT_EQ(reply.contentType, "application/octet-stream");
  std::string head = reply.body.substr(0, *reply.headerLength);
  EXPECT_NE(head.find(R"("parameters":{"binary_data_size":12})"),
            std::string::npos)
      << head;
  EXPECT_NE(head.find(R"("data":[false,true])"), std::string::npos) << head;
  ASSERT_EQ(reply.body.size(), *reply.headerLength + 12);
  EXPECT_EQ(std::memcmp(reply.body.data() + *reply.headerLength, out.raw(), 12),
            0);
}

TEST(ServeProtocolTest, MetadataHasDynamicDimsAsMinusOne) {
  EXPECT_EQ(modelMetadata(testModel()),
            R"({"inputs":[{"datatype":"FP32","name":"x","shape":[-1,3]},)"
            R"({"datatype":"INT64","name":"k","shape":[2]}],"name":"m",)"
            R"("outputs":[{"datatype":"FP32","name":"out","shape":[-1,3]},)"
            R"({"datatype":"BOOL","name":"flag","shape":[2]}],)"
            R"("platform":"kiln_jit","versions":["1"]})");
}

/// A router over testModel() whose runs give \p result (outputs: x as
/// "out", and two flags) and count themselves.
struct RouterFixture {
  RunResult result;
  int runs = 0;
  bool isReady = true;
  ServeRouter router{
      {testModel()},
      [this](size_t index, std::vector<Tensor> inputs) {
        ++runs;
        RunResult r = result;
        if (r.status == 200)
          r.outputs = {inputs[0], Tensor::fromVector<bool>({2}, {true, true})};
        return r;
      },
      [this] { return isReady; }};

  HttpReply get(const std::string &path, const std::string &method = "GET",
                const std::string &body = "") {
    return router.handle({method, path, body, std::nullopt});
  }
};

TEST(ServeProtocolTest, RoutesEndpointsAndMethods) {
  RouterFixture f;
  EXPECT_EQ(f.get("/v2/health/live").body, R"({"live":true})");
  EXPECT_EQ(f.get("/v2/health/ready").body, R"({"ready":true})");
  EXPECT_EQ(f.get("/v2/health/ready", "HEAD").status, 200);
  EXPECT_EQ(f.get("/v2/").status, 200); // a trailing slash
  EXPECT_EQ(f.get("/v2/models/m/ready").body, R"({"name":"m","ready":true})");
  EXPECT_EQ(f.get("/v2/models/m").status, 200);
  HttpReply r = f.get("/v2/models/x");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":"unknown model \"x\"; serving m"})");
  r = f.get("/v2/models/m/explain");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("unknown path \\\"/v2/models/m/explain\\\""),
            std::string::npos)
      << r.body;
  EXPECT_EQ(f.get("").status, 404);
  r = f.get("/v2/models/m/infer");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.allow, "POST");
  EXPECT_EQ(r.body, R"({"error":"GET /v2/models/m/infer: this endpoint )"
                    R"(takes POST"})");
  r = f.get("/v2", "PUT");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.allow, "GET, HEAD");
  EXPECT_EQ(f.get("/v2/models/m/infer", "HEAD").status, 405);
  EXPECT_EQ(f.runs, 0);
  // Stopping: not ready, still live.
  f.isReady = false;
  EXPECT_EQ(f.get("/v2/health/ready").status, 503);
  EXPECT_EQ(f.get("/v2/models/m/ready").status, 503);
  EXPECT_EQ(f.get("/v2/health/live").status, 200);
}

TEST(ServeProtocolTest, InferRunsOnlyCheckedRequests) {
  RouterFixture f;
  const char *body = R"({"inputs": [
    {"name": "x", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]},
    {"name": "k", "shape": [2], "datatype": "INT64", "data": [1, 2]}],
    "outputs": [{"name": "out"}]})";
  HttpReply r = f.get("/v2/models/m/infer", "POST", body);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"model_name":"m","outputs":[{"name":"out",)"
                    R"("datatype":"FP32","shape":[1,3],"data":[1,2,3]}]})");
  EXPECT_EQ(f.runs, 1);
  r = f.get("/v2/models/m/infer", "POST", "{\"inputs\": 1}");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(f.runs, 1);
  // The run's own status and message come through: a model's failure, a
  // full queue.
  f.result.status = 500;
  f.result.error = "model 'm' failed: boom";
  r = f.get("/v2/models/m/infer", "POST", body);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, R"({"error":"model 'm' failed: boom"})");
  f.result.status = 503;
  f.result.error = "the server is busy";
  EXPECT_EQ(f.get("/v2/models/m/infer", "POST", body).status, 503);
}

/// Requests mutated at random (bytes dropped, changed, copied, or JSON
/// tokens inserted: the mutations that found 1e400 escaping as an
/// exception) get 200 or a 400 with a JSON body, never a crash or a 500.
/// Under the ASan job this is a small fuzzer of the protocol.
TEST(ServeProtocolTest, SurvivesMutatedRequests) {
  ModelInfo m = testModel();
  m.inputs.push_back(spec("b", DType::Bool, {2}));
  ServeRouter router(
      {m},
      [](size_t, std::vector<Tensor> inputs) {
        RunResult r;
        r.outputs = {inputs[0], inputs[2]};
        return r;
      },
      [] { return true; });
  std::string json = R"({"id": "a", "inputs": [
    {"name": "x", "shape": [2, 3], "datatype": "FP32", "data": [[1, 2, 3], [4, 5, 6]]},
    {"name": "k", "shape": [2], "datatype": "INT64", "data": [1, -2]},
    {"name": "b", "shape": [2], "datatype": "BOOL", "data": [true, false]}],
    "outputs": [{"name": "flag", "parameters": {"binary_data": true}}, {"name": "out"}]})";
  std::string head = R"({"inputs": [
    {"name": "x", "shape": [1, 3], "datatype": "FP32", "parameters": {"binary_data_size": 12}},
    {"name": "k", "shape": [2], "datatype": "INT64", "parameters": {"binary_data_size": 16}},
    {"name": "b", "shape": [2], "datatype": "BOOL", "parameters": {"binary_data_size": 2}}],
    "parameters": {"binary_data_output": true}})";
  const char *tokens[] = {"[",
                          "]",
                          "{",
                          "}",
                          ",",
                          ":",
                          "\"",
                          "-1",
                          "1e400",
                          "1.5",
                          "null",
                          "true",
                          "\xff",
                          "\\u0000",
                          "\"FP64\"",
                          "\"shape\"",
                          "18446744073709551616",
                          "\"binary_data_size\""};
  std::mt19937_64 rng(7);
  int ok = 0;
  for (int i = 0; i < 20000; ++i) {
    bool binary = rng() % 2;
    std::string body = binary ? head + std::string(30, '\x01') : json;
    for (int e = 1 + rng() % 4; e > 0; --e) {
      size_t at = rng() % (body.size() + 1);
      switch (rng() % 4) {
      case 0:
        body.erase(at, rng() % 8);
        break;
      case 1:
        body.insert(at, tokens[rng() % std::size(tokens)]);
        break;
      case 2:
        if (at < body.size())
          body[at] = static_cast<char>(rng());
        break;
      default:
        body.insert(at, body.substr(rng() % (body.size() + 1), rng() % 16));
      }
    }
    HttpRequest request{"POST", "/v2/models/m/infer", body, std::nullopt};
    if (binary)
      request.headerLength =
          std::to_string(rng() % 4 ? head.size() : rng() % (body.size() + 2));
    HttpReply reply = router.handle(request);
    ASSERT_TRUE(reply.status == 200 || reply.status == 400)
        << reply.status << " " << reply.body << "\nfor: " << body;
    ASSERT_EQ(reply.body.substr(0, 1), "{") << body;
    ok += reply.status == 200;
  }
  // The mutations leave some requests valid: both paths were taken.
  EXPECT_GT(ok, 100);
}

} // namespace
