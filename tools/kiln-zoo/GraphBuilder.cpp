//===- GraphBuilder.cpp - Small helper for writing ONNX graphs ------------===//
//
// Implements the PRNG, the attribute helpers and GraphBuilder. Initializers
// are stored as little-endian `raw_data`, which is what the ONNX spec
// requires and what exporters write for large tensors.
//
//===----------------------------------------------------------------------===//
#include "GraphBuilder.h"

#include <cassert>
#include <cstring>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "kiln-zoo copies host floats into raw_data, which must be little-endian"
#endif

namespace kiln::zoo {

int64_t numElements(const Dims &dims) {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= d;
  return n;
}

uint64_t Rng::next() {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

float Rng::uniform() {
  return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f);
}

uint64_t deriveSeed(uint64_t seed, const std::string &name) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  Rng mix(seed ^ h);
  return mix.next();
}

onnx::AttributeProto attrInt(const std::string &name, int64_t value) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INT);
  a.set_i(value);
  return a;
}

onnx::AttributeProto attrInts(const std::string &name,
                              const std::vector<int64_t> &values) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values)
    a.add_ints(v);
  return a;
}

onnx::AttributeProto attrFloat(const std::string &name, float value) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::FLOAT);
  a.set_f(value);
  return a;
}

onnx::AttributeProto attrString(const std::string &name,
                                const std::string &value) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::STRING);
  a.set_s(value);
  return a;
}

void setTensorType(onnx::ValueInfoProto &info, int32_t elemType,
                   const Dims &dims) {
  onnx::TypeProto_Tensor *t = info.mutable_type()->mutable_tensor_type();
  t->set_elem_type(elemType);
  onnx::TensorShapeProto *shape = t->mutable_shape();
  shape->clear_dim();
  for (int64_t d : dims)
    shape->add_dim()->set_dim_value(d);
}

void setDimParams(onnx::ValueInfoProto &info,
                  const std::vector<std::string> &params) {
  onnx::TensorShapeProto *shape =
      info.mutable_type()->mutable_tensor_type()->mutable_shape();
  for (size_t i = 0; i < params.size() && i < size_t(shape->dim_size()); ++i)
    if (!params[i].empty())
      shape->mutable_dim(static_cast<int>(i))->set_dim_param(params[i]);
}

GraphBuilder::GraphBuilder(const std::string &graphName, int64_t opset,
                           uint64_t seed)
    : seed(seed) {
  // IR version 8 arrived with opset 15-17 (ONNX 1.10-1.12); exporters pair
  // opset 14 with IR 7.
  proto.set_ir_version(opset >= 15 ? 8 : 7);
  proto.set_producer_name("kiln-zoo");
  proto.set_producer_version("1");
  proto.set_model_version(1);
  onnx::OperatorSetIdProto *imp = proto.add_opset_import();
  imp->set_domain("");
  imp->set_version(opset);
  proto.mutable_graph()->set_name(graphName);
}

std::string GraphBuilder::unique(const std::string &name) {
  std::string result = name;
  for (int i = 1; names.count(result); ++i)
    result = name + "." + std::to_string(i);
  names.insert(result);
  return result;
}

std::string GraphBuilder::input(const std::string &name, int32_t elemType,
                                const Dims &dims) {
  std::string n = unique(name);
  onnx::ValueInfoProto *info = graph().add_input();
  info->set_name(n);
  setTensorType(*info, elemType, dims);
  return n;
}

void GraphBuilder::output(const std::string &value, int32_t elemType,
                          const Dims &dims) {
  onnx::ValueInfoProto *info = graph().add_output();
  info->set_name(value);
  setTensorType(*info, elemType, dims);
}

onnx::TensorProto *GraphBuilder::addInitializer(const std::string &name,
                                                int32_t dataType,
                                                const Dims &dims,
                                                size_t bytes) {
  onnx::TensorProto *t = graph().add_initializer();
  t->set_name(unique(name));
  t->set_data_type(dataType);
  for (int64_t d : dims)
    t->add_dims(d);
  t->mutable_raw_data()->resize(bytes);
  return t;
}

std::string GraphBuilder::weight(const std::string &name, const Dims &dims,
                                 float lo, float hi) {
  int64_t count = numElements(dims);
  onnx::TensorProto *t =
      addInitializer(name, onnx::TensorProto::FLOAT, dims,
                     static_cast<size_t>(count) * sizeof(float));
  const std::string &n = t->name();
  Rng rng(deriveSeed(seed, n));
  char *out = t->mutable_raw_data()->data();
  for (int64_t i = 0; i < count; ++i) {
    float v = rng.uniform(lo, hi);
    std::memcpy(out + i * sizeof(float), &v, sizeof(float));
  }
  params += count;
  return n;
}

std::string GraphBuilder::constFloats(const std::string &name, const Dims &dims,
                                      const std::vector<float> &values) {
  assert(numElements(dims) == static_cast<int64_t>(values.size()) &&
         "constant shape does not match its values");
  onnx::TensorProto *t = addInitializer(name, onnx::TensorProto::FLOAT, dims,
                                        values.size() * sizeof(float));
  if (!values.empty()) // memcpy from an empty vector's null data() is UB
    std::memcpy(t->mutable_raw_data()->data(), values.data(),
                values.size() * sizeof(float));
  return t->name();
}

std::string GraphBuilder::constInt64s(const std::string &name, const Dims &dims,
                                      const std::vector<int64_t> &values) {
  assert(numElements(dims) == static_cast<int64_t>(values.size()) &&
         "constant shape does not match its values");
  onnx::TensorProto *t = addInitializer(name, onnx::TensorProto::INT64, dims,
                                        values.size() * sizeof(int64_t));
  if (!values.empty()) // memcpy from an empty vector's null data() is UB
    std::memcpy(t->mutable_raw_data()->data(), values.data(),
                values.size() * sizeof(int64_t));
  return t->name();
}

std::string GraphBuilder::constRaw(const std::string &name, int32_t elemType,
                                   const Dims &dims, const std::string &bytes) {
  onnx::TensorProto *t = addInitializer(name, elemType, dims, bytes.size());
  *t->mutable_raw_data() = bytes;
  return t->name();
}

std::vector<std::string> GraphBuilder::op(
    const std::string &opType, const std::vector<std::string> &inputs,
    const std::vector<onnx::AttributeProto> &attrs, int numOutputs) {
  assert(numOutputs >= 1 && "a node has at least one output");
  std::string base = (scope.empty() ? "" : scope + "/") + opType + "_" +
                     std::to_string(nodeCounter++);
  onnx::NodeProto *node = graph().add_node();
  node->set_name(unique(base));
  node->set_op_type(opType);
  for (const std::string &in : inputs)
    node->add_input(in);
  for (const onnx::AttributeProto &a : attrs)
    *node->add_attribute() = a;
  std::vector<std::string> outs;
  for (int i = 0; i < numOutputs; ++i) {
    outs.push_back(unique(base + "_out" + (i ? std::to_string(i) : "")));
    node->add_output(outs.back());
  }
  return outs;
}

std::string GraphBuilder::op(const std::string &opType,
                             const std::vector<std::string> &inputs,
                             std::initializer_list<onnx::AttributeProto> attrs,
                             const std::string &outName) {
  std::string base = (scope.empty() ? "" : scope + "/") + opType + "_" +
                     std::to_string(nodeCounter++);
  onnx::NodeProto *node = graph().add_node();
  node->set_name(unique(base));
  node->set_op_type(opType);
  for (const std::string &in : inputs)
    node->add_input(in);
  for (const onnx::AttributeProto &a : attrs)
    *node->add_attribute() = a;
  std::string out = unique(outName.empty() ? base + "_out" : outName);
  node->add_output(out);
  return out;
}

} // namespace kiln::zoo
