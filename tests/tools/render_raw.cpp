// Test tool: renders a program's `out` exactly as wasm/abi.cpp's
// tala_render_offline does, and writes the interleaved floats to stdout.
//   render_raw FILE.tala|FILE.json FRAMES > out.f32
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "engine/engine.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"
#include "util/error.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: render_raw FILE FRAMES\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const int frames = std::stoi(argv[2]);
  try {
    tala::Engine engine(tala::EngineConfig{});
    engine.submit(tala::Program::compile(tala::load_graph(tala::lang::graph_of(text.str())), engine.program_config()));
    std::vector<float> l(static_cast<std::size_t>(frames)), r(static_cast<std::size_t>(frames)), out;
    float* channels[2] = {l.data(), r.data()};
    engine.process(channels, 1, frames);
    for (int i = 0; i < frames; ++i)
      out.push_back(l[static_cast<std::size_t>(i)]), out.push_back(r[static_cast<std::size_t>(i)]);
    std::fwrite(out.data(), sizeof(float), out.size(), stdout);
  } catch (const tala::Error& e) {
    std::cerr << tala::format_error(e) << "\n";
    return 2;
  }
  return 0;
}
