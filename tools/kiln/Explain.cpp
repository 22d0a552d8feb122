//===- Explain.cpp - kiln explain: why this model is as fast as it is -----===//
//
// `kiln explain MODEL` is to measure a model on this machine and write one
// report (terminal summary, --html page, --json figures) that says where
// its time goes and why. The measuring half is not written yet; what works
// today is `kiln explain --from-json REPORT.json [--html FILE]`, which
// renders a saved report (ExplainReport.h).
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "ExplainReport.h"

namespace kiln::tool {

int explainCommand(const ExplainOptions &options) {
  if (!options.fromJson.empty())
    return renderSavedReport(options);
  return reportError("kiln explain MODEL is not built yet");
}

} // namespace kiln::tool
