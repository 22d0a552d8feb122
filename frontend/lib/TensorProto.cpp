//===- TensorProto.cpp - ONNX TensorProto to runtime tensors --------------===//
//
// Reads inline data (raw_data or the typed repeated fields) and external data
// files. Every size is checked before allocation, and external files must lie
// inside the model's folder after resolving `..` and symbolic links.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/Import.h"

#include <onnx/onnx-data_pb.h>
#include <onnx/onnx_pb.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace kiln::frontend {
namespace {

/// Largest tensor Kiln will materialize from a model: 2^32 elements.
constexpr int64_t kMaxElements = int64_t(1) << 32;

Status readExternal(const onnx::TensorProto &proto, const std::string &dir,
                    const std::string &what, size_t bytes, std::string *out) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const auto &kv : proto.external_data()) {
    if (kv.key() == "location")
      location = kv.value();
    else if (kv.key() == "offset" || kv.key() == "length") {
      char *end = nullptr;
      long long v = std::strtoll(kv.value().c_str(), &end, 10);
      if (kv.value().empty() || *end || v < 0)
        return Status::errorf("{} has an invalid external-data {}", what,
                              kv.key());
      (kv.key() == "offset" ? offset : length) = v;
    }
  }
  if (location.empty())
    return Status::errorf("{} has external data without a location", what);
  // Messages quote the location: it must stay on one line.
  for (char c : location)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return Status::errorf("{} has an external-data location with a control "
                            "character",
                            what);
  fs::path rel(location);
  if (rel.is_absolute())
    return Status::errorf("external data '{}' of {} is outside the model's "
                          "folder (absolute paths are not allowed)",
                          location, what);
  std::error_code ec;
  fs::path base = fs::weakly_canonical(fs::path(dir.empty() ? "." : dir), ec);
  fs::path full = fs::weakly_canonical(base / rel, ec);
  auto [bi, fi] =
      std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (ec || bi != base.end())
    return Status::errorf("external data '{}' of {} is outside the model's "
                          "folder",
                          location, what);
  // A folder opens as a stream whose size is garbage (found by fuzzing: a
  // location of "." had a 16 GiB tensor allocated).
  if (fs::exists(full, ec) && !fs::is_regular_file(full, ec))
    return Status::errorf("external data '{}' of {} is not a regular file",
                          location, what);
  std::ifstream in(full, std::ios::binary);
  if (!in)
    return Status::errorf("cannot open external data file '{}' of {}", location,
                          what);
  in.seekg(0, std::ios::end);
  int64_t size = in.tellg();
  if (size < 0)
    return Status::errorf("cannot read external data file '{}' of {}", location,
                          what);
  if (length >= 0 && static_cast<size_t>(length) != bytes)
    return Status::errorf("{} needs {} bytes but its external data length "
                          "is {}",
                          what, bytes, length);
  if (offset > size || static_cast<int64_t>(bytes) > size - offset)
    return Status::errorf("external data file '{}' of {} is too short: "
                          "needs {} bytes at offset {}, file has {}",
                          location, what, bytes, offset, size);
  if (!out)
    return Status::ok();
  out->resize(bytes);
  in.seekg(offset);
  in.read(out->data(), static_cast<std::streamsize>(bytes));
  if (!in)
    return Status::errorf("cannot read external data file '{}' of {}", location,
                          what);
  return Status::ok();
}

template <typename T, typename Field>
void copyField(const Field &field, Tensor &t) {
  T *dst = t.data<T>();
  for (int64_t i = 0; i < t.numElements(); ++i)
    dst[i] = static_cast<T>(field.Get(static_cast<int>(i)));
}

} // namespace

/// checkTensorProto, with inline raw data viewed when \p view is set.
static Status readTensorProto(const onnx::TensorProto &proto,
                              const std::string &modelDir,
                              const std::string &what, Tensor *out, bool view) {
  std::optional<DType> dtype = dtypeFromOnnx(proto.data_type());
  if (!dtype) {
    std::string name =
        onnx::TensorProto_DataType_IsValid(proto.data_type())
            ? onnx::TensorProto_DataType_Name(
                  static_cast<onnx::TensorProto_DataType>(proto.data_type()))
            : std::to_string(proto.data_type());
    for (char &c : name)
      c = static_cast<char>(std::tolower(c));
    return Status::errorf("{} has element type {}; Kiln supports f32, f16, "
                          "f64, i8, u8, i32, i64, bool",
                          what, name);
  }
  Shape shape(proto.dims().begin(), proto.dims().end());
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return Status::errorf("{} has negative dimension {}", what, d);
    if (d != 0 && n > kMaxElements / d)
      return Status::errorf("{} of shape {} is too large", what,
                            formatShape(shape));
    n *= d;
  }
  size_t bytes = static_cast<size_t>(n) * dtypeSize(*dtype);
  if (proto.segment().end() != 0)
    return Status::errorf("{} is segmented, which Kiln does not support", what);

  const std::string *raw = nullptr;
  std::string external;
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    KILN_RETURN_IF_ERROR(
        readExternal(proto, modelDir, what, bytes, out ? &external : nullptr));
    if (!out)
      return Status::ok();
    raw = &external;
  } else if (proto.has_raw_data()) {
    raw = &proto.raw_data();
  }
  if (raw) {
    if (raw->size() != bytes)
      return Status::errorf("{} has shape {} ({}, {} bytes) but its data size "
                            "is {} bytes",
                            what, formatShape(shape), dtypeName(*dtype), bytes,
                            raw->size());
    if (!out)
      return Status::ok();
    if (view && raw == &proto.raw_data()) {
      *out =
          Tensor::view(*dtype, shape, const_cast<char *>(raw->data()), nullptr);
      return Status::ok();
    }
    Tensor t(*dtype, shape);
    if (bytes)
      std::memcpy(t.raw(), raw->data(), bytes);
    *out = std::move(t);
    return Status::ok();
  }

  // Typed fields: float_data (f32), int32_data (i8/u8/i32/bool/f16 bits),
  // int64_data (i64), double_data (f64).
  int64_t count = 0;
  switch (*dtype) {
  case DType::F32:
    count = proto.float_data_size();
    break;
  case DType::F64:
    count = proto.double_data_size();
    break;
  case DType::I64:
    count = proto.int64_data_size();
    break;
  default:
    count = proto.int32_data_size();
    break;
  }
  if (count != n)
    return Status::errorf("{} has shape {} ({} elements) but its data size is "
                          "{} elements",
                          what, formatShape(shape), n, count);
  if (!out)
    return Status::ok();
  Tensor t(*dtype, shape);
  switch (*dtype) {
  case DType::F32:
    copyField<float>(proto.float_data(), t);
    break;
  case DType::F64:
    copyField<double>(proto.double_data(), t);
    break;
  case DType::I64:
    copyField<int64_t>(proto.int64_data(), t);
    break;
  case DType::I32:
    copyField<int32_t>(proto.int32_data(), t);
    break;
  case DType::I8:
    copyField<int8_t>(proto.int32_data(), t);
    break;
  case DType::U8:
    copyField<uint8_t>(proto.int32_data(), t);
    break;
  case DType::Bool:
    copyField<bool>(proto.int32_data(), t);
    break;
  case DType::F16: {
    Half *dst = t.data<Half>();
    for (int64_t i = 0; i < n; ++i)
      dst[i] = Half::fromBits(
          static_cast<uint16_t>(proto.int32_data(static_cast<int>(i))));
    break;
  }
  }
  *out = std::move(t);
  return Status::ok();
}

Status checkTensorProto(const onnx::TensorProto &proto,
                        const std::string &modelDir, const std::string &what,
                        Tensor *out) {
  return readTensorProto(proto, modelDir, what, out, /*view=*/false);
}

void releaseInitializerData(LoadedModel &model) {
  if (!model.proto)
    return;
  for (onnx::TensorProto &init :
       *model.proto->mutable_graph()->mutable_initializer()) {
    // Swapping with empty containers frees their buffers; clear() would
    // keep the capacity.
    if (init.has_raw_data()) {
      std::string().swap(*init.mutable_raw_data());
      init.clear_raw_data();
    }
    google::protobuf::RepeatedField<float>().Swap(init.mutable_float_data());
    google::protobuf::RepeatedField<double>().Swap(init.mutable_double_data());
    google::protobuf::RepeatedField<int32_t>().Swap(init.mutable_int32_data());
    google::protobuf::RepeatedField<int64_t>().Swap(init.mutable_int64_data());
  }
}

Status tensorFromProto(const onnx::TensorProto &proto,
                       const std::string &modelDir, const std::string &what,
                       Tensor &out) {
  return readTensorProto(proto, modelDir, what, &out, /*view=*/false);
}

Status viewTensorProto(const onnx::TensorProto &proto,
                       const std::string &modelDir, const std::string &what,
                       Tensor &out) {
  return readTensorProto(proto, modelDir, what, &out, /*view=*/true);
}

namespace {
/// Collects the external-data locations of a graph's tensors.
class ExternalFiles {
public:
  std::vector<std::string> files;

  void visit(const onnx::GraphProto &graph) {
    for (const onnx::TensorProto &t : graph.initializer())
      visit(t);
    for (const onnx::SparseTensorProto &t : graph.sparse_initializer())
      visit(t);
    for (const onnx::NodeProto &node : graph.node())
      for (const onnx::AttributeProto &a : node.attribute()) {
        if (a.has_t())
          visit(a.t());
        for (const onnx::TensorProto &t : a.tensors())
          visit(t);
        if (a.has_sparse_tensor())
          visit(a.sparse_tensor());
        for (const onnx::SparseTensorProto &t : a.sparse_tensors())
          visit(t);
        if (a.has_g())
          visit(a.g());
        for (const onnx::GraphProto &g : a.graphs())
          visit(g);
      }
  }

private:
  void visit(const onnx::SparseTensorProto &t) {
    visit(t.values());
    visit(t.indices());
  }
  void visit(const onnx::TensorProto &t) {
    if (t.data_location() != onnx::TensorProto::EXTERNAL)
      return;
    for (const auto &kv : t.external_data())
      if (kv.key() == "location" &&
          std::find(files.begin(), files.end(), kv.value()) == files.end())
        files.push_back(kv.value());
  }
};
} // namespace

std::vector<std::string> externalDataFiles(const LoadedModel &model) {
  ExternalFiles collect;
  if (model.proto)
    collect.visit(model.proto->graph());
  return std::move(collect.files);
}

} // namespace kiln::frontend

namespace kiln::frontend {
namespace {

/// \p seq's tensors as a sequence of element type \p dtype (when empty).
Status sequenceFromProto(const onnx::SequenceProto &seq, DType dtype,
                         const std::string &modelDir, const std::string &what,
                         Tensor &out) {
  if (seq.elem_type() != onnx::SequenceProto::TENSOR &&
      !(seq.elem_type() == onnx::SequenceProto::UNDEFINED &&
        seq.tensor_values_size() == 0))
    return Status::error(what + ": Kiln's sequences hold only tensors");
  std::vector<Tensor> items;
  for (int i = 0; i < seq.tensor_values_size(); ++i) {
    Tensor t;
    KILN_RETURN_IF_ERROR(
        tensorFromProto(seq.tensor_values(i), modelDir,
                        what + " element #" + std::to_string(i), t));
    if (i > 0 && t.dtype() != items[0].dtype())
      return Status::error(what + ": element #" + std::to_string(i) + " is " +
                           std::string(dtypeName(t.dtype())) +
                           " but element #0 is " +
                           std::string(dtypeName(items[0].dtype())));
    items.push_back(t);
  }
  if (!items.empty())
    dtype = items[0].dtype();
  out = Tensor::sequence(dtype, std::move(items));
  return Status::ok();
}

} // namespace

Status readValueFile(const std::string &path, const TensorSpec &spec,
                     const std::string &modelDir, const std::string &what,
                     Tensor &out, std::string &name) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::error(what + ": cannot read " + path);
  switch (spec.kind) {
  case ValueKind::Tensor: {
    onnx::TensorProto proto;
    if (!proto.ParseFromIstream(&in))
      return Status::error(what + ": " + path + " is not a TensorProto");
    name = proto.name();
    return tensorFromProto(proto, modelDir, what, out);
  }
  case ValueKind::Sequence: {
    onnx::SequenceProto proto;
    if (!proto.ParseFromIstream(&in))
      return Status::error(what + ": " + path + " is not a SequenceProto");
    name = proto.name();
    return sequenceFromProto(proto, spec.dtype, modelDir, what, out);
  }
  case ValueKind::Optional: {
    onnx::OptionalProto proto;
    if (!proto.ParseFromIstream(&in))
      return Status::error(what + ": " + path + " is not an OptionalProto");
    name = proto.name();
    Tensor value;
    if (proto.has_tensor_value()) {
      KILN_RETURN_IF_ERROR(
          tensorFromProto(proto.tensor_value(), modelDir, what, value));
    } else if (proto.has_sequence_value()) {
      KILN_RETURN_IF_ERROR(sequenceFromProto(proto.sequence_value(), spec.dtype,
                                             modelDir, what, value));
    } else if (proto.elem_type() != onnx::OptionalProto::UNDEFINED &&
               proto.elem_type() != onnx::OptionalProto::TENSOR &&
               proto.elem_type() != onnx::OptionalProto::SEQUENCE) {
      return Status::error(what + ": Kiln's optionals hold only tensors and "
                                  "sequences");
    } else {
      out = Tensor::optional(spec.dtype, nullptr);
      return Status::ok();
    }
    out = Tensor::optional(value.dtype(), &value);
    return Status::ok();
  }
  }
  return Status::error(what + ": unknown kind of value");
}

} // namespace kiln::frontend
