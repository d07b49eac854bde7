// Exact rational time: 64-bit numerator and denominator, always normalised
// (den > 0, gcd 1). Overflow throws tala::Error instead of wrapping.
#pragma once

#include <climits>
#include <cstdint>
#include <string>

namespace tala {

class Rational {
 public:
  constexpr Rational() = default;
  constexpr Rational(std::int64_t n) : num_(n), den_(1) {}  // NOLINT: ints are times
  Rational(std::int64_t n, std::int64_t d);

  // The fraction JavaScript's Fraction.js (as used by Strudel) makes of a
  // double: integers exactly, others by a Farey search with denominators up to
  // 10^7. Throws on NaN, infinities and integers beyond 64 bits.
  static Rational from_double(double x);

  std::int64_t num() const { return num_; }
  std::int64_t den() const { return den_; }
  double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }
  std::string str() const;  // "n/d", as the conformance corpus writes it

  Rational floor() const {  // the cycle this time falls in ("sam")
    if (den_ == 1) return *this;
    std::int64_t q = num_ / den_;
    if (num_ % den_ != 0 && num_ < 0) --q;
    return whole(q);
  }
  Rational ceil() const;
  Rational cycle_pos() const { return *this - floor(); }
  bool is_integer() const { return den_ == 1; }

  // Whole numbers, the common case, stay inline; the rest is in rational.cpp.
  friend Rational operator+(const Rational& a, const Rational& b) {
    std::int64_t r;
    if (a.den_ == 1 && b.den_ == 1 && !__builtin_add_overflow(a.num_, b.num_, &r) && r != kMin) return whole(r);
    return add(a, b);
  }
  friend Rational operator-(const Rational& a, const Rational& b) {
    std::int64_t r;
    if (a.den_ == 1 && b.den_ == 1 && !__builtin_sub_overflow(a.num_, b.num_, &r) && r != kMin) return whole(r);
    return add(a, -b);
  }
  friend Rational operator*(const Rational& a, const Rational& b) {
    std::int64_t r;
    if (a.den_ == 1 && b.den_ == 1 && !__builtin_mul_overflow(a.num_, b.num_, &r) && r != kMin) return whole(r);
    return multiply(a, b);
  }
  friend Rational operator/(const Rational& a, const Rational& b);
  Rational operator-() const {
    Rational r = *this;
    r.num_ = -num_;
    return r;
  }
  Rational& operator+=(const Rational& b) { return *this = *this + b; }
  Rational& operator-=(const Rational& b) { return *this = *this - b; }

  friend bool operator==(const Rational& a, const Rational& b) { return a.num_ == b.num_ && a.den_ == b.den_; }
  friend int compare(const Rational& a, const Rational& b) {
    if (a.den_ == b.den_) return (a.num_ > b.num_) - (a.num_ < b.num_);
    const __int128 l = static_cast<__int128>(a.num_) * b.den_;
    const __int128 r = static_cast<__int128>(b.num_) * a.den_;
    return (l > r) - (l < r);
  }
  friend bool operator<(const Rational& a, const Rational& b) { return compare(a, b) < 0; }
  friend bool operator>(const Rational& a, const Rational& b) { return compare(a, b) > 0; }
  friend bool operator<=(const Rational& a, const Rational& b) { return compare(a, b) <= 0; }
  friend bool operator>=(const Rational& a, const Rational& b) { return compare(a, b) >= 0; }

 private:
  static constexpr std::int64_t kMin = INT64_MIN;  // excluded, so negation never overflows
  static Rational whole(std::int64_t n) {
    Rational r;
    r.num_ = n;
    return r;
  }
  static Rational add(const Rational& a, const Rational& b);
  static Rational multiply(const Rational& a, const Rational& b);
  static Rational normalised(__int128 n, __int128 d);
  static Rational checked(__int128 n, __int128 d);
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

inline const Rational& min(const Rational& a, const Rational& b) { return b < a ? b : a; }
inline const Rational& max(const Rational& a, const Rational& b) { return a < b ? b : a; }

}  // namespace tala
