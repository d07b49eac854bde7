// A feedback delay network reverb: 8 lines of mutually prime lengths mixed
// by a Householder matrix, each with a damping low-pass and a gain set for
// the decay time. Output: the wet signal only (the language adds the dry).
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "dsp/math.hpp"
#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

constexpr int kLines = 8;
constexpr int kChunk = 128;  // frames per pass; shorter lines shorten it
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
    if (size != net_.size) tune(size);  // eight exp2: only when the size moves
    const Network& net = net_;
    const int chunk = net.chunk;
    for (int i = 0; i < ctx.frames; i += chunk) {
      const int n = std::min(chunk, ctx.frames - i);
      read_taps(net, n);
      filter(net, damp, n);
      mix(n, y_, feed_, p[0].left + i, p[0].right + i, p[3].left + i, out_l + i, out_r + i);
      write_back(n);
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
  std::array<double, kLines> low_{};
  // One chunk, line-major: what each line's tap gives, after damping and
  // decay, and what goes back in.
  alignas(32) float taps_[kLines][kChunk];
  alignas(32) double y_[kLines][kChunk];
  alignas(32) float feed_[kLines][kChunk];

  struct Network {
    double size = -1;  // none yet
    std::array<std::size_t, kLines> len{};
    std::array<double, kLines> gain{};
    int chunk = kChunk;  // frames that no tap reads back within
  };
  Network net_;

  void tune(double size) {
    const double seconds = 0.3 + 4.0 * size * size;  // RT60
    net_.size = size;
    net_.chunk = kChunk;
    for (int k = 0; k < kLines; ++k) {
      net_.len[k] = static_cast<std::size_t>(kBaseMs[k] * (1 + 1.5 * size) * rate_ / 1000.0);
      // A 60 dB decay over `seconds`: 10^(-3 len / (seconds * rate)).
      net_.gain[k] = dsp::exp2(-3.0 * 3.321928094887362 * static_cast<double>(net_.len[k]) / (seconds * rate_));
      if (net_.len[k] > 0) net_.chunk = static_cast<int>(std::min<std::size_t>(net_.chunk, net_.len[k]));
    }
  }

  // Copies each line's next n outputs; all were written before this chunk.
  void read_taps(const Network& net, int n) {
    for (int k = 0; k < kLines; ++k) {
      std::vector<float>& line = lines_[k];
      const std::size_t r = pos_[k] >= net.len[k] ? pos_[k] - net.len[k] : pos_[k] + line.size() - net.len[k];
      ring_copy(line.data(), line.size(), r, taps_[k], n, false);
    }
  }

  // Between a ring buffer at `at` and a flat array: at most two runs.
  static void ring_copy(float* ring, std::size_t size, std::size_t at, float* flat, int n, bool to_ring) {
    const std::size_t first = std::min<std::size_t>(static_cast<std::size_t>(n), size - at);
    const std::size_t rest = static_cast<std::size_t>(n) - first;
    if (to_ring) {
      std::copy_n(flat, first, ring + at);
      std::copy_n(flat + first, rest, ring);
    } else {
      std::copy_n(ring + at, first, flat);
      std::copy_n(ring, rest, flat + first);
    }
  }

  // Damping: a one-pole low-pass per line, then the decay gain. Sequential in
  // time, so the 8 lines run side by side, four to a vector of doubles (the
  // same operations per line as one at a time). Written as (1 - d) t + d low
  // with the memory kept in double, a frame waits on one product, one sum and
  // the flush: the loop is bound by that chain.
  void filter(const Network& net, double damp, int n) {
    typedef double Four __attribute__((vector_size(32)));
    static_assert(kLines == 8);
    Four low_a = {low_[0], low_[1], low_[2], low_[3]}, low_b = {low_[4], low_[5], low_[6], low_[7]};
    const Four gain_a = {net.gain[0], net.gain[1], net.gain[2], net.gain[3]};
    const Four gain_b = {net.gain[4], net.gain[5], net.gain[6], net.gain[7]};
    const double take = 1.0 - damp;
    for (int i = 0; i < n; ++i) {
      const Four tap_a = {taps_[0][i], taps_[1][i], taps_[2][i], taps_[3][i]};
      const Four tap_b = {taps_[4][i], taps_[5][i], taps_[6][i], taps_[7][i]};
      low_a = dsp::flush_lanes(take * tap_a + damp * low_a);
      low_b = dsp::flush_lanes(take * tap_b + damp * low_b);
      const Four y_a = low_a * gain_a, y_b = low_b * gain_b;
      for (int k = 0; k < 4; ++k) y_[k][i] = y_a[k], y_[k + 4][i] = y_b[k];
    }
    for (int k = 0; k < 4; ++k) low_[k] = low_a[k], low_[k + 4] = low_b[k];
  }

  // Householder mixing, input and output: no state, so frames run side by
  // side (vectorised over time). Each frame sums its lines in line order, as
  // the scalar network did: the output is bit for bit the same. A node's
  // output buffers are its own, apart from its inputs: hence __restrict.
  static void mix(int n, const double (*__restrict y)[kChunk], float (*__restrict feed)[kChunk],
                  const float* __restrict in_l, const float* __restrict in_r, const float* __restrict wet,
                  float* __restrict out_l, float* __restrict out_r) {
    static constexpr double kSign[kLines] = {1, -1, 1, -1, 1, -1, 1, -1};
    for (int i = 0; i < n; ++i) {
      double sum = 0;
      for (int k = 0; k < kLines; ++k) sum += y[k][i];
      const double in = 0.5 * (in_l[i] + in_r[i]);
      for (int k = 0; k < kLines; ++k) {
        feed[k][i] = dsp::flush(static_cast<float>(y[k][i] - sum * (2.0 / kLines) + kSign[k] * in * 0.35));
      }
      double l = 0, r = 0;
      for (int k = 0; k < kLines; k += 2) {
        l += y[k][i];
        r += y[k + 1][i];
      }
      out_l[i] = static_cast<float>(wet[i] * l * 0.5);
      out_r[i] = static_cast<float>(wet[i] * r * 0.5);
    }
  }

  void write_back(int n) {
    for (int k = 0; k < kLines; ++k) {
      std::vector<float>& line = lines_[k];
      ring_copy(line.data(), line.size(), pos_[k], feed_[k], n, true);
      pos_[k] = (pos_[k] + static_cast<std::size_t>(n)) % line.size();
    }
  }
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
