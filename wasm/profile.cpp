// The per-node profile on request: renders blocks of a JSON graph offline
// with Program::enable_profile, timed by the host's clock (an import: the
// core has no OS calls), and answers the table `tala render --profile` prints
// as JSON. The page runs it in the compile worker, off the audio thread.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "graph/graph.hpp"
#include "last_error.hpp"
#include "util/error.hpp"

// performance.now() from the host, in milliseconds.
extern "C" __attribute__((import_module("env"), import_name("tala_now_ms"))) double tala_now_ms();

namespace {

using json = nlohmann::json;

constexpr int kPairs = 17;  // out, out1 .. out16
constexpr int kMaxBlocks = 100000;
std::string g_profile;

double now_seconds() { return tala_now_ms() / 1000.0; }

json profile_of(const std::string& text, int blocks) {
  tala::EngineConfig config;  // 48 kHz, 128-frame blocks: tala render's defaults
  tala::Engine engine(config);
  auto program = tala::Program::compile(tala::load_graph_text(text), engine.program_config());
  program->enable_profile(now_seconds);
  engine.submit(std::move(program));
  const auto block = static_cast<std::size_t>(config.block_size);
  std::vector<float> planar(2 * kPairs * block);
  std::vector<float*> channels;
  for (int c = 0; c < 2 * kPairs; ++c) channels.push_back(planar.data() + static_cast<std::size_t>(c) * block);
  for (int b = 0; b < blocks; ++b) engine.process(channels.data(), kPairs, config.block_size);
  auto nodes = engine.current()->profile();
  std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.seconds > b.seconds; });
  json rows = json::array();
  double total = 0;
  for (const auto& n : nodes) {
    const double us = n.seconds * 1e6 / blocks;
    total += us;
    rows.push_back(json{{"id", n.id}, {"type", n.type}, {"stage", n.stage}, {"us", us}});
  }
  return json{{"blocks", blocks},
              {"budget_us", 1e6 * config.block_size / config.sample_rate},
              {"total_us", total},
              {"nodes", rows}};
}

}  // namespace

extern "C" {

// Renders `blocks` 128-frame blocks of a JSON graph with per-node timing:
// {"blocks":N,"budget_us":B,"total_us":T,"nodes":[{"id","type","stage","us"}]}
// (µs per block, largest first), or null with tala_last_error() set.
const char* tala_profile(const char* text, std::size_t length, int blocks) {
  if (blocks < 1 || blocks > kMaxBlocks) {
    tala::wasm::last_error() = "error: tala_profile: blocks must be in 1..100000";
    return nullptr;
  }
  return tala::wasm::reporting_errors(static_cast<const char*>(nullptr), [&] {
    g_profile = profile_of(std::string(text, length), blocks).dump();
    return g_profile.c_str();
  });
}

}  // extern "C"
