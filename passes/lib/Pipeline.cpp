//===- Pipeline.cpp - The graph optimization pipeline ---------------------===//
//
// One list of passes, each with the reason for its position. Every pass in
// it is checked by running the graph before and after on the interpreter
// (tests/unit/PassesTest.cpp, tests/unit/PackWeightsTest.cpp). A caller may
// leave passes out by name (`kiln run --disable-pass=NAME`), to measure
// what each one buys (`kiln compare --ablate` leaves out each in turn). Two
// entries are there for correctness, not speed: they stay on when a caller
// turns the optimizations off one by one.
//
//===----------------------------------------------------------------------===//
#include "kiln/passes/Passes.h"

#include "llvm/ADT/STLExtras.h"

namespace kiln {

namespace {
/// One pass of the pipeline: its command-line name and its constructor.
struct Entry {
  llvm::StringRef name;
  std::unique_ptr<mlir::Pass> (*create)(const TargetOptions &);
  /// Later passes and the backend rely on it: not an optimization.
  bool correctness = false;
};
} // namespace

static const Entry kPipeline[] = {
    // Correctness first: declared shapes that depend on runtime values
    // (NonZero, Range...) become dynamic before any pass or the backend
    // trusts them.
    {"kiln-relax-data-dependent-shapes",
     [](const TargetOptions &) { return createRelaxDataDependentShapes(); },
     /*correctness=*/true},
    // Shape arithmetic (Shape -> Gather -> Concat -> Reshape...) evaluated
    // before anything reads shapes, refining types as it goes, so Reshape,
    // Expand, ConstantOfShape get constant targets and static types.
    {"kiln-fold-constants",
     [](const TargetOptions &) { return createFoldConstants(); }},
    // Shapes: every later pass reads static shapes (the folder refines the
    // ops it walks too; this keeps that guarantee independent of folding).
    {"kiln-infer-shapes",
     [](const TargetOptions &) { return createInferShapes(); },
     /*correctness=*/true},
    // Decomposed layer norms (ReduceMean, Sub, Pow...) into one op each:
    // reads folded eps and exponent constants and static shapes, and must
    // precede elementwise fusion, which would take the chain apart.
    {"kiln-fuse-layer-norm",
     [](const TargetOptions &) { return createFuseLayerNorm(); }},
    // Attention (MatMul, scale, mask add, Softmax, MatMul) into one op:
    // reads folded scale constants and static shapes, and must precede
    // elementwise fusion, which would group the scale and mask add.
    {"kiln-fuse-attention",
     [](const TargetOptions &) { return createFuseAttention(); }},
    // Transposes into the activation MatMuls that read them: after the
    // attention fusion, which folds the head transposes of whole chains
    // itself, before the weight packing (a transposed constant was folded).
    {"kiln-fold-transpose",
     [](const TargetOptions &) { return createFoldTranspose(); }},
    // Weights into the micro-kernel's panels (as wide as the target's
    // register tile): needs static shapes, and must precede fusion, whose
    // epilogues only packed ops carry.
    {"kiln-pack-weights",
     [](const TargetOptions &target) {
       PackWeightsOptions options;
       options.panelWidth = target.panelWidth;
       // 12 x 2 vectors of accumulators need 32 registers (AVX-512).
       if (target.vectorLanes >= 16)
         options.narrowPanelHeight = 12;
       options.vectorLanes = target.vectorLanes;
       return createPackWeights(options);
     }},
    // Bias, residual add, BatchNorm and activation into the packed ops'
    // epilogue: it folds the chains the passes above leave behind each
    // packed op.
    {"kiln-fuse-epilogue",
     [](const TargetOptions &) { return createFuseEpilogue(); }},
    // A product whose columns only Slices read (a fused Q, K, V projection)
    // as one product per Slice: after the epilogue fold, whose bias and
    // activation the parts carry over, before elementwise fusion.
    {"kiln-split-sliced-mat-mul",
     [](const TargetOptions &) { return createSplitSlicedMatMul(); }},
    // 1x1 convolutions of a one-position plane (squeeze-and-excitation) as
    // matrix products: after the epilogue fold, which their epilogue
    // carries over from, and before the prologue fold, which only
    // convolutions take.
    {"kiln-conv-to-mat-mul",
     [](const TargetOptions &target) {
       ConvToMatMulOptions options;
       options.panelWidth = target.panelWidth;
       return createConvToMatMul(options);
     }},
    // The BatchNorms no convolution absorbed become a multiply-add, after
    // the epilogue fold (which absorbs BatchNorm whole) and before
    // elementwise fusion (which fuses the multiply-add with what follows).
    {"kiln-decompose-batchnorm",
     [](const TargetOptions &) { return createDecomposeBatchNorm(); }},
    // Per-channel scale, shift and relu into the packed conv that reads
    // them, while it packs its input: after the BatchNorms become
    // multiply-adds, before elementwise fusion groups them.
    {"kiln-fuse-conv-prologue",
     [](const TargetOptions &) { return createFuseConvPrologue(); }},
    // 3x3 convolutions by Winograd where the cost model says so: after the
    // folds that rescale or extend packed_conv (the epilogue carries over;
    // a conv with a prologue stays direct), before elementwise fusion,
    // which fuses what follows into either op.
    {"kiln-winograd",
     [](const TargetOptions &target) {
       WinogradOptions options;
       options.vectorLanes = target.vectorLanes;
       options.cacheBytes = target.cacheBytes;
       return createWinograd(options);
     }},
    // The large early layers of a batched model a part of the batch at a
    // time: after every pass that rewrites the ops it clones (their
    // clones need no second look), before elementwise fusion, which fuses
    // each part on its own.
    {"kiln-split-batch",
     [](const TargetOptions &target) {
       SplitBatchOptions options;
       options.cacheBytes = target.splitBatchCacheBytes > 0
                                ? target.splitBatchCacheBytes
                                : target.cacheBytes;
       return createSplitBatch(options);
     }},
    // Chains of 1x1 convolutions (and the elementwise ops and concats
    // between them) in the channel-blocked layout: after every pass that
    // rewrites packed_conv, before elementwise fusion, which fuses the
    // blocked elementwise ops like any others.
    {"kiln-blocked-layout",
     [](const TargetOptions &target) {
       BlockedLayoutOptions options;
       options.vectorLanes = target.vectorLanes;
       options.panelWidth = target.panelWidth;
       return createBlockedLayout(options);
     }},
    // Elementwise chains into one kernel each (open epilogues after packed
    // ops, one loop nest otherwise), last: a schedule over the final ops.
    {"kiln-fuse-elementwise",
     [](const TargetOptions &) { return createFuseElementwise(); }},
};

std::vector<llvm::StringRef> optimizationPassNames() {
  std::vector<llvm::StringRef> names;
  for (const Entry &e : kPipeline)
    names.push_back(e.name);
  return names;
}

bool isCorrectnessPass(llvm::StringRef name) {
  return llvm::any_of(kPipeline, [&](const Entry &e) {
    return e.name == name && e.correctness;
  });
}

llvm::StringRef optimizationPassSummary(llvm::StringRef name) {
  for (const Entry &e : kPipeline)
    if (e.name == name)
      return e.create(TargetOptions())->getDescription();
  return "";
}

void addOptimizationPasses(mlir::OpPassManager &pm,
                           llvm::ArrayRef<std::string> disabled,
                           const TargetOptions &target,
                           llvm::StringRef perturbAfter) {
  for (const Entry &e : kPipeline)
    if (!llvm::is_contained(disabled, e.name)) {
      pm.addPass(e.create(target));
      if (e.name == perturbAfter)
        pm.addPass(createTestPerturb());
    }
}

} // namespace kiln
