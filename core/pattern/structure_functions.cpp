// Functions that take their rhythm from another pattern: struct, mask, euclid.
#include <cmath>

#include "limits.hpp"
#include "pattern/library.hpp"
#include "util/error.hpp"
#include "util/js_number.hpp"

namespace tala {

namespace {

std::optional<Value> keep_if(const Value& a, const Value& b) {
  if (b.truthy()) return a;
  return std::nullopt;
}

// Bjorklund's algorithm (Rohan Drape's formulation, as Tidal and Strudel use
// it) merges groups of ons and offs pairwise until at most one group of either
// kind is left. All groups of a kind are always equal, so each kind is kept
// once with its count: O(n) instead of copying every group at every step.
struct Groups {
  std::vector<bool> a;  // the "ons" group
  std::int64_t a_count;
  std::vector<bool> b;  // the "offs" group
  std::int64_t b_count;
};

void bjorklund_groups(Groups& g) {
  while (std::min(g.a_count, g.b_count) > 1) {
    if (g.a_count > g.b_count) {
      std::vector<bool> merged = g.a;
      merged.insert(merged.end(), g.b.begin(), g.b.end());
      const std::int64_t rest = g.a_count - g.b_count;
      g.b = std::move(g.a);  // the ons left over become the new offs
      g.a = std::move(merged);
      g.a_count = g.b_count;
      g.b_count = rest;
    } else {
      // The step appends one offs group to the ons group while there are at
      // least as many offs groups: all those steps at once (one at a time,
      // 3 pulses in 6,660 steps copied 2,219 growing groups, per event).
      const std::int64_t steps = g.b_count / g.a_count;
      for (std::int64_t i = 0; i < steps; ++i) g.a.insert(g.a.end(), g.b.begin(), g.b.end());
      g.b_count -= steps * g.a_count;
    }
  }
}

// Lazily, as '..' ranges: with patterned arguments a Euclid rhythm is built
// per event, and `bd(3,[85 252])(6,[8 252])!...` built 252 patterns each time
// (4.9 s under the sanitizers for one fuzz input).
Pattern bool_sequence(const std::vector<bool>& steps) {
  return fastcat_values(static_cast<std::int64_t>(steps.size()),
                        [steps](std::int64_t i) { return Value::number(steps[static_cast<std::size_t>(i)] ? 1 : 0); });
}

std::vector<bool> rotated(std::vector<bool> b, double rotation) {
  // JavaScript's rotate(b, -r): a slice at -r, so |r| >= length leaves it.
  const auto n = static_cast<std::int64_t>(b.size());
  const double t = std::trunc(rotation);
  if (!(std::abs(t) < static_cast<double>(n))) return b;  // also NaN, and far past int64
  const auto r = static_cast<std::int64_t>(t);
  if (r == 0) return b;
  const std::int64_t split = r > 0 ? n - r : -r;
  std::vector<bool> out(b.begin() + split, b.end());
  out.insert(out.end(), b.begin(), b.begin() + split);
  return out;
}

}  // namespace

std::vector<bool> bjorklund(double pulses, double steps) {
  constexpr auto kMaxSteps = static_cast<double>(kMaxWholeArgument);
  const double ons = std::abs(pulses);
  if (ons != std::floor(ons) || steps != std::floor(steps) || steps < 0 || steps > kMaxSteps) {
    throw Error("euclid needs whole numbers of pulses and steps (at most " + std::to_string(kMaxWholeArgument) +
                " steps)");
  }
  if (ons > steps) {
    throw Error("euclid: " + js_number_text(ons) + " pulses do not fit in " + js_number_text(steps) + " steps");
  }
  Groups g{{true}, static_cast<std::int64_t>(ons), {false}, static_cast<std::int64_t>(steps - ons)};
  bjorklund_groups(g);
  std::vector<bool> out;
  for (std::int64_t i = 0; i < g.a_count; ++i) out.insert(out.end(), g.a.begin(), g.a.end());
  for (std::int64_t i = 0; i < g.b_count; ++i) out.insert(out.end(), g.b.begin(), g.b.end());
  if (pulses < 0) out.flip();
  return out;
}

Pattern struct_(const Pattern& bools, const Pattern& pat) { return pat.app_right(bools, keep_if); }

Pattern mask(const Pattern& bools, const Pattern& pat) { return pat.app_left(bools, keep_if); }

Pattern euclid(const Pattern& pulses, const Pattern& steps, const Pattern& pat) {
  return patternify({pulses, steps}, [pat](const std::vector<Value>& v) {
    return struct_(bool_sequence(bjorklund(numeral(v[0]), numeral(v[1]))), pat);
  });
}

Pattern euclid_rot(const Pattern& pulses, const Pattern& steps, const Pattern& rotation, const Pattern& pat) {
  return patternify({pulses, steps, rotation}, [pat](const std::vector<Value>& v) {
    return struct_(bool_sequence(rotated(bjorklund(numeral(v[0]), numeral(v[1])), numeral(v[2]))), pat);
  });
}

Pattern euclid_full(const Pattern& pulses, const Pattern& steps, const Pattern& off_pat, const Pattern& pat) {
  return patternify({pulses, steps}, [pat, off_pat](const std::vector<Value>& v) {
    std::vector<bool> on = bjorklund(numeral(v[0]), numeral(v[1]));
    std::vector<bool> offs = on;
    offs.flip();
    return stack({struct_(bool_sequence(on), pat), struct_(bool_sequence(offs), off_pat)});
  });
}

}  // namespace tala
