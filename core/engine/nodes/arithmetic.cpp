// Mixing and scaling: the language's + - * on signals, gain and pan.
#include <algorithm>

#include "dsp/math.hpp"
#include "dsp/simd.hpp"
#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

enum class Op { Add, Sub, Mul };

template <Op O>
class Binary final : public Node {
 public:
  explicit Binary(const NodeBuild&) {}
  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    std::uint32_t largest = 0;
    for (int c = 0; c < (out_r == out_l ? 1 : 2); ++c) {
      const float* a = c ? p[0].right : p[0].left;
      const float* b = c ? p[1].right : p[1].left;
      float* out = c ? out_r : out_l;
      for (int i = 0; i < ctx.frames; ++i) {
        const float y = O == Op::Add ? a[i] + b[i] : O == Op::Sub ? a[i] - b[i] : a[i] * b[i];
        out[i] = y;
        largest = std::max(largest, magnitude_bits(y));
      }
    }
    output_finite_ = largest < kInfinityBits;
  }
  void take_state(Node&) override {}
};

// ((in0 + in1) + in2) + ...: a chain of adds fused (engine/fused_sums.cpp),
// the same floats in the same order. 32 frames at a time are summed over
// every input in four vector registers and stored once, instead of a pass
// over the block and a buffer per `+`.
class Sum final : public Node {
 public:
  explicit Sum(const NodeBuild& b) : channel_(b.inputs) {}
  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    std::uint32_t largest = 0;
    for (int c = 0; c < (out_r == out_l ? 1 : 2); ++c) {
      for (std::size_t k = 0; k < channel_.size(); ++k) channel_[k] = c ? p[k].right : p[k].left;
      float* out = c ? out_r : out_l;
      int i = 0;
      for (; i + kChunk <= ctx.frames; i += kChunk) chunk(i, out);
      for (; i < ctx.frames; ++i) {
        float acc = channel_[0][i] + channel_[1][i];
        for (std::size_t k = 2; k < channel_.size(); ++k) acc += channel_[k][i];
        out[i] = acc;
      }
      largest = std::max(largest, largest_magnitude_bits(out, static_cast<std::size_t>(ctx.frames)));
    }
    output_finite_ = largest < kInfinityBits;
  }
  void take_state(Node&) override {}

 private:
  using L = dsp::Lanes<8>;
  static constexpr int kChunk = 32;
  std::vector<const float*> channel_;  // one channel of every input, set per block

  void chunk(int i, float* out) const {
    const float *a = channel_[0] + i, *b = channel_[1] + i;
    L::F s0 = L::load(a) + L::load(b), s1 = L::load(a + 8) + L::load(b + 8);
    L::F s2 = L::load(a + 16) + L::load(b + 16), s3 = L::load(a + 24) + L::load(b + 24);
    for (std::size_t k = 2; k < channel_.size(); ++k) {
      const float* x = channel_[k] + i;
      s0 += L::load(x), s1 += L::load(x + 8), s2 += L::load(x + 16), s3 += L::load(x + 24);
    }
    L::store(out + i, s0), L::store(out + i + 8, s1), L::store(out + i + 16, s2), L::store(out + i + 24, s3);
  }
};

// Equal-power pan of a stereo signal: 0 left, 0.5 centre, 1 right.
class Pan final : public Node {
 public:
  explicit Pan(const NodeBuild&) {}
  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    for (int i = 0; i < ctx.frames; ++i) {
      const double pos = std::min(1.0, std::max(0.0, static_cast<double>(p[1].left[i])));
      const double gl = dsp::cos_turns(pos / 4), gr = dsp::sin_turns(pos / 4);
      // Both channels are weighed, so a centred signal keeps its level (x sqrt(2)).
      out_l[i] = static_cast<float>((p[0].left[i] + p[0].right[i]) * 0.5 * gl * 1.4142135623730951);
      out_r[i] = static_cast<float>((p[0].left[i] + p[0].right[i]) * 0.5 * gr * 1.4142135623730951);
    }
  }
  void take_state(Node&) override {}
};

}  // namespace

const NodeSpec& sum_spec() {
  static const NodeSpec spec{"sum",
                             "a chain of adds, fused: its inputs added in order",
                             {},
                             false,
                             false,
                             make_node<Sum>,
                             Channels::AsInputs,
                             OutputCheck::ByNode};
  return spec;
}

void add_arithmetic_specs(std::vector<NodeSpec>& specs) {
  specs.push_back({"add",
                   "a + b (mixing)",
                   {{"a", 0, -1e9, 1e9, "", "first signal"}, {"b", 0, -1e9, 1e9, "", "second signal"}},
                   false,
                   false,
                   make_node<Binary<Op::Add>>,
                   Channels::AsInputs,
                   OutputCheck::ByNode});
  specs.push_back({"sub",
                   "a - b",
                   {{"a", 0, -1e9, 1e9, "", "first signal"}, {"b", 0, -1e9, 1e9, "", "signal taken away"}},
                   false,
                   false,
                   make_node<Binary<Op::Sub>>,
                   Channels::AsInputs,
                   OutputCheck::ByNode});
  specs.push_back({"mul",
                   "a * b (scaling, ring modulation)",
                   {{"a", 1, -1e9, 1e9, "", "first signal"}, {"b", 1, -1e9, 1e9, "", "second signal"}},
                   false,
                   false,
                   make_node<Binary<Op::Mul>>,
                   Channels::AsInputs,
                   OutputCheck::ByNode});
  specs.push_back({"gain",
                   "in * gain",
                   {{"in", 0, -1e9, 1e9, "", "signal"}, {"gain", 1, 0, 16, "", "factor"}},
                   false,
                   false,
                   make_node<Binary<Op::Mul>>,
                   Channels::AsInputs,
                   OutputCheck::ByNode});
  specs.push_back({"pan",
                   "equal-power pan of the mono sum",
                   {{"in", 0, -1e9, 1e9, "", "signal"}, {"pan", 0.5, 0, 1, "", "0 left, 0.5 centre, 1 right"}},
                   false,
                   false,
                   make_node<Pan>});
}

}  // namespace tala
