//===- ServeProtocol.h - kiln serve's HTTP protocol, without sockets -*- C++
//-*-===//
//
// The Open Inference Protocol (KServe v2) over HTTP/REST as `kiln serve`
// speaks it, kept apart from the sockets so that tests can drive it with
// strings: a ServeRouter maps a request (method, path, body, the binary-data
// header) to a reply (status, body), calling back into the server only to
// run a model. It checks everything a client sends before a model sees it —
// JSON syntax, model, input and output names, datatypes, shapes, element
// counts and values, the binary-data extension's sizes — and answers a
// client's mistake with a 4xx status and a body `{"error": "..."}` whose
// message is one line in Kiln's style.
//
// Tensor data comes as JSON numbers (flat or nested arrays, row-major) or,
// with the binary-data extension, as raw little-endian bytes after the JSON
// header (`Inference-Header-Content-Length`, `"parameters":
// {"binary_data_size": N}` on each such input); outputs come back the same
// way when a request asks for `"binary_data": true`.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_SERVEPROTOCOL_H
#define KILN_TOOLS_KILN_SERVEPROTOCOL_H

#include "kiln/interpreter/Interpreter.h"
#include "kiln/runtime/Tensor.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiln::tool::serve {

/// The protocol's name of \p dtype: "FP32", "INT64", "BOOL", ...
std::string_view datatypeName(DType dtype);
/// The dtype of a protocol datatype name; none for names Kiln has no type
/// for (BYTES, UINT16, BF16, ...).
std::optional<DType> parseDatatype(std::string_view name);

/// What clients see of a served model.
struct ModelInfo {
  /// The name in URLs: /v2/models/NAME.
  std::string name;
  /// "kiln_jit" or "kiln_interp".
  std::string platform;
  std::vector<TensorSpec> inputs, outputs;
};

/// One HTTP request, as far as the protocol cares.
struct HttpRequest {
  std::string method, path;
  std::string body;
  /// The Inference-Header-Content-Length header as sent, when present.
  std::optional<std::string> headerLength;
};

/// One HTTP reply.
struct HttpReply {
  int status = 200;
  std::string body;
  std::string contentType = "application/json";
  /// Inference-Header-Content-Length: the length of the JSON header when
  /// binary output data follows it.
  std::optional<size_t> headerLength;
  /// The Allow header of a 405 reply.
  std::string allow;
};

/// A reply with \p status and the body {"error": message}.
HttpReply errorReply(int status, const std::string &message);

/// A parsed, checked inference request for one model.
struct InferRequest {
  /// The request's "id", echoed in the reply (empty: none).
  std::string id;
  /// One tensor per model input, in the model's order, of its dtype and a
  /// shape that fits its spec.
  std::vector<Tensor> inputs;
  /// The model outputs to return, by index, in reply order (all of them in
  /// the model's order when the request names none), and whether each goes
  /// back as binary data.
  std::vector<size_t> outputs;
  std::vector<bool> binaryOutputs;
};

/// Parses and checks the body of an infer request to \p model. \p body is
/// all JSON, or, with \p headerLength (the Inference-Header-Content-Length
/// value), a JSON header of that many bytes followed by binary input data.
/// Returns false with a one-line \p error for anything a client got wrong.
bool parseInferRequest(const ModelInfo &model, std::string_view body,
                       const std::optional<std::string> &headerLength,
                       InferRequest &out, std::string &error);

/// The 200 reply to \p request with the model's \p outputs (all of them,
/// in model order).
HttpReply inferReply(const ModelInfo &model, const InferRequest &request,
                     const std::vector<Tensor> &outputs);

/// The JSON of GET /v2/models/NAME.
std::string modelMetadata(const ModelInfo &model);

/// What running a model gave: outputs, or an error status and message
/// (500 for a model that failed, 503 when the queue is full).
struct RunResult {
  std::vector<Tensor> outputs;
  int status = 200;
  std::string error;
};

/// Runs model \p index (into the router's list) on checked inputs.
using RunFn =
    std::function<RunResult(size_t index, std::vector<Tensor> inputs)>;

/// Routes requests to the protocol's endpoints.
class ServeRouter {
public:
  /// \p models are served under their names; \p run runs one; \p ready
  /// says whether the server takes inference requests (false once it is
  /// stopping).
  ServeRouter(std::vector<ModelInfo> models, RunFn run,
              std::function<bool()> ready);

  /// The reply to \p request: never throws for anything a client sends.
  HttpReply handle(const HttpRequest &request) const;

  const std::vector<ModelInfo> &models() const { return served; }

private:
  HttpReply infer(size_t index, const HttpRequest &request) const;
  /// The index of the model named \p name, or none.
  std::optional<size_t> find(std::string_view name) const;

  std::vector<ModelInfo> served;
  RunFn run;
  std::function<bool()> ready;
};

} // namespace kiln::tool::serve

#endif
