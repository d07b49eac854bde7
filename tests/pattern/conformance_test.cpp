// Every case of the Strudel conformance corpus, through the same entry point
// as `tala events --stdin`: the events must match exactly.
#define BOOST_TEST_MODULE pattern_conformance
#include <boost/test/unit_test.hpp>

#include "pattern/event_query.hpp"
#include "support/corpus.hpp"

namespace {

void run_corpus(const std::string& file) {
  const auto cases = tala::test::read_corpus(std::string(TALA_TEST_DATA) + "/" + file);
  BOOST_REQUIRE(!cases.empty());
  std::size_t matched = 0;
  for (const auto& c : cases) {
    nlohmann::json request = {{"pattern", c.request["pattern"]},
                              {"cycles", c.request.contains("cycles") ? c.request["cycles"] : nlohmann::json(1)}};
    if (c.request.contains("from")) request["from"] = c.request["from"];
    const auto answer = nlohmann::json::parse(tala::answer_request_line(request.dump()));
    const std::string diff = tala::test::compare_answer(c, answer);
    BOOST_CHECK_MESSAGE(diff.empty(), file << ":" << c.line << " " << request["pattern"] << ": " << diff);
    if (diff.empty()) ++matched;
  }
  BOOST_TEST_MESSAGE(file << ": " << matched << " of " << cases.size() << " cases match Strudel");
  BOOST_CHECK_EQUAL(matched, cases.size());
}

}  // namespace

BOOST_AUTO_TEST_CASE(shared_corpus_matches_strudel) { run_corpus("mini.jsonl"); }

// Edge cases found while building tala, made with scripts/oracle.sh.
BOOST_AUTO_TEST_CASE(extra_corpus_matches_strudel) { run_corpus("mini_extra.jsonl"); }
