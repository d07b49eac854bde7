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

i128 gcd128(i128 a, i128 b) {
  a = abs128(a);
  b = abs128(b);
  if (a <= kMax64 && b <= kMax64) {
    return std::gcd(static_cast<std::int64_t>(a), static_cast<std::int64_t>(b));
  }
  while (b != 0) {
    const i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

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
  // -2^63 is excluded so that negation never overflows.
  if (n > kMax64 || n < -kMax64 || d > kMax64) overflow();
  Rational r;
  r.num_ = static_cast<std::int64_t>(n);
  r.den_ = static_cast<std::int64_t>(d);
  return r;
}

Rational operator+(const Rational& a, const Rational& b) {
  if (a.den_ == 1 && b.den_ == 1) return Rational::normalised(i128(a.num_) + b.num_, 1);
  if (a.den_ == b.den_) return Rational::normalised(i128(a.num_) + b.num_, a.den_);
  return Rational::normalised(i128(a.num_) * b.den_ + i128(b.num_) * a.den_, i128(a.den_) * b.den_);
}

Rational operator-(const Rational& a, const Rational& b) {
  if (a.den_ == 1 && b.den_ == 1) return Rational::normalised(i128(a.num_) - b.num_, 1);
  if (a.den_ == b.den_) return Rational::normalised(i128(a.num_) - b.num_, a.den_);
  return Rational::normalised(i128(a.num_) * b.den_ - i128(b.num_) * a.den_, i128(a.den_) * b.den_);
}

Rational operator*(const Rational& a, const Rational& b) {
  return Rational::normalised(i128(a.num_) * b.num_, i128(a.den_) * b.den_);
}

Rational operator/(const Rational& a, const Rational& b) {
  if (b.num_ == 0) throw Error("division by zero in a time value");
  return Rational::normalised(i128(a.num_) * b.den_, i128(a.den_) * b.num_);
}

Rational Rational::operator-() const {
  Rational r = *this;
  r.num_ = -num_;
  return r;
}

Rational Rational::floor() const {
  if (den_ == 1) return *this;
  std::int64_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ < 0) --q;
  return Rational(q);
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
  constexpr double kLimit = 10000000;
  double a = 0, b = 1, c = 1, d = 1, n = 0, den = 1;
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
      a += c;
      b += d;
    } else {
      c += a;
      d += b;
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
