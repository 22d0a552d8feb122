//===- ServeProtocol.cpp - KServe v2 requests and replies as strings ------===//
//
// Parses inference requests into tensors and writes replies, checking every
// name, datatype, shape and value against the model first (ServeProtocol.h).
// Requests are parsed with nlohmann::json; replies are written directly,
// floats in their shortest round-trip form (std::to_chars), so that a
// 1000-class output does not go through a JSON tree.
//
//===----------------------------------------------------------------------===//
#include "ServeProtocol.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace kiln::tool::serve {

using json = nlohmann::json;

namespace {
/// The protocol's datatypes and Kiln's dtype for each.
struct DatatypeName {
  DType dtype;
  std::string_view name;
};
constexpr DatatypeName kDatatypes[] = {
    {DType::F32, "FP32"},  {DType::F16, "FP16"}, {DType::F64, "FP64"},
    {DType::I8, "INT8"},   {DType::U8, "UINT8"}, {DType::I32, "INT32"},
    {DType::I64, "INT64"}, {DType::Bool, "BOOL"}};
/// Datatypes of the protocol that Kiln has no dtype for.
constexpr std::string_view kUnsupported[] = {"BYTES",  "UINT16", "UINT32",
                                             "UINT64", "INT16",  "BF16"};
/// Nested data arrays deeper than this are refused (a tensor of rank 64 is
/// not a tensor anyone sends; the bound keeps the flattening's stack small).
constexpr unsigned kMaxDataDepth = 64;
} // namespace

std::string_view datatypeName(DType dtype) {
  for (const DatatypeName &d : kDatatypes)
    if (d.dtype == dtype)
      return d.name;
  return "FP32";
}

std::optional<DType> parseDatatype(std::string_view name) {
  for (const DatatypeName &d : kDatatypes)
    if (d.name == name)
      return d.dtype;
  return std::nullopt;
}

HttpReply errorReply(int status, const std::string &message) {
  HttpReply r;
  r.status = status;
  r.body = json{{"error", message}}.dump(-1, ' ', false,
                                         json::error_handler_t::replace);
  return r;
}

/// "[1, 3, -1]": a shape as the protocol writes it, -1 for dynamic dims.
static std::string formatDims(const std::vector<int64_t> &dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? ", " : "") + std::to_string(dims[i] < 0 ? -1 : dims[i]);
  return s + "]";
}

/// "x, y, k": the names of \p specs.
static std::string names(const std::vector<TensorSpec> &specs) {
  std::string s;
  for (const TensorSpec &spec : specs)
    s += (s.empty() ? "" : ", ") + spec.name;
  return s.empty() ? "(none)" : s;
}

/// \p s as JSON string text (quoted, escaped; invalid UTF-8 replaced).
static std::string jsonQuote(const std::string &s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

/// A JSON value in a message: short, on one line.
static std::string shortText(const json &v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

namespace {
/// Reads one input's values into a tensor, reporting the first bad one.
class ValueReader {
public:
  ValueReader(Tensor &tensor, const std::string &input, std::string &error)
      : tensor(tensor), input(input), error(error) {}

  /// Stores \p data (a number, a bool, or nested arrays of them) at the
  /// next positions; false on a bad value or too many.
  bool read(const json &data, unsigned depth = 0) {
    if (data.is_array()) {
      if (depth >= kMaxDataDepth)
        return fail("input '" + input + "': data is nested more than " +
                    std::to_string(kMaxDataDepth) + " arrays deep");
      for (const json &v : data)
        if (!read(v, depth + 1))
          return false;
      return true;
    }
    if (next >= tensor.numElements()) {
      ++next; // only counted, to say how many there were
      return true;
    }
    return store(data);
  }
  int64_t count() const { return next; }

private:
  bool fail(const std::string &message) {
    error = message;
    return false;
  }
  bool badValue(const json &v, const char *expected) {
    return fail("input '" + input + "' value " + std::to_string(next) + " is " +
                shortText(v) + ": " +
                std::string(datatypeName(tensor.dtype())) + " data must be " +
                expected);
  }
  bool store(const json &v) {
    DType dtype = tensor.dtype();
    if (dtype == DType::Bool) {
      if (!v.is_boolean())
        return badValue(v, "true or false");
      tensor.data<bool>()[next++] = v.get<bool>();
      return true;
    }
    if (!v.is_number())
      return badValue(v, "numbers");
    if (isFloat(dtype)) {
      double d = v.get<double>();
      dispatchAll(dtype, [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> ||
                      std::is_same_v<T, Half>)
          tensor.data<T>()[next] = static_cast<T>(d);
      });
      ++next;
      return true;
    }
    // Integers: whole numbers in the type's range.
    int64_t lo = 0, hi = 0;
    dispatchAll(dtype, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        lo = std::numeric_limits<T>::min();
        hi = std::numeric_limits<T>::max();
      }
    });
    std::string range =
        "integers in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    int64_t value;
    if (v.is_number_unsigned()) {
      uint64_t u = v.get<uint64_t>();
      if (u > static_cast<uint64_t>(hi))
        return badValue(v, range.c_str());
      value = static_cast<int64_t>(u);
    } else if (v.is_number_integer()) {
      value = v.get<int64_t>();
      if (value < lo || value > hi)
        return badValue(v, range.c_str());
    } else {
      return badValue(v, range.c_str());
    }
    dispatchAll(dtype, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
        tensor.data<T>()[next] = static_cast<T>(value);
    });
    ++next;
    return true;
  }

  Tensor &tensor;
  const std::string &input;
  std::string &error;
  int64_t next = 0;
};
} // namespace

/// The element count of \p dims, or none when it overflows 2^62.
static std::optional<int64_t> elementCount(const std::vector<int64_t> &dims) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d != 0 && n > (int64_t(1) << 62) / d)
      return std::nullopt;
    n *= d;
  }
  return n;
}

namespace {
/// Parses one element of "inputs" against the model.
struct InputParser {
  const ModelInfo &model;
  std::string_view binary; // the bytes after the JSON header
  bool hasBinaryHeader;
  size_t binaryOffset = 0;
  std::string &error;

  bool fail(const std::string &message) {
    error = message;
    return false;
  }

  /// Parses \p in into \p out for the input at \p index of the model.
  bool parse(const json &in, size_t index, Tensor &out) {
    const TensorSpec &spec = model.inputs[index];
    const std::string &name = spec.name;
    // Datatype: present, known, Kiln's, the model's.
    auto dt = in.find("datatype");
    if (dt == in.end() || !dt->is_string())
      return fail("input '" + name + "' has no \"datatype\" string");
    std::string datatype = dt->get<std::string>();
    std::optional<DType> dtype = parseDatatype(datatype);
    if (!dtype) {
      for (std::string_view u : kUnsupported)
        if (u == datatype)
          return fail("input '" + name + "' has datatype " + datatype +
                      ", which Kiln does not support");
      return fail("input '" + name + "' has unknown datatype " +
                  jsonQuote(datatype) +
                  "; expected one of FP32, FP16, FP64, INT8, UINT8, INT32, "
                  "INT64, BOOL");
    }
    if (*dtype != spec.dtype)
      return fail("input '" + name + "' has datatype " + datatype +
                  " but the model expects " +
                  std::string(datatypeName(spec.dtype)));
    // Shape: non-negative integers fitting the spec.
    auto sh = in.find("shape");
    if (sh == in.end() || !sh->is_array())
      return fail("input '" + name + "' has no \"shape\" array");
    std::vector<int64_t> dims;
    for (const json &d : *sh) {
      if (!d.is_number_integer() || d.get<int64_t>() < 0)
        return fail("input '" + name + "' has shape " + shortText(*sh) +
                    ": dimensions must be non-negative integers");
      dims.push_back(d.get<int64_t>());
    }
    bool fits = !spec.ranked || dims.size() == spec.shape.size();
    for (size_t i = 0; fits && spec.ranked && i < dims.size(); ++i)
      fits = spec.shape[i] < 0 || spec.shape[i] == dims[i];
    if (!fits)
      return fail("input '" + name + "' has shape " + formatDims(dims) +
                  " but the model expects " +
                  (spec.ranked ? formatDims(spec.shape) : "any shape"));
    std::optional<int64_t> count = elementCount(dims);
    if (!count)
      return fail("input '" + name + "' has shape " + formatDims(dims) +
                  ", too many elements");
    // Data: JSON values or binary bytes, one of the two.
    auto data = in.find("data");
    std::optional<int64_t> binarySize;
    if (auto params = in.find("parameters"); params != in.end()) {
      if (!params->is_object())
        return fail("input '" + name + "': \"parameters\" must be an object");
      if (auto b = params->find("binary_data_size"); b != params->end()) {
        if (!b->is_number_integer() || b->get<int64_t>() < 0)
          return fail("input '" + name +
                      "': binary_data_size must be a "
                      "non-negative integer");
        binarySize = b->get<int64_t>();
      }
    }
    if (data != in.end() && binarySize)
      return fail("input '" + name +
                  "' has both \"data\" and binary_data_size; give one");
    if (data == in.end() && !binarySize)
      return fail("input '" + name +
                  "' has no \"data\" (or parameters.binary_data_size with "
                  "binary data)");
    uint64_t bytes = static_cast<uint64_t>(*count) * dtypeSize(spec.dtype);
    if (binarySize) {
      if (!hasBinaryHeader)
        return fail("input '" + name +
                    "' has binary_data_size but the request has no "
                    "Inference-Header-Content-Length header");
      if (static_cast<uint64_t>(*binarySize) != bytes)
        return fail("input '" + name + "' has binary_data_size " +
                    std::to_string(*binarySize) + " but its shape " +
                    formatDims(dims) + " of " + datatype + " takes " +
                    std::to_string(bytes) + " bytes");
      if (bytes > binary.size() - binaryOffset)
        return fail("input '" + name + "' needs " + std::to_string(bytes) +
                    " bytes of binary data but only " +
                    std::to_string(binary.size() - binaryOffset) +
                    " are left in the body");
    }
    // Only now, with the size known to be sent, allocate.
    if (!binarySize && data->is_array() && data->size() > 0 &&
        !data->front().is_array() &&
        data->size() != static_cast<uint64_t>(*count))
      return fail(countMismatch(name, dims, *count, data->size()));
    out = Tensor::uninitialized(spec.dtype, dims);
    if (binarySize) {
      if (bytes)
        std::memcpy(out.raw(), binary.data() + binaryOffset, bytes);
      binaryOffset += bytes;
      if (spec.dtype == DType::Bool) // any nonzero byte is true
        for (int64_t i = 0; i < *count; ++i)
          out.data<bool>()[i] = static_cast<const uint8_t *>(out.raw())[i] != 0;
      return true;
    }
    if (!data->is_array())
      return fail("input '" + name + "': \"data\" must be an array");
    ValueReader reader(out, name, error);
    if (!reader.read(*data))
      return false;
    if (reader.count() != *count)
      return fail(countMismatch(name, dims, *count, reader.count()));
    return true;
  }

  static std::string countMismatch(const std::string &name,
                                   const std::vector<int64_t> &dims,
                                   int64_t count, uint64_t given) {
    return "input '" + name + "' has " + std::to_string(given) +
           " values but its shape " + formatDims(dims) + " holds " +
           std::to_string(count);
  }
};
} // namespace

/// The message of a JSON parse error without the library's prefix.
static std::string parseMessage(const json::exception &e) {
  std::string what = e.what();
  size_t at = what.find("] ");
  return at == std::string::npos ? what : what.substr(at + 2);
}

bool parseInferRequest(const ModelInfo &model, std::string_view body,
                       const std::optional<std::string> &headerLength,
                       InferRequest &out, std::string &error) {
  std::string_view jsonPart = body, binary;
  if (headerLength) {
    uint64_t length = 0;
    const std::string &h = *headerLength;
    auto [end, ec] = std::from_chars(h.data(), h.data() + h.size(), length);
    if (ec != std::errc() || end != h.data() + h.size()) {
      error = "Inference-Header-Content-Length " + jsonQuote(h) +
              " is not a byte count";
      return false;
    }
    if (length > body.size()) {
      error = "Inference-Header-Content-Length is " + std::to_string(length) +
              " but the body has only " + std::to_string(body.size()) +
              " bytes";
      return false;
    }
    jsonPart = body.substr(0, length);
    binary = body.substr(length);
  }
  json request;
  try {
    request = json::parse(jsonPart);
  } catch (const json::exception &e) {
    // A syntax error, or a number too large for a double (1e400).
    error = "malformed JSON: " + parseMessage(e);
    return false;
  }
  if (!request.is_object()) {
    error = "the request must be a JSON object with \"inputs\"";
    return false;
  }
  out = InferRequest();
  if (auto id = request.find("id"); id != request.end()) {
    if (!id->is_string()) {
      error = "\"id\" must be a string";
      return false;
    }
    out.id = id->get<std::string>();
  }
  auto inputs = request.find("inputs");
  if (inputs == request.end() || !inputs->is_array()) {
    error = "the request has no \"inputs\" array";
    return false;
  }
  InputParser parser{model, binary, headerLength.has_value(), 0, error};
  std::vector<bool> given(model.inputs.size());
  out.inputs.resize(model.inputs.size());
  for (const json &in : *inputs) {
    auto name = in.is_object() ? in.find("name") : in.end();
    if (!in.is_object() || name == in.end() || !name->is_string()) {
      error = "each element of \"inputs\" must be an object with a \"name\"";
      return false;
    }
    std::string n = name->get<std::string>();
    size_t index = 0;
    while (index < model.inputs.size() && model.inputs[index].name != n)
      ++index;
    if (index == model.inputs.size()) {
      error = "unknown input " + jsonQuote(n) + "; the model's inputs are " +
              names(model.inputs);
      return false;
    }
    if (given[index]) {
      error = "input '" + n + "' is given twice";
      return false;
    }
    given[index] = true;
    if (!parser.parse(in, index, out.inputs[index]))
      return false;
  }
  for (size_t i = 0; i < model.inputs.size(); ++i)
    if (!given[i]) {
      error = "missing input '" + model.inputs[i].name +
              "'; the model's inputs are " + names(model.inputs);
      return false;
    }
  if (parser.binaryOffset != binary.size()) {
    error = "the body has " + std::to_string(binary.size()) +
            " bytes after the JSON header but the inputs' binary_data_size "
            "add up to " +
            std::to_string(parser.binaryOffset);
    return false;
  }
  // Outputs: all of them, or those named, each as JSON or binary data.
  bool allBinary = false;
  if (auto params = request.find("parameters");
      params != request.end() && params->is_object())
    if (auto b = params->find("binary_data_output");
        b != params->end() && b->is_boolean())
      allBinary = b->get<bool>();
  auto outputs = request.find("outputs");
  if (outputs == request.end()) {
    for (size_t i = 0; i < model.outputs.size(); ++i) {
      out.outputs.push_back(i);
      out.binaryOutputs.push_back(allBinary);
    }
    return true;
  }
  if (!outputs->is_array()) {
    error = "\"outputs\" must be an array";
    return false;
  }
  for (const json &o : *outputs) {
    auto name = o.is_object() ? o.find("name") : o.end();
    if (!o.is_object() || name == o.end() || !name->is_string()) {
      error = "each element of \"outputs\" must be an object with a \"name\"";
      return false;
    }
    std::string n = name->get<std::string>();
    size_t index = 0;
    while (index < model.outputs.size() && model.outputs[index].name != n)
      ++index;
    if (index == model.outputs.size()) {
      error = "unknown output " + jsonQuote(n) + "; the model's outputs are " +
              names(model.outputs);
      return false;
    }
    bool binaryOut = allBinary;
    if (auto params = o.find("parameters"); params != o.end()) {
      auto b =
          params->is_object() ? params->find("binary_data") : params->end();
      if (!params->is_object() || (b != params->end() && !b->is_boolean())) {
        error =
            "output '" + n + "': parameters.binary_data must be true or false";
        return false;
      }
      if (b != params->end())
        binaryOut = b->get<bool>();
    }
    out.outputs.push_back(index);
    out.binaryOutputs.push_back(binaryOut);
  }
  return true;
}

/// Appends the values of \p t as JSON numbers (or booleans), comma-separated;
/// floats in their shortest round-trip form, non-finite ones as null (JSON
/// has no NaN).
static void appendValues(std::string &s, const Tensor &t) {
  char buf[32];
  int64_t n = t.numElements();
  dispatchAll(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *p = t.data<T>();
    for (int64_t i = 0; i < n; ++i) {
      if (i)
        s += ',';
      if constexpr (std::is_same_v<T, bool>) {
        s += p[i] ? "true" : "false";
      } else if constexpr (std::is_floating_point_v<T> ||
                           std::is_same_v<T, Half>) {
        using F = std::conditional_t<std::is_same_v<T, Half>, float, T>;
        F v = static_cast<F>(p[i]);
        if (!std::isfinite(v)) {
          s += "null";
          continue;
        }
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        s.append(buf, end);
      } else {
        auto [end, ec] =
            std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(p[i]));
        s.append(buf, end);
      }
    }
  });
}

HttpReply inferReply(const ModelInfo &model, const InferRequest &request,
                     const std::vector<Tensor> &outputs) {
  HttpReply r;
  std::string &s = r.body;
  std::string binary;
  s = "{\"model_name\":" + jsonQuote(model.name);
  if (!request.id.empty())
    s += ",\"id\":" + jsonQuote(request.id);
  s += ",\"outputs\":[";
  for (size_t k = 0; k < request.outputs.size(); ++k) {
    size_t i = request.outputs[k];
    assert(i < outputs.size() && "an output index the request checked");
    const Tensor &t = outputs[i];
    s += k ? ",{" : "{";
    s += "\"name\":" + jsonQuote(model.outputs[i].name) + ",\"datatype\":\"" +
         std::string(datatypeName(t.dtype())) + "\",\"shape\":[";
    for (size_t d = 0; d < t.shape().size(); ++d)
      s += (d ? "," : "") + std::to_string(t.shape()[d]);
    s += "]";
    if (request.binaryOutputs[k]) {
      s += ",\"parameters\":{\"binary_data_size\":" +
           std::to_string(t.byteSize()) + "}}";
      binary.append(static_cast<const char *>(t.raw()), t.byteSize());
      continue;
    }
    s += ",\"data\":[";
    appendValues(s, t);
    s += "]}";
  }
  s += "]}";
  bool anyBinary = false;
  for (bool b : request.binaryOutputs)
    anyBinary |= b;
  if (anyBinary) {
    r.headerLength = s.size();
    r.contentType = "application/octet-stream";
    s += binary;
  }
  return r;
}

/// The JSON of one tensor spec in model metadata.
static json specJson(const TensorSpec &spec) {
  json dims = json::array();
  if (spec.ranked)
    for (int64_t d : spec.shape)
      dims.push_back(d < 0 ? -1 : d);
  else
    dims.push_back(-1); // unknown rank: the protocol has no way to say so
  return json{{"name", spec.name},
              {"datatype", std::string(datatypeName(spec.dtype))},
              {"shape", dims}};
}

std::string modelMetadata(const ModelInfo &model) {
  json inputs = json::array(), outputs = json::array();
  for (const TensorSpec &spec : model.inputs)
    inputs.push_back(specJson(spec));
  for (const TensorSpec &spec : model.outputs)
    outputs.push_back(specJson(spec));
  return json{{"name", model.name},
              {"versions", json::array({"1"})},
              {"platform", model.platform},
              {"inputs", inputs},
              {"outputs", outputs}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

ServeRouter::ServeRouter(std::vector<ModelInfo> models, RunFn run,
                         std::function<bool()> ready)
    : served(std::move(models)), run(std::move(run)), ready(std::move(ready)) {}

std::optional<size_t> ServeRouter::find(std::string_view name) const {
  for (size_t i = 0; i < served.size(); ++i)
    if (served[i].name == name)
      return i;
  return std::nullopt;
}

/// \p path split at '/', without the leading empty part.
static std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path[0] != '/')
    return parts;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos)
      break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

HttpReply ServeRouter::handle(const HttpRequest &request) const {
  std::vector<std::string_view> p = segments(request.path);
  if (!p.empty() && p.back().empty()) // a trailing slash
    p.pop_back();
  // The endpoint and the method it takes.
  enum class Kind { None, Server, Live, Ready, Model, ModelReady, Infer };
  Kind kind = Kind::None;
  std::string_view modelName;
  if (p.size() == 1 && p[0] == "v2")
    kind = Kind::Server;
  else if (p.size() == 3 && p[0] == "v2" && p[1] == "health")
    kind = p[2] == "live"    ? Kind::Live
           : p[2] == "ready" ? Kind::Ready
                             : Kind::None;
  else if (p.size() >= 3 && p.size() <= 4 && p[0] == "v2" && p[1] == "models") {
    modelName = p[2];
    kind = p.size() == 3     ? Kind::Model
           : p[3] == "ready" ? Kind::ModelReady
           : p[3] == "infer" ? Kind::Infer
                             : Kind::None;
  }
  if (kind == Kind::None)
    return errorReply(404, "unknown path " + jsonQuote(request.path) +
                               "; the endpoints are /v2, /v2/health/live, "
                               "/v2/health/ready, /v2/models/NAME, "
                               "/v2/models/NAME/ready, "
                               "/v2/models/NAME/infer");
  const char *method = kind == Kind::Infer ? "POST" : "GET";
  bool head = request.method == "HEAD" && kind != Kind::Infer;
  if (request.method != method && !head) {
    HttpReply r = errorReply(405, request.method + " " + request.path +
                                      ": this endpoint takes " + method);
    r.allow = kind == Kind::Infer ? "POST" : "GET, HEAD";
    return r;
  }
  switch (kind) {
  case Kind::Server:
    return {200, "{\"name\":\"kiln\",\"version\":\"0.1.0\",\"extensions\":["
                 "\"binary_tensor_data\"]}"};
  case Kind::Live:
    return {200, "{\"live\":true}"};
  case Kind::Ready:
    if (!ready())
      return errorReply(503, "the server is stopping");
    return {200, "{\"ready\":true}"};
  default:
    break;
  }
  std::optional<size_t> index = find(modelName);
  if (!index) {
    std::string list;
    for (const ModelInfo &m : served)
      list += (list.empty() ? "" : ", ") + m.name;
    return errorReply(404, "unknown model " +
                               jsonQuote(std::string(modelName)) +
                               "; serving " + list);
  }
  if (kind == Kind::Model)
    return {200, modelMetadata(served[*index])};
  if (kind == Kind::ModelReady) {
    if (!ready())
      return errorReply(503, "the server is stopping");
    return {200,
            "{\"name\":" + jsonQuote(served[*index].name) + ",\"ready\":true}"};
  }
  return infer(*index, request);
}

HttpReply ServeRouter::infer(size_t index, const HttpRequest &request) const {
  const ModelInfo &model = served[index];
  InferRequest parsed;
  std::string error;
  if (!parseInferRequest(model, request.body, request.headerLength, parsed,
                         error))
    return errorReply(400, error);
  RunResult result = run(index, std::move(parsed.inputs));
  if (result.status != 200)
    return errorReply(result.status, result.error);
  if (result.outputs.size() != model.outputs.size())
    return errorReply(500, "model '" + model.name + "' returned " +
                               std::to_string(result.outputs.size()) +
                               " outputs, expected " +
                               std::to_string(model.outputs.size()));
  return inferReply(model, parsed, result.outputs);
}

} // namespace kiln::tool::serve
