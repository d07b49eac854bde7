// Feedback delay. Its output is only the delayed signal (the language adds
// the dry signal), and it records its input after the block: so a delay of at
// least one block may close a feedback loop in the graph.
#include <algorithm>
#include <cmath>
#include <cstdint>
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
        ring_{std::vector<float>(size_ + 1), std::vector<float>(size_ + 1)},
        delayed_{std::vector<float>(static_cast<std::size_t>(b.block_size)),
                 std::vector<float>(static_cast<std::size_t>(b.block_size))},
        index_(static_cast<std::size_t>(b.block_size)),
        frac_(static_cast<std::size_t>(b.block_size)),
        feedback_(static_cast<std::size_t>(b.block_size)) {}

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    // Read positions first, in a loop without branches that the compiler vectorises. A position is
    // at most the longest delay behind the write point, less than the ring's size: one wrap at most.
    // Everything in locals: an int stored to index_ might otherwise alias ctx.frames or a member,
    // and g++ then neither knows the trip count nor vectorises.
    const auto size = static_cast<std::int32_t>(size_);
    const int count = ctx.frames;
    const double rate = rate_, longest = kMaxDelaySeconds * rate_, shortest = min_frames_;
    const double write = static_cast<double>(write_), ring_frames = static_cast<double>(size_);
    const float* time = p[1].left;
    std::int32_t* index = index_.data();
    double* frac = frac_.data();
    for (int i = 0; i < count; ++i) {
      const double frames = std::min(longest, std::max<double>(shortest, time[i] * rate));
      double pos = write + i - frames;
      pos = pos < 0 ? pos + ring_frames : pos;
      const auto i0 = static_cast<std::int32_t>(pos);
      frac[i] = pos - static_cast<double>(i0);
      index[i] = i0 >= size ? i0 - size : i0;
    }
    // A steady delay time reads frames one after another (the ring's copy of frame 0 covers the
    // end): then the reads are plain loads that vectorise, where g++ would not gather.
    std::int32_t scattered = 0;
    for (int i = 0; i < count; ++i) scattered |= (index[i] - i) ^ index[0];
    // The feedback is used after the block, when its node's buffer may hold another node's output.
    const float* feedback = p[2].left;
    for (int i = 0; i < count; ++i)
      feedback_[static_cast<std::size_t>(i)] = std::min(0.99f, std::max(0.0f, feedback[i]));
    const float* wet = p[3].left;
    for (int c = 0; c < 2; ++c) {
      const float* ring = ring_[c].data();
      float* delayed = delayed_[c].data();
      float* out = c ? out_r : out_l;
      auto read = [&](auto at) {
        for (int i = 0; i < count; ++i) {
          const std::int32_t i0 = at(i);
          const float d = static_cast<float>(ring[i0] * (1.0 - frac[i]) + ring[i0 + 1] * frac[i]);
          delayed[i] = d;
          out[i] = wet[i] * d;
        }
      };
      if (scattered) {
        read([&](int i) { return index[i]; });
      } else {
        read([first = index[0]](int i) { return first + i; });
      }
    }
  }

  bool needs_after_block() const override { return true; }
  void after_block(const BlockContext& ctx, const Signal* p) override {
    const auto frames = static_cast<std::size_t>(ctx.frames);
    for (int c = 0; c < 2; ++c) {
      float* ring = ring_[c].data();
      const float* in = c ? p[0].right : p[0].left;
      const float* delayed = delayed_[c].data();
      // Up to the ring's end, then from its start: each stretch a loop without branches.
      for (std::size_t i = 0, at = write_; i < frames;) {
        const std::size_t n = std::min(frames - i, size_ - at);
        for (std::size_t j = 0; j < n; ++j) {
          ring[at + j] = dsp::flush(in[i + j] + feedback_[i + j] * delayed[i + j]);
        }
        i += n;
        at = at + n == size_ ? 0 : at + n;
      }
      ring[size_] = ring[0];
    }
    write_ = (write_ + frames) % size_;
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
  // One frame more than the ring holds: a copy of frame 0, so that the last frame interpolates
  // towards it without a wrap test per read.
  std::vector<float> ring_[2];
  std::vector<float> delayed_[2];
  std::vector<std::int32_t> index_;  // this block's read positions
  std::vector<double> frac_;
  std::vector<float> feedback_;  // this block's, clamped: after_block's
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
