//===- AotSteps.cpp - The AOT driver's steps ------------------------------===//
//
// The run function's steps as generated C (AotSource.h): compiled steps
// (their index checks, then kiln_step), reference steps (kiln_rt_eval with
// static shapes or heap buffers of data-dependent shape), and control-flow
// steps (kiln_rt_control_flow, calling back a generated function per
// control-flow step that runs its regions' steps); plus the static data
// the calls into libkiln-rt.so pass.
//
//===----------------------------------------------------------------------===//
#include "AotSource.h"

#include "kiln/runtime/AttrBlob.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace kiln::cpu {

/// \p bytes as the C array `static const unsigned char NAME[]`.
static void writeBytes(llvm::raw_ostream &os, llvm::StringRef name,
                       llvm::StringRef bytes) {
  os << "static const unsigned char " << name << "["
     << std::max<size_t>(1, bytes.size()) << "] = {";
  for (auto [k, c] : llvm::enumerate(bytes))
    os << (k % 16 ? " " : "\n    ") << "0x"
       << llvm::utohexstr(static_cast<unsigned char>(c), /*LowerCase=*/true,
                          /*Width=*/2)
       << ",";
  if (bytes.empty())
    os << "0";
  os << "};\n";
}

/// For the steps run by libkiln-rt.so: the shapes of the slots they pass
/// (kiln_shape<slot>), each reference step's attribute blob
/// (kiln_attrs<N>) and each control-flow step's description (kiln_cf<N>).
static void writeReferenceData(llvm::raw_ostream &os, const LibraryDesc &d) {
  const Plan &plan = *d.plan;
  os << "\n/* Shapes and attributes of the steps run by libkiln-rt.so. */\n"
     << "static _Thread_local char kiln_error[1024];\n";
  std::vector<bool> done(plan.slots.size(), false);
  auto shapeOf = [&](int s) {
    if (s < 0 || done[s] ||
        (!plan.slots[s].isStatic && !llvm::is_contained(d.dynamicSlots, s) &&
         !d.regionDynamic[s]))
      return;
    done[s] = true;
    // A dynamic slot's known dims, -1 for the others, checked by the
    // runtime against the result it computes.
    const std::vector<int64_t> &shape =
        plan.slots[s].isStatic ? plan.slots[s].shape : d.slotSpecs[s].shape;
    os << "static const int64_t kiln_shape" << s << "["
       << std::max<size_t>(1, shape.size()) << "] = {";
    if (shape.empty())
      os << "0 /* rank 0 */";
    for (auto [k, dim] : llvm::enumerate(shape))
      os << (k ? ", " : "") << dim;
    os << "};\n";
  };
  forEachStep(plan, [&](const PlanStep &step) {
    size_t id = d.stepIds.at(&step);
    if (step.kind == PlanStep::Kind::Compiled)
      return;
    for (const auto &slots : {step.inputs, step.outputs})
      for (int s : slots)
        shapeOf(s);
    if (step.kind == PlanStep::Kind::Reference) {
      writeBytes(os, "kiln_attrs" + std::to_string(id),
                 serializeAttrs(step.attrs));
      return;
    }
    for (const PlanRegion &region : step.regions)
      for (int s : region.yields)
        shapeOf(s);
    writeBytes(os, "kiln_cf" + std::to_string(id),
               serializeControlFlow(step.controlFlow));
  });
}

/// The C statements that end a run on a failure with status \p code: a
/// return, or a jump to the run function's cleanup when it has heap
/// buffers.
static std::string failRun(const LibraryDesc &d, llvm::StringRef code) {
  return d.dynamicSlots.empty()
             ? ("return " + code + ";").str()
             : ("{\n      rc = " + code + ";\n      goto kiln_end;\n    }")
                   .str();
}

/// The operand and result arrays `ri` and `ro` of a call into
/// libkiln-rt.so for \p inputs and \p outputs (-1: absent or dropped).
static void writeRuntimeTensors(llvm::raw_ostream &os, const LibraryDesc &d,
                                const std::vector<int> &inputs,
                                const std::vector<int> &outputs) {
  const Plan &plan = *d.plan;
  // dtype 0: an absent operand, or a result the runtime drops.
  auto tensor = [&](int s, bool isResult) {
    if (s < 0)
      return std::string("{0, 0, NULL, NULL, 0, NULL}");
    const PlanSlot &slot = plan.slots[s];
    // A sequence or optional: an opaque value of libkiln-rt.so's.
    if (slot.kind != ValueKind::Tensor)
      return isResult
                 ? llvm::formatv("{{{0}, 0, NULL, NULL, KILN_RT_DYNAMIC | "
                                 "KILN_RT_VALUE, kiln_dims{1}}",
                                 dtypeToOnnx(slot.dtype), s)
                       .str()
                 : llvm::formatv("{{{0}, 0, NULL, kiln_dyn{1}, KILN_RT_VALUE, "
                                 "NULL}",
                                 dtypeToOnnx(slot.dtype), s)
                       .str();
    if (slot.isStatic)
      return llvm::formatv("{{{0}, {1}, kiln_shape{2}, {3}, 0, NULL}",
                           dtypeToOnnx(slot.dtype), slot.shape.size(), s,
                           slotPointer(d, s))
          .str();
    size_t rank = d.slotSpecs[s].shape.size();
    if (isResult)
      return llvm::formatv("{{{0}, {1}, kiln_shape{2}, NULL, KILN_RT_DYNAMIC, "
                           "kiln_dims{2}}",
                           dtypeToOnnx(slot.dtype), rank, s)
          .str();
    return llvm::formatv("{{{0}, {1}, kiln_dims{2}, kiln_dyn{2}, 0, NULL}",
                         dtypeToOnnx(slot.dtype), rank, s)
        .str();
  };
  auto array = [&](llvm::StringRef decl, const std::vector<int> &slots,
                   bool isResult) {
    if (slots.empty())
      return;
    os << "    " << decl << "[] = {";
    for (auto [k, s] : llvm::enumerate(slots))
      os << (k ? ",\n        " : "") << tensor(s, isResult);
    os << "};\n";
  };
  array("const kiln_rt_tensor ri", inputs, false);
  array("kiln_rt_tensor ro", outputs, true);
}

/// After a call into libkiln-rt.so for top-level step \p index: its
/// dynamic results' buffers, and the heap buffers it read last freed
/// (unless they are model outputs).
static void writeHeapUpdates(llvm::raw_ostream &os, const LibraryDesc &d,
                             const std::vector<int> &outputs, size_t index) {
  const Plan &plan = *d.plan;
  for (auto [r, s] : llvm::enumerate(outputs))
    if (s >= 0 && !plan.slots[s].isStatic)
      os << "    kiln_dyn" << s << " = ro[" << r << "].data;\n";
  for (int s : d.dynamicSlots)
    if (d.lastRead[s] == static_cast<int>(index) &&
        !llvm::is_contained(plan.outputSlots, s))
      os << "    " << releaseHeap(d, s) << ";\n    kiln_dyn" << s
         << " = NULL;\n";
}

/// \p step's results as a call into libkiln-rt.so passes them: -1 for one
/// nothing reads whose shape is not static (the runtime drops it).
static std::vector<int> keptOutputs(const Plan &plan, const PlanStep &step) {
  std::vector<int> outputs = step.outputs;
  for (size_t r = 0; r < outputs.size(); ++r)
    if (isDiscarded(plan, step, r))
      outputs[r] = -1;
  return outputs;
}

/// A reference step: one kiln_rt_eval call, its message kept on failure.
/// Dynamic operands pass the heap buffer and run-time dims of their slot;
/// dynamic results come back as a heap buffer, freed after the last step
/// reading them (or handed to the caller, for a model output). \p onFailure
/// is the C statement run when it fails.
static void writeReferenceStep(llvm::raw_ostream &os, const LibraryDesc &d,
                               const PlanStep &step,
                               llvm::StringRef onFailure) {
  const Plan &plan = *d.plan;
  size_t id = d.stepIds.at(&step);
  writeRuntimeTensors(os, d, step.inputs, keptOutputs(plan, step));
  os << "    if (kiln_rt_eval(" << cString(step.refName) << ", "
     << cString(step.label) << ", kiln_attrs" << id << ", sizeof kiln_attrs"
     << id << ",\n                     " << step.inputs.size() << ", "
     << (step.inputs.empty() ? "NULL" : "ri") << ", " << step.outputs.size()
     << ", " << (step.outputs.empty() ? "NULL" : "ro")
     << ", kiln_error, sizeof kiln_error))\n      " << onFailure << "\n";
}

/// The driver's check of index values, as checkIndexRange (IndexRange.h)
/// words its failures.
static const char *kIndexCheck = R"(
/* The message of the last KILN_ERR_INDEX on this thread. */
static _Thread_local char kiln_index_error[512];

/* Checks n index values (int64 when wide, else int32): value i addresses a
   dimension (number first + i % m) of size sizes[i % m]; an index lies in
   [-size, size), a class label (is_label) in [0, size) or equals ignore
   when has_ignore. Returns 1 with the message on the first that does not,
   as the op's reference kernel words it: the compiled kernel clamps. */
static int kiln_check_indices(const char *label, const void *values, int wide,
                              int64_t n, const int64_t *sizes, int64_t m,
                              int64_t first, int is_label, int has_ignore,
                              int64_t ignore) {
  int64_t i, k = 0;
  for (i = 0; i < n; ++i) {
    int64_t x = wide ? ((const int64_t *)values)[i]
                     : (int64_t)((const int32_t *)values)[i];
    int64_t size = sizes[k];
    int bad = is_label ? (x < 0 || x >= size) && !(has_ignore && x == ignore)
                       : x < -size || x >= size;
    if (bad) {
      if (is_label)
        snprintf(kiln_index_error, sizeof kiln_index_error,
                 "%s: expected target values in [0, %lld) or ignore_index, "
                 "found %lld at element %lld",
                 label, (long long)size, (long long)x, (long long)i);
      else
        snprintf(kiln_index_error, sizeof kiln_index_error,
                 "%s: index %lld is out of range for dimension %lld of "
                 "size %lld",
                 label, (long long)x, (long long)(first + k), (long long)size);
      return 1;
    }
    k = k + 1 == m ? 0 : k + 1;
  }
  return 0;
}
)";

/// The checks of \p step's index values (PlanStep::indexChecks), before
/// its kernel runs.
static void writeIndexChecks(llvm::raw_ostream &os, const LibraryDesc &d,
                             const PlanStep &step, llvm::StringRef onFailure) {
  const Plan &plan = *d.plan;
  for (const IndexCheck &check : step.indexChecks) {
    const PlanSlot &slot = plan.slots[check.slot];
    const IndexRange &r = check.range;
    os << "    if (kiln_check_indices(" << cString(step.label) << ", "
       << slotPointer(d, check.slot) << ", "
       << (slot.dtype == DType::I64 ? 1 : 0) << ", "
       << shapeNumElements(slot.shape) << ",\n        (const int64_t[]){";
    for (auto [k, size] : llvm::enumerate(r.sizes))
      os << (k ? ", " : "") << size;
    os << "}, " << r.sizes.size() << ", " << r.firstDim << ", "
       << (r.kind == IndexRange::Kind::Target ? 1 : 0) << ", "
       << (r.hasIgnore ? 1 : 0) << ", " << r.ignore << "))\n      " << onFailure
       << "\n";
  }
}

/// A compiled step: its index checks (\p onIndexFailure ends the run when
/// one fails), then its kernel on its buffers through kiln_step.
static void writeCompiledStep(llvm::raw_ostream &os, const LibraryDesc &d,
                              const PlanStep &step,
                              llvm::StringRef onIndexFailure) {
  writeIndexChecks(os, d, step, onIndexFailure);
  os << "    void *b[] = {";
  for (auto [k, s] : llvm::enumerate(step.args)) {
    assert(d.plan->slots[s].isStatic &&
           "the planner gives compiled steps static shapes only");
    os << (k ? ", " : "") << slotPointer(d, s);
  }
  os << "};\n    kiln_step(" << step.symbol << ", b, " << step.workItems << ", "
     << std::max<int64_t>(1, step.grain) << ", parallel_for, user);\n";
}

/// The values of data-dependent shape that the reference steps in
/// \p step's regions compute (kept on the heap: LibraryDesc::regionDynamic).
static std::vector<int> regionHeapSlots(const LibraryDesc &d,
                                        const PlanStep &step) {
  std::vector<int> slots;
  for (const PlanRegion &region : step.regions)
    for (int v : region.defined)
      if (!d.plan->slots[v].isStatic && !llvm::is_contained(slots, v))
        slots.push_back(v);
  return slots;
}

/// What a region function reads of the run that called
/// kiln_rt_control_flow, and each region's memory block.
static const char *kRegionContext = R"(
/* A control-flow step's run, as its region functions see it: the run's
   buffers; one memory block per region for the values its steps define
   (allocated at the region's first run, freed after the step); and, for a
   step inside a region, that region's run (its memory block, its
   arguments, and its own context), whose values the inner regions read;
   and the run's heap values (kiln_dyn<slot>) and their dimensions, by
   their place in its list of them, which regions may read too. */
typedef struct kiln_cf_ctx {
  const void *const *in;
  void *const *out;
  unsigned char *s;
  const unsigned char *w;
  kiln_parallel_for_fn parallel_for;
  void *user;
  unsigned char *mem[2];
  const struct kiln_cf_ctx *outer;
  unsigned char *outer_r;
  const kiln_rt_tensor *outer_args;
  void *const *top_dyn;
  int64_t *const *top_dims;
} kiln_cf_ctx;
)";

namespace {
/// Where a region function finds a region's values: its block arguments
/// (the runtime's buffers) and the statically shaped values its steps
/// define (offsets in its memory block). Values of data-dependent shape its
/// steps define are thread-local heap buffers (kiln_dyn<slot>).
struct RegionLayout {
  const PlanRegion *region = nullptr;
  std::map<int, size_t> argIndex;
  std::map<int, uint64_t> offset;
  uint64_t bytes = kArenaAlign;
};
} // namespace

static RegionLayout layoutRegion(const Plan &plan, const PlanRegion &region) {
  RegionLayout l;
  l.region = &region;
  for (auto [i, a] : llvm::enumerate(region.args))
    l.argIndex.emplace(a, i);
  uint64_t bytes = 0;
  for (int v : region.defined) {
    if (l.argIndex.count(v) || l.offset.count(v) || !plan.slots[v].isStatic)
      continue;
    bytes = (bytes + kArenaAlign - 1) / kArenaAlign * kArenaAlign;
    l.offset.emplace(v, bytes);
    bytes += slotBytes(plan.slots[v]);
  }
  l.bytes = std::max<uint64_t>(kArenaAlign, (bytes + kArenaAlign - 1) /
                                                kArenaAlign * kArenaAlign);
  return l;
}

/// In a region function whose regions are nested in \p chain (outermost
/// first, its own region last): how the function reaches the arguments
/// and memory of the region \p up levels out (0: its own).
static std::string outerField(size_t up, llvm::StringRef own,
                              llvm::StringRef field) {
  if (up == 0)
    return own.str();
  std::string path = "c->";
  for (size_t k = 1; k < up; ++k)
    path += "outer->";
  return path + field.str();
}

/// Points slotPointer (LibraryDesc::slotExpr) at the values of the regions
/// in \p chain, as the function of the last one sees them; declares the
/// run-time dims and buffers of the arguments of data-dependent shape.
static void bindRegionSlots(llvm::raw_ostream &os, const LibraryDesc &d,
                            const std::vector<const RegionLayout *> &chain) {
  const Plan &plan = *d.plan;
  d.slotExpr.assign(plan.slots.size(), "");
  for (size_t k = 0; k < chain.size(); ++k) {
    size_t up = chain.size() - 1 - k;
    std::string args = outerField(up, "args", "outer_args");
    std::string mem = outerField(up, "r", "outer_r");
    for (auto [a, i] : chain[k]->argIndex) {
      d.slotExpr[a] = llvm::formatv("(void *){0}[{1}].data", args, i).str();
      if (!plan.slots[a].isStatic)
        os << "    void *kiln_dyn" << a << " = " << d.slotExpr[a]
           << ";\n    const int64_t *kiln_dims" << a << " = " << args << "["
           << i << "].shape;\n    (void)kiln_dyn" << a
           << ";\n    (void)kiln_dims" << a << ";\n";
    }
    for (auto [v, off] : chain[k]->offset)
      d.slotExpr[v] = llvm::formatv("(void *)({0} + {1})", mem, off).str();
  }
}

static void writeRegionsCall(llvm::raw_ostream &os, const LibraryDesc &d,
                             const PlanStep &step, llvm::StringRef ctx,
                             llvm::StringRef onFailure);

/// The run's heap values (LibraryDesc::dynamicSlots) control-flow step
/// \p step's regions read from outside, in order.
static std::vector<int> topLevelReads(const LibraryDesc &d,
                                      const PlanStep &step) {
  std::vector<int> reads;
  for (size_t i = step.controlFlow.numOperands; i < step.inputs.size(); ++i) {
    int s = step.inputs[i];
    if (s >= 0 && llvm::is_contained(d.dynamicSlots, s) &&
        !llvm::is_contained(reads, s))
      reads.push_back(s);
  }
  return reads;
}

/// The region function kiln_regions<N> of control-flow step \p step, which
/// kiln_rt_control_flow calls for each run of one of its regions: the
/// region's steps over its arguments (the runtime's buffers), its memory
/// block (the values its steps define), the enclosing regions' values
/// (\p chain: the step is inside those regions) and the run's buffers,
/// then its yields. A failing step's message goes to `err`. The functions
/// of control-flow steps inside its regions come first.
static void writeRegionFunction(llvm::raw_ostream &os, const LibraryDesc &d,
                                const PlanStep &step,
                                std::vector<const RegionLayout *> chain) {
  const Plan &plan = *d.plan;
  size_t id = d.stepIds.at(&step);
  std::string label = cString(step.label);
  std::vector<RegionLayout> layouts;
  for (const PlanRegion &region : step.regions)
    layouts.push_back(layoutRegion(plan, region));
  for (auto [k, region] : llvm::enumerate(step.regions)) {
    chain.push_back(&layouts[k]);
    for (const PlanStep &inner : region.steps)
      if (inner.kind == PlanStep::Kind::Regions)
        writeRegionFunction(os, d, inner, chain);
    chain.pop_back();
  }
  // Values of data-dependent shape its reference steps compute: heap
  // buffers kept until the region's next run (a yield may hand one back)
  // and freed after the step.
  os << "\n";
  for (int v : regionHeapSlots(d, step))
    os << "static _Thread_local void *kiln_dyn" << v
       << ";\nstatic _Thread_local int64_t kiln_dims" << v << "["
       << std::max<size_t>(1, d.slotSpecs[v].shape.size()) << "];\n";
  os << "/* The regions of " << cComment(step.label) << ". */\n"
     << "static int kiln_regions" << id
     << "(void *ctx, int region, int n_args,\n"
     << "    const kiln_rt_tensor *args, int n_yields, kiln_rt_tensor "
        "*yields,\n    char *err, size_t err_len) {\n"
     << "  kiln_cf_ctx *c = (kiln_cf_ctx *)ctx;\n"
     << "  const void *const *in = c->in;\n"
     << "  void *const *out = c->out;\n"
     << "  unsigned char *s = c->s;\n"
     << "  const unsigned char *w = c->w;\n"
     << "  kiln_parallel_for_fn parallel_for = c->parallel_for;\n"
     << "  void *user = c->user;\n"
     << "  (void)in;\n  (void)out;\n  (void)s;\n  (void)w;\n  (void)args;\n"
     << "  (void)n_args;\n  (void)n_yields;\n";
  // The run's heap values its regions read (never written here).
  for (int v : topLevelReads(d, step)) {
    size_t at = llvm::find(d.dynamicSlots, v) - d.dynamicSlots.begin();
    os << "  void *kiln_dyn" << v << " = c->top_dyn[" << at
       << "];\n  int64_t *kiln_dims" << v << " = c->top_dims[" << at
       << "];\n  (void)kiln_dyn" << v << ";\n  (void)kiln_dims" << v << ";\n";
  }
  std::string onFailure = "{\n      snprintf(err, err_len, \"%s\", "
                          "kiln_error);\n      return 1;\n    }";
  std::string onIndexFailure = "{\n      snprintf(err, err_len, \"%s\", "
                               "kiln_index_error);\n      return 1;\n    }";
  for (auto [k, region] : llvm::enumerate(step.regions)) {
    os << "  if (region == " << k << ") {\n"
       << "    unsigned char *r = c->mem[" << k << "];\n"
       << "    if (!r) {\n      r = c->mem[" << k << "] = (unsigned char *)"
       << "aligned_alloc(" << kArenaAlign << ", " << layouts[k].bytes << "u);\n"
       << "      if (!r) {\n        snprintf(err, err_len, \"%s: out of "
          "memory\", "
       << label << ");\n        return 1;\n      }\n    }\n";
    chain.push_back(&layouts[k]);
    bindRegionSlots(os, d, chain);
    // The last run's heap buffers go.
    for (int v : region.defined)
      if (!plan.slots[v].isStatic)
        os << "    " << releaseHeap(d, v) << ";\n    kiln_dyn" << v
           << " = NULL;\n";
    for (const PlanStep &inner : region.steps) {
      os << "  { /* " << cComment(inner.label) << " */\n";
      if (inner.kind == PlanStep::Kind::Compiled) {
        writeCompiledStep(os, d, inner, onIndexFailure);
        os << "  }\n";
        continue;
      }
      if (inner.kind == PlanStep::Kind::Reference)
        writeReferenceStep(os, d, inner, onFailure);
      else
        writeRegionsCall(os, d, inner,
                         "{in, out, s, w, parallel_for, user, {NULL, NULL}, "
                         "c, r, args, c->top_dyn, c->top_dims}",
                         onFailure);
      for (auto [r, v] : llvm::enumerate(keptOutputs(plan, inner)))
        if (v >= 0 && !plan.slots[v].isStatic)
          os << "    kiln_dyn" << v << " = ro[" << r << "].data;\n";
      os << "  }\n";
    }
    for (auto [j, y] : llvm::enumerate(region.yields)) {
      const PlanSlot &slot = plan.slots[y];
      bool dynamic = !slot.isStatic;
      os << "    yields[" << j << "].dtype = " << dtypeToOnnx(slot.dtype)
         << ";\n    yields[" << j << "].rank = "
         << (dynamic ? d.slotSpecs[y].shape.size() : slot.shape.size())
         << ";\n    yields[" << j
         << "].shape = " << (dynamic ? "kiln_dims" : "kiln_shape") << y
         << ";\n    yields[" << j << "].data = " << slotPointer(d, y) << ";\n";
      if (slot.kind != ValueKind::Tensor)
        os << "    yields[" << j << "].flags = KILN_RT_VALUE;\n";
    }
    os << "    return 0;\n  }\n";
    chain.pop_back();
    d.slotExpr.clear();
  }
  os << "  snprintf(err, err_len, \"%s: no region %d\", " << label
     << ", region);\n  return 1;\n}\n";
}

/// One kiln_rt_control_flow call for control-flow step \p step with its
/// operands (not the values its regions read from outside, which the
/// region function reads itself), its results, its region function and
/// the context \p ctx (a C initializer of kiln_cf_ctx); then its regions'
/// memory and heap buffers are freed, and \p onFailure runs if it failed.
static void writeRegionsCall(llvm::raw_ostream &os, const LibraryDesc &d,
                             const PlanStep &step, llvm::StringRef ctx,
                             llvm::StringRef onFailure) {
  const Plan &plan = *d.plan;
  size_t id = d.stepIds.at(&step);
  size_t n = std::min(step.controlFlow.numOperands, step.inputs.size());
  std::vector<int> operands(step.inputs.begin(), step.inputs.begin() + n);
  std::vector<int> outputs = keptOutputs(plan, step);
  writeRuntimeTensors(os, d, operands, outputs);
  os << "    kiln_cf_ctx cf = " << ctx << ";\n"
     << "    int failed = kiln_rt_control_flow(" << cString(step.label)
     << ", kiln_cf" << id << ", sizeof kiln_cf" << id << ",\n        " << n
     << ", " << (n ? "ri" : "NULL") << ", " << outputs.size() << ", "
     << (outputs.empty() ? "NULL" : "ro") << ", kiln_regions" << id
     << ", &cf, kiln_error,\n        sizeof kiln_error);\n"
     << "    free(cf.mem[0]);\n    free(cf.mem[1]);\n";
  for (int v : regionHeapSlots(d, step))
    os << "    " << releaseHeap(d, v) << ";\n    kiln_dyn" << v << " = NULL;\n";
  os << "    if (failed)\n      " << onFailure << "\n";
}

/// A control-flow step in the run function; its regions reach the run's
/// heap values through kiln_cf_ctx.top_dyn and top_dims.
static void writeRegionsStep(llvm::raw_ostream &os, const LibraryDesc &d,
                             const PlanStep &step) {
  size_t n = d.dynamicSlots.size();
  if (n) {
    os << "    void *top_dyn[" << n << "];\n    int64_t *top_dims[" << n
       << "];\n";
    for (auto [i, v] : llvm::enumerate(d.dynamicSlots))
      os << "    top_dyn[" << i << "] = kiln_dyn" << v << ";\n    top_dims["
         << i << "] = kiln_dims" << v << ";\n";
  }
  std::string ctx =
      "{in, out, s, " +
      std::string(d.weightsFile || !d.weights.blob.empty() ? "w" : "NULL") +
      ", parallel_for, user, {NULL, NULL}, NULL, NULL, NULL, " +
      (n ? "top_dyn, top_dims}" : "NULL, NULL}");
  writeRegionsCall(os, d, step, ctx, failRun(d, "KILN_ERR_RUNTIME"));
}

bool hasIndexChecks(const Plan &plan) {
  bool any = false;
  forEachStep(plan,
              [&](const PlanStep &step) { any |= !step.indexChecks.empty(); });
  return any;
}

void writeStepData(llvm::raw_ostream &os, const LibraryDesc &d) {
  if (d.runtimeSteps()) {
    os << "\n#include \"kiln_rt.h\"\n";
    writeReferenceData(os, d);
  }
  if (hasIndexChecks(*d.plan))
    os << kIndexCheck;
}

void writeRegionFunctions(llvm::raw_ostream &os, const LibraryDesc &d) {
  if (!d.numRegions)
    return;
  os << kRegionContext;
  for (const PlanStep &step : d.plan->steps)
    if (step.kind == PlanStep::Kind::Regions)
      writeRegionFunction(os, d, step, {});
}

void writeRunStep(llvm::raw_ostream &os, const LibraryDesc &d,
                  const PlanStep &step, size_t index) {
  os << "  { /* " << cComment(step.label) << " */\n";
  switch (step.kind) {
  case PlanStep::Kind::Compiled:
    writeCompiledStep(os, d, step, failRun(d, "KILN_ERR_INDEX"));
    break;
  case PlanStep::Kind::Reference:
    writeReferenceStep(os, d, step, failRun(d, "KILN_ERR_RUNTIME"));
    writeHeapUpdates(os, d, keptOutputs(*d.plan, step), index);
    break;
  case PlanStep::Kind::Regions:
    writeRegionsStep(os, d, step);
    writeHeapUpdates(os, d, keptOutputs(*d.plan, step), index);
    break;
  }
  os << "  }\n";
}

} // namespace kiln::cpu
