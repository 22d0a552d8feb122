//===- RunStatePool.h - State each run leases -------------------*- C++ -*-===//
//
// The state one run of a model writes into (the executor's intermediate
// buffers, an AOT library's scratch arena) is kept in a pool: a run leases
// a state for its whole duration and hands it back at the end, so runs on
// several threads never share one, and a state is reused by later runs
// instead of being allocated again. The pool holds as many states as runs
// were ever in flight at once, which keeps memory flat under a steady load.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_RUNSTATEPOOL_H
#define KILN_CPU_RUNSTATEPOOL_H

#include <cassert>
#include <memory>
#include <mutex>
#include <vector>

namespace kiln::cpu {

/// A thread-safe free list of default-constructed \p State objects.
template <typename State> class RunStatePool {
public:
  /// Exclusive use of one state until destroyed.
  class Lease {
  public:
    Lease(RunStatePool &pool, std::unique_ptr<State> state)
        : pool(&pool), state(std::move(state)) {}
    Lease(Lease &&other) = default;
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    ~Lease() {
      if (state)
        pool->release(std::move(state));
    }
    State &operator*() const { return *state; }
    State *operator->() const { return state.get(); }

  private:
    RunStatePool *pool;
    std::unique_ptr<State> state;
  };

  /// A free state, or a new one when every state is leased.
  Lease acquire() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!free.empty()) {
        std::unique_ptr<State> state = std::move(free.back());
        free.pop_back();
        return Lease(*this, std::move(state));
      }
      ++created;
    }
    return Lease(*this, std::make_unique<State>());
  }

  /// States made so far (leased or free): the most runs in flight at once.
  size_t size() const {
    std::lock_guard<std::mutex> lock(mutex);
    return created;
  }

private:
  void release(std::unique_ptr<State> state) {
    std::lock_guard<std::mutex> lock(mutex);
    assert(free.size() < created && "a state returned twice");
    free.push_back(std::move(state));
  }

  mutable std::mutex mutex;
  std::vector<std::unique_ptr<State>> free;
  size_t created = 0;
};

} // namespace kiln::cpu

#endif // KILN_CPU_RUNSTATEPOOL_H
