// The JSON graph, format v1 (docs/graph-format.md): the one format that crosses
// between the editor, the browser engine, the workers and the native host.
// Loading validates everything and reports errors by JSON path.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/node.hpp"
#include "limits.hpp"
#include "pattern/pattern.hpp"

namespace tala {

inline constexpr int kGraphVersion = 1;
// The tempo's range. Below the floor a tempo would be 0 as an exact fraction
// (Rational::from_double keeps denominators up to 10^7) and the clock would
// stand still without a word; 0.000001 is a cycle every 11.6 days.
inline constexpr double kMinCps = 0.000001;
inline constexpr double kMaxCps = 1000;

struct ParamDef {
  enum class Kind { Number, Pattern, Node };
  Kind kind = Kind::Number;
  double number = 0;
  Pattern pattern;
  std::string node;  // id of the node whose output feeds this parameter
};

struct NodeDef {
  std::string id;
  const NodeSpec* spec = nullptr;
  std::vector<std::optional<ParamDef>> params;  // one per spec param; empty = its default
  std::optional<Pattern> pattern;               // for node types with a pattern
  std::string definition;                       // canonical JSON text: equal text, equal node
  std::string path;                             // "/nodes/3", for errors
};

struct GraphDef {
  Rational cps{1, 2};
  std::vector<NodeDef> nodes;
  std::vector<std::pair<std::string, std::string>> outputs;  // "out", "out1".. -> node id
};

// Throws tala::Error whose message starts with the JSON path ("/nodes/3/params/cutoff: ...").
// Nodes, pattern expression nesting and their mini-notation are bounded by `limits`.
GraphDef load_graph(const nlohmann::json& graph, const Limits& limits = {});
GraphDef load_graph_text(const std::string& text, const Limits& limits = {});
// The JSON of a graph text; an Error at the line and column of a syntax error.
// Text longer than limits.graph_bytes is refused unread (a graph of 100,000
// nodes takes about 20 MiB).
nlohmann::json parse_graph_text(const std::string& text, const Limits& limits = {});

// A pattern from its expression tree (see docs/graph-format.md), or a function
// of patterns for a partial application such as {"call": "fast", "args": [2]}.
struct PatternOrFunction {
  std::optional<Pattern> pattern;
  std::function<Pattern(const Pattern&)> function;
};
PatternOrFunction build_pattern_expr(const nlohmann::json& expr, const std::string& path, const Limits& limits = {});

// "expected a number from 0 to 20000, got 30000", or "" when x is in the
// parameter's range (the loader and the language say it alike).
std::string range_problem(const ParamSpec& spec, double x);

// A loop of nodes that read each other within one block (through no delay),
// which no order of the nodes can compute: the nodes along the first one a
// depth-first search finds (from each node in turn, following its inputs in
// parameter order), the first node again at the end; empty when there is none.
// `inputs[v]` lists the nodes v reads within the block, in parameter order.
std::vector<std::size_t> find_feedback_loop(const std::vector<std::vector<std::size_t>>& inputs);
std::vector<std::size_t> find_feedback_loop(const GraphDef& g);
// "feedback loop without a delay: a -> b -> a (put a delay in the loop)"
std::string feedback_loop_message(const std::vector<std::string>& ids);

// Output names a graph may use: out, out1 .. out16.
bool is_output_name(const std::string& name);

}  // namespace tala
