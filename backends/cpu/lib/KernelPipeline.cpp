//===- KernelPipeline.cpp - LLVM's passes over Kiln's kernels -------------===//
//
// The kernels reach LLVM already tiled and vectorized: direct kernels are
// written with their register tiles as vectors, and the rest come from
// linalg as plain loops. What LLVM must still do for them is little:
//
//  - fold what the lowering from MLIR leaves, memref descriptors built and
//    taken apart again (instcombine);
//  - inline each kernel's body into its C entry point (always-inline),
//    drop the helpers no kernel calls any more (globaldce), and remove the
//    loads and address computations repeated across loops (gvn);
//  - hoist loop-invariant addresses and loads out of loops (licm), after
//    rotating loops into do-while form so that the vectorizer understands
//    them and the exit test sits at the bottom;
//  - vectorize the plain loops (loop-vectorize), then clean up again.
//
// LLVM's -O2 pipeline (loop unrolling off, as Kiln ran it before) runs some
// fifty further passes over them: inlining heuristics, jump threading,
// loop idiom recognition and deletion, induction variable simplification,
// the interprocedural passes... They found nothing here that changes the
// machine code's speed: the inner loops of the GEMM and conv kernels come
// out the same up to register names and addressing modes, the stack
// accesses over whole models' kernels are within a few percent either way,
// and the per-step times of whole models matched (docs/backends.md has the
// figures), while LLVM took a third less time.
//
// -O3 keeps LLVM's full -O3 pipeline, with its loop unrolling; -O0 keeps
// LLVM's -O0 pipeline (the always-inliner only).
//
//===----------------------------------------------------------------------===//
#include "KernelPipeline.h"

#include "llvm/Transforms/IPO/AlwaysInliner.h"
#include "llvm/Transforms/IPO/GlobalDCE.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/GVN.h"
#include "llvm/Transforms/Scalar/LICM.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/LoopRotation.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Vectorize/LoopVectorize.h"

namespace kiln::cpu {

/// The module passes of Kiln's kernel pipeline (-O1 and -O2).
static llvm::ModulePassManager buildShortPipeline() {
  using namespace llvm;
  // Each body is combined before it is inlined: the inliner turns the
  // body's noalias buffer arguments into alias scopes on the accesses it can
  // trace back to them, and through MLIR's memref descriptors (aggregates
  // built and taken apart, which instruction combining folds) it traces
  // none. Without the scopes, the loop vectorizer guarded every plain loop
  // with run-time overlap checks and a scalar copy of the loop.
  FunctionPassManager bodies;
  bodies.addPass(InstCombinePass());

  FunctionPassManager fpm;
  // GVN before the loops are rotated: it removes the loads and address
  // computations repeated across a kernel's loops, which otherwise stay
  // live in registers or on the stack. Without it, GoogLeNet's and
  // MobileNetV3's kernels had 24 % and 32 % more stack accesses, and
  // kiln-bench's 33 % (AVX-512); after LICM instead, 20 %, 24 % and 41 %.
  fpm.addPass(GVNPass());
  LoopPassManager lpm;
  lpm.addPass(LoopRotatePass());
  lpm.addPass(LICMPass(LICMOptions()));
  fpm.addPass(createFunctionToLoopPassAdaptor(std::move(lpm),
                                              /*UseMemorySSA=*/true));
  fpm.addPass(InstCombinePass());
  fpm.addPass(LoopVectorizePass());
  fpm.addPass(InstCombinePass());
  fpm.addPass(SimplifyCFGPass());

  ModulePassManager mpm;
  mpm.addPass(createModuleToFunctionPassAdaptor(std::move(bodies)));
  mpm.addPass(AlwaysInlinerPass());
  mpm.addPass(createModuleToFunctionPassAdaptor(std::move(fpm)));
  mpm.addPass(GlobalDCEPass());
  return mpm;
}

llvm::ModulePassManager buildKernelPipeline(llvm::PassBuilder &pb,
                                            unsigned level) {
  if (level == 0)
    return pb.buildO0DefaultPipeline(llvm::OptimizationLevel::O0);
  if (level >= 3)
    return pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  return buildShortPipeline();
}

} // namespace kiln::cpu
