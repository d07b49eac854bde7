#include "engine/pattern_render.hpp"

#include <algorithm>

#include "pattern/controls.hpp"
#include "pattern/library.hpp"
#include "util/stable_sort_small.hpp"

namespace tala {

std::int64_t BlockContext::frame_of(const Rational& t) const {
  if (t <= cycle_begin) return 0;
  const Rational frames_in = (t - cycle_begin) / cycles_per_frame;
  const std::int64_t f = frames_in.ceil().num();
  return std::min<std::int64_t>(f, frames);
}

double value_as_number(const Value& v) {
  if (const ControlMap* map = v.controls()) {
    for (const auto& e : map->entries()) {
      if (e.value.kind == Atom::Kind::Number) return e.value.number;
    }
    return 0;
  }
  return numeral(v);
}

void render_pattern_values(const Pattern& pattern, const BlockContext& ctx, float* out, float& last, Events& events,
                           std::int64_t block_events) {
  // One budget for the whole block: a pattern with just under the limit in
  // every chunk (`"c!99999999"`) would otherwise cost the block several times it.
  QueryBudget budget = QueryBudget::block(block_events);
  for (int chunk = 0; chunk < ctx.frames; chunk += kPatternChunkFrames) {
    const int chunk_end = std::min(ctx.frames, chunk + kPatternChunkFrames);
    std::fill(out + chunk, out + chunk_end, last);
    events.clear();
    pattern.query(State{TimeSpan{ctx.cycle_at(chunk), ctx.cycle_at(chunk_end)}, &budget}, events);
    // Later starts win, so sort by start (stably); a continuous event covers the chunk.
    stable_sort_small(events.begin(), events.end(),
                      [](const Event& a, const Event& b) { return a.part.begin < b.part.begin; });
    for (const Event& e : events) {
      const float value = static_cast<float>(value_as_number(e.value));
      const auto from = std::max<std::int64_t>(chunk, e.whole ? ctx.frame_of(e.part.begin) : chunk);
      std::fill(out + from, out + chunk_end, value);
      last = value;
    }
  }
}

}  // namespace tala
