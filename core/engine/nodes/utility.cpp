// Control-signal utilities: slew (smooths steps) and sample-and-hold.
#include <cmath>

#include "dsp/math.hpp"
#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

// Moves towards its input by at most 1/time of the way per second: a step
// becomes a ramp of `time` seconds (a linear slew, up and down alike).
class Slew final : public Node {
 public:
  explicit Slew(const NodeBuild& b) : rate_(b.sample_rate) {}
  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    for (int i = 0; i < ctx.frames; ++i) {
      const double step = 1.0 / (std::max(1e-4, static_cast<double>(p[1].left[i])) * rate_);
      for (int c = 0; c < 2; ++c) {
        const double target = c ? p[0].right[i] : p[0].left[i];
        double& y = value_[c];
        y = y + std::min(step, std::max(-step, target - y));
        (c ? out_r : out_l)[i] = static_cast<float>(y);
      }
    }
  }
  void reset() override { value_[0] = value_[1] = 0; }
  void take_state(Node& old) override {
    auto& o = static_cast<Slew&>(old);
    value_[0] = o.value_[0], value_[1] = o.value_[1];
  }

 private:
  double rate_;
  double value_[2] = {0, 0};
};

// Takes its input when the trigger rises through 0 and holds it until the next rise.
class SampleHold final : public Node {
 public:
  explicit SampleHold(const NodeBuild&) {}
  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    for (int i = 0; i < ctx.frames; ++i) {
      const float trigger = p[1].left[i];
      if (previous_ <= 0 && trigger > 0) held_l_ = p[0].left[i], held_r_ = p[0].right[i];
      previous_ = trigger;
      out_l[i] = held_l_;
      out_r[i] = held_r_;
    }
  }
  void reset() override { held_l_ = held_r_ = 0; }
  void take_state(Node& old) override {
    auto& o = static_cast<SampleHold&>(old);
    held_l_ = o.held_l_, held_r_ = o.held_r_, previous_ = o.previous_;
  }

 private:
  float held_l_ = 0, held_r_ = 0, previous_ = 0;
};

}  // namespace

void add_utility_specs(std::vector<NodeSpec>& specs) {
  const ParamSpec in{"in", 0, -1e9, 1e9, "", "signal"};
  specs.push_back({"slew",
                   "limits how fast a signal moves: a jump of 1 takes `time` seconds",
                   {in, {"time", 0.05, 0.0001, 60, "s", "time for a change of 1"}},
                   false,
                   false,
                   make_node<Slew>});
  specs.push_back({"sah",
                   "sample-and-hold: takes the input when the trigger rises through 0, holds it",
                   {in, {"trigger", 0, -1e9, 1e9, "", "a rise through 0 samples the input"}},
                   false,
                   false,
                   make_node<SampleHold>});
}

}  // namespace tala
