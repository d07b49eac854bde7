// Functions with patterned arguments, and binds, keep the patterns they built
// for the last few values (core/pattern/recently_built.hpp): a kept pattern must answer exactly
// as a fresh one, in any query order, and from several threads at once (this
// test also runs under ThreadSanitizer: the tsan preset).
#define BOOST_TEST_MODULE pattern_patternify_cache
#include <boost/test/unit_test.hpp>
#include <thread>
#include <vector>

#include "mini/mini.hpp"
#include "pattern/event_query.hpp"

namespace {

const char* const kPatterns[] = {
    "bd(<3 5 3>,8,<0 2>)",                       // values change per cycle
    "bd(3,<8 16>) sn(<2 3>,[5 7])",              // two patterned functions, changing within a cycle
    "[0 .. <3 5>]*2",                            // a range with a patterned end
    "bd(3,c554!10:3[8!144])",                    // thousands of steps, the same values for many events
    "bd(<1 2 3 4 5 6 7 8 9 10 11>,12,<0 1 2>)",  // more combinations than are kept: the oldest go
    "[0 .. <1 2 3 4 5 6 7 8 9 10>] . [<9 8 7 6 5 4 3 2 1 0> .. 4]",  // binds and squeezes, evicting
};

std::string cycle_events(const tala::Pattern& p, int cycle) {
  return tala::events_json(tala::onset_events(p, tala::Rational(cycle), tala::Rational(1)));
}

}  // namespace

BOOST_AUTO_TEST_CASE(kept_patterns_answer_as_fresh_ones_in_any_order) {
  for (const char* text : kPatterns) {
    BOOST_TEST_CONTEXT(text) {
      const tala::Pattern kept = tala::parse_mini(text);
      for (int cycle : {3, 0, 3, 1, 1, 2, 0, 5, 4, 3}) {
        BOOST_TEST_CONTEXT("cycle " << cycle) {
          BOOST_TEST(cycle_events(kept, cycle) == cycle_events(tala::parse_mini(text), cycle));
        }
      }
    }
  }
}

// The check above compares a kept pattern with a fresh one, which keeps what it
// builds within a query too: a cache that matched the wrong values would agree
// with itself. Here the values change within one query and the onsets are known.
BOOST_AUTO_TEST_CASE(values_that_change_within_a_query_build_their_own_patterns) {
  auto onsets = [](const char* text, int cycles) {
    std::string out;
    for (const auto& e : tala::onset_events(tala::parse_mini(text), tala::Rational(0), tala::Rational(cycles)))
      out += (out.empty() ? "" : " ") + e.whole->begin.str();
    return out;
  };
  // x..x..x. and x.xx.xx. (Bjorklund), alternating by cycle.
  BOOST_TEST(onsets("bd(<3 5>,8)", 4) == "0/1 3/8 3/4 1/1 5/4 11/8 13/8 7/4 2/1 19/8 11/4 3/1 13/4 27/8 29/8 15/4");
  // Four steps, then six, then four.
  BOOST_TEST(onsets("[0 .. <3 5>]", 3) == "0/1 1/4 1/2 3/4 1/1 7/6 4/3 3/2 5/3 11/6 2/1 9/4 5/2 11/4");
}

BOOST_AUTO_TEST_CASE(one_pattern_queried_from_four_threads_at_once) {
  constexpr int kCycles = 24;
  for (const char* text : kPatterns) {
    BOOST_TEST_CONTEXT(text) {
      std::vector<std::string> expected;
      for (int c = 0; c < kCycles; ++c) expected.push_back(cycle_events(tala::parse_mini(text), c));
      const tala::Pattern shared = tala::parse_mini(text);
      std::vector<std::vector<std::string>> got(4, std::vector<std::string>(kCycles));
      std::vector<std::thread> threads;
      for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
          // Each thread starts at a different cycle, so their values differ.
          for (int i = 0; i < kCycles; ++i) {
            const int c = (i + t * 5) % kCycles;
            got[t][c] = cycle_events(shared, c);
          }
        });
      }
      for (auto& th : threads) th.join();
      for (int t = 0; t < 4; ++t) {
        for (int c = 0; c < kCycles; ++c) BOOST_TEST(got[t][c] == expected[c], "thread " << t << " cycle " << c);
      }
    }
  }
}
