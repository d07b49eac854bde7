// Pattern functions against Strudel: each corpus line is a Strudel expression
// (tests/data/functions.requests.jsonl, answered by scripts/oracle.sh) that
// tala evaluates through its function registry.
#define BOOST_TEST_MODULE pattern_functions
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "pattern/controls.hpp"
#include "pattern/event_query.hpp"
#include "pattern/registry.hpp"
#include "support/corpus.hpp"
#include "support/strudel_call.hpp"
#include "util/error.hpp"

namespace {

nlohmann::json tala_answer(const nlohmann::json& request) {
  try {
    const tala::Pattern pat = tala::test::eval_strudel_call(request["code"].get<std::string>());
    const auto from = tala::Rational::from_double(request.value("from", 0.0));
    const auto cycles = tala::Rational::from_double(request.value("cycles", 1.0));
    return {{"events", nlohmann::json::parse(tala::events_json(tala::onset_events(pat, from, cycles)))}};
  } catch (const tala::Error& e) {
    return {{"error", e.what()}};
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(functions_match_strudel) {
  const auto cases = tala::test::read_corpus(std::string(TALA_TEST_DATA) + "/functions.jsonl");
  BOOST_REQUIRE(!cases.empty());
  std::size_t matched = 0;
  for (const auto& c : cases) {
    const std::string diff = tala::test::compare_answer(c, tala_answer(c.request));
    BOOST_CHECK_MESSAGE(diff.empty(), "functions.jsonl:" << c.line << " " << c.request["code"] << ": " << diff);
    if (diff.empty()) ++matched;
  }
  BOOST_TEST_MESSAGE("functions.jsonl: " << matched << " of " << cases.size() << " cases match Strudel");
}

// whenmod and euclidFull are Tidal's (Strudel 1.2.6 has neither): their
// defining property is checked against the functions they are made of.
BOOST_AUTO_TEST_CASE(whenmod_applies_the_function_in_the_last_cycles_of_each_period) {
  const auto pat = tala::test::eval_strudel_call("whenmod(4, 2, fast(2), \"a b\")");
  const auto plain = tala::test::eval_strudel_call("\"a b\"");
  const auto changed = tala::test::eval_strudel_call("fast(2, \"a b\")");
  for (int cycle = 0; cycle < 8; ++cycle) {
    const tala::Rational b(cycle), e(cycle + 1);
    const auto& expected = (cycle % 4 >= 2) ? changed : plain;
    BOOST_CHECK_EQUAL(tala::events_json(tala::onset_events(pat, b, 1)),
                      tala::events_json(tala::onset_events(expected, b, 1)));
  }
}

BOOST_AUTO_TEST_CASE(euclid_full_fills_the_off_steps_with_the_second_pattern) {
  const auto full = tala::test::eval_strudel_call("euclidFull(3, 8, \"hh\", \"bd\")");
  const auto ons = tala::test::eval_strudel_call("euclid(3, 8, \"bd\")");
  const auto offs = tala::test::eval_strudel_call("euclid(-3, 8, \"hh\")");
  const auto both = tala::test::eval_strudel_call("stack(euclid(3, 8, \"bd\"), euclid(-3, 8, \"hh\"))");
  const auto got = tala::onset_events(full, 0, 2);
  BOOST_CHECK_EQUAL(got.size(), 16u);
  BOOST_CHECK_EQUAL(tala::events_json(got), tala::events_json(tala::onset_events(both, 0, 2)));
  BOOST_CHECK_EQUAL(tala::onset_events(ons, 0, 2).size() + tala::onset_events(offs, 0, 2).size(), 16u);
}

// docs/patterns.md documents every function the registry has.
BOOST_AUTO_TEST_CASE(every_function_is_documented) {
  std::ifstream in(std::string(TALA_TEST_DATA) + "/../../docs/patterns.md");
  BOOST_REQUIRE(in);
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& f : tala::pattern_functions()) {
    const std::string name(f.name);
    // Sound parameters are rows of one table; every other function has a section.
    const std::string heading = tala::find_control(name) ? "| `" + name + "` |" : "### " + name + "\n";
    BOOST_CHECK_MESSAGE(doc.find(heading) != std::string::npos, "docs/patterns.md lacks " << heading);
  }
}
