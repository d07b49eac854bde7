// Randomness that is a pure function of time, so every render and every
// machine (and Strudel) makes the same choices.
#include <cmath>

#include "pattern/library.hpp"
#include "pattern/random.hpp"

namespace tala {

Pattern rand() {
  return signal([](const Rational& t) { return Value::number(random_at(t.to_double())); });
}

Pattern irand(const Pattern& n) {
  return patternify({n}, [](const std::vector<Value>& v) {
    const double scale = numeral(v[0]);
    return rand().with_value([scale](const Value& x) { return Value::number(std::trunc(x.atom().number * scale)); });
  });
}

Pattern perlin() {
  return signal([](const Rational& time) {
    const double t = time.to_double();
    const double ta = std::floor(t);
    const double ra = random_at(ta), rb = random_at(ta + 1);
    const double x = t - ta;
    const double smoother = 6.0 * std::pow(x, 5) - 15.0 * std::pow(x, 4) + 10.0 * std::pow(x, 3);
    return Value::number(ra + smoother * (rb - ra));
  });
}

Pattern degrade_by_with(const Pattern& randoms, double amount, const Pattern& pat) {
  const Pattern kept = randoms.filter_values([amount](const Value& r) { return r.atom().number > amount; });
  return pat.app_left(kept, [](const Value& a, const Value&) -> std::optional<Value> { return a; });
}

namespace {
Pattern inverted_rand() {
  return rand().with_value([](const Value& r) { return Value::number(1 - r.atom().number); });
}
}  // namespace

Pattern degrade_by(const Pattern& amount, const Pattern& pat) {
  return patternify({amount},
                    [pat](const std::vector<Value>& v) { return degrade_by_with(rand(), numeral(v[0]), pat); });
}

Pattern undegrade_by(const Pattern& amount, const Pattern& pat) {
  return patternify(
      {amount}, [pat](const std::vector<Value>& v) { return degrade_by_with(inverted_rand(), numeral(v[0]), pat); });
}

Pattern sometimes_by(const Pattern& amount, const Transform& f, const Pattern& pat) {
  return patternify({amount}, [f, pat](const std::vector<Value>& v) {
    const double x = numeral(v[0]);
    return stack({degrade_by_with(rand(), x, pat), f(degrade_by_with(inverted_rand(), 1 - x, pat))});
  });
}

Pattern some_cycles_by(const Pattern& amount, const Transform& f, const Pattern& pat) {
  return patternify({amount}, [f, pat](const std::vector<Value>& v) {
    const double x = numeral(v[0]);
    const Rational one(1);
    return stack(
        {degrade_by_with(rand().segment(one), x, pat), f(degrade_by_with(inverted_rand().segment(one), 1 - x, pat))});
  });
}

Pattern choose_in_with(const Pattern& chooser, std::vector<Pattern> options) {
  if (options.empty()) return silence();
  const auto n = static_cast<double>(options.size());
  const Pattern scaled = range(pure(Value::number(0)), pure(Value::number(n)), chooser);
  return scaled.inner_bind([options = std::move(options), n](const Value& v) {
    const double i = std::floor(numeral(v));
    const double key = std::min(std::max(i, 0.0), n - 1);
    return options[static_cast<std::size_t>(std::isnan(key) ? 0 : key)];
  });
}

}  // namespace tala
