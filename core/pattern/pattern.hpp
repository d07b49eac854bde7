// A pattern is a function from a query (a time span) to the events active in
// it, as in Tidal and Strudel. This file holds the primitives every pattern
// function is built from; names follow Strudel's so the two can be compared.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "limits.hpp"
#include "pattern/span.hpp"

namespace tala {

// Bounds the work of one query: every event a leaf produces costs one unit.
// Exhausting it throws, so `bd*1e12` is an error rather than a hang.
struct QueryBudget {
  static constexpr std::int64_t kDefaultEvents = Limits{}.events_per_query;
  // What one audio block's queries may make: far more than any block plays
  // (128 frames), little enough that a runaway pattern (bd*1e9) costs the
  // audio thread well under a block before its node is silenced.
  static constexpr std::int64_t kBlockEvents = Limits{}.events_per_block;
  std::int64_t limit = kDefaultEvents;
  const char* name = "events-per-query";  // the limit's name in the error (tala limits)
  const char* scope = "one query";        // what the limit counts over, for the error
  std::int64_t events_left = limit;
  // Cutting a query at cycle boundaries costs too: `[~ ~]*1e9` makes no
  // events, yet visits a billion cycles. A separate count, so the event limit
  // stays exact; four visits per event allowed covers any pattern whose events
  // fill its cycles.
  static constexpr std::int64_t kCycleVisitsPerEvent = 4;
  std::int64_t cycle_visits_left = limit * kCycleVisitsPerEvent;
  void spend(std::int64_t n = 1);
  void spend_cycle();
  // The budget of one audio block's query.
  static QueryBudget block(std::int64_t events = kBlockEvents) { return {events, "events-per-block", "one block"}; }
};

struct State {
  TimeSpan span;
  QueryBudget* budget = nullptr;
  State with_span(const TimeSpan& s) const { return State{s, budget}; }
};

class Pattern;
using ValueFn = std::function<Value(const Value&)>;
using BindFn = std::function<Pattern(const Value&)>;
using TimeFn = std::function<Rational(const Rational&)>;
using SpanFn = std::function<TimeSpan(const TimeSpan&)>;
// Combines two values; nullopt drops the event (as Strudel's `undefined`).
using CombineFn = std::function<std::optional<Value>(const Value&, const Value&)>;

class Pattern {
 public:
  using QueryFn = std::function<void(const State&, Events& out)>;

  Pattern();  // silence
  explicit Pattern(QueryFn q) : query_(std::make_shared<const QueryFn>(std::move(q))) {}

  void query(const State& state, Events& out) const { (*query_)(state, out); }
  // All events in [begin, end), with a fresh budget.
  Events query_span(const Rational& begin, const Rational& end,
                    std::int64_t max_events = QueryBudget::kDefaultEvents) const;

  // Set on patterns made by pure(): functions take a fast path for constant
  // arguments, as Strudel's do (and as its results depend on).
  const std::optional<Value>& pure_value() const { return pure_; }
  Pattern& set_pure(Value v) {
    pure_ = v;
    return *this;
  }

  // Values and structure.
  Pattern with_value(ValueFn f) const;
  Pattern filter_values(std::function<bool(const Value&)> keep) const;
  Pattern filter_events(std::function<bool(const Event&)> keep) const;
  Pattern app_left(const Pattern& other, CombineFn f) const;   // structure from this
  Pattern app_right(const Pattern& other, CombineFn f) const;  // structure from other
  Pattern app_both(const Pattern& other, CombineFn f) const;   // structure from both

  // Patterns of patterns: f maps each event's value to a pattern.
  Pattern bind(BindFn f) const;          // wholes intersect
  Pattern inner_bind(BindFn f) const;    // wholes from the inner pattern
  Pattern outer_bind(BindFn f) const;    // wholes from the outer pattern
  Pattern squeeze_bind(BindFn f) const;  // inner cycle squeezed into each event

  // Time.
  Pattern split_queries() const;
  Pattern with_query_span(SpanFn f) const;
  Pattern with_query_span_maybe(std::function<std::optional<TimeSpan>(const TimeSpan&)> f) const;
  Pattern with_query_time(TimeFn f) const;
  Pattern with_event_span(SpanFn f) const;
  Pattern with_event_time(TimeFn f) const;

  Pattern fast(const Rational& factor) const;
  Pattern slow(const Rational& factor) const;
  Pattern early(const Rational& offset) const;
  Pattern late(const Rational& offset) const;
  Pattern fast_gap(const Rational& factor) const;
  Pattern compress(const Rational& begin, const Rational& end) const;
  Pattern zoom(const Rational& begin, const Rational& end) const;
  Pattern repeat_cycles(const Rational& n) const;
  Pattern segment(const Rational& n) const;
  Pattern rev() const;

 private:
  std::shared_ptr<const QueryFn> query_;
  std::optional<Value> pure_;
};

Pattern silence();
Pattern pure(const Value& v);
// A continuous pattern: one event without a whole, valued at the query's begin.
Pattern signal(std::function<Value(const Rational&)> at);

Pattern stack(std::vector<Pattern> pats);
Pattern slowcat(std::vector<Pattern> pats);        // one per cycle, each keeping its own cycle count
Pattern slowcat_prime(std::vector<Pattern> pats);  // one per cycle, sharing the global cycle
Pattern fastcat(std::vector<Pattern> pats);        // all in one cycle
// fastcat of the pure values value_at(0) .. value_at(n - 1), each computed
// when a query reaches its step: a '..' range of 65,536 numbers builds
// nothing up front, and a query costs only the events it makes.
Pattern fastcat_values(std::int64_t n, std::function<Value(std::int64_t)> value_at);
// Each pattern takes a share of the cycle proportional to its weight.
Pattern timecat(std::vector<std::pair<Rational, Pattern>> weighted);

// Number a factor argument must be (Strudel's Fraction(value)); throws otherwise.
Rational to_rational(const Value& v);

}  // namespace tala
