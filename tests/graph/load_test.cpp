// Loading JSON graphs: every mistake is reported with its JSON path.
#define BOOST_TEST_MODULE graph_load
#include <boost/test/unit_test.hpp>

#include "engine/program.hpp"
#include "graph/graph.hpp"
#include "util/error.hpp"

namespace {

std::string error_of(const std::string& text) {
  try {
    tala::Program::compile(tala::load_graph_text(text), {});
  } catch (const tala::Error& e) {
    return e.what();
  }
  return "no error";
}

std::string graph(const std::string& nodes, const std::string& outputs = R"({"out": "a"})") {
  return R"({"format": "tala-graph", "version": 1, "nodes": )" + nodes + R"(, "outputs": )" + outputs + "}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_valid_graph_loads) {
  const auto g = tala::load_graph_text(graph(
      R"([{"id": "a", "type": "lpf", "params": {"in": {"node": "b"}, "cutoff": {"pattern": {"mini": "200 400"}}}},
          {"id": "b", "type": "sawosc", "params": {"freq": 110}}])"));
  BOOST_CHECK_EQUAL(g.nodes.size(), 2u);
  BOOST_CHECK(g.cps == tala::Rational(1, 2));
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc"}])")), "no error");
}

BOOST_AUTO_TEST_CASE(document_level_errors) {
  BOOST_CHECK_EQUAL(error_of("[1, 2]"), "a graph is a JSON object, got an array");
  BOOST_CHECK_EQUAL(error_of("{\"format\": \"x\"}"), "/format: expected \"tala-graph\"");
  BOOST_CHECK_EQUAL(error_of(R"({"format": "tala-graph", "version": 2})"),
                    "/version: unknown version 2 (this tala reads version 1)");
  BOOST_CHECK_EQUAL(error_of(R"({"format": "tala-graph", "version": "1"})"), "/version: expected 1");
  BOOST_CHECK_EQUAL(error_of(R"({"format": "tala-graph", "version": 1})"), "/nodes: expected an array");
  BOOST_CHECK_EQUAL(error_of(R"({"format": "tala-graph", "version": 1, "nodes": [], "extra": 1})"),
                    "/extra: unknown field");
  BOOST_CHECK_EQUAL(error_of(R"({"format": "tala-graph", "version": 1, "cps": -1, "nodes": []})"),
                    "/cps: expected a number of cycles per second from 0.000001 to 1000");
  BOOST_CHECK(error_of("{\"format\": ").rfind("not valid JSON: ", 0) == 0);
}

BOOST_AUTO_TEST_CASE(the_tempo_is_from_a_millionth_to_1000_cycles_per_second) {
  const auto at = [](const std::string& cps) {
    return R"({"format": "tala-graph", "version": 1, "cps": )" + cps + R"(, "nodes": [], "outputs": {}})";
  };
  const std::string refused = "/cps: expected a number of cycles per second from 0.000001 to 1000";
  BOOST_CHECK(tala::load_graph_text(at("0.000001")).cps == tala::Rational(1, 1000000));
  BOOST_CHECK(tala::load_graph_text(at("1000")).cps == tala::Rational(1000));
  // 2.6e-10 is 0 as a fraction of denominator up to 10^7: the clock would stand still.
  BOOST_CHECK_EQUAL(error_of(at("2.6e-10")), refused);
  BOOST_CHECK_EQUAL(error_of(at("0.00000099")), refused);
  BOOST_CHECK_EQUAL(error_of(at("1000.0001")), refused);
  BOOST_CHECK_EQUAL(error_of(at("0")), refused);
}

BOOST_AUTO_TEST_CASE(node_errors_name_their_path) {
  BOOST_CHECK_EQUAL(error_of(graph("[3]")), "/nodes/0: expected an object, got a number");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"type": "sinosc"}])")), "/nodes/0/id: expected a non-empty string");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "lpff"}])")), "/nodes/0/type: unknown node type 'lpff'");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "lpf", "params": {"cutof": 3}}])")),
                    "/nodes/0/params/cutof: 'lpf' has no parameter 'cutof'");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "lpf", "params": {"cutoff": "800"}}])")),
                    "/nodes/0/params/cutoff: expected number, pattern or node ({\"pattern\": ...} or {\"node\": "
                    "\"id\"}), got a string");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc", "params": {"freq": -5}}])")),
                    "/nodes/0/params/freq: expected a number from 0 to 20000, got -5");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "lpf", "params": {"in": {"node": "nope"}}}])")),
                    "/nodes/0/params/in/node: no node has the id 'nope'");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc"}, {"id": "a", "type": "noise"}])")),
                    "/nodes/1/id: duplicate node id 'a'");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "voices"}])")),
                    "/nodes/0/pattern: 'voices' needs a pattern");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc", "colour": 1}])")),
                    "/nodes/0/colour: unknown field");
}

BOOST_AUTO_TEST_CASE(pattern_errors_name_their_path) {
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "voices", "pattern": {"call": "fastt", "args": [2]}}])")),
                    "/nodes/0/pattern/call: unknown pattern function 'fastt'");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "voices", "pattern": {"mini": "bd [sn"}}])")),
                    "/nodes/0/pattern/mini: 1:4: '[' is never closed");
  BOOST_CHECK_EQUAL(
      error_of(graph(R"([{"id": "a", "type": "voices", "pattern": {"call": "fast", "args": [1, 2, 3]}}])")),
      "/nodes/0/pattern/args: fast takes 2 arguments, got 3");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "voices", "pattern": {"call": "fast", "args": [2]}}])")),
                    "/nodes/0/pattern: expected a pattern, got a function");
  BOOST_CHECK_EQUAL(
      error_of(
          graph(R"([{"id": "a", "type": "voices", "pattern": {"call": "every", "args": [2, 3, {"mini": "a"}]}}])")),
      "/nodes/0/pattern/args/1: every needs a function here (such as fast 2 or rev), got a pattern");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "voices", "pattern": "bd"}])")),
                    "/nodes/0/pattern: expected a number, {\"mini\": ...}, {\"call\": ...} or {\"compose\": ...}");
}

BOOST_AUTO_TEST_CASE(outputs_and_loops) {
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc"}])", R"({"outx": "a"})")),
                    "/outputs/outx: outputs are out and out1 .. out16");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc"}])", R"({"out17": "a"})")),
                    "/outputs/out17: outputs are out and out1 .. out16");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc"}])", R"({"out": "b"})")),
                    "/outputs/out: no node has the id 'b'");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "lpf", "params": {"in": {"node": "b"}}},
                                       {"id": "b", "type": "gain", "params": {"in": {"node": "a"}}}])")),
                    "feedback loop without a delay: a -> b -> a (put a delay in the loop)");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "delay", "params": {"in": {"node": "b"}}},
                                       {"id": "b", "type": "gain", "params": {"in": {"node": "a"}}}])")),
                    "no error");
}

// The messages the cases above and tests/bad/cases.tsv do not reach: with them every
// message load.cpp and pattern_expr.cpp can give is checked somewhere.
BOOST_AUTO_TEST_CASE(the_rarer_node_and_output_errors_name_their_path) {
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": 3}])")), "/nodes/0/type: expected a node type (a string)");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc", "params": null}])")),
                    "/nodes/0/params: expected an object, got null");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc", "pattern": {"mini": "a"}}])")),
                    "/nodes/0/pattern: 'sinosc' takes no pattern");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "lpf", "params": {"in": {"node": 7}}}])")),
                    "/nodes/0/params/in/node: expected a node id (a string)");
  BOOST_CHECK_EQUAL(
      error_of(graph(R"([{"id": "a", "type": "lpf", "params": {"cutoff": {"pattern": {"call": "rev"}}}}])")),
      "/nodes/0/params/cutoff/pattern: expected a pattern, got a function");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "lpf", "params": {"cutoff": true}}])")),
                    "/nodes/0/params/cutoff: expected number, pattern or node ({\"pattern\": ...} or {\"node\": "
                    "\"id\"}), got a boolean");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "lpf", "params": {"cutoff": {"mini": "200"}}}])")),
                    "/nodes/0/params/cutoff: expected number, pattern or node ({\"pattern\": ...} or {\"node\": "
                    "\"id\"}), got an object");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc"}])", "[]")),
                    "/outputs: expected an object such as {\"out\": \"id\"}");
  BOOST_CHECK_EQUAL(error_of(graph(R"([{"id": "a", "type": "sinosc"}])", R"({"out": 0})")),
                    "/outputs/out: expected a node id (a string)");
}

BOOST_AUTO_TEST_CASE(the_rarer_pattern_errors_name_their_path) {
  auto voices = [](const std::string& pattern) {
    return error_of(graph(R"([{"id": "a", "type": "voices", "pattern": )" + pattern + "}]"));
  };
  BOOST_CHECK_EQUAL(voices(R"({"mini": 3})"), "/nodes/0/pattern/mini: expected a string");
  BOOST_CHECK_EQUAL(voices(R"({"fast": 2})"), "/nodes/0/pattern: expected \"mini\", \"call\" or \"compose\"");
  BOOST_CHECK_EQUAL(voices(R"({"call": ["fast"]})"), "/nodes/0/pattern/call: expected a function name");
  BOOST_CHECK_EQUAL(voices(R"({"call": "fast", "args": 2})"), "/nodes/0/pattern/args: expected an array");
  BOOST_CHECK_EQUAL(voices(R"({"call": "rev", "args": []})"), "/nodes/0/pattern: expected a pattern, got a function");
  BOOST_CHECK_EQUAL(voices(R"({"call": "stack", "args": [{"mini": "a"}, {"call": "rev"}]})"),
                    "/nodes/0/pattern/args/1: expected a pattern, got a function");
  BOOST_CHECK_EQUAL(voices(R"({"call": "fast", "args": [{"call": "rev"}, {"mini": "a"}]})"),
                    "/nodes/0/pattern/args/0: fast needs a pattern here, got a function");
  BOOST_CHECK_EQUAL(voices(R"({"call": "iter", "args": [1e9, {"mini": "a"}]})"),
                    "/nodes/0/pattern: iter needs a whole number from 0 to 65536, got 1000000000");
  BOOST_CHECK_EQUAL(voices(R"({"compose": []})"), "/nodes/0/pattern/compose: expected a non-empty array of functions");
  BOOST_CHECK_EQUAL(voices(R"({"compose": [{"call": "rev"}, {"mini": "a"}]})"),
                    "/nodes/0/pattern/compose/1: expected a function, got a pattern");
  // A composition is a function: applied to a pattern (by every here) it loads.
  BOOST_CHECK_EQUAL(
      voices(R"({"call": "every", "args": [2, {"compose": [{"call": "rev"}, {"call": "fast", "args": [2]}]},
                                           {"mini": "a b"}]})"),
      "no error");
}
