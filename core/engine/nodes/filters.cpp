// State-variable filters in the topology-preserving (TPT) form: stable when
// the cutoff moves at audio rate.
#include "dsp/math.hpp"
#include "engine/nodes/filter_coefficients.hpp"
#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

enum class Mode { Low, High, Band, Notch };

double clamp_cutoff(double rate, float cutoff) {
  return std::min(0.49 * rate, std::max(1.0, static_cast<double>(cutoff)));
}
double clamp_unit(float x) { return std::min(1.0, std::max(0.0, static_cast<double>(x))); }

struct SvfCoefficients {
  static constexpr int kChunk = 128;
  struct Held {
    double g = 0, k = 0, a1 = 0;
  };
  alignas(32) double g[kChunk], k[kChunk], a1[kChunk];

  static Held make(double rate, float cutoff, float resonance) {
    Held h;
    h.g = dsp::tan_pi(clamp_cutoff(rate, cutoff) / rate);
    h.k = 2.0 - 1.98 * clamp_unit(resonance);
    h.a1 = 1.0 / (1.0 + h.g * (h.g + h.k));
    return h;
  }
  void set(int i, const Held& h) { g[i] = h.g, k[i] = h.k, a1[i] = h.a1; }
  Held get(int i) const { return {g[i], k[i], a1[i]}; }
  void compute(double rate, const float* cutoff, const float* resonance, int from, int to) {
    for (int i = from; i < to; ++i) {
      g[i] = dsp::tan_pi(clamp_cutoff(rate, cutoff[i]) / rate);
      k[i] = 2.0 - 1.98 * clamp_unit(resonance[i]);
      a1[i] = 1.0 / (1.0 + g[i] * (g[i] + k[i]));
    }
  }
};

struct LadderCoefficients {
  static constexpr int kChunk = 128;
  struct Held {
    double big_g = 0, beta = 1, k = 0;
  };
  alignas(32) double big_g[kChunk], beta[kChunk], k[kChunk];

  static Held make(double rate, float cutoff, float resonance) {
    const double g = dsp::tan_pi(clamp_cutoff(rate, cutoff) / rate);
    return {g / (1.0 + g), 1.0 / (1.0 + g), 3.96 * clamp_unit(resonance)};  // 4 would self-oscillate
  }
  void set(int i, const Held& h) { big_g[i] = h.big_g, beta[i] = h.beta, k[i] = h.k; }
  Held get(int i) const { return {big_g[i], beta[i], k[i]}; }
  void compute(double rate, const float* cutoff, const float* resonance, int from, int to) {
    for (int i = from; i < to; ++i) {
      const double g = dsp::tan_pi(clamp_cutoff(rate, cutoff[i]) / rate);
      big_g[i] = g / (1.0 + g);
      beta[i] = 1.0 / (1.0 + g);
      k[i] = 3.96 * clamp_unit(resonance[i]);
    }
  }
};

template <Mode M>
class StateVariable final : public Node {
 public:
  explicit StateVariable(const NodeBuild& b) : rate_(b.sample_rate) {}

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    for (int i0 = 0; i0 < ctx.frames; i0 += SvfCoefficients::kChunk) {
      const int n = std::min(SvfCoefficients::kChunk, ctx.frames - i0);
      coefs_.fill(rate_, p[1].left + i0, p[2].left + i0, n, chunk_);
      run(Signal{p[0].left + i0, p[0].right + i0}, out_l + i0, out_r + i0, n);
    }
  }

  void reset() override { s1_[0] = s1_[1] = s2_[0] = s2_[1] = 0; }

  void take_state(Node& old) override {
    const auto& o = static_cast<StateVariable&>(old);
    s1_[0] = o.s1_[0], s1_[1] = o.s1_[1], s2_[0] = o.s2_[0], s2_[1] = o.s2_[1];
  }

 private:
  double rate_;
  ModulatedCoefficients<SvfCoefficients> coefs_;
  SvfCoefficients chunk_;
  double s1_[2] = {0, 0};
  double s2_[2] = {0, 0};

  // The TPT step (hp = (x - (g + k) s1 - s2) a1, bp = g hp + s1, lp = g bp + s2, s1' = g hp + bp,
  // s2' = g bp + lp) is linear in x, s1 and s2: written as s' = M s + n x, the new state waits for one
  // product and two sums of the old instead of ten dependent operations, and the matrix (the same for
  // both channels) is worked out alongside, off that chain. Two independent recurrences overlap.
  void run(const Signal& in, float* out_l, float* out_r, int n) {
    for (int i = 0; i < n; ++i) {
      const double g = chunk_.g[i], k = chunk_.k[i], a1 = chunk_.a1[i];
      const double ga = g * a1;
      const double b1 = 1.0 - ga * (g + k);  // bp = ga x + b1 s1 - ga s2
      const double m11 = b1 - ga * (g + k), m12 = -2.0 * ga, n1 = 2.0 * ga;
      const double m21 = 2.0 * g * b1, m22 = 1.0 - 2.0 * g * ga, n2 = 2.0 * g * ga;
      // The output from the old state: y = cx x + c1 s1 + c2 s2.
      double cx, c1, c2;
      if constexpr (M == Mode::Low) {
        cx = g * ga, c1 = g * b1, c2 = 1.0 - g * ga;
      } else if constexpr (M == Mode::High) {
        cx = a1, c1 = -a1 * (g + k), c2 = -a1;
      } else if constexpr (M == Mode::Band) {  // k bp: unity gain at the centre whatever the resonance
        cx = k * ga, c1 = k * b1, c2 = -k * ga;
      } else {  // x - k bp
        cx = 1.0 - k * ga, c1 = -k * b1, c2 = k * ga;
      }
      for (int c = 0; c < 2; ++c) {
        const double x = c ? in.right[i] : in.left[i];
        double& s1 = s1_[c];
        double& s2 = s2_[c];
        const double y = (cx * x + c2 * s2) + c1 * s1;
        const double next1 = (n1 * x + m12 * s2) + m11 * s1;
        const double next2 = (n2 * x + m22 * s2) + m21 * s1;
        s1 = dsp::flush(next1);
        s2 = dsp::flush(next2);
        (c ? out_r : out_l)[i] = static_cast<float>(y);
      }
    }
  }

};

// Zavalishin's topology-preserving ladder: four one-pole TPT low-passes in a
// loop, the loop solved exactly each sample (linear, no tanh: the same in
// native and wasm, and stable at any cutoff modulation). 24 dB/octave; the
// passband is compensated for the loss feedback causes.
class Ladder final : public Node {
 public:
  explicit Ladder(const NodeBuild& b) : rate_(b.sample_rate) {}

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    for (int i0 = 0; i0 < ctx.frames; i0 += LadderCoefficients::kChunk) {
      const int n = std::min(LadderCoefficients::kChunk, ctx.frames - i0);
      coefs_.fill(rate_, p[1].left + i0, p[2].left + i0, n, chunk_);
      run(Signal{p[0].left + i0, p[0].right + i0}, out_l + i0, out_r + i0, n);
    }
  }

  void reset() override {
    for (auto& ch : s_) ch[0] = ch[1] = ch[2] = ch[3] = 0;
  }
  void take_state(Node& old) override {
    const auto& o = static_cast<Ladder&>(old);
    for (int c = 0; c < 2; ++c) {
      for (int st = 0; st < 4; ++st) s_[c][st] = o.s_[c][st];
    }
  }

 private:
  double rate_;
  ModulatedCoefficients<LadderCoefficients> coefs_;
  LadderCoefficients chunk_;
  double s_[2][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}};

  // Both channels in one pass: two independent recurrences overlap.
  void run(const Signal& in, float* out_l, float* out_r, int n) {
    for (int i = 0; i < n; ++i) {
      const double G = chunk_.big_g[i], beta = chunk_.beta[i], k = chunk_.k[i];
      const double G2 = G * G, G4 = G2 * G2;
      for (int c = 0; c < 2; ++c) {
        double* s = s_[c];
        const double x = c ? in.right[i] : in.left[i];
        // y4 = G^4 u + S, with u = x - k y4.
        const double S = beta * (G2 * G * s[0] + G2 * s[1] + G * s[2] + s[3]);
        const double y4 = (G4 * x + S) / (1.0 + k * G4);
        double u = x - k * y4;
        for (int st = 0; st < 4; ++st) {
          const double v = (u - s[st]) * G;
          const double y = v + s[st];
          s[st] = dsp::flush(static_cast<float>(y + v));
          u = y;
        }
        (c ? out_r : out_l)[i] = static_cast<float>(y4 * (1.0 + k));
      }
    }
  }
};

const std::vector<ParamSpec> kParams = {
    {"in", 0, -1e9, 1e9, "", "signal"},
    {"cutoff", 1000, 20, 20000, "Hz", "cutoff frequency"},
    {"resonance", 0, 0, 1, "", "0 flat, towards 1 a sharp peak"},
};

}  // namespace

void add_filter_specs(std::vector<NodeSpec>& specs) {
  specs.push_back({"lpf", "12 dB/octave resonant low-pass (TPT state-variable)", kParams, false, false,
                   make_node<StateVariable<Mode::Low>>});
  specs.push_back({"hpf", "12 dB/octave resonant high-pass (TPT state-variable)", kParams, false, false,
                   make_node<StateVariable<Mode::High>>});
  specs.push_back({"bpf", "resonant band-pass, unity gain at the centre (TPT state-variable)", kParams, false, false,
                   make_node<StateVariable<Mode::Band>>});
  specs.push_back({"notch", "notch: removes the cutoff frequency, resonance narrows it (TPT state-variable)", kParams,
                   false, false, make_node<StateVariable<Mode::Notch>>});
  specs.push_back({"ladder", "24 dB/octave resonant ladder low-pass (TPT, solved exactly)", kParams, false, false,
                   make_node<Ladder>});
}

}  // namespace tala
