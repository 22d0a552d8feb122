//===- Inspect.cpp - kiln inspect: what a model is ------------------------===//
//
// Prints a model's inputs and outputs, opset, op histogram, parameter count,
// FLOPs of Conv/ConvTranspose/Gemm/MatMul (1 MAC = 2 FLOPs, from ONNX shape
// inference) and every op Kiln cannot import.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <set>

namespace kiln::tool {
namespace {

using ShapeMap = std::map<std::string, std::vector<int64_t>>;

/// Static shapes of every value ONNX inference resolved; -1 where unknown.
ShapeMap collectShapes(const onnx::GraphProto &g) {
  ShapeMap shapes;
  auto add = [&](const onnx::ValueInfoProto &vi) {
    if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
      return;
    std::vector<int64_t> dims;
    for (const auto &d : vi.type().tensor_type().shape().dim())
      dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
    shapes[vi.name()] = dims;
  };
  for (const auto &vi : g.input())
    add(vi);
  for (const auto &vi : g.value_info())
    add(vi);
  for (const auto &vi : g.output())
    add(vi);
  for (const auto &t : g.initializer())
    shapes[t.name()] = std::vector<int64_t>(t.dims().begin(), t.dims().end());
  return shapes;
}

/// Product of dims, or -1 if any is unknown.
double product(const std::vector<int64_t> &dims, size_t from = 0) {
  double p = 1;
  for (size_t i = from; i < dims.size(); ++i) {
    if (dims[i] < 0)
      return -1;
    p *= static_cast<double>(dims[i]);
  }
  return p;
}

/// FLOPs of one node, -1 if unknown, 0 if not counted.
double nodeFlops(const onnx::NodeProto &n, const ShapeMap &shapes) {
  auto shapeOf = [&](int i, bool output) -> const std::vector<int64_t> * {
    const auto &names = output ? n.output() : n.input();
    if (i >= names.size())
      return nullptr;
    auto it = shapes.find(names[i]);
    return it == shapes.end() ? nullptr : &it->second;
  };
  const std::string &op = n.op_type();
  if (op == "Conv" || op == "ConvTranspose") {
    auto *w = shapeOf(1, false);
    auto *y = shapeOf(0, false);
    auto *out = shapeOf(0, true);
    if (!w || !out || !y)
      return -1;
    double wPerOut = product(*w, 1);
    // Conv: every output element takes (C/g)*k MACs. ConvTranspose: every
    // input element scatters into (M/g)*k outputs.
    double count = op == "Conv" ? product(*out) : product(*y);
    return wPerOut < 0 || count < 0 ? -1 : 2 * count * wPerOut;
  }
  if (op == "Gemm" || op == "MatMul") {
    auto *a = shapeOf(0, false);
    auto *out = shapeOf(0, true);
    if (!a || !out || a->empty())
      return -1;
    int64_t k = a->back();
    if (op == "Gemm")
      for (const auto &attr : n.attribute())
        if (attr.name() == "transA" && attr.i())
          k = (*a)[0];
    double o = product(*out);
    return k < 0 || o < 0 ? -1 : 2 * o * static_cast<double>(k);
  }
  return 0;
}

std::string human(double v) {
  const char *units[] = {"", " K", " M", " G", " T"};
  int u = 0;
  while (v >= 1000 && u < 4) {
    v /= 1000;
    ++u;
  }
  std::string s;
  llvm::raw_string_ostream(s)
      << llvm::format(u ? "%.2f" : "%.0f", v) << units[u];
  return s;
}

std::string formatValue(const onnx::ValueInfoProto &vi) {
  std::string s;
  const auto &tt = vi.type().tensor_type();
  if (tt.has_shape()) {
    for (int i = 0; i < tt.shape().dim_size(); ++i) {
      const auto &d = tt.shape().dim(i);
      s += (i ? "x" : "") + (d.has_dim_value()   ? std::to_string(d.dim_value())
                             : d.has_dim_param() ? d.dim_param()
                                                 : std::string("?"));
    }
    if (s.empty())
      s = "scalar";
  } else {
    s = "unranked";
  }
  auto dtype = dtypeFromOnnx(tt.elem_type());
  return s + " " + (dtype ? std::string(dtypeName(*dtype)) : "unsupported");
}

} // namespace

int inspectCommand(const InspectOptions &opts) {
  auto ctx = makeContext();
  frontend::LoadOptions load;
  if (!parseShapeOptions(opts.shapes, load.inputShapes))
    return 1;
  auto model = frontend::loadModel(*ctx, opts.model, load);
  if (!model)
    return 1;
  const onnx::ModelProto &m = *model->proto;
  const onnx::GraphProto &g = m.graph();
  auto &os = llvm::outs();
  os << "model      " << opts.model << "\n";
  os << "producer   "
     << (m.producer_name().empty() ? "unknown" : m.producer_name()) << " "
     << m.producer_version() << ", ir_version " << m.ir_version() << "\n";
  os << "opsets    ";
  for (const auto &o : m.opset_import())
    os << " " << (o.domain().empty() ? "ai.onnx" : o.domain()) << ":"
       << o.version();
  os << "\n";

  std::set<std::string> inits;
  for (const auto &t : g.initializer())
    inits.insert(t.name());
  os << "inputs\n";
  for (const auto &vi : g.input())
    if (!inits.count(vi.name()))
      os << "  " << vi.name() << "  " << formatValue(vi) << "\n";
  os << "outputs\n";
  for (const auto &vi : g.output())
    os << "  " << vi.name() << "  " << formatValue(vi) << "\n";

  double params = 0, bytes = 0;
  for (const auto &t : g.initializer()) {
    double n = product(std::vector<int64_t>(t.dims().begin(), t.dims().end()));
    params += n;
    if (auto dt = dtypeFromOnnx(t.data_type()))
      bytes += n * static_cast<double>(dtypeSize(*dt));
  }
  os << "parameters " << human(params) << " (" << llvm::format("%.0f", params)
     << " in " << g.initializer_size() << " initializers, "
     << llvm::format("%.1f", bytes / (1024.0 * 1024.0)) << " MiB)\n";

  ShapeMap shapes = collectShapes(g);
  std::map<std::string, double> flopsByOp;
  std::map<std::string, int> histogram;
  double total = 0;
  int unknown = 0;
  for (const auto &n : g.node()) {
    ++histogram[(n.domain().empty() || n.domain() == "ai.onnx"
                     ? ""
                     : n.domain() + ".") +
                n.op_type()];
    double f = nodeFlops(n, shapes);
    if (f < 0) {
      ++unknown;
      continue;
    }
    if (f > 0) {
      flopsByOp[n.op_type()] += f;
      total += f;
    }
  }
  os << "FLOPs      " << human(total);
  if (!flopsByOp.empty()) {
    os << " (";
    bool first = true;
    for (const auto &[op, f] : flopsByOp) {
      os << (first ? "" : ", ") << op << " " << human(f);
      first = false;
    }
    os << ")";
  }
  if (unknown)
    os << "; " << unknown << " node(s) with unknown shapes not counted";
  os << "\n";

  std::vector<std::pair<int, std::string>> ops;
  for (const auto &[op, c] : histogram)
    ops.push_back({-c, op});
  std::sort(ops.begin(), ops.end());
  os << "ops        " << g.node_size() << " nodes, " << ops.size()
     << " op types\n";
  for (const auto &[c, op] : ops)
    os << "  " << llvm::format("%-28s", op.c_str()) << -c << "\n";

  std::vector<frontend::UnsupportedOp> unsupported =
      frontend::findUnsupportedOps(*model);
  if (!unsupported.empty()) {
    os << "unsupported " << frontend::formatUnsupported(unsupported) << "\n";
    os.flush();
    return reportError(opts.model + ": " +
                       frontend::formatUnsupported(unsupported));
  }
  os << "unsupported none\n";
  os.flush();
  // Importing checks what the ONNX checker does not: attributes and types
  // against each kiln op's verifier.
  if (!frontend::importModel(*ctx, *model))
    return 1;
  return 0;
}

} // namespace kiln::tool
