// What an offline render of a graph writes, decided in one place so that
// `tala render` and the browser's "Export WAV" write the same file.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "graph/graph.hpp"

namespace tala {

inline constexpr double kDefaultRenderCycles = 8;
inline constexpr double kMaxRenderSeconds = 86400;

// Frames of a render of `seconds`, or of `cycles` (default 8) at `cps`.
std::int64_t render_frames(std::optional<double> seconds, std::optional<double> cycles, double cps, double rate);

// Positions in output_names() of the outputs the graph uses, in that order:
// the channel pairs of the file.
std::vector<std::size_t> used_outputs(const GraphDef& graph);

// Interleaves `frames` frames of outputs used[first .. first+count) from the
// engine's planar channels (pair k at channels[2k], channels[2k+1]).
void interleave_outputs(const float* const* channels, const std::vector<std::size_t>& used, std::size_t first,
                        std::size_t count, int frames, float* out);

}  // namespace tala
