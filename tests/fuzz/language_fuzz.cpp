// Fuzzes the tala language: source -> JSON graph -> program -> a few blocks.
// Every input must compile and play, or throw tala::Error (a positioned
// one-line error); anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/engine.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string source(reinterpret_cast<const char*>(data), size);
  try {
    tala::Engine engine(tala::EngineConfig{});
    // 64 voices per voices node, not 4,096: each node's lanes are then 13 kB, not 0.8 MB, whose
    // allocation and zeroing took a fifth of every execution; stealing is reached more often.
    auto config = engine.program_config();
    config.max_voices = 64;
    auto program = tala::Program::compile(tala::load_graph(tala::lang::compile_program(source)), config);
    engine.submit(std::move(program));
    float l[512], r[512];
    float* channels[2] = {l, r};
    engine.process(channels, 1, 512);
  } catch (const tala::Error& e) {
    if (tala::format_error(e).empty()) __builtin_trap();
  }
  return 0;
}
