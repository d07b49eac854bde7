#include "engine/render_plan.hpp"

#include <algorithm>
#include <limits>

#include "engine/program.hpp"

namespace tala {

std::int64_t render_frames(std::optional<double> seconds, std::optional<double> cycles, double cps, double rate) {
  const double s = seconds ? *seconds : (cycles ? *cycles : kDefaultRenderCycles) / cps;
  const double frames = s * rate + 0.5;
  // Past int64's range (cycles at a slow enough cps make it infinite): the largest, which every caller refuses.
  if (!(frames < 9.2e18)) return std::numeric_limits<std::int64_t>::max();
  return frames > 0 ? static_cast<std::int64_t>(frames) : 0;
}

std::vector<std::size_t> used_outputs(const GraphDef& graph) {
  std::vector<std::size_t> used;
  for (std::size_t k = 0; k < kOutputCount; ++k) {
    for (const auto& [name, id] : graph.outputs) {
      if (name == output_names()[k]) used.push_back(k);
    }
  }
  return used;
}

void interleave_outputs(const float* const* channels, const std::vector<std::size_t>& used, std::size_t first,
                        std::size_t count, int frames, float* out) {
  const std::size_t width = 2 * count;
  // A tile of frames at a time: 16 outputs of a whole chunk (1 MB) would be
  // swept once per output, a tile stays in the first-level cache.
  constexpr int kTile = 32;
  for (int begin = 0; begin < frames; begin += kTile) {
    const int end = std::min(frames, begin + kTile);
    for (std::size_t u = 0; u < count; ++u) {
      const float* l = channels[2 * used[first + u]];
      const float* r = channels[2 * used[first + u] + 1];
      for (int i = begin; i < end; ++i) {
        out[static_cast<std::size_t>(i) * width + 2 * u] = l[i];
        out[static_cast<std::size_t>(i) * width + 2 * u + 1] = r[i];
      }
    }
  }
}

}  // namespace tala
