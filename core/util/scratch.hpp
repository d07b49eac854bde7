// Vectors for a query's intermediate results, borrowed from a pool of this
// thread and returned cleared with their capacity: once warm, queries on the
// audio thread allocate none. Nested queries borrow distinct ones.
#pragma once

#include <memory>
#include <vector>

namespace tala {

template <class Vector>
class Scratch {
 public:
  Scratch() {
    Pool& pool = pool_of_this_thread();
    if (pool.free.empty()) {
      pool.all.push_back(std::make_unique<Vector>());
      pool.free.reserve(pool.all.size());
      vector_ = pool.all.back().get();
    } else {
      vector_ = pool.free.back();
      pool.free.pop_back();
    }
  }
  ~Scratch() {
    // A huge query's vector is not kept: the pool holds what blocks need.
    if (vector_->capacity() > kKeptCapacity) {
      Vector().swap(*vector_);
    } else {
      vector_->clear();
    }
    pool_of_this_thread().free.push_back(vector_);  // never past all.size(): no allocation
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  Vector& operator*() { return *vector_; }
  Vector* operator->() { return vector_; }

 private:
  static constexpr std::size_t kKeptCapacity = 4096;
  // Vectors owned by the pool; `free` holds those not borrowed.
  struct Pool {
    std::vector<std::unique_ptr<Vector>> all;
    std::vector<Vector*> free;
  };
  static Pool& pool_of_this_thread() {
    thread_local Pool pool;
    return pool;
  }
  Vector* vector_;
};

}  // namespace tala
