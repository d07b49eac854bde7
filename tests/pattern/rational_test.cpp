#define BOOST_TEST_MODULE pattern_rational
#include "pattern/rational.hpp"

#include <boost/test/unit_test.hpp>
#include <limits>

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
