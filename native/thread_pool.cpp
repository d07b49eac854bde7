#include "thread_pool.hpp"

#include <cassert>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace tala {

namespace {

// How long a worker spins for the next job before parking: longer than the
// gap between two stages of a block, far shorter than a block. After the
// first few spins it yields, so that more threads than cores still progress.
constexpr int kSpins = 4000;
constexpr int kPauses = 64;

void pause(int spin) {
  if (spin < kPauses) {
#if defined(__x86_64__)
    _mm_pause();
#endif
  } else {
    std::this_thread::yield();
  }
}

}  // namespace

ThreadPool::ThreadPool(int threads) {
  for (int t = 1; t < threads; ++t) workers_.emplace_back([this] { worker(); });
}

ThreadPool::~ThreadPool() {
  stop_.store(true, std::memory_order_release);
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  wake_.fetch_add(1, std::memory_order_acq_rel);
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::run(std::size_t count, void (*task)(void*, std::size_t), void* context) {
  if (workers_.empty() || count < 2) {
    for (std::size_t i = 0; i < count; ++i) task(context, i);
    return;
  }
  task_ = task;
  context_ = context;
  count_ = count;
  next_.store(0, std::memory_order_relaxed);
  checked_in_.store(0, std::memory_order_relaxed);
  epoch_.fetch_add(1, std::memory_order_release);
  wake_.fetch_add(1, std::memory_order_release);
  wake_.notify_all();
  take_tasks();
  // Every worker checks in for every job, so none can still be reading this
  // job's fields when the next one is written.
  const int workers = static_cast<int>(workers_.size());
  for (int spin = 0; checked_in_.load(std::memory_order_acquire) != workers; ++spin) {
    try_posted();
    pause(spin);
  }
}

void ThreadPool::relax(int waits) { pause(waits); }

void ThreadPool::post(void (*job)(void*), void* context) {
  assert(posted_.load(std::memory_order_relaxed) == kNone && "one side job at a time: wait_posted first");
  posted_job_ = job;
  posted_context_ = context;
  posted_.store(kPosted, std::memory_order_release);
  // A parked worker takes it too (a program without parallelism never wakes them for a block).
  wake_.fetch_add(1, std::memory_order_release);
  wake_.notify_one();
}

void ThreadPool::try_posted() {
  int expected = kPosted;
  if (posted_.load(std::memory_order_relaxed) != kPosted ||
      !posted_.compare_exchange_strong(expected, kClaimed, std::memory_order_acquire))
    return;
  posted_job_(posted_context_);
  posted_.store(kDone, std::memory_order_release);
}

void ThreadPool::wait_posted() {
  if (posted_.load(std::memory_order_relaxed) == kNone) return;
  try_posted();
  for (int spin = 0; posted_.load(std::memory_order_acquire) != kDone; ++spin) pause(spin);
  posted_.store(kNone, std::memory_order_relaxed);
}

void ThreadPool::take_tasks() {
  for (std::size_t i; (i = next_.fetch_add(1, std::memory_order_relaxed)) < count_;) task_(context_, i);
}

void ThreadPool::worker() {
  std::uint64_t seen = 0;
  for (;;) {
    std::uint64_t now = epoch_.load(std::memory_order_acquire);
    for (int spin = 0; now == seen && spin < kSpins; ++spin) {
      try_posted();
      pause(spin);
      now = epoch_.load(std::memory_order_acquire);
    }
    if (now == seen) {
      // Parked until a job or a side job: wake_ is read before both are checked, so neither
      // can slip in between the check and the wait unseen.
      const std::uint64_t wake = wake_.load(std::memory_order_acquire);
      if (epoch_.load(std::memory_order_acquire) == seen && posted_.load(std::memory_order_acquire) != kPosted)
        wake_.wait(wake, std::memory_order_acquire);
      try_posted();
      continue;
    }
    seen = now;
    if (stop_.load(std::memory_order_acquire)) return;
    take_tasks();
    checked_in_.fetch_add(1, std::memory_order_acq_rel);
  }
}

}  // namespace tala
