// Every settable limit at its boundary: a value of N is accepted and N+1 is
// refused with the exact message, at the default and at a lowered value (as
// `--limit NAME=VALUE` sets it); and the table `tala limits` prints.
#define BOOST_TEST_MODULE limits
#include "limits.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <set>

#include "engine/program.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"
#include "mini/mini.hpp"
#include "pattern/event_query.hpp"
#include "support/render.hpp"
#include "util/error.hpp"

using tala::Limits;

namespace {

// "ok", or the error as the CLI prints it (without the caret lines).
template <class F>
std::string outcome(F&& f) {
  try {
    f();
  } catch (const tala::Error& e) {
    const std::string text = tala::format_error(e);
    return text.substr(0, text.find('\n'));
  }
  return "ok";
}

Limits with(std::int64_t Limits::*field, std::int64_t value) {
  Limits l;
  l.*field = value;
  return l;
}

std::string repeat(const std::string& s, std::int64_t n) {
  std::string out;
  for (std::int64_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string events(const std::string& pattern, const Limits& limits) {
  tala::EventQuery q;
  q.pattern = pattern;
  return outcome([&] { tala::onset_events(q, limits); });
}

std::string program(const std::string& source, const Limits& limits) {
  return outcome([&] { tala::lang::compile_program(source, limits); });
}

std::string graph(const std::string& text, const Limits& limits) {
  return outcome([&] { tala::load_graph_text(text, limits); });
}

// A graph of `nodes` sine oscillators.
std::string graph_of_nodes(std::int64_t nodes) {
  std::string list;
  for (std::int64_t i = 0; i < nodes; ++i)
    list += (i ? ",{\"id\":\"n" : "{\"id\":\"n") + std::to_string(i) + "\",\"type\":\"sinosc\"}";
  return R"({"format":"tala-graph","version":1,"nodes":[)" + list + R"(],"outputs":{"out":"n0"}})";
}

// A voices node whose pattern nests `depth` calls of fast.
std::string graph_of_depth(std::int64_t depth) {
  return R"({"format":"tala-graph","version":1,"nodes":[{"id":"v","type":"voices","pattern":)" +
         repeat(R"({"call":"fast","args":[1,)", depth) + R"({"mini":"bd"})" + repeat("]}", depth) +
         R"(}],"outputs":{"out":"v"}})";
}

}  // namespace

BOOST_AUTO_TEST_CASE(events_per_query) {
  BOOST_CHECK_EQUAL(events("bd*200000", {}), "ok");
  BOOST_CHECK_EQUAL(events("bd*200001", {}),
                    "error: 1:1: the pattern makes more than 200000 events in one query (limit: events-per-query)");
  const Limits four = with(&Limits::events_per_query, 4);
  BOOST_CHECK_EQUAL(events("bd*4", four), "ok");
  BOOST_CHECK_EQUAL(events("bd*5", four),
                    "error: 1:1: the pattern makes more than 4 events in one query (limit: events-per-query)");
}

BOOST_AUTO_TEST_CASE(mini_nesting) {
  const auto nested = [](std::int64_t n) { return std::string(n, '[') + "bd" + std::string(n, ']'); };
  BOOST_CHECK_EQUAL(events(nested(64), {}), "ok");
  BOOST_CHECK_EQUAL(events(nested(65), {}), "error: 1:65: brackets nest deeper than 64 levels");
  const Limits two = with(&Limits::mini_nesting, 2);
  BOOST_CHECK_EQUAL(events(nested(2), two), "ok");
  BOOST_CHECK_EQUAL(events(nested(3), two), "error: 1:3: brackets nest deeper than 2 levels");
  // The hard maximum still parses and queries (recursion depth).
  BOOST_CHECK_EQUAL(events(nested(256), with(&Limits::mini_nesting, 256)), "ok");
}

BOOST_AUTO_TEST_CASE(mini_ops) {
  const auto ops = [](std::int64_t n) { return "bd" + repeat("*1", n); };
  BOOST_CHECK_EQUAL(events(ops(64), {}), "ok");
  BOOST_CHECK_EQUAL(events(ops(65), {}), "error: 1:133: more than 64 operators on one step");
  const Limits two = with(&Limits::mini_ops, 2);
  BOOST_CHECK_EQUAL(events(ops(2), two), "ok");
  BOOST_CHECK_EQUAL(events(ops(3), two), "error: 1:9: more than 2 operators on one step");
  BOOST_CHECK_EQUAL(events(ops(256), with(&Limits::mini_ops, 256)), "ok");
}

BOOST_AUTO_TEST_CASE(pattern_bytes) {
  BOOST_CHECK_EQUAL(events(std::string(1 << 20, 'a'), {}), "ok");
  BOOST_CHECK_EQUAL(events(std::string((1 << 20) + 1, 'a'), {}),
                    "error: 1:1: the pattern is longer than 1048576 bytes");
  const Limits ten = with(&Limits::pattern_bytes, 10);
  BOOST_CHECK_EQUAL(events("bd sd hh c", ten), "ok");
  BOOST_CHECK_EQUAL(events("bd sd hh cp", ten), "error: 1:1: the pattern is longer than 10 bytes");
}

BOOST_AUTO_TEST_CASE(program_bytes) {
  const std::string out = "out: sinosc 440\n-- ";  // a comment pads the program to any length
  const auto sized = [&](std::int64_t n) { return out + std::string(n - out.size(), 'x'); };
  BOOST_CHECK_EQUAL(program(sized(8 << 20), {}), "ok");
  BOOST_CHECK_EQUAL(program(sized((8 << 20) + 1), {}), "error: the program is longer than 8 MiB");
  const Limits small = with(&Limits::program_bytes, 100);
  BOOST_CHECK_EQUAL(program(sized(100), small), "ok");
  BOOST_CHECK_EQUAL(program(sized(101), small), "error: the program is longer than 100 bytes");
}

BOOST_AUTO_TEST_CASE(expr_depth) {
  // A statement's value is the first level, each pair of parentheses one more.
  const auto levels = [](std::int64_t n) {
    return "out: " + std::string(n - 1, '(') + "440" + std::string(n - 1, ')');
  };
  BOOST_CHECK_EQUAL(program(levels(256), {}), "ok");
  BOOST_CHECK_EQUAL(program(levels(257), {}), "error: 1:262: the expression nests deeper than 256 levels");
  const Limits three = with(&Limits::expr_depth, 3);
  BOOST_CHECK_EQUAL(program(levels(3), three), "ok");
  BOOST_CHECK_EQUAL(program(levels(4), three), "error: 1:9: the expression nests deeper than 3 levels");
  BOOST_CHECK_EQUAL(program(levels(512), with(&Limits::expr_depth, 512)), "ok");
}

BOOST_AUTO_TEST_CASE(chain_operands) {
  const auto sum = [](std::int64_t n) { return "out: sinosc 1" + repeat(" + sinosc 1", n - 1); };
  BOOST_CHECK_EQUAL(program(sum(1024), {}), "ok");
  BOOST_CHECK_EQUAL(program(sum(1025), {}), "error: 1:11277: a chain of more than 1024 operands (split it over buses)");
  const Limits three = with(&Limits::chain_operands, 3);
  BOOST_CHECK_EQUAL(program(sum(3), three), "ok");
  BOOST_CHECK_EQUAL(program(sum(4), three), "error: 1:46: a chain of more than 3 operands (split it over buses)");
  BOOST_CHECK_EQUAL(program(sum(2048), with(&Limits::chain_operands, 2048)), "ok");
}

BOOST_AUTO_TEST_CASE(graph_bytes) {
  const std::string empty = R"({"format":"tala-graph","version":1,"nodes":[],"outputs":{}})";
  const auto sized = [&](std::int64_t n) { return empty + std::string(n - empty.size(), ' '); };
  BOOST_CHECK_EQUAL(graph(sized(64 << 20), {}), "ok");
  BOOST_CHECK_EQUAL(graph(sized((64 << 20) + 1), {}), "error: the graph is longer than 64 MiB");
  const Limits small = with(&Limits::graph_bytes, 100);
  BOOST_CHECK_EQUAL(graph(sized(100), small), "ok");
  BOOST_CHECK_EQUAL(graph(sized(101), small), "error: the graph is longer than 100 bytes");
}

BOOST_AUTO_TEST_CASE(graph_nodes) {
  BOOST_CHECK_EQUAL(graph(graph_of_nodes(100000), {}), "ok");
  BOOST_CHECK_EQUAL(graph(graph_of_nodes(100001), {}), "error: /nodes: more than 100000 nodes");
  const Limits two = with(&Limits::graph_nodes, 2);
  BOOST_CHECK_EQUAL(graph(graph_of_nodes(2), two), "ok");
  BOOST_CHECK_EQUAL(graph(graph_of_nodes(3), two), "error: /nodes: more than 2 nodes");
}

BOOST_AUTO_TEST_CASE(graph_expr_depth) {
  BOOST_CHECK_EQUAL(graph(graph_of_depth(256), {}), "ok");
  BOOST_CHECK_EQUAL(graph(graph_of_depth(257), {}), "error: /nodes/0/pattern" + repeat("/args/1", 256) +
                                                        "/args/0: pattern expression nests deeper than 256 levels");
  const Limits two = with(&Limits::graph_expr_depth, 2);
  BOOST_CHECK_EQUAL(graph(graph_of_depth(2), two), "ok");
  BOOST_CHECK_EQUAL(graph(graph_of_depth(3), two),
                    "error: /nodes/0/pattern/args/1/args/1/args/0: pattern expression nests deeper than 2 levels");
  BOOST_CHECK_EQUAL(graph(graph_of_depth(1024), with(&Limits::graph_expr_depth, 1024)), "ok");
}

// Mini-notation inside a program and inside a graph obeys the same limits.
BOOST_AUTO_TEST_CASE(mini_limits_reach_programs_and_graphs) {
  const Limits two = with(&Limits::mini_nesting, 2);
  BOOST_CHECK_EQUAL(program("d1: s \"[[bd]]\"", two), "ok");
  BOOST_CHECK_EQUAL(program("d1: s \"[[[bd]]]\"", two), "error: 1:10: brackets nest deeper than 2 levels");
  const std::string g =
      R"({"format":"tala-graph","version":1,"nodes":[{"id":"v","type":"voices","pattern":{"mini":"[[[bd]]]"}}],"outputs":{"out":"v"}})";
  BOOST_CHECK_EQUAL(graph(g, {}), "ok");
  BOOST_CHECK_EQUAL(graph(g, two), "error: /nodes/0/pattern/mini: 1:3: brackets nest deeper than 2 levels");
}

BOOST_AUTO_TEST_CASE(voices_default_is_the_programs) {
  BOOST_CHECK_EQUAL(static_cast<std::size_t>(Limits{}.voices), tala::ProgramConfig{}.max_voices);
}

// Past the voices limit the oldest voice is stolen: a four-note chord held for
// the whole render sounds the same with room for four voices as with the default,
// and loses a note with room for three.
BOOST_AUTO_TEST_CASE(voices_at_and_past_the_limit) {
  auto chord_with = [](std::int64_t voices) {
    tala::Engine e(tala::EngineConfig{});
    auto config = e.program_config();
    config.max_voices = static_cast<std::size_t>(voices);
    BOOST_REQUIRE(
        e.submit(tala::test::compile_source("cps 1\nout: s \"sine\" # note \"[40, 44, 47, 52]\" # legato 2", config)));
    return tala::test::render(e, 24000).left;
  };
  const auto unlimited = chord_with(Limits{}.voices), four = chord_with(4), three = chord_with(3);
  BOOST_CHECK(four == unlimited);
  float difference = 0;
  for (std::size_t i = 0; i < three.size(); ++i) difference = std::max(difference, std::fabs(three[i] - four[i]));
  BOOST_CHECK_GT(difference, 0.1f);  // a whole note (0.3 at its peak) is gone
}

BOOST_AUTO_TEST_CASE(set_limit_parses_and_bounds) {
  Limits l;
  BOOST_CHECK(!tala::set_limit(l, "events-per-query=4"));
  BOOST_CHECK_EQUAL(l.events_per_query, 4);
  BOOST_CHECK(!tala::set_limit(l, "events-per-query=1000000"));  // the hard maximum
  BOOST_CHECK_EQUAL(l.events_per_query, 1000000);
  BOOST_CHECK_EQUAL(*tala::set_limit(l, "events-per-query=1000001"),
                    "--limit events-per-query: must be a whole number from 1 to 1000000 (got 1000001)");
  BOOST_CHECK_EQUAL(*tala::set_limit(l, "events-per-query=0"),
                    "--limit events-per-query: must be a whole number from 1 to 1000000 (got 0)");
  BOOST_CHECK_EQUAL(*tala::set_limit(l, "voices=1.5"),
                    "--limit voices: must be a whole number from 1 to 65536 (got 1.5)");
  BOOST_CHECK_EQUAL(*tala::set_limit(l, "voices=-3"),
                    "--limit voices: must be a whole number from 1 to 65536 (got -3)");
  BOOST_CHECK_EQUAL(*tala::set_limit(l, "voices="),
                    "--limit voices: must be a whole number from 1 to 65536 (got nothing)");
  BOOST_CHECK_EQUAL(*tala::set_limit(l, "foo=1"), "--limit: unknown limit 'foo' (tala limits lists them)");
  BOOST_CHECK_EQUAL(*tala::set_limit(l, "voices"), "--limit: expected NAME=VALUE (got 'voices')");
  BOOST_CHECK(tala::set_limit(l, "list-values=5")->starts_with("--limit list-values: fixed at 4 ("));
  BOOST_CHECK_EQUAL(l.events_per_query, 1000000);  // a refused value changes nothing
}

BOOST_AUTO_TEST_CASE(table_names_every_field_once) {
  std::set<std::string_view> names;
  std::size_t settable = 0;
  for (const auto& info : tala::limit_table()) {
    BOOST_CHECK_MESSAGE(names.insert(info.name).second, info.name);
    BOOST_CHECK(!info.bounds.empty());
    if (info.field) {
      ++settable;
      BOOST_CHECK_EQUAL(info.value, Limits{}.*info.field);
      BOOST_CHECK_GE(info.max, info.value);
    } else {
      BOOST_CHECK(!info.fixed_because.empty());
    }
  }
  BOOST_CHECK_EQUAL(settable * sizeof(std::int64_t), sizeof(Limits));  // no field left out of the table
}
