// Renders tala programs through the engine for tests.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace tala::test {

std::unique_ptr<Program> compile_source(const std::string& source, const ProgramConfig& config = {});

// Renders `frames` frames of the "out" pair: left, then right.
struct Stereo {
  std::vector<float> left, right;
};
Stereo render(Engine& engine, int frames);

// Every output pair (out, out1 .. out16), channel after channel.
std::vector<float> render_all(Engine& engine, int frames);

// Largest |x[i+1] - x[i]|.
float max_step(const std::vector<float>& x, std::size_t from = 0, std::size_t to = static_cast<std::size_t>(-1));

}  // namespace tala::test
