// Feedback delay. Its output is only the delayed signal (the language adds
// the dry signal), and it records its input after the block: so a delay of at
// least one block may close a feedback loop in the graph.
#include <algorithm>
#include <cmath>
#include <vector>

#include "dsp/math.hpp"
#include "engine/nodes/nodes.hpp"
#include "limits.hpp"

namespace tala {

namespace {

class Delay final : public Node {
 public:
  explicit Delay(const NodeBuild& b)
      : rate_(b.sample_rate),
        min_frames_(b.block_size),
        size_(static_cast<std::size_t>(kMaxDelaySeconds * b.sample_rate) + 2 * static_cast<std::size_t>(b.block_size)),
        ring_{std::vector<float>(size_), std::vector<float>(size_)},
        delayed_{std::vector<float>(static_cast<std::size_t>(b.block_size)),
                 std::vector<float>(static_cast<std::size_t>(b.block_size))} {}

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    for (int i = 0; i < ctx.frames; ++i) {
      const double frames = std::min(kMaxDelaySeconds * rate_, std::max<double>(min_frames_, p[1].left[i] * rate_));
      double pos = static_cast<double>(write_) + i - frames;
      while (pos < 0) pos += static_cast<double>(size_);
      // Indices wrap by comparison: a 64-bit division per read cost more than the rest of the frame.
      auto i0 = static_cast<std::size_t>(pos);
      const double frac = pos - static_cast<double>(i0);
      if (i0 >= size_) i0 -= size_;
      const std::size_t i1 = i0 + 1 == size_ ? 0 : i0 + 1;
      const float wet = p[3].left[i];
      for (int c = 0; c < 2; ++c) {
        const float d = static_cast<float>(ring_[c][i0] * (1.0 - frac) + ring_[c][i1] * frac);
        delayed_[c][static_cast<std::size_t>(i)] = d;
        (c ? out_r : out_l)[i] = wet * d;
      }
    }
  }

  bool needs_after_block() const override { return true; }
  void after_block(const BlockContext& ctx, const Signal* p) override {
    for (int i = 0; i < ctx.frames; ++i) {
      const float fb = std::min(0.99f, std::max(0.0f, p[2].left[i]));
      std::size_t at = write_ + static_cast<std::size_t>(i);
      if (at >= size_) at -= size_;
      ring_[0][at] = dsp::flush(p[0].left[i] + fb * delayed_[0][static_cast<std::size_t>(i)]);
      ring_[1][at] = dsp::flush(p[0].right[i] + fb * delayed_[1][static_cast<std::size_t>(i)]);
    }
    write_ = (write_ + static_cast<std::size_t>(ctx.frames)) % size_;
  }

  void reset() override {
    std::fill(ring_[0].begin(), ring_[0].end(), 0.0f);
    std::fill(ring_[1].begin(), ring_[1].end(), 0.0f);
  }

  void take_state(Node& old) override {
    auto& o = static_cast<Delay&>(old);
    if (o.size_ != size_) return;
    ring_[0] = o.ring_[0];  // same size: copies into the existing storage
    ring_[1] = o.ring_[1];
    write_ = o.write_;
  }

 private:
  double rate_;
  int min_frames_;
  std::size_t size_;
  std::vector<float> ring_[2];
  std::vector<float> delayed_[2];
  std::size_t write_ = 0;
};

}  // namespace

void add_delay_specs(std::vector<NodeSpec>& specs) {
  specs.push_back({"delay",
                   "feedback delay line (output: the delayed signal only)",
                   {{"in", 0, -1e9, 1e9, "", "signal"},
                    {"time", 0.25, 0, kMaxDelaySeconds, "s", "delay time (at least one block)"},
                    {"feedback", 0.5, 0, 0.99, "", "part of the output fed back"},
                    {"wet", 1, 0, 1, "", "output level"}},
                   false,
                   true,
                   make_node<Delay>});
}

}  // namespace tala
