// Single-producer single-consumer ring: the control thread hands compiled
// programs to the audio thread (and the audio thread hands retired ones back)
// without locks or allocation.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <optional>

namespace tala {

template <class T, std::size_t N>
class SpscQueue {
 public:
  bool push(const T& item) {  // producer only
    const std::size_t head = head_.load(std::memory_order_relaxed);
    const std::size_t next = (head + 1) % N;
    if (next == tail_.load(std::memory_order_acquire)) return false;  // full
    slots_[head] = item;
    head_.store(next, std::memory_order_release);
    return true;
  }
  std::optional<T> pop() {  // consumer only
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_.load(std::memory_order_acquire)) return std::nullopt;
    T item = slots_[tail];
    tail_.store((tail + 1) % N, std::memory_order_release);
    return item;
  }

 private:
  std::array<T, N> slots_{};
  std::atomic<std::size_t> head_{0};
  std::atomic<std::size_t> tail_{0};
};

}  // namespace tala
