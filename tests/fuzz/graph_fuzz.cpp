// Fuzzes JSON graph loading and validation: text -> graph -> program -> a
// block. Every input must load or give a tala::Error naming a JSON path.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/engine.hpp"
#include "graph/graph.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    tala::Engine engine(tala::EngineConfig{});
    engine.submit(tala::Program::compile(tala::load_graph_text(text), engine.program_config()));
    float l[256], r[256];
    float* channels[2] = {l, r};
    engine.process(channels, 1, 256);
  } catch (const tala::Error& e) {
    if (tala::format_error(e).empty()) __builtin_trap();
  }
  return 0;
}
