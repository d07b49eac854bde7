// Time spans and events, as in Tidal and Strudel: an event has the span of its
// `whole` (absent for continuous signals) and the `part` of it a query saw.
#pragma once

#include <optional>
#include <vector>

#include "pattern/rational.hpp"
#include "pattern/value.hpp"
#include "util/scratch.hpp"

namespace tala {

struct TimeSpan {
  Rational begin;
  Rational end;

  Rational duration() const { return end - begin; }
  Rational midpoint() const { return begin + (end - begin) / Rational(2); }

  // The span cut at cycle boundaries; a zero-width span is its own piece.
  template <class F>
  void for_each_cycle(F&& visit) const {
    if (begin == end) {
      visit(TimeSpan{begin, end});
      return;
    }
    Rational b = begin;
    const Rational end_sam = end.floor();
    while (end > b) {
      if (b.floor() == end_sam) {
        visit(TimeSpan{b, end});
        return;
      }
      const Rational next = b.floor() + Rational(1);
      visit(TimeSpan{b, next});
      b = next;
    }
  }

  template <class F>
  TimeSpan with_time(F&& f) const {
    return TimeSpan{f(begin), f(end)};
  }
  // Applies f to both ends relative to the cycle the span begins in.
  template <class F>
  TimeSpan with_cycle(F&& f) const {
    const Rational sam = begin.floor();
    return TimeSpan{sam + f(begin - sam), sam + f(end - sam)};
  }

  // Strudel's intersection: none when they do not meet, and none when they
  // meet only at the end of a non-empty span.
  std::optional<TimeSpan> intersection(const TimeSpan& other) const {
    const Rational& b = max(begin, other.begin);
    const Rational& e = min(end, other.end);
    if (b > e) return std::nullopt;
    if (b == e) {
      if (b == end && begin < end) return std::nullopt;
      if (b == other.end && other.begin < other.end) return std::nullopt;
    }
    return TimeSpan{b, e};
  }

  friend bool operator==(const TimeSpan& a, const TimeSpan& b) { return a.begin == b.begin && a.end == b.end; }
};

struct Event {
  std::optional<TimeSpan> whole;
  TimeSpan part;
  Value value;

  bool has_onset() const { return whole && whole->begin == part.begin; }
  const TimeSpan& whole_or_part() const { return whole ? *whole : part; }
};

using Events = std::vector<Event>;

// An event vector for a query's intermediate results (util/scratch.hpp).
using ScratchEvents = Scratch<Events>;

}  // namespace tala
