// invalid_utf8_offset accepts exactly what nlohmann::json can write: the
// language puts mini-notation text into the JSON graph, and a string json
// refuses to dump would end the process instead of giving an error.
#define BOOST_TEST_MODULE util_utf8
#include "util/utf8.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace {

bool json_can_write(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

bool valid(const std::string& s) { return tala::invalid_utf8_offset(s) == std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(agrees_with_json_on_every_one_and_two_byte_string) {
  int disagreements = 0;
  for (int a = 0; a < 256; ++a) {
    const std::string one(1, static_cast<char>(a));
    disagreements += valid(one) != json_can_write(one);
    for (int b = 0; b < 256; ++b) {
      const std::string two{static_cast<char>(a), static_cast<char>(b)};
      disagreements += valid(two) != json_can_write(two);
    }
  }
  BOOST_CHECK_EQUAL(disagreements, 0);
}

BOOST_AUTO_TEST_CASE(agrees_with_json_on_three_and_four_byte_sequences) {
  // Every lead byte from 0xC0 with every second byte; later bytes at the
  // edges of the continuation range and just outside it.
  const unsigned char tails[] = {0x41, 0x7F, 0x80, 0xBF, 0xC0};
  int disagreements = 0, checked = 0;
  for (int a = 0xC0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (unsigned char c : tails) {
        const std::string three{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        disagreements += valid(three) != json_can_write(three);
        ++checked;
        for (unsigned char d : tails) {
          const std::string four = three + static_cast<char>(d);
          disagreements += valid(four) != json_can_write(four);
          ++checked;
        }
      }
    }
  }
  BOOST_CHECK_EQUAL(disagreements, 0);
  BOOST_CHECK_EQUAL(checked, 64 * 256 * 5 * 6);
}

BOOST_AUTO_TEST_CASE(points_at_the_first_bad_sequence) {
  BOOST_CHECK_EQUAL(tala::invalid_utf8_offset("bd \xc3\xa9 \xc0\x80"), 6u);  // overlong NUL
  BOOST_CHECK_EQUAL(tala::invalid_utf8_offset("a\xed\xa0\x80"), 1u);         // a surrogate
  BOOST_CHECK_EQUAL(tala::invalid_utf8_offset("\xf4\x90\x80\x80"), 0u);      // past U+10FFFF
  BOOST_CHECK_EQUAL(tala::invalid_utf8_offset("ok \xe2\x82"), 3u);           // cut short
  BOOST_CHECK_EQUAL(tala::invalid_utf8_offset("\xf0\x9f\x8e\xb9 \xe2\x82\xac"), std::string::npos);
}
