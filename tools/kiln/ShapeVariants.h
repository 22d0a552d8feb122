//===- ShapeVariants.h - A model prepared per set of shapes -----*- C++ -*-===//
//
// A model whose inputs have dynamic dims (`batch`, `seq`) runs on the
// compiled backends once specialized, every shape static. ShapeVariants
// keeps the variants one process prepared, keyed by the shapes of all the
// inputs of a run, up to a bound, evicting the least recently used; the
// Python module and `kiln serve` run such models through it. A variant that
// is running stays alive after its eviction until its runs end. Concurrent
// callers asking for the same new shapes wait for one preparation; a failed
// preparation is not kept, so the next call tries again.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_SHAPEVARIANTS_H
#define KILN_TOOLS_KILN_SHAPEVARIANTS_H

#include "Common.h"

#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kiln::tool {

/// Variants kept by default.
inline constexpr size_t kDefaultShapeVariants = 8;

class ShapeVariants {
public:
  /// Prepares the model for the static input shapes \p shapes (by input
  /// name); its errors are the caller's one-line messages.
  using PrepareFn =
      std::function<llvm::Expected<std::unique_ptr<PreparedModel>>(
          const std::map<std::string, Shape> &shapes)>;

  /// Counts since construction.
  struct Counts {
    /// Runs that found their variant, variants prepared (successfully),
    /// preparations that failed, variants evicted.
    uint64_t hits = 0, prepared = 0, failed = 0, evicted = 0;
  };

  /// Variants of a model with inputs \p inputs (names and declared types),
  /// at most \p capacity (at least 1) kept.
  ShapeVariants(std::vector<TensorSpec> inputs, PrepareFn prepare,
                size_t capacity = kDefaultShapeVariants);

  /// The variant for the shapes of \p inputs (one tensor per input, in
  /// order): the kept one, or one prepared now by this call (then
  /// \p prepared, when given, is set).
  llvm::Expected<std::shared_ptr<PreparedModel>>
  get(const std::vector<Tensor> &inputs, bool *prepared = nullptr);

  /// The key of \p inputs' shapes: "4x784", one shape per input joined by
  /// ", ".
  static std::string keyOf(const std::vector<Tensor> &inputs);

  Counts counts() const;
  /// Variants kept now.
  size_t size() const;
  size_t capacity() const { return limit; }
  /// The keys of the kept variants, most recently used first ("4x784").
  std::vector<std::string> keys() const;

private:
  struct Result {
    std::shared_ptr<PreparedModel> model;
    std::string error;
  };
  struct Entry {
    std::string key;
    /// Tells a new entry of the same key from an evicted one.
    uint64_t id;
    std::shared_future<Result> ready;
  };

  std::vector<TensorSpec> inputs;
  PrepareFn prepare;
  size_t limit;
  mutable std::mutex mutex;
  /// Most recently used first.
  std::list<Entry> order;
  std::map<std::string, std::list<Entry>::iterator> byKey;
  Counts stats;
  uint64_t lastId = 0;
};

} // namespace kiln::tool

#endif // KILN_TOOLS_KILN_SHAPEVARIANTS_H
