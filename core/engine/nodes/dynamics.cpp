// Dynamics: a feed-forward compressor/limiter with a stereo-linked peak
// detector. Levels are computed in dB with the core's own log2/exp2, so that
// native and wasm agree.
#include "dsp/math.hpp"
#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

class Compressor final : public Node {
 public:
  explicit Compressor(const NodeBuild& b) : rate_(b.sample_rate) {}

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    // Block-rate settings (threshold, ratio, times, makeup), as a compressor's knobs move.
    const double threshold_db = p[1].left[0], ratio = std::max(1.0, static_cast<double>(p[2].left[0]));
    const double attack = one_pole(p[3].left[0]), release = one_pole(p[4].left[0]);
    const double makeup_db = p[5].left[0];
    const double slope = 1.0 - 1.0 / ratio;
    for (int i = 0; i < ctx.frames; ++i) {
      const double l = p[0].left[i], r = p[0].right[i];
      const double peak = std::max(std::fabs(l), std::fabs(r));
      envelope_ += (peak > envelope_ ? attack : release) * (peak - envelope_);
      envelope_ = dsp::flush(static_cast<float>(envelope_));
      const double level_db = envelope_ > 1e-9 ? 6.020599913279624 * dsp::log2(envelope_) : -180.0;
      const double over = level_db - threshold_db;
      const double gain_db = (over > 0 ? -over * slope : 0.0) + makeup_db;
      const double gain = dsp::exp2(gain_db / 6.020599913279624);
      out_l[i] = static_cast<float>(l * gain);
      out_r[i] = static_cast<float>(r * gain);
    }
  }
  void reset() override { envelope_ = 0; }
  void take_state(Node& old) override { envelope_ = static_cast<Compressor&>(old).envelope_; }

 private:
  // The per-sample coefficient that covers ~63 % of a step in `seconds`.
  double one_pole(double seconds) const {
    const double frames = std::max(1.0, seconds * rate_);
    return 1.0 - dsp::exp2(-1.0 / frames / 0.6931471805599453);
  }

  double rate_;
  double envelope_ = 0;
};

}  // namespace

void add_dynamics_specs(std::vector<NodeSpec>& specs) {
  specs.push_back({"comp",
                   "compressor/limiter: above the threshold, level rises 1/ratio as fast (stereo-linked peak detector)",
                   {{"in", 0, -1e9, 1e9, "", "signal"},
                    {"threshold", -12, -60, 0, "dB", "level where compression starts"},
                    {"ratio", 4, 1, 100, "", "input dB per output dB above the threshold (100: a limiter)"},
                    {"attack", 0.005, 0.0001, 1, "s", "how fast the gain falls"},
                    {"release", 0.1, 0.001, 5, "s", "how fast it recovers"},
                    {"makeup", 0, 0, 40, "dB", "gain after compression"}},
                   false,
                   false,
                   make_node<Compressor>});
}

}  // namespace tala
