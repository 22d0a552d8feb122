//===- AotSource.h - The C source of an AOT library ----------------*- C++
//-*-===//
//
// Shared by Aot.cpp (which lays out the library and builds it) and
// AotSource.cpp (which writes its header and C driver).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_AOTSOURCE_H
#define KILN_CPU_LIB_AOTSOURCE_H

#include "kiln/cpu/Aot.h"

#include "mlir/IR/Operation.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

namespace kiln::cpu {

/// Rank limit of a dynamic model output (kiln_dynamic_output.shape).
inline constexpr size_t kMaxDynamicRank = 8;

/// Magic of a weights file; then u64 payload size, u64 checksum
/// (weightsChecksum), the kBuildIdSize characters of the writing Kiln
/// build's identity, zero padding to kWeightsHeader bytes, then the payload.
inline constexpr char kWeightsMagic[9] = "KILNWTS2";
inline constexpr uint64_t kWeightsHeader = 64;
/// Offset of the build identity in a weights file's header.
inline constexpr uint64_t kWeightsBuildIdOffset = 24;

/// The checksum of weights (FNV-1a over 64-bit words with a shift after
/// each multiply), as the generated C driver computes it.
uint64_t weightsChecksum(llvm::StringRef data);

/// True for result \p r of reference step \p step when nothing reads it
/// and its shape is not static: the driver has the runtime drop it.
inline bool isDiscarded(const Plan &plan, const PlanStep &step, size_t r) {
  return !plan.slots[step.outputs[r]].isStatic &&
         step.ops.back()->getResult(r).use_empty();
}

/// Bytes of a statically shaped slot.
inline uint64_t slotBytes(const PlanSlot &s) {
  return static_cast<uint64_t>(shapeNumElements(s.shape)) * dtypeSize(s.dtype);
}

/// Constants the kernels or reference steps read as buffers (or that are
/// outputs), packed.
struct WeightsLayout {
  /// Byte offset per slot; -1 for slots not in the blob.
  std::vector<int64_t> offsets;
  std::string blob;
};

/// Everything the header and the driver are generated from.
struct LibraryDesc {
  const Plan *plan;
  std::string name, prefix, macro;
  /// The library's file name ("libNAME.so"), and the stem of its header,
  /// driver and weights file names (libraryFileStem).
  std::string fileName, stem;
  std::string modelPath;
  ArenaLayout scratch;
  WeightsLayout weights;
  uint64_t checksum = 0;
  bool weightsFile = false;
  std::string weightsFileName;
  /// Absolute path of the blob for `.incbin`.
  std::string blobPath;
  /// Reference steps (those inside regions included).
  unsigned numReference() const { return plan->numReference(); }
  /// Control-flow steps (If, Loop, Scan), each run by kiln_rt_control_flow
  /// calling back a generated region function.
  unsigned numRegions = 0;
  /// Steps run through libkiln-rt.so (the library then needs it).
  unsigned runtimeSteps() const { return numReference() + numRegions; }
  /// An input or output is a sequence or an optional: a value of
  /// libkiln-rt.so's (KILN_RT_VALUE), which the library then needs too.
  bool containerIO = false;
  bool needsRuntime() const { return runtimeSteps() || containerIO; }
  /// Every step's number in forEachStep order: the suffix of its static
  /// data (kiln_attrs<N>, kiln_cf<N>) and region function (kiln_regions<N>).
  std::map<const PlanStep *, size_t> stepIds;
  /// While a region function is written: the C expression of each slot
  /// the region holds (its arguments and the values its steps define),
  /// empty for the others (slotPointer).
  mutable std::vector<std::string> slotExpr;
  /// Per slot: its type's dtype, rank and dims (-1 where dynamic), filled
  /// for the dynamic slots some step reads or writes (dynamicSlots).
  std::vector<TensorSpec> slotSpecs;
  /// The dynamic slots, each a heap buffer of the run function, in order.
  std::vector<int> dynamicSlots;
  /// Per slot: the last step reading it (-1: none).
  std::vector<int> lastRead;
  /// Per slot: a value of a region whose shape is known only at run time
  /// (slotSpecs has its type): a region argument (its buffer and dims come
  /// from the runtime) or a result of a reference step inside a region
  /// (kiln_dyn<slot>, a thread-local heap buffer kept until the region's
  /// next run, since a yield may hand it back).
  std::vector<bool> regionDynamic;
};

/// \p s as a C string literal.
std::string cString(llvm::StringRef s);
/// \p s made safe inside a C block comment.
std::string cComment(llvm::StringRef s);
/// The C expression of a pointer to slot \p s in the driver: an input, a
/// weight, an output, the scratch arena, a heap buffer of data-dependent
/// shape, or (in a region function) LibraryDesc::slotExpr.
std::string slotPointer(const LibraryDesc &d, int s);
/// The C call that releases heap slot \p s (kiln_dyn<s>): free() for a
/// buffer, kiln_rt_release for a sequence or optional (KILN_RT_VALUE), and
/// nothing for a container input (the caller's).
std::string releaseHeap(const LibraryDesc &d, int s);
/// The kind of input or output \p spec, as the header's NAME_INPUTk_KIND
/// and NAME_value_kinds() give it: KILN_KIND_TENSOR (0), _SEQUENCE (1),
/// _OPTIONAL_TENSOR (2) or _OPTIONAL_SEQUENCE (3).
int kindCode(const TensorSpec &spec);

// AotSteps.cpp: the run function's steps.

/// Whether a step of \p plan checks index values (PlanStep::indexChecks).
bool hasIndexChecks(const Plan &plan);
/// File-scope data of the steps: what the calls into libkiln-rt.so pass
/// (shapes, attribute blobs, control-flow descriptions) and the index
/// check helper, as the plan needs them.
void writeStepData(llvm::raw_ostream &os, const LibraryDesc &d);
/// The region functions of the control-flow steps (after kiln_step, before
/// the run function).
void writeRegionFunctions(llvm::raw_ostream &os, const LibraryDesc &d);
/// Top-level step \p index of the run function, in a block of its own.
void writeRunStep(llvm::raw_ostream &os, const LibraryDesc &d,
                  const PlanStep &step, size_t index);

/// The library's C header NAME.h.
std::string generateHeader(const LibraryDesc &d);
/// The C driver: the plan as straight-line calls, the description, init.
std::string generateDriver(const LibraryDesc &d);
/// The driver's CPU check (AotCpuCheck.cpp): a constructor that tests the
/// CPUID bits of every feature the target enables when the library is
/// loaded, and PREFIX_cpu_missing(). kiln_cpu_missing[0] is nonzero after
/// it when the CPU lacks one; kiln_cpu_message then says which.
void writeCpuCheck(llvm::raw_ostream &os, const std::string &prefix);

} // namespace kiln::cpu

#endif // KILN_CPU_LIB_AOTSOURCE_H
