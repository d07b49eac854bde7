#include <set>

#include "graph/graph.hpp"
#include "util/error.hpp"
#include "util/js_number.hpp"

namespace tala {

namespace {

// "path: message"; the whole document (path "") has no prefix.
[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw Error(path.empty() ? message : path + ": " + message);
}

std::string describe(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

ParamDef load_param(const nlohmann::json& j, const ParamSpec& spec, const std::string& path, const Limits& limits) {
  ParamDef p;
  if (j.is_number()) {
    p.kind = ParamDef::Kind::Number;
    p.number = j.get<double>();
    if (const std::string problem = range_problem(spec, p.number); !problem.empty()) fail(path, problem);
    return p;
  }
  if (j.is_object() && j.size() == 1 && j.contains("node")) {
    if (!j["node"].is_string()) fail(path + "/node", "expected a node id (a string)");
    p.kind = ParamDef::Kind::Node;
    p.node = j["node"].get<std::string>();
    return p;
  }
  if (j.is_object() && j.size() == 1 && j.contains("pattern")) {
    auto built = build_pattern_expr(j["pattern"], path + "/pattern", limits);
    if (!built.pattern) fail(path + "/pattern", "expected a pattern, got a function");
    p.kind = ParamDef::Kind::Pattern;
    p.pattern = *built.pattern;
    return p;
  }
  fail(path, "expected number, pattern or node ({\"pattern\": ...} or {\"node\": \"id\"}), got " + describe(j));
}

NodeDef load_node(const nlohmann::json& j, const std::string& path, const Limits& limits) {
  if (!j.is_object()) fail(path, "expected an object, got " + describe(j));
  NodeDef n;
  n.path = path;
  if (!j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty()) {
    fail(path + "/id", "expected a non-empty string");
  }
  n.id = j["id"].get<std::string>();
  if (!j.contains("type") || !j["type"].is_string()) fail(path + "/type", "expected a node type (a string)");
  const std::string type = j["type"].get<std::string>();
  n.spec = find_node_spec(type);
  if (!n.spec) fail(path + "/type", "unknown node type '" + type + "'");
  for (const auto& [key, value] : j.items()) {
    if (key != "id" && key != "type" && key != "params" && key != "pattern" && key != "line") {
      fail(path + "/" + key, "unknown field");
    }
  }
  n.params.resize(n.spec->params.size());
  if (j.contains("params")) {
    const auto& params = j["params"];
    if (!params.is_object()) fail(path + "/params", "expected an object, got " + describe(params));
    for (const auto& [name, value] : params.items()) {
      const auto index = n.spec->param_index(name);
      if (!index) fail(path + "/params/" + name, "'" + type + "' has no parameter '" + name + "'");
      n.params[*index] = load_param(value, n.spec->params[*index], path + "/params/" + name, limits);
    }
  }
  if (n.spec->has_pattern) {
    if (!j.contains("pattern")) fail(path + "/pattern", "'" + type + "' needs a pattern");
    auto built = build_pattern_expr(j["pattern"], path + "/pattern", limits);
    if (!built.pattern) fail(path + "/pattern", "expected a pattern, got a function");
    n.pattern = *built.pattern;
  } else if (j.contains("pattern")) {
    fail(path + "/pattern", "'" + type + "' takes no pattern");
  }
  nlohmann::json definition = j;
  definition.erase("line");  // moving a line elsewhere does not change the node
  n.definition = definition.dump();
  return n;
}

}  // namespace

std::string range_problem(const ParamSpec& spec, double x) {
  if (x >= spec.min && x <= spec.max) return "";
  return "expected a number from " + js_number_text(spec.min) + " to " + js_number_text(spec.max) + ", got " +
         js_number_text(x);
}

bool is_output_name(const std::string& name) {
  if (name == "out") return true;
  if (name.size() < 4 || name.size() > 5 || name.compare(0, 3, "out") != 0) return false;
  if (name[3] == '0') return false;
  int k = 0;
  for (std::size_t i = 3; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return false;
    k = k * 10 + (name[i] - '0');
  }
  return k >= 1 && k <= 16;
}

GraphDef load_graph(const nlohmann::json& j, const Limits& limits) {
  if (!j.is_object()) fail("", "a graph is a JSON object, got " + describe(j));
  if (!j.contains("format") || j["format"] != "tala-graph") fail("/format", "expected \"tala-graph\"");
  if (!j.contains("version") || !j["version"].is_number_integer()) fail("/version", "expected 1");
  if (j["version"].get<long long>() != kGraphVersion) {
    fail("/version", "unknown version " + j["version"].dump() + " (this tala reads version 1)");
  }
  for (const auto& [key, value] : j.items()) {
    if (key != "format" && key != "version" && key != "cps" && key != "nodes" && key != "outputs" && key != "source") {
      fail("/" + key, "unknown field");
    }
  }
  GraphDef g;
  if (j.contains("cps")) {
    if (!j["cps"].is_number() || !(j["cps"].get<double>() >= kMinCps && j["cps"].get<double>() <= kMaxCps)) {
      fail("/cps", "expected a number of cycles per second from 0.000001 to 1000");
    }
    g.cps = Rational::from_double(j["cps"].get<double>());
  }
  if (!j.contains("nodes") || !j["nodes"].is_array()) fail("/nodes", "expected an array");
  if (static_cast<std::int64_t>(j["nodes"].size()) > limits.graph_nodes) {
    fail("/nodes", "more than " + std::to_string(limits.graph_nodes) + " nodes");
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < j["nodes"].size(); ++i) {
    const std::string path = "/nodes/" + std::to_string(i);
    NodeDef n = load_node(j["nodes"][i], path, limits);
    if (!ids.insert(n.id).second) fail(path + "/id", "duplicate node id '" + n.id + "'");
    g.nodes.push_back(std::move(n));
  }
  for (const NodeDef& n : g.nodes) {
    for (std::size_t k = 0; k < n.params.size(); ++k) {
      if (n.params[k] && n.params[k]->kind == ParamDef::Kind::Node && !ids.count(n.params[k]->node)) {
        fail(n.path + "/params/" + std::string(n.spec->params[k].name) + "/node",
             "no node has the id '" + n.params[k]->node + "'");
      }
    }
  }
  if (!j.contains("outputs") || !j["outputs"].is_object())
    fail("/outputs", "expected an object such as {\"out\": \"id\"}");
  for (const auto& [name, id] : j["outputs"].items()) {
    if (!is_output_name(name)) fail("/outputs/" + name, "outputs are out and out1 .. out16");
    if (!id.is_string()) fail("/outputs/" + name, "expected a node id (a string)");
    if (!ids.count(id.get<std::string>()))
      fail("/outputs/" + name, "no node has the id '" + id.get<std::string>() + "'");
    g.outputs.emplace_back(name, id.get<std::string>());
  }
  return g;
}

nlohmann::json parse_graph_text(const std::string& text, const Limits& limits) {
  if (static_cast<std::int64_t>(text.size()) > limits.graph_bytes) {
    throw Error("the graph is longer than " + bytes_text(limits.graph_bytes));
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> "syntax error ..."
    std::string what = e.what();
    const auto colon = what.find(": ", what.find("parse error"));
    if (colon != std::string::npos) what = what.substr(colon + 2);
    // "; last read: '...'" repeats the input, raw (invalid UTF-8 included): the position says where.
    if (const auto read = what.find("; last read: '"); read != std::string::npos) {
      const auto end = what.find("'; expected", read);
      what.erase(read, end == std::string::npos ? std::string::npos : end + 1 - read);
    }
    const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    throw Error("not valid JSON: " + what, pos_of_offset(text, at));
  } catch (const nlohmann::json::exception& e) {  // out_of_range for 1e999
    std::string what = e.what();
    const auto bracket = what.find("] ");
    throw Error("not valid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
  }
}

GraphDef load_graph_text(const std::string& text, const Limits& limits) {
  return load_graph(parse_graph_text(text, limits), limits);
}

}  // namespace tala
