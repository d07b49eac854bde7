// The cost of each node type per sample: one node fed by white noise (or
// alone for sources) with its default parameters, 128-frame blocks.
//   build/release/bench/nodes_bench
// The noise source is measured alone too (BM_Node/noise): subtract it.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "graph/graph.hpp"

namespace {

nlohmann::json graph_for(const tala::NodeSpec& spec) {
  nlohmann::json node = {{"id", "out/n"}, {"type", std::string(spec.type)}, {"params", nlohmann::json::object()}};
  nlohmann::json nodes = nlohmann::json::array();
  if (spec.param_index("in")) {
    nodes.push_back({{"id", "src"}, {"type", "noise"}, {"params", nlohmann::json::object()}});
    node["params"]["in"] = {{"node", "src"}};
  }
  if (spec.param_index("gate")) node["params"]["gate"] = {{"node", "out/g"}};
  if (spec.param_index("gate")) nodes.push_back({{"id", "out/g"}, {"type", "sqrosc"}, {"params", {{"freq", 4}}}});
  nodes.push_back(node);
  return {{"format", "tala-graph"}, {"version", 1}, {"cps", 0.5}, {"nodes", nodes}, {"outputs", {{"out", "out/n"}}}};
}

void BM_Node(benchmark::State& state, const tala::NodeSpec* spec) {
  tala::Engine engine(tala::EngineConfig{48000, 128, 0.005, false});
  engine.submit(tala::Program::compile(tala::load_graph(graph_for(*spec)), engine.program_config()));
  std::vector<float> l(128), r(128);
  float* channels[2] = {l.data(), r.data()};
  for (auto _ : state) engine.process(channels, 1, 128);
  state.SetItemsProcessed(state.iterations() * 128);  // samples: 1e9 / items_per_second = ns each
}

const bool registered = [] {
  for (const auto& spec : tala::node_specs()) {
    if (spec.has_pattern) continue;  // voices and pattern signals: bench/voices_bench.cpp
    benchmark::RegisterBenchmark(("BM_Node/" + std::string(spec.type)).c_str(), BM_Node, &spec);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
