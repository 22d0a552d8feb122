//===- KernelCache.cpp - Kernels compiled once, by content ----------------===//
//
// Steps of loadOrCompileKernels:
//  1. Name every kernel by its content (kernelContentNames).
//  2. Read each kernel's entry; keep its object when the entry is whole,
//     of this build, and its object exports the kernel's content name.
//  3. Compile the others in a copy of the module that holds only them,
//     renamed to their content names, an object each; write their entries,
//     then prune the folder once.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/KernelCache.h"
#include "kiln/cpu/Cache.h"
#include "kiln/cpu/CacheFolder.h"
#include "kiln/cpu/Jit.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <set>

using namespace mlir;

namespace kiln::cpu {

/// 32 hex digits of the 128-bit xxh3 hash of \p text.
static std::string hash128(llvm::StringRef text) {
  llvm::XXH128_hash_t h = llvm::xxh3_128bits(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(text.data()), text.size()));
  char buf[33];
  snprintf(buf, sizeof(buf), "%016llx%016llx",
           static_cast<unsigned long long>(h.high64),
           static_cast<unsigned long long>(h.low64));
  return buf;
}

/// Whether \p f is a kernel definition.
static bool isKernel(func::FuncOp f) {
  return !f.isExternal() && f.getSymName().starts_with("kiln_k");
}

namespace {
/// A hash of operations' structure that printing them would give, without
/// the text: op names, properties and attributes, result and block
/// argument types, operand wiring (values numbered as they are defined),
/// regions, blocks and successors; not locations. An attribute or type is
/// printed once and its text hashed (with the bytes of the resource blobs
/// it names, which the text gives only by handle).
class StructuralHasher {
public:
  /// The hash of \p op (32 hex digits), without its symbol name when
  /// \p ignoreName. The texts of attributes and types are kept for the
  /// next ops.
  std::string hash(Operation *op, bool ignoreName) {
    words.clear();
    values.clear();
    blocks.clear();
    // Every value and block numbered first, in walk order, so that a use
    // before its definition in the text (a block listed before the one
    // defining a value it uses) names it too.
    op->walk<WalkOrder::PreOrder>([&](Operation *inner) {
      for (Value r : inner->getResults())
        values.try_emplace(r, values.size());
      for (Region &region : inner->getRegions())
        for (Block &b : region) {
          blocks.try_emplace(&b, blocks.size());
          for (BlockArgument arg : b.getArguments())
            values.try_emplace(arg, values.size());
        }
    });
    addOp(op, ignoreName);
    return hash128(llvm::StringRef(reinterpret_cast<const char *>(words.data()),
                                   words.size() * sizeof(uint64_t)));
  }

private:
  void word(uint64_t w) { words.push_back(w); }
  void text(llvm::StringRef s) {
    word(s.size());
    word(llvm::xxh3_64bits(s));
  }
  /// The hash of \p attr's text, printed once.
  void attr(Attribute a) {
    if (!a) {
      word(0);
      return;
    }
    auto [it, fresh] = printed.try_emplace(a.getAsOpaquePointer(), 0);
    if (fresh) {
      std::string s;
      llvm::raw_string_ostream os(s);
      a.print(os);
      a.walk([&](DenseResourceElementsAttr r) {
        if (AsmResourceBlob *blob = r.getRawHandle().getBlob()) {
          llvm::ArrayRef<char> data = blob->getData();
          os << "\nblob " << data.size() << ":";
          os.write(data.data(), data.size());
        }
      });
      it->second = llvm::xxh3_64bits(llvm::StringRef(s));
    }
    word(it->second);
  }
  void type(Type t) {
    auto [it, fresh] = printed.try_emplace(t.getAsOpaquePointer(), 0);
    if (fresh) {
      std::string s;
      llvm::raw_string_ostream os(s);
      t.print(os);
      it->second = llvm::xxh3_64bits(llvm::StringRef(s));
    }
    word(it->second);
  }
  void define(Value v) {
    word(values.lookup(v));
    type(v.getType());
  }
  void addOp(Operation *op, bool ignoreName) {
    text(op->getName().getStringRef());
    word(op->getNumOperands());
    for (Value v : op->getOperands()) {
      auto it = values.find(v);
      word(it == values.end() ? ~0ull : it->second);
    }
    Attribute props = op->getPropertiesAsAttribute();
    if (auto dict = dyn_cast_or_null<DictionaryAttr>(props);
        dict && ignoreName) {
      NamedAttrList kept;
      for (NamedAttribute na : dict)
        if (na.getName() != SymbolTable::getSymbolAttrName())
          kept.push_back(na);
      props = kept.getDictionary(op->getContext());
    }
    attr(props);
    DictionaryAttr discardable = op->getDiscardableAttrDictionary();
    if (ignoreName) {
      NamedAttrList kept(discardable);
      kept.erase(SymbolTable::getSymbolAttrName());
      discardable = kept.getDictionary(op->getContext());
    }
    attr(discardable);
    word(op->getNumResults());
    for (Value r : op->getResults())
      define(r);
    word(op->getNumSuccessors());
    for (Block *b : op->getSuccessors())
      word(blocks.lookup(b));
    word(op->getNumRegions());
    for (Region &region : op->getRegions()) {
      word(std::distance(region.begin(), region.end()));
      for (Block &b : region) {
        word(b.getNumArguments());
        for (BlockArgument arg : b.getArguments())
          define(arg);
        word(std::distance(b.begin(), b.end()));
        for (Operation &inner : b)
          addOp(&inner, /*ignoreName=*/false);
      }
    }
  }

  std::vector<uint64_t> words;
  /// Numbers of the values and blocks of the op being hashed.
  llvm::DenseMap<Value, uint64_t> values;
  llvm::DenseMap<Block *, uint64_t> blocks;
  llvm::DenseMap<const void *, uint64_t> printed;
};
} // namespace

std::string structuralHash(Operation *op, bool ignoreName) {
  return StructuralHasher().hash(op, ignoreName);
}

std::vector<std::pair<std::string, std::string>>
kernelContentNames(ModuleOp kernels) {
  llvm::StringMap<Operation *> symbols;
  std::vector<Operation *> unnamed; // in every object
  for (Operation &op : kernels.getBody()->getOperations()) {
    if (auto sym = dyn_cast<SymbolOpInterface>(op))
      symbols[sym.getName()] = &op;
    else
      unnamed.push_back(&op);
  }
  // One hasher: the attributes and types kernels share are printed once.
  StructuralHasher h;
  std::vector<std::pair<std::string, std::string>> names;
  for (func::FuncOp f : kernels.getOps<func::FuncOp>()) {
    if (!isKernel(f))
      continue;
    std::string name = f.getSymName().str(), hashes;
    auto hashOf = [&](Operation *op, bool ignoreName) {
      hashes += h.hash(op, ignoreName);
    };
    for (Operation *op : unnamed)
      hashOf(op, false);
    // The body without its name, as ShareKernels compares kernels.
    hashOf(f, /*ignoreName=*/true);
    // Then what it uses, in name order (names included).
    std::set<std::string> used;
    std::vector<Operation *> worklist = {f};
    while (!worklist.empty()) {
      Operation *op = worklist.back();
      worklist.pop_back();
      if (auto uses = SymbolTable::getSymbolUses(op))
        for (const SymbolTable::SymbolUse &use : *uses) {
          llvm::StringRef dep = use.getSymbolRef().getRootReference();
          auto it = symbols.find(dep);
          if (dep != name && it != symbols.end() &&
              used.insert(dep.str()).second)
            worklist.push_back(it->second);
        }
    }
    for (const std::string &dep : used)
      hashOf(symbols[dep], false);
    names.push_back({name, "kiln_k_" + hash128(hashes)});
  }
  return names;
}

/// The file of the entry of the kernel named \p contentName in \p dir:
/// keyed by that name, the target, the -O level and the Kiln build.
static std::string entryPath(llvm::StringRef dir, llvm::StringRef contentName,
                             unsigned optLevel) {
  std::string key;
  llvm::raw_string_ostream os(key);
  os << contentName << " build " << buildId() << " " << hostTarget().key()
     << " -O" << optLevel;
  return (dir + "/" + hash128(key) + ".kobj").str();
}

/// Whether \p object is an object file that defines \p symbol.
static bool definesSymbol(const std::string &object, llvm::StringRef symbol) {
  auto file = llvm::object::ObjectFile::createObjectFile(
      llvm::MemoryBufferRef(object, "kernel"));
  if (!file) {
    llvm::consumeError(file.takeError());
    return false;
  }
  for (const llvm::object::SymbolRef &s : (*file)->symbols()) {
    auto flags = s.getFlags();
    auto name = s.getName();
    if (!flags || !name) {
      if (!flags)
        llvm::consumeError(flags.takeError());
      if (!name)
        llvm::consumeError(name.takeError());
      continue;
    }
    if (*name == symbol && !(*flags & llvm::object::SymbolRef::SF_Undefined))
      return true;
  }
  return false;
}

std::string KernelObjects::summary() const {
  // "kernels compiled (31)", "kernels loaded from cache DIR (31)",
  // "kernels loaded from cache DIR (29) and compiled (2)", and the first
  // rejected entry: "kernels compiled (1; cache entry PATH rejected: why)".
  std::string s = "kernels ", last;
  if (fromCache) {
    s += "loaded from cache " + dir + " (";
    last = std::to_string(fromCache);
    if (compiled) {
      s += last + ") and compiled (";
      last = std::to_string(compiled);
    }
  } else {
    s += "compiled (";
    last = std::to_string(compiled);
  }
  s += last;
  if (!rejected.empty()) {
    s += "; cache entry " + rejected.front();
    if (rejected.size() > 1)
      s += "; " + std::to_string(rejected.size() - 1) + " more rejected";
  }
  return s + ")";
}

llvm::Expected<KernelObjects>
loadOrCompileKernels(ModuleOp kernels, const KernelCacheOptions &options) {
  KernelObjects result;
  result.names = kernelContentNames(kernels);
  unsigned optLevel = options.codegen.optLevel;
  if (options.useCache)
    result.dir = options.dir.empty() ? defaultCacheDir() : options.dir;

  // 2. Entries. Identical kernels (left unshared by the plan) have one.
  llvm::StringMap<bool> seen, missing;
  for (const auto &[name, content] : result.names) {
    if (!seen.insert({content, true}).second)
      continue;
    if (options.useCache) {
      std::string path = entryPath(result.dir, content, optLevel), why;
      std::vector<std::string> objects;
      if (readCacheEntry(path, objects, &why)) {
        if (objects.size() == 1 && definesSymbol(objects[0], content)) {
          result.objects.push_back(std::move(objects[0]));
          ++result.fromCache;
          continue;
        }
        why = "it holds another kernel";
      }
      if (!why.empty())
        result.rejected.push_back(path + " rejected: " + why);
    }
    missing[content] = true;
  }
  if (missing.empty())
    return result;

  // 3. The missing kernels, renamed, alone in a copy of the module.
  OwningOpRef<ModuleOp> part(cast<ModuleOp>(kernels->clone()));
  {
    llvm::StringMap<std::string> contentOf;
    for (const auto &[name, content] : result.names)
      contentOf[name] = content;
    llvm::StringMap<bool> kept;
    for (func::FuncOp f :
         llvm::make_early_inc_range(part->getOps<func::FuncOp>())) {
      if (!isKernel(f))
        continue;
      const std::string &content = contentOf[f.getSymName()];
      if (!missing.count(content) || !kept.insert({content, true}).second) {
        f.erase();
        continue;
      }
      f.setSymName(content);
    }
  }
  CodegenOptions cg = options.codegen;
  std::vector<std::string> objectKernels;
  cg.objectKernels = &objectKernels;
  auto compiled = compileKernels(*part, cg);
  if (!compiled)
    return compiled.takeError();
  std::string lastWritten;
  for (auto [object, content] : llvm::zip_equal(*compiled, objectKernels)) {
    if (options.useCache) {
      std::string path = entryPath(result.dir, content, optLevel);
      if (writeCacheEntry(path, {object}, /*prune=*/false)) // best effort
        lastWritten = path;
    }
    result.objects.push_back(std::move(object));
    ++result.compiled;
  }
  if (!lastWritten.empty())
    pruneAfterWrite(lastWritten);
  return result;
}

} // namespace kiln::cpu
