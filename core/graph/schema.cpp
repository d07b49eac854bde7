#include "graph/schema.hpp"

#include "engine/node.hpp"
#include "pattern/registry.hpp"
#include "util/js_number.hpp"

namespace tala {

namespace {

using json = nlohmann::json;

json node_schema(const NodeSpec& spec) {
  json params = json::object();
  for (const ParamSpec& p : spec.params) {
    params[std::string(p.name)] = json{
        {"description", std::string(p.meaning) + (p.unit.empty() ? "" : " (" + std::string(p.unit) + ")")},
        {"oneOf",
         {json{{"type", "number"}, {"minimum", p.min}, {"maximum", p.max}}, json{{"$ref", "#/definitions/signal"}}}}};
  }
  json required = {"id", "type"};
  json properties = {
      {"id", {{"type", "string"}, {"minLength", 1}}},
      {"type", {{"const", std::string(spec.type)}}},
      {"line", {{"type", "integer"}, {"description", "source line the node comes from"}}},
      {"params", {{"type", "object"}, {"properties", params}, {"additionalProperties", false}}},
  };
  if (spec.has_pattern) {
    required.push_back("pattern");
    properties["pattern"] = {{"$ref", "#/definitions/pattern"}};
  }
  return json{{"type", "object"},
              {"description", std::string(spec.summary)},
              {"required", required},
              {"properties", properties},
              {"additionalProperties", false}};
}

}  // namespace

json graph_schema() {
  json node_types = json::array();
  for (const NodeSpec& s : node_specs()) node_types.push_back(node_schema(s));
  json functions = json::array();
  for (const auto& f : pattern_functions()) functions.push_back(std::string(f.name));
  json pattern = {
      {"oneOf",
       {json{{"type", "number"}},
        json{{"type", "object"},
             {"required", {"mini"}},
             {"properties", {{"mini", {{"type", "string"}, {"description", "mini-notation"}}}}},
             {"additionalProperties", false}},
        json{{"type", "object"},
             {"required", {"call"}},
             {"properties",
              {{"call", {{"enum", functions}}},
               {"args", {{"type", "array"}, {"items", {{"$ref", "#/definitions/pattern"}}}}}}},
             {"additionalProperties", false}},
        json{{"type", "object"},
             {"required", {"compose"}},
             {"properties",
              {{"compose", {{"type", "array"}, {"minItems", 1}, {"items", {{"$ref", "#/definitions/pattern"}}}}}}},
             {"additionalProperties", false}}}}};
  json signal = {
      {"oneOf",
       {json{{"type", "object"},
             {"required", {"pattern"}},
             {"properties", {{"pattern", {{"$ref", "#/definitions/pattern"}}}}},
             {"additionalProperties", false}},
        json{{"type", "object"},
             {"required", {"node"}},
             {"properties", {{"node", {{"type", "string"}, {"description", "id of the node feeding this parameter"}}}}},
             {"additionalProperties", false}}}}};
  return json{{"$schema", "http://json-schema.org/draft-07/schema#"},
              {"title", "tala graph, format v1"},
              {"description",
               "Made by `tala schema` from tala's node and pattern-function registries; see docs/graph-format.md."},
              {"type", "object"},
              {"required", {"format", "version", "nodes", "outputs"}},
              {"additionalProperties", false},
              {"properties",
               {{"format", {{"const", "tala-graph"}}},
                {"version", {{"const", 1}}},
                {"cps", {{"type", "number"}, {"exclusiveMinimum", 0}, {"maximum", 1000}}},
                {"source", {{"description", "free-form: where the graph came from"}}},
                {"nodes", {{"type", "array"}, {"items", {{"oneOf", node_types}}}}},
                {"outputs",
                 {{"type", "object"},
                  {"propertyNames", {{"pattern", "^out([1-9]|1[0-6])?$"}}},
                  {"additionalProperties", {{"type", "string"}}}}}}},
              {"definitions", {{"pattern", pattern}, {"signal", signal}}}};
}

std::string nodes_markdown() {
  std::string out =
      "# Nodes\n\n"
      "Every node type of graph format v1, made by `tala nodes` from the registry in "
      "`core/engine/node_registry.cpp` (a test checks that this file is its output); the nodes' code is in "
      "`core/engine/nodes/`, one file per family, and the `voices` node's in `core/engine/voices/`. A parameter takes "
      "a number (within its range), a pattern "
      "(`{\"pattern\": ...}`: stepped at each event, sample-accurately) or another node's output "
      "(`{\"node\": \"id\"}`: audio-rate modulation). Every signal is stereo.\n";
  for (const NodeSpec& s : node_specs()) {
    out += "\n## " + std::string(s.type) + "\n\n" + std::string(s.summary) + ".";
    if (s.has_pattern) out += " Takes a `pattern`.";
    if (s.delays_input) out += " Reads `in` one block late, so it may close a feedback loop.";
    out += "\n\n";
    if (s.params.empty()) {
      out += "No parameters.\n";
      continue;
    }
    out += "| parameter | default | range | unit | meaning |\n| --- | --- | --- | --- | --- |\n";
    for (const ParamSpec& p : s.params) {
      out += "| `" + std::string(p.name) + "` | " + js_number_text(p.default_value) + " | " + js_number_text(p.min) +
             " .. " + js_number_text(p.max) + " | " + std::string(p.unit) + " | " + std::string(p.meaning) + " |\n";
    }
  }
  return out;
}

}  // namespace tala
