//===- PerfMap.cpp - JIT kernels named for perf ---------------------------===//
//
// See PerfMap.h. Sizes come from each object's ELF symbol table (LLVM
// records a function's size there); addresses from the JIT's lookup, so the
// map describes the code as linked, not as compiled.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/PerfMap.h"

#include "kiln/cpu/Plan.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <unistd.h>

namespace kiln::cpu {

bool perfMapWanted() {
  const char *v = std::getenv("KILN_PERF_MAP");
  return v && *v && llvm::StringRef(v) != "0";
}

std::string perfMapPath() {
  return "/tmp/perf-" + std::to_string(::getpid()) + ".map";
}

namespace {
/// \p s with every control character as '?', so that a line stays one
/// line (the importer rejects such node names, but a plan may come from a
/// cache entry); UTF-8 is kept.
std::string printable(llvm::StringRef s) {
  std::string out = s.str();
  for (char &c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = '?';
  return out;
}

/// The steps that call one kernel: the first one's last node, and a count.
struct Callers {
  std::string node;
  unsigned steps = 0;
};
} // namespace

llvm::Expected<std::string> perfMapLines(
    llvm::ArrayRef<llvm::StringRef> objects,
    llvm::function_ref<llvm::Expected<uint64_t>(llvm::StringRef)> addressOf,
    const Plan &plan) {
  llvm::StringMap<Callers> callers;
  forEachStep(plan, [&](const PlanStep &step) {
    if (step.kind != PlanStep::Kind::Compiled)
      return;
    Callers &c = callers[step.symbol];
    if (!c.steps++ && !step.nodes.empty())
      c.node = printable(step.nodes.back());
  });

  std::string lines;
  llvm::raw_string_ostream os(lines);
  for (llvm::StringRef object : objects) {
    auto file = llvm::object::ObjectFile::createObjectFile(
        llvm::MemoryBufferRef(object, "kernel"));
    if (!file)
      return file.takeError();
    auto *elf = llvm::dyn_cast<llvm::object::ELFObjectFileBase>(file->get());
    if (!elf)
      return llvm::createStringError("a kernel object is not ELF");
    for (const llvm::object::ELFSymbolRef &sym : elf->symbols()) {
      auto type = sym.getType();
      auto flags = sym.getFlags();
      auto name = sym.getName();
      if (!type || !flags || !name) {
        llvm::consumeError(type.takeError());
        llvm::consumeError(flags.takeError());
        llvm::consumeError(name.takeError());
        continue;
      }
      if (*type != llvm::object::SymbolRef::ST_Function ||
          !(*flags & llvm::object::SymbolRef::SF_Global) ||
          (*flags & llvm::object::SymbolRef::SF_Undefined) || !sym.getSize())
        continue;
      auto address = addressOf(*name);
      if (!address)
        return address.takeError();
      os << llvm::format_hex_no_prefix(*address, 1) << " "
         << llvm::format_hex_no_prefix(sym.getSize(), 1) << " " << *name;
      if (auto it = callers.find(*name); it != callers.end()) {
        const Callers &c = it->second;
        if (!c.node.empty())
          os << " '" << c.node << "'";
        if (c.steps > 1)
          os << " (+" << c.steps - 1
             << (c.steps == 2 ? " more step)" : " more steps)");
      }
      os << "\n";
    }
  }
  return lines;
}

llvm::Error appendPerfMap(llvm::StringRef lines) {
  std::string path = perfMapPath();
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_Append);
  if (!ec) {
    out << lines;
    out.close();
    ec = out.error();
  }
  if (ec)
    return llvm::createStringError(ec, "cannot write the perf map " + path +
                                           ": " + ec.message());
  return llvm::Error::success();
}

} // namespace kiln::cpu
