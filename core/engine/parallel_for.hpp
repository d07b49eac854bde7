// How the program runs independent nodes at once. The core only states what
// it needs; the native host implements it with a thread pool
// (native/thread_pool.hpp), and without one every node runs on the caller.
#pragma once

#include <cstddef>

namespace tala {

class ParallelFor {
 public:
  virtual ~ParallelFor() = default;
  // Calls task(context, i) for every i in [0, count), on any threads, and
  // returns when all calls have returned. Called from the audio thread: an
  // implementation must not allocate or lock (parking idle workers aside).
  virtual void run(std::size_t count, void (*task)(void* context, std::size_t i), void* context) = 0;
  virtual int threads() const = 0;
  // Called by a task that waits for another thread's work (a node whose
  // inputs are not done yet), with how often it has waited so far: pause,
  // then yield, so that more threads than cores still make progress.
  virtual void relax(int waits) = 0;
};

}  // namespace tala
