// Audio-rate oscillators. Frequency may be a number, a pattern or a signal.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include "dsp/waveform.hpp"
#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

using Wave = dsp::Waveform;

// Whether x[0] holds for the whole block. On the bits, so the loop vectorises
// (a float compare with its NaN rules does not).
bool holds(const float* x, int frames) {
  std::uint32_t first, diff = 0;
  std::memcpy(&first, x, sizeof first);
  for (int i = 1; i < frames; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, x + i, sizeof bits);
    diff |= bits ^ first;
  }
  return diff == 0;
}

template <Wave W>
class Oscillator final : public Node {
 public:
  explicit Oscillator(const NodeBuild& b)
      : rate_(b.sample_rate),
        reduced_(static_cast<std::size_t>(b.block_size) + 16),
        index_(W == Wave::Sine ? 0 : static_cast<std::size_t>(b.block_size)) {
    if constexpr (W != Wave::Sine) dsp::wavetables();  // built here, off the audio thread (sines need none)
  }

  void process(const BlockContext& ctx, const Signal* params, float* out_l, float* out_r) override {
    const float* freq = params[0].left;
    if constexpr (W == Wave::Sine) {
      sine(ctx.frames, freq, params[0].constant || holds(freq, ctx.frames), out_l);
      return;
    }
    if constexpr (W == Wave::Saw || W == Wave::Triangle) {
      if (params[0].constant || holds(freq, ctx.frames)) return steady_table(ctx.frames, freq[0], out_l);
    }
    const float* width = W == Wave::Square ? params[1].left : nullptr;
    for (int i = 0; i < ctx.frames; ++i) {
      const double dt = std::min(0.5, std::max(0.0, static_cast<double>(freq[i]) / rate_));
      const double w = W == Wave::Square ? std::min(0.99, std::max(0.01, static_cast<double>(width[i]))) : 0.5;
      const double y = dsp::waveform(W, phase_, dt, w);
      out_l[i] = out_r[i] = static_cast<float>(y);
      phase_ += dt;
      if (phase_ >= 1.0) phase_ -= 1.0;
    }
  }

  void take_state(Node& old) override { phase_ = static_cast<Oscillator&>(old).phase_; }

 private:
  double increment(float freq) const { return std::min(0.5, std::max(0.0, static_cast<double>(freq) / rate_)); }

  // Two passes: the block's phases reduced to [-0.5, 0.5), then the sine of
  // each in a loop without dependencies. A frequency that holds for the whole
  // block (a number or a pattern) gives the phases in closed form, which
  // vectorises too; only an audio-rate frequency needs the running sum.
  void sine(int frames, const float* freq, bool steady, float* out) {
    if (steady) return steady_sine(frames, increment(freq[0]), out);
    float* reduced = reduced_.data();
    for (int i = 0; i < frames; ++i) {
      reduced[i] = static_cast<float>(phase_ >= 0.5 ? phase_ - 1.0 : phase_);
      phase_ += increment(freq[i]);
      if (phase_ >= 1.0) phase_ -= 1.0;
    }
    for (int i = 0; i < frames; ++i) out[i] = dsp::sin_turns_reduced(reduced[i]);
  }

  // A steady pitch: sin(a + b) = sin a cos b + cos a sin b, with a the
  // phase of one of eight consecutive samples and b a multiple of eight
  // samples' phase. 8 + frames / 8 sines and cosines from the polynomial,
  // then two multiplies and an add per sample, with no chain between samples.
  void steady_sine(int frames, double dt, float* out) {
    constexpr int kLanes = 8;
    const int groups = (frames + kLanes - 1) / kLanes;
    float lane_sin[kLanes], lane_cos[kLanes];
    for (int k = 0; k < kLanes; ++k) {
      const double p = phase_ + static_cast<double>(k) * dt;
      const auto r = static_cast<float>(p - std::floor(p + 0.5));
      lane_sin[k] = dsp::sin_turns_reduced(r);
      lane_cos[k] = dsp::cos_turns_reduced(r);
    }
    float* group_sin = reduced_.data();
    float* group_cos = group_sin + groups;
    const double step = kLanes * dt;
    for (int j = 0; j < groups; ++j) {
      const double q = static_cast<double>(j) * step;
      const auto r = static_cast<float>(q - std::floor(q + 0.5));
      group_sin[j] = dsp::sin_turns_reduced(r);
      group_cos[j] = dsp::cos_turns_reduced(r);
    }
    // One AVX2 register natively, two SIMD128 ones in wasm: the same lanes.
    typedef float Eight __attribute__((vector_size(4 * kLanes)));
    Eight s, c;
    std::memcpy(&s, lane_sin, sizeof s);
    std::memcpy(&c, lane_cos, sizeof c);
    for (int j = 0; j < groups; ++j) {
      const Eight y = s * group_cos[j] + c * group_sin[j];
      const int n = std::min(kLanes, frames - j * kLanes);
      if (n == kLanes) {
        std::memcpy(out + j * kLanes, &y, sizeof y);
      } else {
        float last[kLanes];
        std::memcpy(last, &y, sizeof y);
        std::copy(last, last + n, out + j * kLanes);
      }
    }
    const double end = phase_ + static_cast<double>(frames) * dt;
    phase_ = end - std::floor(end);
  }

  // A saw or triangle whose pitch holds for the block: one table choice, and
  // phases in closed form, so nothing but the table reads remains per sample.
  void steady_table(int frames, float freq, float* out) {
    const double dt = increment(freq), start = phase_;
    const auto choice = dsp::wavetables().choose(W == Wave::Saw ? dsp::Wavetables::Saw : dsp::Wavetables::Triangle, dt);
    // Table positions first (a loop the compiler vectorises), then the reads
    // from the interleaved tables: the same arithmetic as dsp::read_choice, split in two.
    std::int32_t* index = index_.data();
    float* frac = reduced_.data();
    for (int i = 0; i < frames; ++i) {
      double p = start + static_cast<double>(i) * dt;
      p -= std::floor(p);
      const double x = p * dsp::Wavetables::kSize;
      const auto k = static_cast<std::int32_t>(x);
      index[i] = k;
      frac[i] = static_cast<float>(x - k);
    }
    const float* pairs = choice.pairs;  // rich[k] poor[k] rich[k + 1] poor[k + 1] from pairs + 2k
    const float weight = choice.weight;
    int i = 0;
#if defined(__AVX2__)
    // Eight reads of four values, transposed into four vectors of eight: the same operations per
    // sample as the loop below, so the same floats.
    const __m256 w = _mm256_set1_ps(weight);
    for (; i + 8 <= frames; i += 8) {
      auto two = [&](int j) {  // samples i + j and i + j + 4, one per 128-bit half
        return _mm256_set_m128(_mm_loadu_ps(pairs + 2 * index[i + j + 4]), _mm_loadu_ps(pairs + 2 * index[i + j]));
      };
      const __m256 x0 = two(0), x1 = two(1), x2 = two(2), x3 = two(3);
      const __m256 t0 = _mm256_unpacklo_ps(x0, x1), t1 = _mm256_unpackhi_ps(x0, x1);  // r0 r0 p0 p0, r1 r1 p1 p1
      const __m256 t2 = _mm256_unpacklo_ps(x2, x3), t3 = _mm256_unpackhi_ps(x2, x3);
      const __m256 r0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
      const __m256 p0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
      const __m256 r1 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
      const __m256 p1 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
      const __m256 f = _mm256_loadu_ps(frac + i);
      const __m256 a = _mm256_add_ps(r0, _mm256_mul_ps(f, _mm256_sub_ps(r1, r0)));
      const __m256 b = _mm256_add_ps(p0, _mm256_mul_ps(f, _mm256_sub_ps(p1, p0)));
      _mm256_storeu_ps(out + i, _mm256_add_ps(a, _mm256_mul_ps(w, _mm256_sub_ps(b, a))));
    }
#endif
    for (; i < frames; ++i) {
      const float* q = pairs + 2 * index[i];
      const float a = q[0] + frac[i] * (q[2] - q[0]);
      const float b = q[1] + frac[i] * (q[3] - q[1]);
      out[i] = a + weight * (b - a);
    }
    const double end = start + static_cast<double>(frames) * dt;
    phase_ = end - std::floor(end);
  }

  double rate_;
  double phase_ = 0;
  std::vector<float> reduced_;       // sine: the block's phases in [-0.5, 0.5), or the steady path's group terms
  std::vector<std::int32_t> index_;  // steady saw and triangle: table positions
};

class Noise final : public Node {
 public:
  explicit Noise(const NodeBuild& b) : state_(b.seed ? b.seed : 0x9E3779B9u) {}
  void process(const BlockContext& ctx, const Signal*, float* out_l, float* out_r) override {
    for (int i = 0; i < ctx.frames; ++i) {
      state_ ^= state_ << 13;
      state_ ^= state_ >> 17;
      state_ ^= state_ << 5;
      out_l[i] = out_r[i] = static_cast<float>(static_cast<double>(state_) / 2147483648.0 - 1.0);
    }
  }
  void take_state(Node& old) override { state_ = static_cast<Noise&>(old).state_; }

 private:
  std::uint32_t state_;
};

// Pink noise (-3 dB/octave): white noise through Paul Kellet's economy
// filter (three one-pole sections), scaled to about the level of `noise`.
class Pink final : public Node {
 public:
  explicit Pink(const NodeBuild& b) : state_(b.seed ? b.seed : 0x9E3779B9u) {}
  void process(const BlockContext& ctx, const Signal*, float* out_l, float* out_r) override {
    for (int i = 0; i < ctx.frames; ++i) {
      state_ ^= state_ << 13;
      state_ ^= state_ >> 17;
      state_ ^= state_ << 5;
      const double white = static_cast<double>(state_) / 2147483648.0 - 1.0;
      b0_ = 0.99765 * b0_ + white * 0.0990460;
      b1_ = 0.96300 * b1_ + white * 0.2965164;
      b2_ = 0.57000 * b2_ + white * 1.0526913;
      out_l[i] = out_r[i] = static_cast<float>(0.25 * (b0_ + b1_ + b2_ + white * 0.1848));
    }
  }
  void take_state(Node& old) override {
    const auto& o = static_cast<Pink&>(old);
    state_ = o.state_, b0_ = o.b0_, b1_ = o.b1_, b2_ = o.b2_;
  }

 private:
  std::uint32_t state_;
  double b0_ = 0, b1_ = 0, b2_ = 0;
};

// Increments are clamped to 0..0.5 (a NaN frequency gives 0), tables and
// noise are bounded: no oscillator can produce NaN or infinity.
constexpr OutputCheck kFinite = OutputCheck::NotNeeded;
const ParamSpec kFreq{"freq", 440, 0, 20000, "Hz", "frequency"};

}  // namespace

void add_oscillator_specs(std::vector<NodeSpec>& specs) {
  specs.push_back(
      {"sinosc", "sine oscillator", {kFreq}, false, false, make_node<Oscillator<Wave::Sine>>, Channels::Mono, kFinite});
  specs.push_back({"sawosc",
                   "band-limited sawtooth oscillator (wavetables, no aliasing)",
                   {kFreq},
                   false,
                   false,
                   make_node<Oscillator<Wave::Saw>>,
                   Channels::Mono,
                   kFinite});
  specs.push_back({"sqrosc",
                   "band-limited pulse oscillator (difference of two wavetable saws)",
                   {kFreq, {"width", 0.5, 0.01, 0.99, "", "pulse width"}},
                   false,
                   false,
                   make_node<Oscillator<Wave::Square>>,
                   Channels::Mono,
                   kFinite});
  specs.push_back({"triosc",
                   "triangle oscillator",
                   {kFreq},
                   false,
                   false,
                   make_node<Oscillator<Wave::Triangle>>,
                   Channels::Mono,
                   kFinite});
  specs.push_back({"noise", "white noise, -1..1", {}, false, false, make_node<Noise>, Channels::Mono, kFinite});
  specs.push_back({"pink", "pink noise (-3 dB/octave)", {}, false, false, make_node<Pink>, Channels::Mono, kFinite});
}

}  // namespace tala
