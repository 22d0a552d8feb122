//===- Minimizer.cpp - Shrink a failing model while it still fails --------===//
#include "Minimizer.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <map>
#include <set>

namespace kiln::fuzz {
namespace {

/// Removes ops whose outputs nothing uses, then unused initializers and
/// inputs, and the inferred value_info.
void prune(onnx::ModelProto &model) {
  onnx::GraphProto &g = *model.mutable_graph();
  g.clear_value_info();
  for (bool changed = true; changed;) {
    changed = false;
    std::set<std::string> used;
    for (const auto &o : g.output())
      used.insert(o.name());
    for (const auto &n : g.node())
      for (const auto &in : n.input())
        used.insert(in);
    for (int i = g.node_size() - 1; i >= 0; --i) {
      bool live = false;
      for (const auto &out : g.node(i).output())
        live = live || used.count(out);
      if (!live) {
        g.mutable_node()->DeleteSubrange(i, 1);
        changed = true;
      }
    }
    if (changed)
      continue;
    for (int i = g.initializer_size() - 1; i >= 0; --i)
      if (!used.count(g.initializer(i).name()))
        g.mutable_initializer()->DeleteSubrange(i, 1);
    for (int i = g.input_size() - 1; i >= 0; --i)
      if (!used.count(g.input(i).name()))
        g.mutable_input()->DeleteSubrange(i, 1);
  }
}

/// The types ONNX shape inference gives every value of \p model (inputs,
/// initializers, op outputs); empty when inference fails.
std::map<std::string, onnx::TypeProto>
inferTypes(const onnx::ModelProto &model) {
  std::map<std::string, onnx::TypeProto> types;
  onnx::ModelProto copy = model;
  try {
    onnx::ShapeInferenceOptions options;
    options.check_type = true;
    options.error_mode = 1;
    onnx::shape_inference::InferShapes(copy, onnx::OpSchemaRegistry::Instance(),
                                       options);
  } catch (const std::exception &) {
    return types;
  }
  const onnx::GraphProto &g = copy.graph();
  for (const auto &v : g.input())
    types[v.name()] = v.type();
  for (const auto &v : g.value_info())
    types[v.name()] = v.type();
  for (const auto &v : g.output())
    types[v.name()] = v.type();
  for (const auto &t : g.initializer()) {
    onnx::TypeProto ty;
    ty.mutable_tensor_type()->set_elem_type(t.data_type());
    auto *shape = ty.mutable_tensor_type()->mutable_shape();
    for (int64_t d : t.dims())
      shape->add_dim()->set_dim_value(d);
    types[t.name()] = ty;
  }
  return types;
}

/// Whether \p t is a tensor type with a fully static shape.
bool isStatic(const onnx::TypeProto &t) {
  if (!t.has_tensor_type() || !t.tensor_type().has_shape())
    return false;
  for (const auto &d : t.tensor_type().shape().dim())
    if (!d.has_dim_value())
      return false;
  return true;
}

bool sameType(const onnx::TypeProto &a, const onnx::TypeProto &b) {
  return a.SerializeAsString() == b.SerializeAsString();
}

/// \p model without op \p index (see the file header of Minimizer.h); false
/// when the op cannot go.
bool dropOp(onnx::ModelProto &model, int index,
            const std::map<std::string, onnx::TypeProto> &types) {
  onnx::GraphProto &g = *model.mutable_graph();
  onnx::NodeProto node = g.node(index);
  // Values defined before the op: candidates for rewiring.
  std::vector<std::string> earlier;
  for (const auto &v : g.input())
    earlier.push_back(v.name());
  for (const auto &t : g.initializer())
    earlier.push_back(t.name());
  for (int i = 0; i < index; ++i)
    for (const auto &o : g.node(i).output())
      earlier.push_back(o);
  for (const std::string &out : node.output()) {
    if (out.empty())
      continue;
    // A graph output produced here is dropped, if another remains.
    for (int i = g.output_size() - 1; i >= 0; --i)
      if (g.output(i).name() == out) {
        if (g.output_size() == 1)
          return false;
        g.mutable_output()->DeleteSubrange(i, 1);
      }
    auto it = types.find(out);
    if (it == types.end() || !isStatic(it->second))
      return false;
    std::string replacement;
    for (const std::string &e : earlier) {
      auto et = types.find(e);
      if (et != types.end() && sameType(et->second, it->second)) {
        replacement = e;
        break;
      }
    }
    if (replacement.empty()) {
      // A new input, named so that it gets data like the op's operands.
      std::string prefix = "x";
      for (const auto &in : node.input())
        if (in.rfind("edge", 0) == 0 || in.rfind("w_edge", 0) == 0)
          prefix = "edge";
      replacement = prefix + "_" + out;
      onnx::ValueInfoProto *vi = g.add_input();
      vi->set_name(replacement);
      *vi->mutable_type() = it->second;
    }
    for (auto &n : *g.mutable_node())
      for (auto &in : *n.mutable_input())
        if (in == out)
          in = replacement;
  }
  g.mutable_node()->DeleteSubrange(index, 1);
  prune(model);
  return g.node_size() > 0;
}

/// Clears declared shapes of outputs (inference recomputes them after a
/// graph input shrank).
void forgetOutputShapes(onnx::ModelProto &model) {
  for (auto &o : *model.mutable_graph()->mutable_output())
    if (o.type().has_tensor_type())
      o.mutable_type()->mutable_tensor_type()->clear_shape();
}

} // namespace

MinimizeStats minimizeModel(onnx::ModelProto &model, const Verdict &failure,
                            const CandidateCheck &check, int maxCandidates) {
  MinimizeStats stats;
  std::string want = failure.signature();
  auto tryCandidate = [&](const onnx::ModelProto &candidate) {
    if (stats.candidates >= maxCandidates)
      return false;
    ++stats.candidates;
    if (check(candidate).signature() != want)
      return false;
    model = candidate;
    ++stats.accepted;
    return true;
  };
  prune(model);
  for (bool progress = true; progress && stats.candidates < maxCandidates;) {
    progress = false;
    // 1. Outputs.
    for (int i = model.graph().output_size() - 1;
         i >= 0 && model.graph().output_size() > 1; --i) {
      onnx::ModelProto c = model;
      c.mutable_graph()->mutable_output()->DeleteSubrange(i, 1);
      prune(c);
      progress |= tryCandidate(c);
    }
    // 2. Ops, last first.
    for (int i = model.graph().node_size() - 1; i >= 0; --i) {
      if (i >= model.graph().node_size())
        continue;
      auto types = inferTypes(model);
      if (types.empty())
        break;
      onnx::ModelProto c = model;
      if (dropOp(c, i, types))
        progress |= tryCandidate(c);
    }
    // 3. Input dims.
    for (int i = 0; i < model.graph().input_size(); ++i) {
      auto *shape = model.graph().input(i).type().has_tensor_type()
                        ? &model.graph().input(i).type().tensor_type().shape()
                        : nullptr;
      if (!shape)
        continue;
      for (int d = 0; d < shape->dim_size(); ++d) {
        int64_t size = model.graph()
                           .input(i)
                           .type()
                           .tensor_type()
                           .shape()
                           .dim(d)
                           .dim_value();
        for (int64_t smaller : {size / 2, int64_t(1)}) {
          if (smaller < 1 || smaller >= size)
            continue;
          onnx::ModelProto c = model;
          c.mutable_graph()
              ->mutable_input(i)
              ->mutable_type()
              ->mutable_tensor_type()
              ->mutable_shape()
              ->mutable_dim(d)
              ->set_dim_value(smaller);
          forgetOutputShapes(c);
          if (tryCandidate(c)) {
            progress = true;
            break;
          }
        }
      }
    }
  }
  return stats;
}

} // namespace kiln::fuzz
