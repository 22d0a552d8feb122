//===- Layers.cpp - A JIT plan matched layer by layer with the interpreter ===//
//
// See Layers.h for the matching rules.
//
//===----------------------------------------------------------------------===//
#include "Layers.h"

#include "kiln/cpu/StepCost.h"
#include "kiln/ir/BatchItems.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>

namespace kiln::tool {

/// The ONNX node name the importer put in \p loc ("" when there is none).
std::string nodeName(mlir::Location loc) { return cpu::nodeName(loc); }

/// "kiln.conv" -> "conv".
std::string shortOpName(mlir::Operation *op) {
  llvm::StringRef name = op->getName().getStringRef();
  name.consume_front("kiln.");
  return name.str();
}

std::string itemsLabel(int64_t begin, int64_t end) {
  if (begin < 0)
    return "";
  return " [items " + std::to_string(begin) + ":" + std::to_string(end) + "]";
}

/// Median of \p v (0 when empty).
double median(std::vector<double> v) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// \p t in the NCHW layout of \p want when it is \p want's channel-blocked
/// form (N x C/c x H x W x c, LayoutOps.td: a step of a blocked chain),
/// else \p t itself.
static Tensor unblocked(const Tensor &t, const Tensor &want) {
  if (!t.isDense() || t.rank() != 5 || want.rank() != 4 ||
      t.dtype() != want.dtype() || t.dim(0) != want.dim(0) ||
      t.dim(1) * t.dim(4) != want.dim(1) || t.dim(2) != want.dim(2) ||
      t.dim(3) != want.dim(3))
    return t;
  int64_t c = t.dim(4), channels = want.dim(1), plane = t.dim(2) * t.dim(3);
  size_t es = dtypeSize(t.dtype());
  Tensor out = Tensor::uninitialized(t.dtype(), want.shape());
  const char *src = static_cast<const char *>(t.raw());
  char *dst = static_cast<char *>(out.raw());
  for (int64_t n = 0; n < t.dim(0); ++n)
    for (int64_t ch = 0; ch < channels; ++ch)
      for (int64_t p = 0; p < plane; ++p)
        std::memcpy(dst + ((n * channels + ch) * plane + p) * es,
                    src + (((n * t.dim(1) + ch / c) * plane + p) * c + ch % c) *
                              es,
                    es);
  return out;
}

/// Items [begin, end) of dim 0 of \p t (a copy), or \p t itself when it
/// has no such items (the comparison then reports the shapes).
static Tensor itemsOf(const Tensor &t, int64_t begin, int64_t end) {
  if (!t.isDense() || t.rank() == 0 || begin < 0 || end > t.dim(0) ||
      begin >= end)
    return t;
  Shape dims = t.shape();
  size_t itemBytes = t.byteSize() / static_cast<size_t>(dims[0]);
  dims[0] = end - begin;
  Tensor out = Tensor::uninitialized(t.dtype(), dims);
  std::memcpy(out.raw(), static_cast<const char *>(t.raw()) + begin * itemBytes,
              out.byteSize());
  return out;
}

/// Matches the JIT's plan with the interpreter's graph (see the file header).
void matchLayers(mlir::ModuleOp interpModule, const cpu::Plan &plan,
                 std::vector<InterpOp> &ops, std::vector<Layer> &layers) {
  auto main = interpModule.lookupSymbol<mlir::func::FuncOp>("main");
  llvm::DenseMap<mlir::Operation *, int> index;
  std::map<std::string, std::vector<int>> byNode;
  mlir::Block &body = main.getBody().front();
  for (mlir::Operation &op : body) {
    if (llvm::isa<ConstantOp, NoneOp, mlir::func::ReturnOp>(op))
      continue;
    index[&op] = static_cast<int>(ops.size());
    ops.push_back({&op, nodeName(op.getLoc()), shortOpName(&op)});
    if (!ops.back().node.empty())
      byNode[ops.back().node].push_back(index[&op]);
  }

  // 1. Counterparts.
  std::map<std::tuple<std::string, std::string, int64_t>, size_t> seen;
  for (const cpu::PlanStep &step : plan.steps) {
    assert(!step.ops.empty() && "a plan step computes at least one op");
    Layer layer;
    mlir::Operation *last = step.ops.back();
    layer.node = nodeName(last->getLoc());
    layer.op = shortOpName(last);
    layer.kind = cpu::kindName(step.kind);
    if (auto items =
            last->getAttrOfType<mlir::DenseI64ArrayAttr>(kItemsAttrName);
        items && items.size() == 2) {
      layer.itemBegin = items[0];
      layer.itemEnd = items[1];
    }
    auto it = byNode.find(layer.node);
    if (it != byNode.end()) {
      std::vector<int> same;
      for (int i : it->second)
        if (ops[i].name == layer.op)
          same.push_back(i);
      size_t k = seen[{layer.node, layer.op, layer.itemBegin}]++;
      layer.counterpart =
          same.empty() ? it->second.back() : same[std::min(k, same.size() - 1)];
      ops[layer.counterpart].compared = true;
      if (ops[layer.counterpart].layer < 0)
        ops[layer.counterpart].layer = static_cast<int>(layers.size());
    }
    layers.push_back(std::move(layer));
  }
  // 2. The rest of each node a step's ops belong to.
  for (size_t l = 0; l < layers.size(); ++l)
    for (mlir::Operation *op : plan.steps[l].ops) {
      auto it = byNode.find(nodeName(op->getLoc()));
      if (it != byNode.end())
        for (int i : it->second)
          if (ops[i].layer < 0)
            ops[i].layer = static_cast<int>(l);
    }
  // 3. Ops the JIT fused or folded away: the earliest consuming layer.
  // Users come later in the block, so a reverse walk sees them first.
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
    if (it->layer >= 0)
      continue;
    for (mlir::Operation *user : it->op->getUsers()) {
      // A use inside a region (If, Loop) counts as a use by the region's op.
      auto u = index.find(body.findAncestorOpInBlock(*user));
      if (u == index.end() || ops[u->second].layer < 0)
        continue;
      int l = ops[u->second].layer;
      it->layer = it->layer < 0 ? l : std::min(it->layer, l);
    }
  }
  for (size_t i = 0; i < ops.size(); ++i)
    if (ops[i].layer >= 0)
      layers[ops[i].layer].interpOps.push_back(static_cast<int>(i));
}

llvm::Error compareLayers(Interpreter &interp, cpu::JitModel &jit,
                          mlir::ModuleOp interpModule,
                          const std::vector<Tensor> &inputs, unsigned runs,
                          double atol, double rtol, LayerReport &report) {
  std::vector<InterpOp> &ops = report.ops;
  std::vector<Layer> &layers = report.layers;
  const cpu::Plan &plan = jit.getPlan();
  matchLayers(interpModule, plan, ops, layers);
  // Concats the executor elided: their inputs were computed in place.
  for (size_t i = 0; i < layers.size(); ++i)
    if (jit.getExecutor().isElided(i))
      layers[i].kind = "in place";
  llvm::DenseMap<mlir::Operation *, int> opIndex;
  for (size_t i = 0; i < ops.size(); ++i)
    opIndex[ops[i].op] = static_cast<int>(i);
  for (unsigned r = 0; r < runs; ++r) {
    auto result =
        interp.run(inputs, [&](mlir::Operation *op,
                               const std::vector<Tensor> &res, double ms) {
          auto it = opIndex.find(op);
          if (it == opIndex.end())
            return;
          InterpOp &o = ops[it->second];
          o.ms.push_back(ms);
          if (r == 0 && o.compared)
            for (const Tensor &t : res)
              o.results.push_back(t.clone());
        });
    if (!result)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "interpreter: " +
                                         llvm::toString(result.takeError()));
  }
  for (unsigned r = 0; r < runs; ++r) {
    size_t next = 0;
    auto result =
        jit.run(inputs, [&](const cpu::PlanStep &step,
                            const std::vector<Tensor> &res, double ms) {
          assert(&step == &plan.steps[next] && "steps run in plan order");
          (void)step;
          Layer &layer = layers[next++];
          layer.jitMs.push_back(ms);
          if (r != 0 || layer.counterpart < 0)
            return;
          InterpOp &ref = ops[layer.counterpart];
          for (size_t i = 0; i < res.size() && i < ref.results.size(); ++i) {
            const Tensor &want =
                layer.itemBegin < 0
                    ? ref.results[i]
                    : itemsOf(ref.results[i], layer.itemBegin, layer.itemEnd);
            layer.diff.merge(
                compareTensors(unblocked(res[i], want), want, atol, rtol));
            layer.compared = true;
          }
        });
    if (!result)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "jit: " +
                                         llvm::toString(result.takeError()));
    // A counterpart may serve several steps: release copies only now.
    if (r == 0)
      for (InterpOp &o : ops)
        o.results.clear();
  }

  for (Layer &layer : layers) {
    layer.jitMedian = median(layer.jitMs);
    for (unsigned r = 0; r < runs; ++r) {
      double sum = 0;
      for (int i : layer.interpOps)
        sum += r < ops[i].ms.size() ? ops[i].ms[r] : 0;
      layer.interpMs.push_back(sum);
    }
    layer.interpMedian = median(layer.interpMs);
    report.skippedSteps += !layer.compared;
  }
  for (const InterpOp &o : ops)
    if (o.layer < 0 && !o.ms.empty()) {
      ++report.uncoveredOps;
      report.uncoveredMs += median(o.ms);
    }
  for (size_t l = 0; l < layers.size(); ++l)
    if (layers[l].compared && !layers[l].diff.ok()) {
      report.firstDivergence = static_cast<int>(l);
      break;
    }
  for (size_t l = 0; l < layers.size(); ++l)
    report.slowest.push_back(static_cast<int>(l));
  std::stable_sort(
      report.slowest.begin(), report.slowest.end(),
      [&](int a, int b) { return layers[a].jitMedian > layers[b].jitMedian; });
  report.slowest.resize(std::min<size_t>(report.slowest.size(), 5));
  return llvm::Error::success();
}

} // namespace kiln::tool
