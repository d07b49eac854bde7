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

// One frame of a state-variable filter in mode M. The TPT step (hp = (x - (g + k) s1 - s2) a1,
// bp = g hp + s1, lp = g bp + s2, s1' = g hp + bp, s2' = g bp + lp) is linear in x, s1 and s2:
// s' = M s + n x, and the output y = cx x + c1 s1 + c2 s2. These nine numbers per frame are worked
// out here, in a loop without a chain between frames that the compiler vectorises, so that the
// filter's own recurrence waits for one product and two sums of the old state, not ten operations.
template <Mode M>
struct SvfCoefficients {
  static constexpr int kChunk = 128;
  struct Held {
    double cx = 0, c1 = 0, c2 = 0, m11 = 0, m12 = 0, n1 = 0, m21 = 0, m22 = 0, n2 = 0;
  };
  alignas(32) double cx[kChunk], c1[kChunk], c2[kChunk], m11[kChunk], m12[kChunk], n1[kChunk], m21[kChunk], m22[kChunk],
      n2[kChunk];

  static Held make(double rate, float cutoff, float resonance) {
    const double g = dsp::tan_pi(clamp_cutoff(rate, cutoff) / rate);
    const double k = 2.0 - 1.98 * clamp_unit(resonance);
    return step(g, k, 1.0 / (1.0 + g * (g + k)));
  }
  void set(int i, const Held& h) {
    cx[i] = h.cx, c1[i] = h.c1, c2[i] = h.c2, m11[i] = h.m11, m12[i] = h.m12, n1[i] = h.n1;
    m21[i] = h.m21, m22[i] = h.m22, n2[i] = h.n2;
  }
  Held get(int i) const { return {cx[i], c1[i], c2[i], m11[i], m12[i], n1[i], m21[i], m22[i], n2[i]}; }
  void compute(double rate, const float* cutoff, const float* resonance, int from, int to) {
    for (int i = from; i < to; ++i) set(i, make(rate, cutoff[i], resonance[i]));
  }

 private:
  static Held step(double g, double k, double a1) {
    Held h;
    const double ga = g * a1;
    const double b1 = 1.0 - ga * (g + k);  // bp = ga x + b1 s1 - ga s2
    h.m11 = b1 - ga * (g + k), h.m12 = -2.0 * ga, h.n1 = 2.0 * ga;
    h.m21 = 2.0 * g * b1, h.m22 = 1.0 - 2.0 * g * ga, h.n2 = 2.0 * g * ga;
    if constexpr (M == Mode::Low) {
      h.cx = g * ga, h.c1 = g * b1, h.c2 = 1.0 - g * ga;
    } else if constexpr (M == Mode::High) {
      h.cx = a1, h.c1 = -a1 * (g + k), h.c2 = -a1;
    } else if constexpr (M == Mode::Band) {  // k bp: unity gain at the centre whatever the resonance
      h.cx = k * ga, h.c1 = k * b1, h.c2 = -k * ga;
    } else {  // x - k bp
      h.cx = 1.0 - k * ga, h.c1 = -k * b1, h.c2 = k * ga;
    }
    return h;
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
    for (int i0 = 0; i0 < ctx.frames; i0 += SvfCoefficients<M>::kChunk) {
      const int n = std::min(SvfCoefficients<M>::kChunk, ctx.frames - i0);
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
  ModulatedCoefficients<SvfCoefficients<M>> coefs_;
  SvfCoefficients<M> chunk_;
  double s1_[2] = {0, 0};
  double s2_[2] = {0, 0};

  // Both channels at once, one in each half of a two-double vector (SSE2 natively, SIMD128 in wasm):
  // the same operations per channel as one at a time, in half the instructions. The state lives in
  // locals for the chunk (in the members, it went through memory on every frame).
  typedef double Two __attribute__((vector_size(16)));
  void run(const Signal& in, float* out_l, float* out_r, int n) {
    const auto& q = chunk_;
    Two s1 = {s1_[0], s1_[1]}, s2 = {s2_[0], s2_[1]};
    for (int i = 0; i < n; ++i) {
      const Two x = {in.left[i], in.right[i]};
      const Two y = (q.cx[i] * x + q.c2[i] * s2) + q.c1[i] * s1;
      const Two next1 = (q.n1[i] * x + q.m12[i] * s2) + q.m11[i] * s1;
      const Two next2 = (q.n2[i] * x + q.m22[i] * s2) + q.m21[i] * s1;
      s1 = dsp::flush_lanes(next1);
      s2 = dsp::flush_lanes(next2);
      out_l[i] = static_cast<float>(y[0]);
      out_r[i] = static_cast<float>(y[1]);
    }
    s1_[0] = s1[0], s1_[1] = s1[1], s2_[0] = s2[0], s2_[1] = s2[1];
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
    double state[2][4];  // in locals for the chunk, as in StateVariable::run
    std::copy(&s_[0][0], &s_[0][0] + 8, &state[0][0]);
    for (int i = 0; i < n; ++i) {
      const double G = chunk_.big_g[i], beta = chunk_.beta[i], k = chunk_.k[i];
      const double G2 = G * G, G4 = G2 * G2;
      for (int c = 0; c < 2; ++c) {
        double* s = state[c];
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
    std::copy(&state[0][0], &state[0][0] + 8, &s_[0][0]);
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
