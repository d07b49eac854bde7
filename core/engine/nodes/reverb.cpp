// A feedback delay network reverb: 8 lines of mutually prime lengths mixed
// by a Householder matrix, each with a damping low-pass and a gain set for
// the decay time. Output: the wet signal only (the language adds the dry).
#include <array>
#include <cmath>
#include <vector>

#include "dsp/math.hpp"
#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

constexpr int kLines = 8;
// Line lengths in ms at size 0; they grow to 2.5x at size 1.
constexpr std::array<double, kLines> kBaseMs = {21.5, 27.6, 31.7, 37.5, 42.3, 49.1, 55.9, 61.9};

class Reverb final : public Node {
 public:
  explicit Reverb(const NodeBuild& b) : rate_(b.sample_rate) {
    for (int k = 0; k < kLines; ++k) {
      lines_[k].assign(static_cast<std::size_t>(kBaseMs[k] * 2.5 * rate_ / 1000.0) + 2, 0.0f);
    }
  }

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    // Size and damping change the network: taken once per block.
    const double size = std::min(1.0, std::max(0.0, static_cast<double>(p[1].left[0])));
    const double damp = std::min(0.99, std::max(0.0, static_cast<double>(p[2].left[0])));
    const double seconds = 0.3 + 4.0 * size * size;  // RT60
    std::array<std::size_t, kLines> len;
    std::array<double, kLines> gain;
    for (int k = 0; k < kLines; ++k) {
      len[k] = static_cast<std::size_t>(kBaseMs[k] * (1 + 1.5 * size) * rate_ / 1000.0);
      // A 60 dB decay over `seconds`: 10^(-3 len / (seconds * rate)).
      gain[k] = dsp::exp2(-3.0 * 3.321928094887362 * static_cast<double>(len[k]) / (seconds * rate_));
    }
    for (int i = 0; i < ctx.frames; ++i) {
      const double wet = p[3].left[i];
      std::array<double, kLines> y;
      double sum = 0;
      for (int k = 0; k < kLines; ++k) {
        const std::size_t size_k = lines_[k].size();
        y[k] = lines_[k][(pos_[k] + size_k - len[k]) % size_k];
        // Damping: a one-pole low-pass inside the loop.
        low_[k] = dsp::flush(static_cast<float>(y[k] + damp * (low_[k] - y[k])));
        y[k] = low_[k] * gain[k];
        sum += y[k];
      }
      const double in = 0.5 * (p[0].left[i] + p[0].right[i]);
      double l = 0, r = 0;
      for (int k = 0; k < kLines; ++k) {
        const double mixed = y[k] - sum * (2.0 / kLines) + (k % 2 ? -in : in) * 0.35;
        lines_[k][pos_[k]] = dsp::flush(static_cast<float>(mixed));
        pos_[k] = (pos_[k] + 1) % lines_[k].size();
        (k % 2 ? r : l) += y[k];
      }
      out_l[i] = static_cast<float>(wet * l * 0.5);
      out_r[i] = static_cast<float>(wet * r * 0.5);
    }
  }

  void reset() override {
    for (auto& line : lines_) std::fill(line.begin(), line.end(), 0.0f);
    low_.fill(0);
  }

  void take_state(Node& old) override {
    auto& o = static_cast<Reverb&>(old);
    if (o.rate_ != rate_) return;
    for (int k = 0; k < kLines; ++k) lines_[k] = o.lines_[k];  // same sizes: no allocation
    pos_ = o.pos_;
    low_ = o.low_;
  }

 private:
  double rate_;
  std::array<std::vector<float>, kLines> lines_;
  std::array<std::size_t, kLines> pos_{};
  std::array<float, kLines> low_{};
};

}  // namespace

void add_reverb_specs(std::vector<NodeSpec>& specs) {
  specs.push_back({"reverb",
                   "feedback-delay-network reverb (output: the reverb alone)",
                   {{"in", 0, -1e9, 1e9, "", "signal"},
                    {"size", 0.5, 0, 1, "", "room size: decay from 0.3 s (0) to 4.3 s (1); read once per block"},
                    {"damp", 0.5, 0, 0.99, "", "high-frequency damping; read once per block"},
                    {"wet", 1, 0, 1, "", "output level"}},
                   false,
                   false,
                   make_node<Reverb>});
}

}  // namespace tala
