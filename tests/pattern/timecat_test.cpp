#define BOOST_TEST_MODULE pattern_timecat
// timecat asks only the parts whose slice a query overlaps; Strudel asks all
// of them (a stack of compressed parts). Both must give the same events in the
// same order for any span: inside a cycle, across cycles, zero-width, on a
// slice's edge.
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "pattern/pattern.hpp"

using tala::Pattern;
using tala::Rational;

namespace {

Pattern number(double x) { return tala::pure(tala::Value::number(x)); }

// What Strudel's timeCat does: every part compressed into its slice, stacked.
Pattern stack_of_all_parts(const std::vector<std::pair<Rational, Pattern>>& weighted) {
  Rational total(0);
  for (const auto& [w, p] : weighted) total += w;
  std::vector<Pattern> parts;
  Rational begin(0);
  for (const auto& [w, p] : weighted) {
    if (w == Rational(0)) continue;
    parts.push_back(p.compress(begin / total, (begin + w) / total));
    begin += w;
  }
  return tala::stack(std::move(parts));
}

std::string describe(const tala::Events& events) {
  std::string s;
  for (const tala::Event& e : events) {
    s += e.whole ? e.whole->begin.str() + "-" + e.whole->end.str() : std::string("~");
    s += " " + e.part.begin.str() + "-" + e.part.end.str() + " " + e.value.json() + "\n";
  }
  return s;
}

// Parts of every kind: steady values, faster sequences, values longer than a
// cycle, continuous signals, silence, and a zero weight.
std::vector<std::pair<Rational, Pattern>> parts(std::mt19937& rng) {
  std::uniform_int_distribution<int> kind(0, 5), weight(0, 4), count(2, 9);
  std::vector<std::pair<Rational, Pattern>> out;
  const int n = count(rng);
  for (int i = 0; i < n; ++i) {
    Pattern p;
    switch (kind(rng)) {
      case 0:
        p = number(i);
        break;
      case 1:
        p = tala::fastcat({number(i), number(i + 100), number(i + 200)});
        break;
      case 2:
        p = number(i).slow(Rational(3));
        break;
      case 3:
        p = tala::signal([i](const Rational& t) { return tala::Value::number(i + t.to_double()); });
        break;
      case 4:
        p = tala::silence();
        break;
      default:
        p = tala::slowcat({number(i), number(-i)});
        break;
    }
    out.emplace_back(Rational(weight(rng)), std::move(p));
  }
  out.emplace_back(Rational(1), number(99));  // at least one part with a weight
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_events_as_querying_every_part) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> den(1, 24), num(-30, 90), len(0, 40);
  int spans = 0, events = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const auto weighted = parts(rng);
    const Pattern fast = tala::timecat(weighted), reference = stack_of_all_parts(weighted);
    for (int q = 0; q < 40; ++q) {
      const int d = den(rng);
      const Rational begin(num(rng), d);
      const int l = len(rng);
      // A third of the spans are zero-width; the rest up to ~2 cycles long.
      const Rational end = q % 3 == 0 ? begin : begin + Rational(l, d);
      const auto got = fast.query_span(begin, end), want = reference.query_span(begin, end);
      BOOST_TEST_INFO("trial " << trial << " span " << begin.str() << " .. " << end.str());
      BOOST_CHECK_EQUAL(describe(got), describe(want));
      ++spans;
      events += static_cast<int>(want.size());
    }
  }
  BOOST_TEST_MESSAGE(spans << " spans, " << events << " events compared");
  BOOST_CHECK_GT(events, 10000);  // the spans did reach events
}

BOOST_AUTO_TEST_CASE(a_query_inside_one_step_asks_one_part) {
  // Parts that count their queries: a 64-step sequence queried inside one step
  // must ask only that step's part (the point of the binary search).
  auto asked = std::make_shared<std::vector<int>>(64, 0);
  std::vector<std::pair<Rational, Pattern>> weighted;
  for (int i = 0; i < 64; ++i) {
    weighted.emplace_back(Rational(1), Pattern([asked, i](const tala::State& state, tala::Events& out) {
                            ++(*asked)[static_cast<std::size_t>(i)];
                            number(i).query(state, out);
                          }));
  }
  const Pattern p = tala::timecat(std::move(weighted));
  const auto events = p.query_span(Rational(3) + Rational(10, 64), Rational(3) + Rational(11, 64));
  BOOST_REQUIRE_EQUAL(events.size(), 1u);
  BOOST_CHECK_EQUAL(events[0].value.json(), "10");
  int total = 0;
  for (int n : *asked) total += n;
  BOOST_CHECK_EQUAL(total, 1);
  BOOST_CHECK_EQUAL((*asked)[10], 1);
}
