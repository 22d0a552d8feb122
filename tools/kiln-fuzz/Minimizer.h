//===- Minimizer.h - Shrink a failing model while it still fails -*- C++
//-*-===//
//
// Greedy delta reduction of an ONNX model that shows a finding (a mismatch,
// an error, a crash or a hang on some backend):
//
//   1. drop graph outputs, one at a time;
//   2. drop ops, last first: each consumer of a dropped op's output is
//      rewired to an earlier value of the same type and shape, else that
//      output becomes a new graph input (shapes from ONNX shape inference);
//      ops and initializers nothing uses any more go too;
//   3. shrink graph input dims (halve, then 1) while shape inference and the
//      importer still accept the model.
//
// A candidate is kept when a fresh child still reports the same signature
// ("mismatch on jit"). Repeats until a pass changes nothing or the budget of
// candidate runs is spent.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_FUZZ_MINIMIZER_H
#define KILN_TOOLS_FUZZ_MINIMIZER_H

#include "Runner.h"

#include <onnx/onnx_pb.h>

#include <functional>
#include <string>

namespace kiln::fuzz {

/// Runs one candidate model and returns its verdict.
using CandidateCheck = std::function<Verdict(const onnx::ModelProto &)>;

struct MinimizeStats {
  int candidates = 0, accepted = 0;
};

/// Minimizes \p model (which shows \p failure under \p check) in place.
/// \p maxCandidates bounds the runs.
MinimizeStats minimizeModel(onnx::ModelProto &model, const Verdict &failure,
                            const CandidateCheck &check, int maxCandidates);

} // namespace kiln::fuzz

#endif // KILN_TOOLS_FUZZ_MINIMIZER_H
