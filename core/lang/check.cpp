#include "lang/check.hpp"

#include <unordered_map>

#include "graph/graph.hpp"

namespace tala::lang {

using json = nlohmann::json;

void check_node_number(const NodeSpec& spec, const std::string& param, double x, SourcePos pos) {
  const auto index = spec.param_index(param);
  if (!index) return;
  if (const std::string problem = range_problem(spec.params[*index], x); !problem.empty())
    throw Error(std::string(spec.type) + " " + param + ": " + problem, pos);
}

void check_pattern_call(const PatternFunction& f, const std::vector<json>& args, SourcePos pos) {
  if (f.params.empty() || f.params[0] == Param::Patterns || args.size() > f.params.size()) return;
  static const json kSilence = {{"mini", "~"}};
  static const json kSomeFunction = {{"call", "rev"}};
  json call = {{"call", f.name}, {"args", json::array()}};
  for (std::size_t i = 0; i < f.params.size(); ++i) {
    const bool leaf = i < args.size() && (args[i].is_number() || args[i].contains("mini"));
    call["args"].push_back(leaf ? args[i] : f.params[i] == Param::Transform ? kSomeFunction : kSilence);
  }
  try {
    build_pattern_expr(call, "");
  } catch (const Error& e) {
    throw Error(e.what(), pos);
  }
}

void check_feedback(const json& nodes, const std::vector<SourcePos>& node_pos) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < nodes.size(); ++i) index[nodes[i]["id"].get<std::string>()] = i;
  std::vector<std::vector<std::size_t>> inputs(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const json& n = nodes[i];
    const NodeSpec* spec = find_node_spec(n["type"].get<std::string>());
    if (!spec || !n.contains("params")) continue;
    // In the parameters' order, as the engine reads them: the same loop is found.
    for (std::size_t k = 0; k < spec->params.size(); ++k) {
      const auto p = n["params"].find(std::string(spec->params[k].name));
      if (p == n["params"].end() || !p->is_object() || !p->contains("node") || spec->reads_late(k)) continue;
      if (const auto w = index.find((*p)["node"].get<std::string>()); w != index.end()) inputs[i].push_back(w->second);
    }
  }
  const std::vector<std::size_t> loop = find_feedback_loop(inputs);
  if (loop.empty()) return;
  std::vector<std::string> ids;
  for (std::size_t v : loop) ids.push_back(nodes[v]["id"].get<std::string>());
  throw Error(feedback_loop_message(ids), loop[0] < node_pos.size() ? node_pos[loop[0]] : SourcePos{});
}

}  // namespace tala::lang
