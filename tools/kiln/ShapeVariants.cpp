//===- ShapeVariants.cpp - A model prepared once per set of shapes --------===//
#include "ShapeVariants.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

namespace kiln::tool {

ShapeVariants::ShapeVariants(std::vector<TensorSpec> inputs, PrepareFn prepare,
                             size_t capacity)
    : inputs(std::move(inputs)), prepare(std::move(prepare)),
      limit(std::max<size_t>(capacity, 1)) {}

std::string ShapeVariants::keyOf(const std::vector<Tensor> &inputs) {
  std::vector<std::string> parts;
  for (const Tensor &t : inputs)
    parts.push_back(formatShape(t.shape()));
  return llvm::join(parts, ", ");
}

llvm::Expected<std::shared_ptr<PreparedModel>>
ShapeVariants::get(const std::vector<Tensor> &given, bool *preparedHere) {
  auto fail = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  // The caller checked names, dtypes and ranks; the key is the shapes.
  if (given.size() != inputs.size())
    return fail(llvm::formatv("expected {0} inputs, found {1}", inputs.size(),
                              given.size()));
  std::map<std::string, Shape> shapes;
  for (size_t i = 0; i < given.size(); ++i)
    shapes[inputs[i].name] = given[i].shape();
  std::string key = keyOf(given);

  std::promise<Result> promise;
  std::shared_future<Result> ready;
  bool mine = false;
  uint64_t id = 0;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = byKey.find(key); it != byKey.end()) {
      order.splice(order.begin(), order, it->second);
      ready = it->second->ready;
      ++stats.hits;
    } else {
      ready = promise.get_future().share();
      id = ++lastId;
      order.push_front(Entry{key, id, ready});
      byKey[key] = order.begin();
      mine = true;
      while (order.size() > limit) {
        byKey.erase(order.back().key);
        order.pop_back();
        ++stats.evicted;
      }
    }
  }
  if (mine) {
    // Prepared outside the lock: runs of other variants go on meanwhile.
    Result result;
    try {
      auto prepared = prepare(shapes);
      if (prepared)
        result.model = std::shared_ptr<PreparedModel>(std::move(*prepared));
      else
        result.error = llvm::toString(prepared.takeError());
    } catch (const std::bad_alloc &) {
      result.error = "out of memory preparing the model for " + key;
    }
    promise.set_value(result);
    std::lock_guard<std::mutex> lock(mutex);
    if (result.model) {
      ++stats.prepared;
    } else {
      ++stats.failed;
      if (auto it = byKey.find(key);
          it != byKey.end() && it->second->id == id) {
        order.erase(it->second);
        byKey.erase(it);
      }
    }
  }
  const Result &result = ready.get();
  if (!result.model)
    return fail(result.error);
  if (preparedHere)
    *preparedHere = mine;
  return result.model;
}

ShapeVariants::Counts ShapeVariants::counts() const {
  std::lock_guard<std::mutex> lock(mutex);
  return stats;
}

size_t ShapeVariants::size() const {
  std::lock_guard<std::mutex> lock(mutex);
  return order.size();
}

std::vector<std::string> ShapeVariants::keys() const {
  std::lock_guard<std::mutex> lock(mutex);
  std::vector<std::string> result;
  for (const Entry &e : order)
    result.push_back(e.key);
  return result;
}

} // namespace kiln::tool
