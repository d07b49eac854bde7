#include "pattern/pattern.hpp"

#include <algorithm>
#include <memory>

#include "pattern/recently_built.hpp"
#include "util/error.hpp"

namespace tala {

void QueryBudget::spend(std::int64_t n) {
  events_left -= n;
  if (events_left < 0) {
    throw Error("the pattern makes more than " + std::to_string(limit) + " events in " + scope + " (limit: " + name +
                ")");
  }
}

void QueryBudget::spend_cycle() {
  if (--cycle_visits_left < 0) {
    throw Error("the pattern visits more than " + std::to_string(limit * kCycleVisitsPerEvent) + " cycles in " + scope +
                " (limit: " + name + " x " + std::to_string(kCycleVisitsPerEvent) + ")");
  }
}

namespace {
void spend(const State& state, std::int64_t n = 1) {
  if (state.budget) state.budget->spend(n);
}
}  // namespace

Pattern::Pattern() : Pattern(QueryFn([](const State&, Events&) {})) {}

Events Pattern::query_span(const Rational& begin, const Rational& end, std::int64_t max_events) const {
  QueryBudget budget{max_events};
  Events out;
  query(State{TimeSpan{begin, end}, &budget}, out);
  return out;
}

Pattern silence() { return Pattern(); }

Pattern pure(const Value& v) {
  Pattern p([v](const State& state, Events& out) {
    const TimeSpan& span = state.span;
    const Rational sam = span.begin.floor();
    const Rational next = sam + Rational(1);
    if (span.end <= next) {  // the usual case: a query within one cycle
      spend(state);
      out.push_back(Event{TimeSpan{sam, next}, span, v});
      return;
    }
    span.for_each_cycle([&](const TimeSpan& part) {
      spend(state);
      const Rational cycle = part.begin.floor();
      out.push_back(Event{TimeSpan{cycle, cycle + Rational(1)}, part, v});
    });
  });
  p.set_pure(v);
  return p;
}

Pattern signal(std::function<Value(const Rational&)> at) {
  return Pattern([at = std::move(at)](const State& state, Events& out) {
    spend(state);
    out.push_back(Event{std::nullopt, state.span, at(state.span.begin)});
  });
}

Pattern Pattern::with_value(ValueFn f) const {
  return Pattern([self = *this, f = std::move(f)](const State& state, Events& out) {
    const std::size_t first = out.size();
    self.query(state, out);
    for (std::size_t i = first; i < out.size(); ++i) out[i].value = f(out[i].value);
  });
}

Pattern Pattern::filter_events(std::function<bool(const Event&)> keep) const {
  return Pattern([self = *this, keep = std::move(keep)](const State& state, Events& out) {
    const std::size_t first = out.size();
    self.query(state, out);
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                             [&](const Event& e) { return !keep(e); }),
              out.end());
  });
}

Pattern Pattern::filter_values(std::function<bool(const Value&)> keep) const {
  return filter_events([keep = std::move(keep)](const Event& e) { return keep(e.value); });
}

Pattern Pattern::app_left(const Pattern& other, CombineFn f) const {
  return Pattern([self = *this, other, f = std::move(f)](const State& state, Events& out) {
    ScratchEvents lefts, rights;
    self.query(state, *lefts);
    for (const Event& l : *lefts) {
      rights->clear();
      other.query(state.with_span(l.whole_or_part()), *rights);
      for (const Event& r : *rights) {
        const auto part = l.part.intersection(r.part);
        if (!part) continue;
        if (auto v = f(l.value, r.value)) out.push_back(Event{l.whole, *part, *v});
      }
    }
  });
}

Pattern Pattern::app_right(const Pattern& other, CombineFn f) const {
  return Pattern([self = *this, other, f = std::move(f)](const State& state, Events& out) {
    ScratchEvents rights, lefts;
    other.query(state, *rights);
    for (const Event& r : *rights) {
      lefts->clear();
      self.query(state.with_span(r.whole_or_part()), *lefts);
      for (const Event& l : *lefts) {
        const auto part = l.part.intersection(r.part);
        if (!part) continue;
        if (auto v = f(l.value, r.value)) out.push_back(Event{r.whole, *part, *v});
      }
    }
  });
}

namespace {
std::optional<TimeSpan> intersect_wholes(const std::optional<TimeSpan>& a, const std::optional<TimeSpan>& b) {
  if (!a || !b) return std::nullopt;
  auto s = a->intersection(*b);
  if (!s) throw Error("internal: event wholes do not intersect");
  return s;
}
}  // namespace

Pattern Pattern::app_both(const Pattern& other, CombineFn f) const {
  return Pattern([self = *this, other, f = std::move(f)](const State& state, Events& out) {
    ScratchEvents lefts, rights;
    self.query(state, *lefts);
    other.query(state, *rights);
    for (const Event& l : *lefts) {
      for (const Event& r : *rights) {
        const auto part = l.part.intersection(r.part);
        if (!part) continue;
        if (auto v = f(l.value, r.value)) out.push_back(Event{intersect_wholes(l.whole, r.whole), *part, *v});
      }
    }
  });
}

namespace {
enum class WholeFrom { Both, Inner, Outer };

// Maps every event's part and whole through f (both ends).
template <class F>
void map_event_times(Events& out, std::size_t first, F&& f) {
  for (std::size_t i = first; i < out.size(); ++i) {
    Event& e = out[i];
    e.part = TimeSpan{f(e.part.begin), f(e.part.end)};
    if (e.whole) e.whole = TimeSpan{f(e.whole->begin), f(e.whole->end)};
  }
}

// The pattern f makes for a value, kept for values seen lately (f is a
// function of the value alone): binds build no pattern per event once warm.
Pattern inner_of(RecentlyBuilt& recent, const BindFn& f, const Value& v) {
  return recent.get(std::span<const Value>(&v, 1), [&] { return f(v); });
}

Pattern bind_whole(const Pattern& self, BindFn f, WholeFrom from) {
  return Pattern(
      [self, f = std::move(f), from, recent = std::make_shared<RecentlyBuilt>()](const State& state, Events& out) {
        ScratchEvents outers;
        self.query(state, *outers);
        for (const Event& a : *outers) {
          const std::size_t first = out.size();
          inner_of(*recent, f, a.value).query(state.with_span(a.part), out);
          for (std::size_t i = first; i < out.size(); ++i) {
            Event& b = out[i];
            switch (from) {
              case WholeFrom::Both:
                b.whole = intersect_wholes(a.whole, b.whole);
                break;
              case WholeFrom::Inner:
                break;
              case WholeFrom::Outer:
                b.whole = a.whole;
                break;
            }
          }
        }
      });
}
}  // namespace

Pattern Pattern::bind(BindFn f) const { return bind_whole(*this, std::move(f), WholeFrom::Both); }
Pattern Pattern::inner_bind(BindFn f) const { return bind_whole(*this, std::move(f), WholeFrom::Inner); }
Pattern Pattern::outer_bind(BindFn f) const { return bind_whole(*this, std::move(f), WholeFrom::Outer); }

Pattern Pattern::squeeze_bind(BindFn f) const {
  return Pattern(
      [self = *this, f = std::move(f), recent = std::make_shared<RecentlyBuilt>()](const State& state, Events& out) {
        ScratchEvents outers, inners;
        self.query(state, *outers);
        for (const Event& outer : *outers) {
          if (!outer.whole) continue;  // only discrete events can hold a cycle
          const TimeSpan& span = *outer.whole;
          inners->clear();
          // The inner pattern focused on the outer event's whole (Strudel's
          // focus: early(sam).fast(1 / width).late(begin)), its query and event
          // times mapped in place with the same exact arithmetic, so no
          // pattern is built per event.
          const Pattern inner_pattern = inner_of(*recent, f, outer.value);
          const Rational sam = span.begin.floor(), factor = Rational(1) / (span.end - span.begin);
          const Rational inverse = Rational(1) / factor;
          auto to_inner = [&](const Rational& t) { return (t - span.begin) * factor + sam; };
          auto to_outer = [&](const Rational& t) { return (t - sam) * inverse + span.begin; };
          inner_pattern.query(state.with_span(TimeSpan{to_inner(outer.part.begin), to_inner(outer.part.end)}), *inners);
          map_event_times(*inners, 0, to_outer);
          for (const Event& inner : *inners) {
            std::optional<TimeSpan> whole;
            if (inner.whole) {
              whole = inner.whole->intersection(*outer.whole);
              if (!whole) continue;
            }
            const auto part = inner.part.intersection(outer.part);
            if (!part) continue;
            out.push_back(Event{whole, *part, inner.value});
          }
        }
      });
}

Pattern Pattern::split_queries() const {
  return Pattern([self = *this](const State& state, Events& out) {
    state.span.for_each_cycle([&](const TimeSpan& s) {
      if (state.budget) state.budget->spend_cycle();
      self.query(state.with_span(s), out);
    });
  });
}

Pattern Pattern::with_query_span(SpanFn f) const {
  return Pattern([self = *this, f = std::move(f)](const State& state, Events& out) {
    self.query(state.with_span(f(state.span)), out);
  });
}

Pattern Pattern::with_query_span_maybe(std::function<std::optional<TimeSpan>(const TimeSpan&)> f) const {
  return Pattern([self = *this, f = std::move(f)](const State& state, Events& out) {
    if (auto s = f(state.span)) self.query(state.with_span(*s), out);
  });
}

Pattern Pattern::with_query_time(TimeFn f) const {
  return with_query_span([f = std::move(f)](const TimeSpan& s) { return s.with_time(f); });
}

Pattern Pattern::with_event_span(SpanFn f) const {
  return Pattern([self = *this, f = std::move(f)](const State& state, Events& out) {
    const std::size_t first = out.size();
    self.query(state, out);
    for (std::size_t i = first; i < out.size(); ++i) {
      Event& e = out[i];
      e.part = f(e.part);
      if (e.whole) e.whole = f(*e.whole);
    }
  });
}

Pattern Pattern::with_event_time(TimeFn f) const {
  return with_event_span([f = std::move(f)](const TimeSpan& s) { return s.with_time(f); });
}

// fast and early are the innermost loops of most patterns: one node each,
// with the time arithmetic inline rather than through with_query_time().
Pattern Pattern::fast(const Rational& factor) const {
  if (factor == Rational(0)) return silence();
  if (factor == Rational(1)) return *this;
  const Rational inverse = Rational(1) / factor;
  return Pattern([self = *this, factor, inverse](const State& state, Events& out) {
    const std::size_t first = out.size();
    self.query(state.with_span(TimeSpan{state.span.begin * factor, state.span.end * factor}), out);
    map_event_times(out, first, [&](const Rational& t) { return t * inverse; });
  });
}

Pattern Pattern::slow(const Rational& factor) const {
  if (factor == Rational(0)) return silence();
  return fast(Rational(1) / factor);
}

Pattern Pattern::early(const Rational& offset) const {
  if (offset == Rational(0)) return *this;
  return Pattern([self = *this, offset](const State& state, Events& out) {
    const std::size_t first = out.size();
    self.query(state.with_span(TimeSpan{state.span.begin + offset, state.span.end + offset}), out);
    map_event_times(out, first, [&](const Rational& t) { return t - offset; });
  });
}

Pattern Pattern::late(const Rational& offset) const { return early(-offset); }

// Squeezes each cycle into its first 1/factor, leaving a gap (Strudel's
// fastGap, the core of compress and so of every sequence).
Pattern Pattern::fast_gap(const Rational& factor) const {
  if (factor <= Rational(0)) return silence();
  const Rational inverse = Rational(1) / factor;
  return Pattern([self = *this, factor, inverse](const State& state, Events& out) {
           const Rational one(1);
           const TimeSpan& span = state.span;
           const Rational cycle = span.begin.floor();
           const Rational bpos = min((span.begin - cycle) * factor, one);
           if (bpos >= one) return;
           const Rational epos = min((span.end - cycle) * factor, one);
           const std::size_t first = out.size();
           self.query(state.with_span(TimeSpan{cycle + bpos, cycle + epos}), out);
           for (std::size_t i = first; i < out.size(); ++i) {
             Event& e = out[i];
             const Rational begin = e.part.begin, end = e.part.end;
             const Rational sam = begin.floor();
             const TimeSpan part{sam + min((begin - sam) * inverse, one), sam + min((end - sam) * inverse, one)};
             if (e.whole) {
               e.whole =
                   TimeSpan{part.begin - (begin - e.whole->begin) * inverse, part.end + (e.whole->end - end) * inverse};
             }
             e.part = part;
           }
         })
      .split_queries();
}

Pattern Pattern::compress(const Rational& b, const Rational& e) const {
  const Rational zero(0), one(1);
  if (b > e || b > one || e > one || b < zero || e < zero || b == e) return silence();
  return fast_gap(one / (e - b)).late(b);
}

Pattern Pattern::zoom(const Rational& s, const Rational& e) const {
  if (s >= e) return silence();
  const Rational d = e - s;
  return with_query_span(
             [s, d](const TimeSpan& span) { return span.with_cycle([&](const Rational& t) { return t * d + s; }); })
      .with_event_span(
          [s, d](const TimeSpan& span) { return span.with_cycle([&](const Rational& t) { return (t - s) / d; }); })
      .split_queries();
}

Pattern Pattern::repeat_cycles(const Rational& n) const {
  return Pattern([self = *this, n](const State& state, Events& out) {
           const Rational cycle = state.span.begin.floor();
           const Rational delta = cycle - (cycle / n).floor();
           const std::size_t first = out.size();
           self.query(state.with_span(state.span.with_time([&](const Rational& t) { return t - delta; })), out);
           for (std::size_t i = first; i < out.size(); ++i) {
             Event& e = out[i];
             e.part = e.part.with_time([&](const Rational& t) { return t + delta; });
             if (e.whole) e.whole = e.whole->with_time([&](const Rational& t) { return t + delta; });
           }
         })
      .split_queries();
}

Pattern Pattern::segment(const Rational& n) const {
  return app_right(pure(Value::boolean(true)).fast(n), [](const Value& a, const Value& b) -> std::optional<Value> {
    if (b.truthy()) return a;
    return std::nullopt;
  });
}

Pattern Pattern::rev() const {
  return Pattern([self = *this](const State& state, Events& out) {
           const Rational cycle = state.span.begin.floor();
           const Rational next = cycle + Rational(1);
           auto reflect = [&](const TimeSpan& s) { return TimeSpan{cycle + next - s.end, cycle + next - s.begin}; };
           const std::size_t first = out.size();
           self.query(state.with_span(reflect(state.span)), out);
           for (std::size_t i = first; i < out.size(); ++i) {
             Event& e = out[i];
             e.part = reflect(e.part);
             if (e.whole) e.whole = reflect(*e.whole);
           }
         })
      .split_queries();
}

Pattern stack(std::vector<Pattern> pats) {
  if (pats.size() == 1) return pats[0];
  return Pattern([pats = std::move(pats)](const State& state, Events& out) {
    for (const Pattern& p : pats) p.query(state, out);
  });
}

Pattern slowcat(std::vector<Pattern> pats) {
  if (pats.empty()) return silence();
  if (pats.size() == 1) return pats[0];
  return Pattern([pats = std::move(pats)](const State& state, Events& out) {
           const Rational n(static_cast<std::int64_t>(pats.size()));
           const Rational sam = state.span.begin.floor();
           std::int64_t index = sam.num() % static_cast<std::int64_t>(pats.size());
           if (index < 0) index += static_cast<std::int64_t>(pats.size());
           // Each pattern counts only the cycles it plays in.
           const Rational offset = sam - (state.span.begin / n).floor();
           const std::size_t first = out.size();
           pats[static_cast<std::size_t>(index)].query(
               state.with_span(state.span.with_time([&](const Rational& t) { return t - offset; })), out);
           for (std::size_t i = first; i < out.size(); ++i) {
             Event& e = out[i];
             e.part = e.part.with_time([&](const Rational& t) { return t + offset; });
             if (e.whole) e.whole = e.whole->with_time([&](const Rational& t) { return t + offset; });
           }
         })
      .split_queries();
}

Pattern slowcat_prime(std::vector<Pattern> pats) {
  if (pats.empty()) return silence();
  return Pattern([pats = std::move(pats)](const State& state, Events& out) {
           // JavaScript's % keeps the sign: negative cycles pick nothing.
           const std::int64_t index = state.span.begin.floor().num() % static_cast<std::int64_t>(pats.size());
           if (index >= 0) pats[static_cast<std::size_t>(index)].query(state, out);
         })
      .split_queries();
}

Pattern fastcat_values(std::int64_t n, std::function<Value(std::int64_t)> value_at) {
  if (n < 1) return silence();
  if (n == 1) return pure(value_at(0));
  // slowcat of pure patterns, each cycle's piece answered in place: a pure
  // value shifted by whole cycles and back is an event over that cycle.
  return Pattern([n, value_at = std::move(value_at)](const State& state, Events& out) {
           const Rational sam = state.span.begin.floor();
           std::int64_t index = sam.num() % n;
           if (index < 0) index += n;
           spend(state);
           out.push_back(Event{TimeSpan{sam, sam + Rational(1)}, state.span, value_at(index)});
         })
      .split_queries()
      .fast(Rational(n));
}

Pattern fastcat(std::vector<Pattern> pats) {
  const auto n = static_cast<std::int64_t>(pats.size());
  Pattern p = slowcat(std::move(pats));
  return n > 1 ? p.fast(Rational(n)) : p;
}

Pattern timecat(std::vector<std::pair<Rational, Pattern>> weighted) {
  if (weighted.empty()) return silence();
  if (weighted.size() == 1) return weighted[0].second;
  Rational total(0);
  for (const auto& [w, p] : weighted) total += w;
  // Strudel stacks every part, compressed into its slice of the cycle, and
  // queries them all. A part answers only queries that overlap its slice, so
  // a query inside one cycle asks just those (found by binary search), in the
  // same order: the same events, and a 64-step sequence costs what a 2-step
  // one does.
  struct Part {
    Rational begin, end;  // the slice of each cycle, 0 <= begin < end <= 1
    Pattern pattern;
  };
  std::vector<Part> parts;
  Rational begin(0);
  for (const auto& [w, p] : weighted) {
    if (w == Rational(0)) continue;
    const Rational end = begin + w;
    parts.push_back(Part{begin / total, end / total, p.compress(begin / total, end / total)});
    begin = end;
  }
  if (parts.size() == 1) return parts[0].pattern;
  return Pattern([parts = std::move(parts)](const State& state, Events& out) {
    auto first = parts.begin(), last = parts.end();
    const Rational cycle = state.span.begin.floor();
    if (state.span.end <= cycle + Rational(1)) {
      const Rational from = state.span.begin - cycle, to = state.span.end - cycle;
      // A compressed part queried at [from, to) of a cycle answers only when
      // from < its end and, for a span of some length, its begin < to; a
      // zero-width query needs begin <= from.
      first = std::partition_point(parts.begin(), parts.end(), [&](const Part& p) { return p.end <= from; });
      last = from == to ? (first != parts.end() && first->begin <= from ? first + 1 : first)
                        : std::partition_point(first, parts.end(), [&](const Part& p) { return p.begin < to; });
    }
    for (auto it = first; it != last; ++it) it->pattern.query(state, out);
  });
}

Rational to_rational(const Value& v) {
  if (v.is_list()) throw Error("expected a number, got the list " + v.json());
  const Atom& a = v.atom();
  if (a.kind == Atom::Kind::Number) return Rational::from_double(a.number);
  throw Error("expected a number, got " + v.json());
}

}  // namespace tala
