#include "engine/fused_sums.hpp"

#include <algorithm>
#include <unordered_map>

#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

bool is_add(const NodeDef& n) { return n.spec->type == "add"; }

const ParamDef* node_param(const NodeDef& n, std::size_t k) {
  return k < n.params.size() && n.params[k] && n.params[k]->kind == ParamDef::Kind::Node ? &*n.params[k] : nullptr;
}

}  // namespace

GraphDef fuse_sums(const GraphDef& g) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < g.nodes.size(); ++i) index.emplace(g.nodes[i].id, i);
  // How often each node is read (any parameter, any node, outputs count too).
  std::vector<int> reads(g.nodes.size(), 0);
  for (const NodeDef& n : g.nodes) {
    for (std::size_t k = 0; k < n.params.size(); ++k) {
      if (const ParamDef* p = node_param(n, k)) ++reads[index.at(p->node)];
    }
  }
  for (const auto& [name, id] : g.outputs) ++reads[index.at(id)];
  // An add that only the next add's first term reads belongs to that add's sum.
  std::vector<char> absorbed(g.nodes.size(), 0);
  for (const NodeDef& n : g.nodes) {
    if (!is_add(n)) continue;
    if (const ParamDef* a = node_param(n, 0)) {
      const std::size_t first = index.at(a->node);
      if (is_add(g.nodes[first]) && reads[first] == 1) absorbed[first] = 1;
    }
  }

  GraphDef out;
  out.cps = g.cps;
  out.outputs = g.outputs;
  out.nodes.reserve(g.nodes.size());
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const NodeDef& n = g.nodes[i];
    if (absorbed[i]) continue;
    const ParamDef* a = is_add(n) ? node_param(n, 0) : nullptr;
    if (!a || !absorbed[index.at(a->node)]) {
      out.nodes.push_back(n);
      continue;
    }
    // Walk the chain down its first terms, keeping each add's second term.
    auto term = [](const NodeDef& add, std::size_t k) {
      return add.params[k] ? *add.params[k] : ParamDef{};  // absent: the default, 0
    };
    std::vector<ParamDef> seconds{term(n, 1)};
    std::string definition = n.definition;
    const NodeDef* link = &g.nodes[index.at(a->node)];
    while (true) {
      seconds.push_back(term(*link, 1));
      definition += link->definition;
      const ParamDef* next = node_param(*link, 0);
      if (!next || !absorbed[index.at(next->node)]) break;
      link = &g.nodes[index.at(next->node)];
    }
    NodeDef sum;
    sum.id = n.id;
    sum.spec = &sum_spec();
    sum.path = n.path;
    sum.definition = "sum:" + definition;
    sum.params.emplace_back(term(*link, 0));
    for (auto it = seconds.rbegin(); it != seconds.rend(); ++it) sum.params.emplace_back(*it);
    out.nodes.push_back(std::move(sum));
  }
  return out;
}

}  // namespace tala
