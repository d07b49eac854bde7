// Nodes driven by patterns: `voices` plays the events of a pattern of sound
// parameters (s "saw" # note "c3"; engine/voices/), `pattern_signal` turns a
// pattern of numbers into a stepped or continuous control signal (~lfo: slow 4 sine).
#include <algorithm>
#include <climits>
#include <cstdio>
#include <vector>

#include "dsp/math.hpp"
#include "dsp/samples.hpp"
#include "dsp/waveform.hpp"
#include "engine/nodes/nodes.hpp"
#include "engine/pattern_render.hpp"
#include "engine/voices/voices_node.hpp"
#include "pattern/controls.hpp"
#include "pattern/library.hpp"

namespace tala {

namespace {

class PatternSignal final : public Node {
 public:
  explicit PatternSignal(const NodeBuild& b) : pattern_(*b.pattern), block_events_(b.block_events) {}
  void process(const BlockContext& ctx, const Signal*, float* out_l, float* out_r) override {
    render_pattern_values(pattern_, ctx, out_l, last_, events_, block_events_);
    std::copy(out_l, out_l + ctx.frames, out_r);
  }
  void take_state(Node& old) override { last_ = static_cast<PatternSignal&>(old).last_; }

 private:
  Pattern pattern_;
  std::int64_t block_events_;
  float last_ = 0;
  Events events_;  // reused block to block
};

}  // namespace

void add_pattern_specs(std::vector<NodeSpec>& specs) {
  specs.push_back(
      {"voices",
       "plays the events of a pattern of sound parameters (s, n, note, gain, pan, speed, ...): synths and samples",
       {{"gain", 1, 0, 16, "", "level of all voices"}},
       true,
       false,
       make_voices});
  specs.push_back({"pattern_signal",
                   "a pattern of numbers as a control signal (held between events)",
                   {},
                   true,
                   false,
                   make_node<PatternSignal>});
}

}  // namespace tala
