// Functions that move, repeat or choose between whole cycles of a pattern.
#include <cmath>

#include "limits.hpp"
#include "pattern/library.hpp"
#include "util/error.hpp"

namespace tala {

namespace {

// A count argument (every 3, iter 4): JavaScript would build an array of
// this length, so it must be a whole number in range.
std::int64_t count_of(const Value& v, const char* what, std::int64_t min) {
  const double x = numeral(v);
  constexpr auto kMaxCount = static_cast<double>(kMaxWholeArgument);
  if (!(x >= static_cast<double>(min)) || x != std::floor(x) || x > kMaxCount) {
    throw Error(std::string(what) + " needs a whole number from " + std::to_string(min) + " to " +
                std::to_string(kMaxWholeArgument) + ", got " + v.json());
  }
  return static_cast<std::int64_t>(x);
}

Pattern with_rational(const Pattern& arg, std::function<Pattern(const Rational&)> f) {
  return patternify({arg}, [f = std::move(f)](const std::vector<Value>& v) { return f(to_rational(v[0])); });
}

Pattern iterate(const Pattern& n, const Pattern& pat, bool back) {
  return patternify({n}, [pat, back](const std::vector<Value>& v) {
    const Rational times = to_rational(v[0]);
    const std::int64_t count = count_of(v[0], "iter", 0);
    std::vector<Pattern> shifted;
    for (std::int64_t i = 0; i < count; ++i) {
      const Rational offset = Rational(i) / times;
      shifted.push_back(back ? pat.late(offset) : pat.early(offset));
    }
    return slowcat(std::move(shifted));
  });
}

}  // namespace

Pattern fast(const Pattern& factor, const Pattern& pat) {
  return with_rational(factor, [pat](const Rational& f) { return f < Rational(0) ? silence() : pat.fast(f); });
}

Pattern slow(const Pattern& factor, const Pattern& pat) {
  return with_rational(factor, [pat](const Rational& f) { return f < Rational(0) ? silence() : pat.slow(f); });
}

Pattern early(const Pattern& offset, const Pattern& pat) {
  return with_rational(offset, [pat](const Rational& t) { return pat.early(t); });
}

Pattern late(const Pattern& offset, const Pattern& pat) {
  return with_rational(offset, [pat](const Rational& t) { return pat.late(t); });
}

Pattern rev(const Pattern& pat) { return pat.rev(); }

Pattern iter(const Pattern& n, const Pattern& pat) { return iterate(n, pat, false); }
Pattern iter_back(const Pattern& n, const Pattern& pat) { return iterate(n, pat, true); }

Pattern palindrome(const Pattern& pat) { return slowcat_prime({pat, pat.rev()}); }

Pattern ply(const Pattern& n, const Pattern& pat) {
  return with_rational(n, [pat](const Rational& factor) {
    return pat.squeeze_bind([factor](const Value& v) { return pure(v).fast(factor); });
  });
}

Pattern segment(const Pattern& n, const Pattern& pat) {
  return with_rational(n, [pat](const Rational& r) { return pat.segment(r); });
}

Pattern repeat_cycles(const Pattern& n, const Pattern& pat) {
  return with_rational(n, [pat](const Rational& r) {
    if (r <= Rational(0)) throw Error("repeatCycles needs a positive number of cycles");
    return pat.repeat_cycles(r);
  });
}

Pattern first_of(const Pattern& n, const Transform& f, const Pattern& pat) {
  return patternify({n}, [f, pat](const std::vector<Value>& v) {
    std::vector<Pattern> cycles(static_cast<std::size_t>(count_of(v[0], "every/firstOf", 1)), pat);
    cycles[0] = f(pat);
    return slowcat_prime(std::move(cycles));
  });
}

Pattern last_of(const Pattern& n, const Transform& f, const Pattern& pat) {
  return patternify({n}, [f, pat](const std::vector<Value>& v) {
    std::vector<Pattern> cycles(static_cast<std::size_t>(count_of(v[0], "lastOf", 1)), pat);
    cycles.back() = f(pat);
    return slowcat_prime(std::move(cycles));
  });
}

Pattern whenmod(const Pattern& a, const Pattern& b, const Transform& f, const Pattern& pat) {
  return patternify({a, b}, [f, pat](const std::vector<Value>& v) {
    const Rational period = to_rational(v[0]);
    const Rational from = to_rational(v[1]);
    if (period <= Rational(0)) throw Error("whenmod needs a positive period");
    const Pattern changed = f(pat);
    // Tidal's whenmod: the test is on the time each cycle's query starts at.
    return Pattern([period, from, changed, pat](const State& state, Events& out) {
             const Rational t = state.span.begin;
             const Rational pos = t - (t / period).floor() * period;
             (pos >= from ? changed : pat).query(state, out);
           })
        .split_queries();
  });
}

Pattern when(const Pattern& condition, const Transform& f, const Pattern& pat) {
  const Pattern changed = f(pat);
  return condition.inner_bind([changed, pat](const Value& on) { return on.truthy() ? changed : pat; });
}

namespace {
Pattern chunked(const Pattern& n, const Transform& f, const Pattern& pat, bool back) {
  return patternify({n}, [f, pat, back](const std::vector<Value>& v) {
    const std::int64_t count = count_of(v[0], "chunk", 1);
    std::vector<Pattern> flags(static_cast<std::size_t>(count), pure(Value::boolean(false)));
    flags[0] = pure(Value::boolean(true));
    const Pattern which = iterate(pure(v[0]), fastcat(std::move(flags)), !back);
    return when(which, f, pat.repeat_cycles(Rational(count)));
  });
}
}  // namespace

Pattern chunk(const Pattern& n, const Transform& f, const Pattern& pat) { return chunked(n, f, pat, false); }
Pattern chunk_back(const Pattern& n, const Transform& f, const Pattern& pat) { return chunked(n, f, pat, true); }

Pattern off(const Pattern& time, const Transform& f, const Pattern& pat) { return stack({pat, f(late(time, pat))}); }

Pattern superimpose(const Transform& f, const Pattern& pat) { return stack({pat, f(pat)}); }

}  // namespace tala
