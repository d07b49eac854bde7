// Feedback loops without a delay. The engine refuses them (Program::compile)
// and the language finds them first, to point at the bus that starts one: both
// search with this one function, so both name the same loop.
#include <algorithm>
#include <unordered_map>

#include "graph/graph.hpp"

namespace tala {

std::vector<std::size_t> find_feedback_loop(const std::vector<std::vector<std::size_t>>& inputs) {
  enum : char { kNew, kOnPath, kDone };
  std::vector<char> state(inputs.size(), kNew);
  // The search path, each node with the index of its next input to follow: a
  // loop, not recursion, so a chain of 100,000 nodes costs no stack.
  std::vector<std::pair<std::size_t, std::size_t>> path;
  for (std::size_t start = 0; start < inputs.size(); ++start) {
    if (state[start] != kNew) continue;
    state[start] = kOnPath;
    path.emplace_back(start, 0);
    while (!path.empty()) {
      const std::size_t v = path.back().first;
      if (path.back().second == inputs[v].size()) {
        state[v] = kDone;
        path.pop_back();
        continue;
      }
      const std::size_t w = inputs[v][path.back().second++];
      if (state[w] == kOnPath) {
        std::vector<std::size_t> loop;
        auto it = std::find_if(path.begin(), path.end(), [w](const auto& step) { return step.first == w; });
        for (; it != path.end(); ++it) loop.push_back(it->first);
        loop.push_back(w);
        return loop;
      }
      if (state[w] == kNew) {
        state[w] = kOnPath;
        path.emplace_back(w, 0);
      }
    }
  }
  return {};
}

std::vector<std::size_t> find_feedback_loop(const GraphDef& g) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < g.nodes.size(); ++i) index[g.nodes[i].id] = i;
  std::vector<std::vector<std::size_t>> inputs(g.nodes.size());
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const NodeDef& n = g.nodes[i];
    for (std::size_t k = 0; k < n.params.size(); ++k) {
      if (n.params[k] && n.params[k]->kind == ParamDef::Kind::Node && !n.spec->reads_late(k))
        inputs[i].push_back(index.at(n.params[k]->node));
    }
  }
  return find_feedback_loop(inputs);
}

std::string feedback_loop_message(const std::vector<std::string>& ids) {
  std::string loop;
  for (const auto& id : ids) loop += (loop.empty() ? "" : " -> ") + id;
  if (loop.empty()) return "feedback loop without a delay";
  return "feedback loop without a delay: " + loop + " (put a delay in the loop)";
}

}  // namespace tala
