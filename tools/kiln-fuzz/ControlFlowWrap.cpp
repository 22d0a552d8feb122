//===- ControlFlowWrap.cpp - A generated graph inside a Loop or an If -----===//
//
// kiln-fuzz-graphs --control-flow: the ops of a generated graph move into
// the body of a Loop or into both branches of an If, reading the graph's
// inputs and initializers from the outer scope, so every op generator's
// ops are also planned, compiled and run inside regions (Generator.h).
//
//===----------------------------------------------------------------------===//
#include "Generator.h"

#include "GraphBuilder.h"

#include "llvm/ADT/STLExtras.h"

#include <map>

namespace kiln::fuzz {
namespace {

/// \p info's static dims.
zoo::Dims dimsOf(const onnx::ValueInfoProto &info) {
  zoo::Dims dims;
  for (const auto &d : info.type().tensor_type().shape().dim())
    dims.push_back(d.dim_value());
  return dims;
}

/// \p nodes with every name they define (outputs, node names) suffixed
/// with \p suffix, and their inputs renamed to match; names from outside
/// (inputs, initializers) stay.
std::vector<onnx::NodeProto>
renamed(const google::protobuf::RepeatedPtrField<onnx::NodeProto> &nodes,
        const std::string &suffix, std::map<std::string, std::string> &names) {
  std::vector<onnx::NodeProto> out;
  for (const onnx::NodeProto &n : nodes) {
    onnx::NodeProto copy = n;
    for (std::string &in : *copy.mutable_input())
      if (auto it = names.find(in); it != names.end())
        in = it->second;
    for (std::string &o : *copy.mutable_output())
      if (!o.empty())
        o = names[o] = o + suffix;
    if (!copy.name().empty())
      copy.set_name(copy.name() + suffix);
    out.push_back(std::move(copy));
  }
  return out;
}

/// Adds `name = Identity(from)` to \p g and declares \p name an output of
/// \p g of \p elemType and \p dims.
void addIdentityOutput(onnx::GraphProto &g, const std::string &from,
                       const std::string &name, int32_t elemType,
                       const zoo::Dims &dims) {
  onnx::NodeProto *n = g.add_node();
  n->set_op_type("Identity");
  n->set_name(name);
  n->add_input(from);
  n->add_output(name);
  zoo::setTensorType(*g.add_output(), elemType, dims);
  g.mutable_output(g.output_size() - 1)->set_name(name);
}

/// Adds a scalar initializer to \p g.
void addScalar(onnx::GraphProto &g, const std::string &name, int32_t type,
               int64_t value) {
  onnx::TensorProto *t = g.add_initializer();
  t->set_name(name);
  t->set_data_type(type);
  if (type == onnx::TensorProto::BOOL)
    t->add_int32_data(static_cast<int32_t>(value));
  else
    t->add_int64_data(value);
}

} // namespace

void wrapInControlFlow(GeneratedGraph &g, uint64_t seed) {
  zoo::Rng rng(zoo::deriveSeed(seed, "kiln-fuzz-graphs control flow"));
  onnx::GraphProto &main = *g.model.mutable_graph();
  std::vector<onnx::ValueInfoProto> outputs(main.output().begin(),
                                            main.output().end());
  if (outputs.empty() || main.node_size() == 0)
    return; // nothing to wrap (a minimizer's candidate)
  google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
  nodes.Swap(main.mutable_node());
  main.clear_output();
  const int32_t f32 = onnx::TensorProto::FLOAT;

  onnx::NodeProto node;
  node.set_name("cf_node");
  auto attach = [&](const std::string &attr, onnx::GraphProto body) {
    onnx::AttributeProto *a = node.add_attribute();
    a->set_name(attr);
    a->set_type(onnx::AttributeProto::GRAPH);
    body.set_name(attr);
    *a->mutable_g() = std::move(body);
  };
  if (rng.uniform() < 0.5) {
    // y_k = If(cond) with the graph's ops in both branches (the else
    // branch's values renamed), so both regions are planned.
    node.set_op_type("If");
    addScalar(main, "cf_cond", onnx::TensorProto::BOOL, rng.uniform() < 0.5);
    node.add_input("cf_cond");
    for (const char *branch : {"then_branch", "else_branch"}) {
      std::string suffix = std::string("_") + branch;
      std::map<std::string, std::string> names;
      onnx::GraphProto body;
      for (onnx::NodeProto &n : renamed(nodes, suffix, names))
        *body.add_node() = std::move(n);
      for (auto [k, o] : llvm::enumerate(outputs)) {
        auto it = names.find(o.name());
        addIdentityOutput(body, it == names.end() ? o.name() : it->second,
                          "cf_" + std::to_string(k) + suffix, f32, dimsOf(o));
      }
      attach(branch, std::move(body));
    }
    for (const onnx::ValueInfoProto &o : outputs) {
      node.add_output(o.name());
      *main.add_output() = o;
    }
    g.ops.push_back("if");
  } else {
    // total, ys_k = Loop(trips, "", zeros) over the graph's ops: each trip
    // adds the first output to the carried sum and stacks every output.
    // (The loop's results get names of their own: the body defines the
    // graph's.)
    int64_t trips = 1 + static_cast<int64_t>(rng.uniform() * 3);
    node.set_op_type("Loop");
    addScalar(main, "cf_trips", onnx::TensorProto::INT64, trips);
    zoo::Dims firstDims = dimsOf(outputs[0]);
    onnx::TensorProto *zeros = main.add_initializer();
    zeros->set_name("cf_zeros");
    zeros->set_data_type(f32);
    for (int64_t d : firstDims)
      zeros->add_dims(d);
    for (int64_t i = 0; i < zoo::numElements(firstDims); ++i)
      zeros->add_float_data(0.0f);
    node.add_input("cf_trips");
    node.add_input("");
    node.add_input("cf_zeros");

    onnx::GraphProto body;
    zoo::setTensorType(*body.add_input(), onnx::TensorProto::INT64, {});
    body.mutable_input(0)->set_name("cf_i");
    zoo::setTensorType(*body.add_input(), onnx::TensorProto::BOOL, {});
    body.mutable_input(1)->set_name("cf_cond");
    zoo::setTensorType(*body.add_input(), f32, firstDims);
    body.mutable_input(2)->set_name("cf_sum");
    for (onnx::NodeProto &n : nodes)
      *body.add_node() = std::move(n);
    addIdentityOutput(body, "cf_cond", "cf_cond_out", onnx::TensorProto::BOOL,
                      {});
    onnx::NodeProto *add = body.add_node();
    add->set_op_type("Add");
    add->set_name("cf_sum_out");
    add->add_input("cf_sum");
    add->add_input(outputs[0].name());
    add->add_output("cf_sum_out");
    zoo::setTensorType(*body.add_output(), f32, firstDims);
    body.mutable_output(1)->set_name("cf_sum_out");
    for (auto [k, o] : llvm::enumerate(outputs))
      addIdentityOutput(body, o.name(), "cf_scan_" + std::to_string(k), f32,
                        dimsOf(o));
    attach("body", std::move(body));

    node.add_output("cf_total");
    zoo::setTensorType(*main.add_output(), f32, firstDims);
    main.mutable_output(0)->set_name("cf_total");
    for (auto [k, o] : llvm::enumerate(outputs)) {
      std::string name = "cf_out_" + std::to_string(k);
      node.add_output(name);
      zoo::Dims dims = dimsOf(o);
      dims.insert(dims.begin(), trips);
      zoo::setTensorType(*main.add_output(), f32, dims);
      main.mutable_output(main.output_size() - 1)->set_name(name);
    }
    g.ops.push_back("loop");
  }
  *main.add_node() = std::move(node);
  ++g.families["control-flow"];
}

} // namespace kiln::fuzz
