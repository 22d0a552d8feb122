//===- HandlerTable.cpp - (domain, op type, since-version) -> handler -----===//
#include "kiln/frontend/OpImporter.h"

#include <algorithm>

namespace kiln::frontend {

void HandlerTable::add(llvm::StringRef opType, int sinceVersion, ImportFn fn,
                       llvm::StringRef domain) {
  entries.push_back({domain.str(), opType.str(), sinceVersion, std::move(fn)});
}

void HandlerTable::generic(llvm::StringRef opType, int sinceVersion,
                           llvm::StringRef kilnOp, int numOperands,
                           llvm::StringRef domain) {
  std::string op = kilnOp.str();
  add(
      opType, sinceVersion,
      [op, numOperands](NodeImporter &n) {
        return n.createGeneric(op, numOperands);
      },
      domain);
}

const ImportFn *HandlerTable::lookup(llvm::StringRef domain,
                                     llvm::StringRef opType,
                                     int64_t version) const {
  const Entry *best = nullptr;
  for (const Entry &e : entries)
    if (e.domain == domain && e.opType == opType && e.since <= version &&
        (!best || e.since > best->since))
      best = &e;
  return best ? &best->fn : nullptr;
}

std::vector<int> HandlerTable::versions(llvm::StringRef domain,
                                        llvm::StringRef opType) const {
  std::vector<int> result;
  for (const Entry &e : entries)
    if (e.domain == domain && e.opType == opType)
      result.push_back(e.since);
  std::sort(result.begin(), result.end());
  return result;
}

const HandlerTable &getHandlerTable() {
  static const HandlerTable table = [] {
    HandlerTable t;
    registerCoreHandlers(t);
    registerElementwiseHandlers(t);
    registerConvPoolHandlers(t);
    registerMatMulNormHandlers(t);
    registerReduceReshapeHandlers(t);
    registerIndexingHandlers(t);
    registerMiscHandlers(t);
    registerSequenceHandlers(t);
    registerControlFlowHandlers(t);
    registerContainerHandlers(t);
    return t;
  }();
  return table;
}

} // namespace kiln::frontend
