// Bad mini-notation: one clear error with the line and column, never a crash.
#define BOOST_TEST_MODULE pattern_mini_errors
#include <boost/test/unit_test.hpp>

#include "mini/mini.hpp"
#include "util/error.hpp"

namespace {

std::string error_of(const std::string& pattern) {
  try {
    tala::parse_mini(pattern).query_span(tala::Rational(0), tala::Rational(4));
  } catch (const tala::Error& e) {
    return tala::format_error(e, pattern);
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_CASE(unclosed_bracket_points_at_the_bracket) {
  BOOST_CHECK_EQUAL(error_of("bd [sn"), "error: 1:4: '[' is never closed\n  bd [sn\n     ^");
  BOOST_CHECK_EQUAL(error_of("<a b"), "error: 1:1: '<' is never closed\n  <a b\n  ^");
  BOOST_CHECK_EQUAL(error_of("bd(3,8"), "error: 1:3: '(' is never closed\n  bd(3,8\n    ^");
}

BOOST_AUTO_TEST_CASE(stray_and_mismatched_closers) {
  BOOST_CHECK_EQUAL(error_of("bd ]"), "error: 1:4: ']' has no matching '['\n  bd ]\n     ^");
  BOOST_CHECK_EQUAL(error_of("[bd >"), "error: 1:5: '>' does not close '[' (expected ']')\n  [bd >\n      ^");
}

BOOST_AUTO_TEST_CASE(unknown_characters_and_mixed_groups) {
  BOOST_CHECK_EQUAL(error_of("bd % sd"), "error: 1:4: unexpected '%'\n  bd % sd\n     ^");
  BOOST_CHECK_EQUAL(error_of("a, b | c"), "error: 1:6: unexpected '|'\n  a, b | c\n       ^");
  BOOST_CHECK_EQUAL(error_of("<a|b>"), "error: 1:3: cannot mix ',', '|' and '.' in one group\n  <a|b>\n    ^");
  BOOST_CHECK_EQUAL(error_of(""), "error: 1:1: expected a step, found the end of the pattern");
}

BOOST_AUTO_TEST_CASE(lines_and_columns_count_characters) {
  BOOST_CHECK_EQUAL(error_of("bd\n  sd ]"), "error: 2:6: ']' has no matching '['\n    sd ]\n       ^");
  BOOST_CHECK_EQUAL(error_of("é ]"), "error: 1:3: ']' has no matching '['\n  é ]\n    ^");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_an_error) {
  BOOST_CHECK(error_of("bd \xff sd").find("invalid UTF-8") != std::string::npos);
  // Well-formed in shape but not UTF-8 (JSON could not carry them): an overlong
  // '/', a surrogate, a code point past U+10FFFF.
  BOOST_CHECK(error_of("bd \xc0\xaf").find("1:4: invalid UTF-8") != std::string::npos);
  BOOST_CHECK(error_of("bd \xed\xa0\x80").find("1:4: invalid UTF-8") != std::string::npos);
  BOOST_CHECK(error_of("\xf5\x80\x80\x80").find("1:1: invalid UTF-8") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(euclid_errors) {
  BOOST_CHECK(error_of("bd(9,8)").find("9 pulses do not fit in 8 steps") != std::string::npos);
  BOOST_CHECK(error_of("bd(3 8)").find("expected ','") != std::string::npos);
}
