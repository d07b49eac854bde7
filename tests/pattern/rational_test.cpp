#define BOOST_TEST_MODULE pattern_rational
#include "pattern/rational.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "util/error.hpp"

using tala::Rational;

BOOST_AUTO_TEST_CASE(arithmetic_is_exact_and_normalised) {
  const Rational third(1, 3), sixth(1, 6);
  BOOST_CHECK(third + sixth == Rational(1, 2));
  BOOST_CHECK(third - sixth == sixth);
  BOOST_CHECK(third * Rational(3) == Rational(1));
  BOOST_CHECK(third / sixth == Rational(2));
  BOOST_CHECK_EQUAL(Rational(2, -4).str(), "-1/2");
  BOOST_CHECK_EQUAL(Rational(0, 5).str(), "0/1");
}

BOOST_AUTO_TEST_CASE(floor_rounds_towards_minus_infinity) {
  BOOST_CHECK(Rational(7, 2).floor() == Rational(3));
  BOOST_CHECK(Rational(-7, 2).floor() == Rational(-4));
  BOOST_CHECK(Rational(-4).floor() == Rational(-4));
  BOOST_CHECK(Rational(-1, 3).cycle_pos() == Rational(2, 3));
  BOOST_CHECK(Rational(5, 2).ceil() == Rational(3));
}

BOOST_AUTO_TEST_CASE(comparison_never_overflows) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max() - 1;
  BOOST_CHECK(Rational(big, big - 2) < Rational(big - 2, big - 4));
  BOOST_CHECK(Rational(1, big) < Rational(1, big - 1));
}

BOOST_AUTO_TEST_CASE(overflow_is_reported_not_wrapped) {
  const Rational huge(std::numeric_limits<std::int64_t>::max() / 2);
  BOOST_CHECK_THROW(huge * Rational(3), tala::Error);
  BOOST_CHECK_THROW(huge + huge + huge, tala::Error);
  BOOST_CHECK_THROW(Rational(1, 0), tala::Error);
  BOOST_CHECK_THROW(Rational(1) / Rational(0), tala::Error);
}

BOOST_AUTO_TEST_CASE(from_double_finds_the_fraction_strudel_uses) {
  BOOST_CHECK(Rational::from_double(1.5) == Rational(3, 2));
  BOOST_CHECK(Rational::from_double(0.25) == Rational(1, 4));
  BOOST_CHECK(Rational::from_double(-0.75) == Rational(-3, 4));
  BOOST_CHECK(Rational::from_double(0.0003) == Rational(3, 10000));
  BOOST_CHECK(Rational::from_double(1.0 / 3.0) == Rational(1, 3));
  BOOST_CHECK(Rational::from_double(12) == Rational(12));
  BOOST_CHECK(Rational::from_double(123.456) == Rational(15432, 125));
  BOOST_CHECK_THROW(Rational::from_double(1e30), tala::Error);
  BOOST_CHECK_THROW(Rational::from_double(std::numeric_limits<double>::quiet_NaN()), tala::Error);
}

namespace {

// Fraction.js's search, one Stern-Brocot step at a time, for 0 < p < 1 (as
// from_double calls it after scaling): the reference the run-length search
// in from_double must agree with.
Rational farey_one_step_at_a_time(double p) {
  constexpr double kLimit = 10000000;
  double a = 0, b = 1, c = 1, d = 1, n = 0, den = 1;
  while (b <= kLimit && d <= kLimit) {
    const double m = (a + c) / (b + d);
    if (p == m) {
      if (b + d <= kLimit) {
        n = a + c, den = b + d;
      } else if (d > b) {
        n = c, den = d;
      } else {
        n = a, den = b;
      }
      break;
    }
    if (p > m) {
      a += c, b += d;
    } else {
      c += a, d += b;
    }
    if (b > kLimit) {
      n = c, den = d;
    } else {
      n = a, den = b;
    }
  }
  return Rational(static_cast<std::int64_t>(n), static_cast<std::int64_t>(den));
}

}  // namespace

BOOST_AUTO_TEST_CASE(from_double_takes_runs_of_steps_as_one_step_at_a_time_would) {
  std::vector<double> values = {1e-7, 7e-9, 1.0 / 9999999, 1.0 / 10000001, 0.99999999, 0.5 + 1e-9, 3e-7, 0.1, 0.7};
  std::uint64_t state = 12345;
  const auto next = [&] {  // a fixed LCG: the same values on every run
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  for (int i = 0; i < 3000; ++i) {
    values.push_back(next());                                                              // anywhere in (0, 1)
    values.push_back(std::floor(next() * 1000) / (1 + std::floor(next() * 1000)) / 1001);  // near a small fraction
    values.push_back(std::pow(10.0, -1 - 5 * next()));                                     // small (long runs)
  }
  int differ = 0;
  for (double p : values) {
    if (!(p > 0 && p < 1)) continue;
    if (Rational::from_double(p) != farey_one_step_at_a_time(p) && ++differ <= 5) {
      BOOST_ERROR("from_double(" << p << ") = " << Rational::from_double(p).str() << ", one step at a time "
                                 << farey_one_step_at_a_time(p).str());
    }
  }
  BOOST_TEST(differ == 0);
}
