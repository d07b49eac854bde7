// The built-in drum kit, synthesised from oscillators, noise and envelopes.
// Deterministic (fixed seeds, the core's own math): the same samples on every
// machine, natively and in wasm, with no files to download.
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>

#include "dsp/math.hpp"
#include "dsp/samples.hpp"

namespace tala {

namespace {

constexpr double kRate = 48000;

double exp_e(double x) { return dsp::exp2(x * 1.4426950408889634); }

// exp(-t / tau) at t = 0, 1/kRate, 2/kRate, ...: one multiplication per
// sample instead of a series (the kit is built at every start, and the series
// made start-up take 0.2 s).
class Decay {
 public:
  explicit Decay(double tau) : step_(exp_e(-1.0 / (tau * kRate))) {}
  double next() {
    const double v = value_;
    value_ *= step_;
    return v;
  }

 private:
  double step_;
  double value_ = 1.0;
};

class Noise {
 public:
  explicit Noise(std::uint32_t seed) : s_(seed ? seed : 1) {}
  double next() {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 17;
    s_ ^= s_ << 5;
    return static_cast<double>(s_) / 2147483648.0 - 1.0;
  }

 private:
  std::uint32_t s_;
};

// A TPT state-variable filter with fixed cutoff, for shaping noise.
class Filter {
 public:
  Filter(double cutoff, double q) : g_(dsp::tan_pi(cutoff / kRate)), k_(1.0 / q) {}
  // Returns {low, band, high}.
  void run(double x, double& lp, double& bp, double& hp) {
    hp = (x - (g_ + k_) * s1_ - s2_) / (1.0 + g_ * (g_ + k_));
    bp = g_ * hp + s1_;
    lp = g_ * bp + s2_;
    s1_ = g_ * hp + bp;
    s2_ = g_ * bp + lp;
  }
  double high(double x) {
    double l, b, h;
    run(x, l, b, h);
    return h;
  }
  double band(double x) {
    double l, b, h;
    run(x, l, b, h);
    return b;
  }

 private:
  double g_, k_, s1_ = 0, s2_ = 0;
};

std::shared_ptr<const SampleBuffer> finish(std::vector<float> mono) {
  float peak = 0;
  for (float x : mono) peak = std::max(peak, std::fabs(x));
  if (peak > 0) {
    for (float& x : mono) x = x * (0.9f / peak);
  }
  auto b = std::make_shared<SampleBuffer>();
  b->left = std::move(mono);  // mono: no right channel to keep (the kit is 11 MB a channel)
  b->rate = kRate;
  b->mono = true;
  return b;
}

// A sine falling from `start` to `end` Hz, with an exponential amplitude decay.
std::vector<float> drum(double seconds, double start, double end, double sweep, double decay, double click,
                        std::uint32_t seed) {
  const auto n = static_cast<std::size_t>(seconds * kRate);
  std::vector<float> out(n);
  Noise noise(seed);
  Decay pitch(sweep), level(decay), tick_level(0.002);
  double phase = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double f = end + (start - end) * pitch.next();
    const double body = dsp::sin_turns(phase) * level.next();
    const double tick = click * noise.next() * tick_level.next();
    out[i] = static_cast<float>(body + tick);
    phase += f / kRate;
    phase -= std::floor(phase);
  }
  return out;
}

// Noise through a filter, with an exponential decay (hats, cymbals, snares).
std::vector<float> hiss(double seconds, double cutoff, double q, bool band, double decay, std::uint32_t seed) {
  const auto n = static_cast<std::size_t>(seconds * kRate);
  std::vector<float> out(n);
  Noise noise(seed);
  Filter f(cutoff, q);
  Decay level(decay);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = noise.next();
    out[i] = static_cast<float>((band ? f.band(x) : f.high(x)) * level.next());
  }
  return out;
}

std::vector<float> mix(std::vector<float> a, const std::vector<float>& b, float gb) {
  if (b.size() > a.size()) a.resize(b.size(), 0.0f);
  for (std::size_t i = 0; i < b.size(); ++i) a[i] += gb * b[i];
  return a;
}

// Soft saturation (x / (1 + |x|)), for the 808 kick's weight.
std::vector<float> saturate(std::vector<float> x, double drive) {
  for (float& v : x) v = static_cast<float>(drive * v / (1.0 + std::fabs(drive * v)));
  return x;
}

std::vector<float> clap(int v) {
  const double seconds = 0.35;
  const auto n = static_cast<std::size_t>(seconds * kRate);
  std::vector<float> out(n);
  Noise noise(900 + static_cast<std::uint32_t>(v));
  Filter f(1100 + 150 * v, 1.5);
  Decay tail(0.12 + 0.03 * v), burst(0.003);
  const auto burst_length = static_cast<std::size_t>(0.01 * kRate);
  for (std::size_t i = 0; i < n; ++i) {
    // Three short bursts 10 ms apart, then a tail.
    double env = tail.next() * 0.6;
    if (i % burst_length == 0) burst = Decay(0.003);
    const double b = burst.next();
    if (i < 3 * burst_length) env = std::max(env, b);
    out[i] = static_cast<float>(f.band(noise.next()) * env);
  }
  return out;
}

std::vector<float> square_tones(double seconds, double f1, double f2, double decay) {
  const auto n = static_cast<std::size_t>(seconds * kRate);
  std::vector<float> out(n);
  Filter f(2000, 0.8);
  Decay level(decay);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / kRate;
    const double a = std::fmod(t * f1, 1.0) < 0.5 ? 1.0 : -1.0;
    const double b = std::fmod(t * f2, 1.0) < 0.5 ? 1.0 : -1.0;
    out[i] = static_cast<float>(f.band(a + b) * level.next());
  }
  return out;
}

SampleBank make_kit(const std::function<bool(const std::string&)>& wanted) {
  SampleBank kit;
  // Only the sounds asked for are synthesised (all of them take 0.1 s).
  const auto add = [&](const char* name, auto&& make) {
    if (wanted(name)) kit.add(name, finish(make()));
  };
  for (int v = 0; v < 4; ++v) {
    const auto s = static_cast<std::uint32_t>(v);
    const double dv = v;
    add("bd", [&] { return drum(0.6, 160 + 10 * dv, 48 - 3 * dv, 0.03 + 0.01 * dv, 0.3 + 0.08 * dv, 0.3, 10 + s); });
    add("808bd", [&] { return saturate(drum(1.2, 120, 46 + 2 * dv, 0.06, 0.6 + 0.25 * dv, 0.1, 20 + s), 1.5 + dv); });
    add("sn", [&] {
      return mix(drum(0.3, 260 + 20 * dv, 180 + 10 * dv, 0.02, 0.08, 0, 30 + s),
                 hiss(0.3, 1800 + 200 * dv, 0.7, false, 0.1 + 0.03 * dv, 40 + s), 1.2f);
    });
    add("808sd", [&] {
      return mix(mix(drum(0.4, 240, 180, 0.05, 0.12, 0, 50 + s), drum(0.4, 380, 330, 0.05, 0.08, 0, 51 + s), 0.6f),
                 hiss(0.4, 3000 + 300 * dv, 0.7, false, 0.15 + 0.03 * dv, 52 + s), 1.0f);
    });
    add("hh", [&] { return hiss(0.12, 7000 + 500 * dv, 0.7, false, 0.03 + 0.01 * dv, 60 + s); });
    add("808hc", [&] { return hiss(0.15, 8000 + 400 * dv, 0.9, false, 0.04 + 0.01 * dv, 65 + s); });
    add("oh", [&] { return hiss(0.6, 6500 + 500 * dv, 0.7, false, 0.2 + 0.06 * dv, 70 + s); });
    add("808oh", [&] { return hiss(0.8, 7500 + 400 * dv, 0.9, false, 0.3 + 0.08 * dv, 75 + s); });
    add("cp", [&] { return clap(v); });
    add("rim", [&] {
      return mix(drum(0.08, 1700 + 100 * dv, 1600, 0.01, 0.012, 0.2, 80 + s),
                 drum(0.08, 420, 400, 0.01, 0.02, 0, 81 + s), 0.5f);
    });
    add("lt", [&] { return drum(0.5, 130 * (1 + 0.05 * dv), 85 * (1 + 0.05 * dv), 0.06, 0.22, 0.05, 90 + s); });
    add("mt", [&] { return drum(0.45, 190 * (1 + 0.05 * dv), 125 * (1 + 0.05 * dv), 0.05, 0.2, 0.05, 91 + s); });
    add("ht", [&] { return drum(0.4, 270 * (1 + 0.05 * dv), 180 * (1 + 0.05 * dv), 0.04, 0.18, 0.05, 92 + s); });
    add("808lt", [&] { return drum(0.9, 100 * (1 + 0.04 * dv), 70 * (1 + 0.04 * dv), 0.08, 0.4, 0.02, 93 + s); });
    add("808mt", [&] { return drum(0.8, 150 * (1 + 0.04 * dv), 105 * (1 + 0.04 * dv), 0.07, 0.35, 0.02, 94 + s); });
    add("808ht", [&] { return drum(0.7, 220 * (1 + 0.04 * dv), 160 * (1 + 0.04 * dv), 0.06, 0.3, 0.02, 95 + s); });
    add("cb", [&] { return square_tones(0.5, 540 + 10 * dv, 800 + 15 * dv, 0.12 + 0.04 * dv); });
    add("cr", [&] {
      return mix(hiss(2.0, 5000 + 500 * dv, 0.6, false, 0.6 + 0.2 * dv, 100 + s),
                 square_tones(2.0, 307 + 20 * dv, 472 + 25 * dv, 0.4), 0.15f);
    });
  }
  return kit;
}

}  // namespace

const SampleBank& builtin_kit() {
  static const SampleBank kit = make_kit([](const std::string&) { return true; });
  return kit;
}

SampleBank builtin_kit_sounds(const std::function<bool(const std::string&)>& wanted) { return make_kit(wanted); }

}  // namespace tala
