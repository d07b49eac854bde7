// Hostile patterns get a clear error or a bounded answer: never a crash, a
// hang or unbounded memory.
#define BOOST_TEST_MODULE pattern_limits
#include <boost/test/unit_test.hpp>

#include "mini/mini.hpp"
#include "mini/parser.hpp"
#include "util/error.hpp"

namespace {

std::string error_of(const std::string& pattern, int cycles = 1) {
  try {
    tala::parse_mini(pattern).query_span(tala::Rational(0), tala::Rational(cycles));
  } catch (const tala::Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_CASE(too_many_events_in_one_query) {
  BOOST_CHECK(error_of("bd*1e12").find("more than 200000 events") != std::string::npos);
  BOOST_CHECK(error_of("[bd*1000]*1000*1000").find("more than 200000 events") != std::string::npos);
  // At the limit is fine, one more is not.
  BOOST_CHECK_EQUAL(error_of("bd*1000", 200), "no error");
  BOOST_CHECK(error_of("bd*1001", 200).find("more than 200000 events") != std::string::npos);
}

// Silence sped up makes no events but visits every cycle: each costs a unit
// of the same budget (these ran for over ten seconds before).
BOOST_AUTO_TEST_CASE(too_many_cycles_in_one_query) {
  for (const char* pattern : {"[~ ~]*1e9", "<~ ~>*1e8", "~!2*1e8", "[~ ~]*1e9 a"}) {
    BOOST_TEST_CONTEXT(pattern) {
      BOOST_CHECK(error_of(pattern).find("visits more than 800000 cycles in one query (limit: events-per-query x 4)") !=
                  std::string::npos);
    }
  }
  BOOST_CHECK_EQUAL(error_of("[~ ~]*1000", 100), "no error");
  // The cycle count is separate: a pattern at the event limit still plays.
  BOOST_CHECK_EQUAL(error_of("[a b]*1000", 100), "no error");
}

BOOST_AUTO_TEST_CASE(time_overflow_is_an_error) {
  BOOST_CHECK(error_of("bd*1e18*1e18").find("overflow") != std::string::npos);
  BOOST_CHECK(error_of("bd/1e30").find("overflow") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_an_error) {
  const int depth = 10000;
  const std::string deep = std::string(depth, '[') + "bd" + std::string(depth, ']');
  BOOST_CHECK(error_of(deep).find("nest deeper than") != std::string::npos);
  const int ok_depth = static_cast<int>(tala::Limits{}.mini_nesting);
  const std::string fine = std::string(ok_depth, '[') + "bd" + std::string(ok_depth, ']');
  BOOST_CHECK_EQUAL(error_of(fine), "no error");
  BOOST_CHECK(
      error_of(std::string(ok_depth + 1, '<') + "bd" + std::string(ok_depth + 1, '>')).find("nest deeper than") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(huge_euclid_is_an_error) {
  BOOST_CHECK(error_of("bd(3,1e9)").find("at most 65536 steps") != std::string::npos);
  BOOST_CHECK(error_of("bd(1.5,8)").find("whole numbers") != std::string::npos);
  BOOST_CHECK_EQUAL(error_of("bd(3,65536)"), "no error");
  // Far more pulses than fit, or a rotation past any integer (found by the fuzzer).
  BOOST_CHECK_EQUAL(error_of("bd(3666666666666666666660,0)"),
                    "euclid: 3.6666666666666665e+21 pulses do not fit in 0 steps");
  BOOST_CHECK_EQUAL(error_of("bd(3,8,1e300)"), "no error");
  BOOST_CHECK_EQUAL(error_of("bd(3,8,-1e300)"), "no error");
}

BOOST_AUTO_TEST_CASE(zero_and_negative_factors_are_bounded) {
  BOOST_CHECK_EQUAL(error_of("bd*0 sd"), "no error");
  BOOST_CHECK_EQUAL(error_of("bd/0 sd"), "no error");
  BOOST_CHECK_EQUAL(error_of("bd*-1 sd"), "no error");
  BOOST_CHECK_EQUAL(tala::parse_mini("bd*0").query_span(tala::Rational(0), tala::Rational(4)).size(), 0u);
}

BOOST_AUTO_TEST_CASE(huge_ranges_and_lists) {
  BOOST_CHECK(error_of("0 .. 1e9").find("more than 65536 values") != std::string::npos);
  BOOST_CHECK(error_of("a:1:2:3:4").find("at most 4 values") != std::string::npos);
  BOOST_CHECK(error_of("bd!1e9").find("more than 200000 events") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(too_many_operators_is_an_error) {
  std::string many = "bd";
  for (int i = 0; i < 100; ++i) many += "*1";
  BOOST_CHECK(error_of(many).find("more than 64 operators") != std::string::npos);
}
