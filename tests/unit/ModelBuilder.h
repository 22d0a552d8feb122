//===- ModelBuilder.h - Small ONNX models built in tests --------*- C++ -*-===//
#ifndef KILN_TESTS_UNIT_MODELBUILDER_H
#define KILN_TESTS_UNIT_MODELBUILDER_H

#include <onnx/onnx_pb.h>

#include <fstream>
#include <string>
#include <vector>

namespace kiln::test {

/// Builds a ModelProto of the default domain at one opset.
class ModelBuilder {
public:
  explicit ModelBuilder(int64_t opset = 17) {
    model.set_ir_version(8);
    auto *op = model.add_opset_import();
    op->set_domain("");
    op->set_version(opset);
    model.mutable_graph()->set_name("test");
  }
  /// Adds a graph input of ONNX type \p elemType (1 = float) and \p dims.
  ModelBuilder &input(const std::string &name, std::vector<int64_t> dims,
                      int elemType = 1) {
    setType(model.mutable_graph()->add_input(), name, dims, elemType);
    return *this;
  }
  ModelBuilder &output(const std::string &name, std::vector<int64_t> dims,
                       int elemType = 1) {
    setType(model.mutable_graph()->add_output(), name, dims, elemType);
    return *this;
  }
  /// Adds a float initializer.
  ModelBuilder &initializer(const std::string &name, std::vector<int64_t> dims,
                            std::vector<float> values) {
    auto *t = model.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(1);
    for (int64_t d : dims)
      t->add_dims(d);
    for (float v : values)
      t->add_float_data(v);
    return *this;
  }
  /// Adds an int64 initializer (shapes, axes).
  ModelBuilder &initializerI64(const std::string &name,
                               std::vector<int64_t> dims,
                               std::vector<int64_t> values) {
    auto *t = model.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(7);
    for (int64_t d : dims)
      t->add_dims(d);
    for (int64_t v : values)
      t->add_int64_data(v);
    return *this;
  }
  /// Adds an f32 initializer whose data is in the external file
  /// \p location (beside the model), at \p offset when it is not empty.
  ModelBuilder &externalInitializer(const std::string &name,
                                    std::vector<int64_t> dims,
                                    const std::string &location,
                                    const std::string &offset = "") {
    auto *t = model.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(1);
    for (int64_t d : dims)
      t->add_dims(d);
    t->set_data_location(onnx::TensorProto::EXTERNAL);
    auto *kv = t->add_external_data();
    kv->set_key("location");
    kv->set_value(location);
    if (!offset.empty()) {
      kv = t->add_external_data();
      kv->set_key("offset");
      kv->set_value(offset);
    }
    return *this;
  }
  /// Adds a node; returns it for attributes.
  onnx::NodeProto &node(const std::string &op, std::vector<std::string> ins,
                        std::vector<std::string> outs,
                        const std::string &name = "") {
    auto *n = model.mutable_graph()->add_node();
    n->set_op_type(op);
    n->set_name(name.empty() ? op + std::to_string(counter++) : name);
    for (auto &i : ins)
      n->add_input(i);
    for (auto &o : outs)
      n->add_output(o);
    return *n;
  }
  /// Writes the model to \p path.
  void save(const std::string &path) const {
    std::ofstream out(path, std::ios::binary);
    model.SerializeToOstream(&out);
  }
  onnx::ModelProto model;

private:
  static void setType(onnx::ValueInfoProto *vi, const std::string &name,
                      const std::vector<int64_t> &dims, int elemType) {
    vi->set_name(name);
    auto *tt = vi->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(elemType);
    auto *shape = tt->mutable_shape();
    for (int64_t d : dims) {
      if (d < 0)
        shape->add_dim()->set_dim_param("N");
      else
        shape->add_dim()->set_dim_value(d);
    }
  }
  int counter = 0;
};

/// Adds an INTS attribute.
inline void addInts(onnx::NodeProto &n, const std::string &name,
                    std::vector<int64_t> values) {
  auto *a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values)
    a->add_ints(v);
}

} // namespace kiln::test

#endif
