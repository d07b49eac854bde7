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
                    "/cps: expected a number of cycles per second above 0 and at most 1000");
  BOOST_CHECK(error_of("{\"format\": ").rfind("not valid JSON: ", 0) == 0);
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
