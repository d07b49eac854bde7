#define BOOST_TEST_MODULE pattern_js_number
#include "util/js_number.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>

using tala::js_number;
using tala::js_number_text;

BOOST_AUTO_TEST_CASE(reads_numbers_as_javascript_number_does) {
  BOOST_CHECK_EQUAL(*js_number("1e3"), 1000);
  BOOST_CHECK_EQUAL(*js_number("0x10"), 16);
  BOOST_CHECK_EQUAL(*js_number("0b101"), 5);
  BOOST_CHECK_EQUAL(*js_number("0o17"), 15);
  BOOST_CHECK_EQUAL(*js_number("-1.5"), -1.5);
  BOOST_CHECK_EQUAL(*js_number(".5"), 0.5);
  BOOST_CHECK_EQUAL(*js_number("5."), 5);
  BOOST_CHECK(std::isinf(*js_number("Infinity")));
  BOOST_CHECK(!js_number("bd"));
  BOOST_CHECK(!js_number("1e"));
  BOOST_CHECK(!js_number("-0x10"));
  BOOST_CHECK(!js_number("1.2.3"));
  BOOST_CHECK(!js_number("-"));
  BOOST_CHECK(!js_number("0..3"));
}

BOOST_AUTO_TEST_CASE(writes_numbers_as_javascript_tostring_does) {
  BOOST_CHECK_EQUAL(js_number_text(0.1), "0.1");
  BOOST_CHECK_EQUAL(js_number_text(1000), "1000");
  BOOST_CHECK_EQUAL(js_number_text(-0.0), "0");
  BOOST_CHECK_EQUAL(js_number_text(1e21), "1e+21");
  BOOST_CHECK_EQUAL(js_number_text(1e-7), "1e-7");
  BOOST_CHECK_EQUAL(js_number_text(0.000001), "0.000001");
  BOOST_CHECK_EQUAL(js_number_text(123456789012345680000.0), "123456789012345680000");
  BOOST_CHECK_EQUAL(js_number_text(0.1 + 0.2), "0.30000000000000004");
  BOOST_CHECK_EQUAL(js_number_text(-1.5e-10), "-1.5e-10");
}
