// State-variable filters in the topology-preserving (TPT) form: stable when
// the cutoff moves at audio rate.
#include "dsp/math.hpp"
#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

enum class Mode { Low, High, Band, Notch };

template <Mode M>
class StateVariable final : public Node {
 public:
  explicit StateVariable(const NodeBuild& b) : rate_(b.sample_rate) {}

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    const float* cutoff = p[1].left;
    const float* resonance = p[2].left;
    for (int i = 0; i < ctx.frames; ++i) {
      // The coefficients cost two polynomials and a division: computed again
      // only when cutoff or resonance move (every sample under modulation).
      if (cutoff[i] != last_cutoff_ || resonance[i] != last_resonance_) {
        last_cutoff_ = cutoff[i];
        last_resonance_ = resonance[i];
        const double fc = std::min(0.49 * rate_, std::max(1.0, static_cast<double>(cutoff[i])));
        g_ = dsp::tan_pi(fc / rate_);
        k_ = 2.0 - 1.98 * std::min(1.0, std::max(0.0, static_cast<double>(resonance[i])));
        a1_ = 1.0 / (1.0 + g_ * (g_ + k_));
      }
      const double g = g_, k = k_, a1 = a1_;
      for (int c = 0; c < 2; ++c) {
        const double x = c ? p[0].right[i] : p[0].left[i];
        double& s1 = s1_[c];
        double& s2 = s2_[c];
        const double hp = (x - (g + k) * s1 - s2) * a1;
        const double bp = g * hp + s1;
        const double lp = g * bp + s2;
        s1 = dsp::flush(static_cast<float>(g * hp + bp));
        s2 = dsp::flush(static_cast<float>(g * bp + lp));
        // Band-pass as k * bp: unity gain at the centre whatever the resonance.
        const double y = M == Mode::Low ? lp : M == Mode::High ? hp : M == Mode::Band ? k * bp : x - k * bp;
        (c ? out_r : out_l)[i] = static_cast<float>(y);
      }
    }
  }

  void reset() override { s1_[0] = s1_[1] = s2_[0] = s2_[1] = 0; }

  void take_state(Node& old) override {
    const auto& o = static_cast<StateVariable&>(old);
    s1_[0] = o.s1_[0], s1_[1] = o.s1_[1], s2_[0] = o.s2_[0], s2_[1] = o.s2_[1];
  }

 private:
  double rate_;
  float last_cutoff_ = -1, last_resonance_ = -1;  // -1: none yet
  double g_ = 0, k_ = 0, a1_ = 0;
  double s1_[2] = {0, 0};
  double s2_[2] = {0, 0};
};

// Zavalishin's topology-preserving ladder: four one-pole TPT low-passes in a
// loop, the loop solved exactly each sample (linear, no tanh: the same in
// native and wasm, and stable at any cutoff modulation). 24 dB/octave; the
// passband is compensated for the loss feedback causes.
class Ladder final : public Node {
 public:
  explicit Ladder(const NodeBuild& b) : rate_(b.sample_rate) {}

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    const float* cutoff = p[1].left;
    const float* resonance = p[2].left;
    for (int i = 0; i < ctx.frames; ++i) {
      if (cutoff[i] != last_cutoff_ || resonance[i] != last_resonance_) {
        last_cutoff_ = cutoff[i];
        last_resonance_ = resonance[i];
        const double fc = std::min(0.49 * rate_, std::max(1.0, static_cast<double>(cutoff[i])));
        const double g = dsp::tan_pi(fc / rate_);
        big_g_ = g / (1.0 + g);
        beta_ = 1.0 / (1.0 + g);
        k_ = 3.96 * std::min(1.0, std::max(0.0, static_cast<double>(resonance[i])));  // 4 would self-oscillate
      }
      const double G = big_g_, G2 = G * G, G4 = G2 * G2;
      for (int c = 0; c < 2; ++c) {
        double* s = s_[c];
        const double x = c ? p[0].right[i] : p[0].left[i];
        // y4 = G^4 u + S, with u = x - k y4.
        const double S = beta_ * (G2 * G * s[0] + G2 * s[1] + G * s[2] + s[3]);
        const double y4 = (G4 * x + S) / (1.0 + k_ * G4);
        double in = x - k_ * y4;
        for (int st = 0; st < 4; ++st) {
          const double v = (in - s[st]) * G;
          const double y = v + s[st];
          s[st] = dsp::flush(static_cast<float>(y + v));
          in = y;
        }
        (c ? out_r : out_l)[i] = static_cast<float>(y4 * (1.0 + k_));
      }
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
  float last_cutoff_ = -1, last_resonance_ = -1;
  double big_g_ = 0, beta_ = 1, k_ = 0;
  double s_[2][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
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
