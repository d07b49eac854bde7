#include "pattern/rational.hpp"

#include <cmath>
#include <limits>
#include <numeric>

#include "util/error.hpp"

namespace tala {

namespace {

using i128 = __int128;
constexpr i128 kMax64 = std::numeric_limits<std::int64_t>::max();

[[noreturn]] void overflow() {
  throw Error("time arithmetic overflow: the pattern needs finer or larger times than 64-bit fractions hold");
}

i128 abs128(i128 x) { return x < 0 ? -x : x; }

// Binary GCD: no divisions, which dominate rational arithmetic otherwise.
std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return a << shift;
}

i128 gcd128(i128 a, i128 b) {
  a = abs128(a);
  b = abs128(b);
  if (a <= kMax64 && b <= kMax64) return gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
  while (b != 0) {
    const i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::uint64_t uabs(std::int64_t x) { return x < 0 ? 0 - static_cast<std::uint64_t>(x) : static_cast<std::uint64_t>(x); }

}  // namespace

Rational::Rational(std::int64_t n, std::int64_t d) {
  if (d == 0) throw Error("division by zero in a time value");
  *this = normalised(n, d);
}

Rational Rational::normalised(i128 n, i128 d) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (d != 1) {
    const i128 g = gcd128(n, d);
    if (g > 1) {
      n /= g;
      d /= g;
    }
  }
  return checked(n, d);
}

// n/d already in lowest terms, d > 0; -2^63 is excluded so negation never overflows.
Rational Rational::checked(i128 n, i128 d) {
  if (n > kMax64 || n < -kMax64 || d > kMax64) overflow();
  Rational r;
  r.num_ = static_cast<std::int64_t>(n);
  r.den_ = static_cast<std::int64_t>(d);
  return r;
}

// Sums and products reduce by the gcd of the denominators first (Knuth,
// TAOCP 4.5.1): smaller intermediates, and the result needs no final gcd.
Rational Rational::add(const Rational& a, const Rational& b) {
  // A whole number added to a fraction keeps the fraction's denominator,
  // still in lowest terms: the usual case of a cycle offset.
  if (b.den_ == 1) return Rational::checked(i128(a.num_) + i128(b.num_) * a.den_, a.den_);
  if (a.den_ == 1) return Rational::checked(i128(b.num_) + i128(a.num_) * b.den_, b.den_);
  const auto g =
      static_cast<std::int64_t>(gcd64(static_cast<std::uint64_t>(a.den_), static_cast<std::uint64_t>(b.den_)));
  if (g == 1) return Rational::checked(i128(a.num_) * b.den_ + i128(b.num_) * a.den_, i128(a.den_) * b.den_);
  const i128 t = i128(a.num_) * (b.den_ / g) + i128(b.num_) * (a.den_ / g);
  const i128 g2 = gcd128(t, g);
  return Rational::checked(t / g2, i128(a.den_ / g) * (b.den_ / g2));
}

Rational Rational::multiply(const Rational& a, const Rational& b) {
  if (a.den_ == 1 && b.den_ == 1) return Rational::checked(i128(a.num_) * b.num_, 1);
  if (a.num_ == 0 || b.num_ == 0) return Rational(0);
  const auto g1 = static_cast<std::int64_t>(gcd64(uabs(a.num_), static_cast<std::uint64_t>(b.den_)));
  const auto g2 = static_cast<std::int64_t>(gcd64(uabs(b.num_), static_cast<std::uint64_t>(a.den_)));
  return Rational::checked(i128(a.num_ / g1) * (b.num_ / g2), i128(a.den_ / g2) * (b.den_ / g1));
}

Rational operator/(const Rational& a, const Rational& b) {
  if (b.num_ == 0) throw Error("division by zero in a time value");
  Rational inverse;
  inverse.num_ = b.num_ < 0 ? -b.den_ : b.den_;
  inverse.den_ = b.num_ < 0 ? -b.num_ : b.num_;
  return Rational::multiply(a, inverse);
}

Rational Rational::ceil() const {
  if (den_ == 1) return *this;
  return floor() + Rational(1);
}

std::string Rational::str() const { return std::to_string(num_) + "/" + std::to_string(den_); }

Rational Rational::from_double(double x) {
  if (std::isnan(x) || std::isinf(x)) throw Error("expected a finite number");
  const bool negative = x < 0;
  double p = negative ? -x : x;
  if (std::fmod(p, 1.0) == 0.0) {
    if (p >= 9.2233720368547758e18) overflow();
    const auto n = static_cast<std::int64_t>(p);
    return Rational(negative ? -n : n);
  }
  // Farey-sequence search, as Fraction.js does it, so tala and Strudel agree
  // on the fraction behind every decimal factor (1.5 -> 3/2, 0.0003 -> 3/10000).
  double scale = 1;
  if (p >= 1) {
    scale = std::pow(10.0, std::floor(1 + std::log10(p)));
    p /= scale;
  }
  // Runs of steps the same way are taken at once (a binary search for the
  // run's length), with the same comparisons the one-step search makes: one
  // at a time, 7e-9 took 10 million steps (0.9 s for one fuzz input).
  constexpr double kLimit = 10000000;
  double a = 0, b = 1, c = 1, d = 1, n = 0, den = 1;
  // The largest j in [1, most] for which `takes(j)` holds; takes(1) does, and
  // takes(j) holds for every j below a j for which it holds.
  const auto run_length = [](double most, auto takes) {
    double lo = 1, hi = most;
    while (lo < hi) {
      const double mid = std::floor((lo + hi + 1) / 2);
      if (takes(mid)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  };
  while (b <= kLimit && d <= kLimit) {
    const double m = (a + c) / (b + d);
    if (p == m) {
      if (b + d <= kLimit) {
        n = a + c;
        den = b + d;
      } else if (d > b) {
        n = c;
        den = d;
      } else {
        n = a;
        den = b;
      }
      break;
    }
    if (p > m) {
      // Step j moves (a, b) to (a + j c, b + j d) while p > (a + j c) / (b + j d)
      // and b stayed within the limit before it.
      const double most = std::floor((kLimit - b) / d) + 1;
      const double j = run_length(most, [&](double k) { return p > (a + k * c) / (b + k * d); });
      a += j * c;
      b += j * d;
    } else {
      // Step j moves (c, d) to (c + j a, d + j b) while p < (j a + c) / (j b + d).
      const double most = std::floor((kLimit - d) / b) + 1;
      const double j = run_length(most, [&](double k) { return p < (k * a + c) / (k * b + d); });
      c += j * a;
      d += j * b;
    }
    if (b > kLimit) {
      n = c;
      den = d;
    } else {
      n = a;
      den = b;
    }
  }
  const double scaled = n * scale;
  if (scaled >= 9.2233720368547758e18) overflow();
  const auto num = static_cast<std::int64_t>(scaled);
  return Rational(negative ? -num : num, static_cast<std::int64_t>(den));
}

}  // namespace tala
