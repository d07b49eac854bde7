#include "support/render.hpp"

#include <algorithm>
#include <cmath>

#include "graph/graph.hpp"
#include "lang/compile.hpp"

namespace tala::test {

std::unique_ptr<Program> compile_source(const std::string& source, const ProgramConfig& config) {
  return Program::compile(load_graph(lang::graph_of(source)), config);
}

Stereo render(Engine& engine, int frames) {
  Stereo s;
  s.left.resize(static_cast<std::size_t>(frames));
  s.right.resize(static_cast<std::size_t>(frames));
  float* channels[2] = {s.left.data(), s.right.data()};
  engine.process(channels, 1, frames);
  return s;
}

std::vector<float> render_all(Engine& engine, int frames) {
  const int pairs = static_cast<int>(output_names().size());
  std::vector<float> all(static_cast<std::size_t>(2 * pairs) * static_cast<std::size_t>(frames));
  std::vector<float*> channels;
  for (int c = 0; c < 2 * pairs; ++c)
    channels.push_back(all.data() + static_cast<std::size_t>(c) * static_cast<std::size_t>(frames));
  engine.process(channels.data(), pairs, frames);
  return all;
}

float max_step(const std::vector<float>& x, std::size_t from, std::size_t to) {
  float m = 0;
  to = std::min(to, x.size());
  for (std::size_t i = from + 1; i < to; ++i) m = std::max(m, std::fabs(x[i] - x[i - 1]));
  return m;
}

}  // namespace tala::test
