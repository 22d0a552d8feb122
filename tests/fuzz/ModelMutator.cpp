//===- ModelMutator.cpp - ONNX-aware mutations for the loader fuzzer -----===//
//
// Debian has no libprotobuf-mutator, and byte-level mutations of a protobuf
// seldom produce a model that parses and yet is wrong in an interesting way
// (a dimension of -1 or 2^40, a node reading a value that another node
// defines, an attribute with an absurd value). This custom mutator parses the
// input as a ModelProto and, half of the time, changes one field with a
// meaning; otherwise, or when the input does not parse, it leaves the bytes
// to libFuzzer's own mutations. Everything is drawn from the seed libFuzzer
// passes, so a run can be replayed.
//
// Compiled without the fuzzer's coverage (tests/fuzz/CMakeLists.txt): its own
// branches must not count as new behaviour of the loader.
//
//===----------------------------------------------------------------------===//
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

namespace {

using Rng = std::mt19937_64;

/// Sizes and indices at the edges: 0, 1, -1, just past 32 bits, huge.
int64_t interestingInt(Rng &rng) {
  static const int64_t values[] = {
      0,         1,         -1,       2,          3,          7,
      -2,        255,       65536,    2147483647, 2147483648, -2147483648LL,
      1LL << 40, INT64_MAX, INT64_MIN};
  return values[rng() % (sizeof(values) / sizeof(values[0]))];
}

template <typename T> size_t pick(Rng &rng, const T &field) {
  return static_cast<size_t>(rng() % static_cast<uint64_t>(field.size()));
}

/// Every value name the graph defines or uses.
std::vector<std::string> valueNames(const onnx::GraphProto &g) {
  std::vector<std::string> names;
  for (const auto &v : g.input())
    names.push_back(v.name());
  for (const auto &t : g.initializer())
    names.push_back(t.name());
  for (const auto &n : g.node())
    for (const auto &o : n.output())
      names.push_back(o);
  return names;
}

/// Changes one field of \p model; false when it found nothing to change.
bool mutateModel(onnx::ModelProto &model, Rng &rng) {
  onnx::GraphProto &g = *model.mutable_graph();
  switch (rng() % 10) {
  case 0: { // An opset version.
    if (model.opset_import_size() == 0)
      return false;
    auto *op = model.mutable_opset_import(pick(rng, model.opset_import()));
    op->set_version(rng() % 2 ? static_cast<int64_t>(rng() % 24)
                              : interestingInt(rng));
    return true;
  }
  case 1: { // A dimension of a graph input or output.
    auto &values = rng() % 2 ? *g.mutable_input() : *g.mutable_output();
    if (values.empty())
      return false;
    auto *shape = values[pick(rng, values)]
                      .mutable_type()
                      ->mutable_tensor_type()
                      ->mutable_shape();
    if (shape->dim_size() == 0 || rng() % 4 == 0) {
      shape->add_dim()->set_dim_value(interestingInt(rng));
      return true;
    }
    shape->mutable_dim(pick(rng, shape->dim()))
        ->set_dim_value(interestingInt(rng));
    return true;
  }
  case 2: { // A dimension or the type of an initializer.
    if (g.initializer_size() == 0)
      return false;
    auto *t = g.mutable_initializer(pick(rng, g.initializer()));
    if (rng() % 3 == 0 || t->dims_size() == 0) {
      t->set_data_type(static_cast<int32_t>(rng() % 24));
      return true;
    }
    t->set_dims(pick(rng, t->dims()), interestingInt(rng));
    return true;
  }
  case 3: { // A node input renamed to another value (or to nothing).
    if (g.node_size() == 0)
      return false;
    auto *n = g.mutable_node(pick(rng, g.node()));
    std::vector<std::string> names = valueNames(g);
    std::string name = rng() % 5 == 0 || names.empty()
                           ? std::string()
                           : names[rng() % names.size()];
    if (n->input_size() == 0 || rng() % 4 == 0)
      n->add_input(name);
    else
      n->set_input(pick(rng, n->input()), name);
    return true;
  }
  case 4: { // An input or output dropped from a node.
    if (g.node_size() == 0)
      return false;
    auto *n = g.mutable_node(pick(rng, g.node()));
    auto *list = rng() % 2 ? n->mutable_input() : n->mutable_output();
    if (list->empty())
      return false;
    list->erase(list->begin() + pick(rng, *list));
    return true;
  }
  case 5: { // An integer attribute (or one element of an ints attribute).
    if (g.node_size() == 0)
      return false;
    auto *n = g.mutable_node(pick(rng, g.node()));
    if (n->attribute_size() == 0)
      return false;
    auto *a = n->mutable_attribute(pick(rng, n->attribute()));
    if (a->ints_size() > 0 && rng() % 2)
      a->set_ints(pick(rng, a->ints()), interestingInt(rng));
    else if (a->ints_size() > 0 && rng() % 2)
      a->add_ints(interestingInt(rng));
    else
      a->set_i(interestingInt(rng));
    if (rng() % 4 == 0)
      a->set_type(static_cast<onnx::AttributeProto_AttributeType>(rng() % 15));
    return true;
  }
  case 6: { // A node's op type swapped for another node's.
    if (g.node_size() < 2)
      return false;
    auto *n = g.mutable_node(pick(rng, g.node()));
    n->set_op_type(g.node(pick(rng, g.node())).op_type());
    return true;
  }
  case 7: { // A node duplicated or removed.
    if (g.node_size() == 0)
      return false;
    size_t i = pick(rng, g.node());
    if (rng() % 2)
      *g.add_node() = g.node(static_cast<int>(i));
    else
      g.mutable_node()->erase(g.mutable_node()->begin() + i);
    return true;
  }
  case 8: { // Initializer data cut short, or moved to external data.
    if (g.initializer_size() == 0)
      return false;
    auto *t = g.mutable_initializer(pick(rng, g.initializer()));
    if (rng() % 2 && t->has_raw_data()) {
      t->mutable_raw_data()->resize(rng() % (t->raw_data().size() + 1));
      return true;
    }
    t->set_data_location(onnx::TensorProto::EXTERNAL);
    auto *kv = t->add_external_data();
    static const char *locations[] = {
        "weights.bin", "../weights.bin", "/etc/passwd", ".", "", "a/../../b"};
    kv->set_key("location");
    kv->set_value(locations[rng() % 6]);
    if (rng() % 2) {
      auto *len = t->add_external_data();
      len->set_key(rng() % 2 ? "offset" : "length");
      len->set_value(std::to_string(interestingInt(rng)));
    }
    return true;
  }
  default: { // A graph output pointed at another value.
    if (g.output_size() == 0)
      return false;
    std::vector<std::string> names = valueNames(g);
    if (names.empty())
      return false;
    g.mutable_output(pick(rng, g.output()))
        ->set_name(names[rng() % names.size()]);
    return true;
  }
  }
}

} // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size,
                                          size_t maxSize, unsigned int seed) {
  Rng rng(seed);
  if (rng() % 2 == 0)
    return LLVMFuzzerMutate(data, size, maxSize);
  onnx::ModelProto model;
  if (!model.ParseFromArray(data, static_cast<int>(size)) || !model.has_graph())
    return LLVMFuzzerMutate(data, size, maxSize);
  bool changed = false;
  for (int tries = 0; tries < 4 && !changed; ++tries)
    changed = mutateModel(model, rng);
  std::string out;
  if (!changed || !model.SerializeToString(&out) || out.size() > maxSize)
    return LLVMFuzzerMutate(data, size, maxSize);
  std::memcpy(data, out.data(), out.size());
  return out.size();
}
