// The patterns a function of values (a patterned argument's, a bind's) made
// for the last few values it was given. Consecutive events, and the queries of
// consecutive audio blocks, mostly carry values seen just before (`euclid 3 8
// "<0 2>"` alternates two): reusing the pattern saves building it, which is
// allocation on the audio thread, and O(steps) per event for a Euclid rhythm of
// thousands of steps. Two threads may query one pattern at once: the one that
// finds the cache busy builds its own pattern rather than wait.
#pragma once

#include <array>
#include <atomic>
#include <cmath>
#include <span>
#include <vector>

#include "pattern/pattern.hpp"

namespace tala {

class RecentlyBuilt {
 public:
  // The pattern build() made for `values`, kept or made now.
  template <class Build>
  Pattern get(std::span<const Value> values, Build&& build) {
    if (!busy_.test_and_set(std::memory_order_acquire)) {
      const Entry* hit = nullptr;
      for (const Entry& e : entries_) {
        if (e.valid && identical(values, e.values)) hit = &e;
      }
      Pattern found = hit ? hit->pattern : Pattern();
      busy_.clear(std::memory_order_release);
      if (hit) return found;
    }
    Pattern built = build();
    if (!busy_.test_and_set(std::memory_order_acquire)) {
      Entry& e = entries_[next_];  // the oldest
      next_ = (next_ + 1) % kEntries;
      e.values.assign(values.begin(), values.end());
      e.pattern = built;
      e.valid = true;
      busy_.clear(std::memory_order_release);
    }
    return built;
  }

 private:
  static bool identical(std::span<const Value> a, const std::vector<Value>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!(a[i] == b[i])) return false;
      // == holds for 0 and -0; a function of the value may not (1/x).
      const auto x = a[i].as_number(), y = b[i].as_number();
      if (x && y && std::signbit(*x) != std::signbit(*y)) return false;
    }
    return true;
  }

  static constexpr std::size_t kEntries = 8;
  struct Entry {
    bool valid = false;
    std::vector<Value> values;
    Pattern pattern;
  };
  std::atomic_flag busy_;
  std::array<Entry, kEntries> entries_;
  std::size_t next_ = 0;
};

}  // namespace tala
