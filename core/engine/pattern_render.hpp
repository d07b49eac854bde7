// Turns a pattern of numbers into a block of samples: each event's value
// holds from the frame it starts at (sample-accurate), and the last value
// holds through rests. Continuous patterns are sampled every 16 frames.
#pragma once

#include "engine/node.hpp"

namespace tala {

inline constexpr int kPatternChunkFrames = 16;

// Fills out[0..frames); `last` carries the held value between blocks.
// `events` is the caller's scratch, kept so its memory is reused each block.
void render_pattern_values(const Pattern& pattern, const BlockContext& ctx, float* out, float& last, Events& events,
                           std::int64_t block_events);

// A number from an event value: numbers, numeric words, note names; a
// control map gives its first numeric entry (so `n "0 3"` works too).
double value_as_number(const Value& v);

}  // namespace tala
