// A persistent thread pool for the audio thread: workers are created once,
// spin briefly between jobs (one per block: offline, blocks follow each other
// within microseconds) and park on an atomic wait when idle. The caller works too.
#pragma once

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

#include "engine/parallel_for.hpp"

namespace tala {

class ThreadPool final : public ParallelFor {
 public:
  // `threads` counts the caller: 1 means no workers at all.
  explicit ThreadPool(int threads);
  ~ThreadPool() override;
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void run(std::size_t count, void (*task)(void*, std::size_t), void* context) override;
  int threads() const override { return static_cast<int>(workers_.size()) + 1; }
  void relax(int waits) override;

  // A side job, one at a time, that whichever thread of the pool runs out of
  // work first runs: a worker waiting for the next job, or the caller of
  // run() waiting for the others (`tala render` writes the chunk rendered
  // before this way, in the time the threads would otherwise spin). Not for
  // a pool of one thread.
  void post(void (*job)(void*), void* context);
  // Returns once the posted job has run (here, if no thread has taken it
  // yet); at once if none was posted.
  void wait_posted();

 private:
  void worker();
  void take_tasks();
  void try_posted();

  // The job: written by the caller before `epoch_` moves on, read by workers after.
  void (*task_)(void*, std::size_t) = nullptr;
  void* context_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::size_t> next_{0};     // the next task index to take
  std::atomic<std::uint64_t> epoch_{0};  // one per job; odd values never occur
  std::atomic<std::uint64_t> wake_{0};   // one per job and per side job: what parked workers wait on
  std::atomic<int> checked_in_{0};       // workers done with the current job
  std::atomic<bool> stop_{false};
  // The side job: written before `posted_` becomes kPosted, read by the thread that claims it.
  enum : int { kNone, kPosted, kClaimed, kDone };
  void (*posted_job_)(void*) = nullptr;
  void* posted_context_ = nullptr;
  std::atomic<int> posted_{kNone};
  std::vector<std::thread> workers_;
};

}  // namespace tala
