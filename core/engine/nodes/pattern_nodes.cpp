// Nodes driven by patterns: `voices` plays the events of a pattern of sound
// parameters (s "saw" # note "c3"), `pattern_signal` turns a pattern of
// numbers into a stepped or continuous control signal (~lfo: slow 4 sine).
#include <algorithm>
#include <vector>

#include "dsp/math.hpp"
#include "engine/nodes/nodes.hpp"
#include "engine/pattern_render.hpp"
#include "pattern/controls.hpp"
#include "pattern/library.hpp"

namespace tala {

namespace {

class PatternSignal final : public Node {
 public:
  explicit PatternSignal(const NodeBuild& b) : pattern_(*b.pattern) {}
  void process(const BlockContext& ctx, const Signal*, float* out_l, float* out_r) override {
    render_pattern_values(pattern_, ctx, out_l, last_);
    std::copy(out_l, out_l + ctx.frames, out_r);
  }
  void take_state(Node& old) override { last_ = static_cast<PatternSignal&>(old).last_; }

 private:
  Pattern pattern_;
  float last_ = 0;
};

enum class Wave : std::uint8_t { Sine, Saw, Square, Triangle };

struct SynthVoice {
  Wave wave;
  double phase;
  double dt;           // phase increment per frame
  float gain_l, gain_r;
  std::int64_t delay;  // frames until it starts (sample-accurate onsets)
  std::int64_t hold;   // frames at full level after the attack begins
  double attack_step;  // envelope rise per frame
  double release_step;
  double level;
  bool releasing;
  std::uint64_t order;  // start order, for stealing the oldest
};

// The synth voices a pattern triggers. Sample playback arrives with the DSP
// issue; until then, a sound name that is not a synth plays nothing and is
// counted in unknown_sounds().
class Voices final : public Node {
 public:
  static constexpr std::size_t kMaxVoices = 1024;

  explicit Voices(const NodeBuild& b) : pattern_(*b.pattern), rate_(b.sample_rate) { voices_.reserve(kMaxVoices); }

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    trigger(ctx);
    std::fill(out_l, out_l + ctx.frames, 0.0f);
    std::fill(out_r, out_r + ctx.frames, 0.0f);
    for (std::size_t v = 0; v < voices_.size();) {
      if (render(voices_[v], ctx.frames, out_l, out_r)) {
        ++v;
      } else {
        voices_[v] = voices_.back();
        voices_.pop_back();
      }
    }
    const float* gain = p[0].left;
    for (int i = 0; i < ctx.frames; ++i) {
      out_l[i] *= gain[i];
      out_r[i] *= gain[i];
    }
  }

  void take_state(Node& old) override {
    auto& o = static_cast<Voices&>(old);
    voices_.assign(o.voices_.begin(), o.voices_.end());  // within the reserved capacity
    next_order_ = o.next_order_;
  }

 private:
  Pattern pattern_;
  double rate_;
  std::vector<SynthVoice> voices_;
  std::uint64_t next_order_ = 0;

  static double number_or(const ControlMap& m, std::uint16_t id, double fallback) {
    const Atom* a = m.find(id);
    if (!a) return fallback;
    return a->kind == Atom::Kind::Number ? a->number : numeral(Value(*a));
  }

  void trigger(const BlockContext& ctx) {
    static const std::uint16_t kS = *find_control("s"), kN = *find_control("n"), kNote = *find_control("note"),
                               kGain = *find_control("gain"), kVelocity = *find_control("velocity"),
                               kPan = *find_control("pan"), kAttack = *find_control("attack"),
                               kRelease = *find_control("release"), kLegato = *find_control("legato"),
                               kSustain = *find_control("sustain");
    static const std::string* kSynths[] = {intern("sine"), intern("saw"), intern("square"), intern("tri")};
    Events events;
    pattern_.query(State{TimeSpan{ctx.cycle_begin, ctx.cycle_at(ctx.frames)}, nullptr}, events);
    for (const Event& e : events) {
      if (!e.has_onset() || !e.value.controls()) continue;
      const ControlMap& m = *e.value.controls();
      const Atom* s = m.find(kS);
      int wave = -1;
      for (int w = 0; w < 4; ++w) {
        if (s && s->kind == Atom::Kind::Word && s->word == kSynths[w]) wave = w;
      }
      if (wave < 0) continue;  // not a synth: samples come with the DSP issue
      const double note = m.find(kNote) ? number_or(m, kNote, 60) : 60 + number_or(m, kN, 0);
      const double seconds = ((e.whole->end - e.whole->begin) / ctx.cycles_per_frame).to_double() / rate_;
      const double legato = number_or(m, kLegato, 1);
      const double attack = std::max(0.001, number_or(m, kAttack, 0.002));
      const double release = std::max(0.001, number_or(m, kRelease, 0.05));
      const double level = number_or(m, kGain, 1) * number_or(m, kVelocity, 1) * number_or(m, kSustain, 1) * 0.3;
      const double pan = std::min(1.0, std::max(0.0, number_or(m, kPan, 0.5)));
      SynthVoice v{static_cast<Wave>(wave),
                   0.0,
                   std::min(0.5, dsp::midi_to_hz(note) / rate_),
                   static_cast<float>(level * dsp::cos_turns(pan / 4) * 1.4142135623730951),
                   static_cast<float>(level * dsp::sin_turns(pan / 4) * 1.4142135623730951),
                   ctx.frame_of(e.whole->begin),
                   static_cast<std::int64_t>(seconds * legato * rate_),
                   1.0 / (attack * rate_),
                   1.0 / (release * rate_),
                   0.0,
                   false,
                   next_order_++};
      if (voices_.size() < kMaxVoices) {
        voices_.push_back(v);
      } else {  // steal the oldest
        *std::min_element(voices_.begin(), voices_.end(),
                          [](const SynthVoice& a, const SynthVoice& b) { return a.order < b.order; }) = v;
      }
    }
  }

  // Adds one voice to the block; false once it has faded out.
  static bool render(SynthVoice& v, int frames, float* out_l, float* out_r) {
    int i = 0;
    if (v.delay > 0) {
      i = static_cast<int>(std::min<std::int64_t>(v.delay, frames));
      v.delay -= i;
    }
    for (; i < frames; ++i) {
      if (!v.releasing && v.hold-- <= 0) v.releasing = true;
      v.level = v.releasing ? v.level - v.release_step : std::min(1.0, v.level + v.attack_step);
      if (v.level <= 0) return false;
      double y = 0;
      switch (v.wave) {
        case Wave::Sine: y = dsp::sin_turns(v.phase); break;
        case Wave::Saw: y = 2.0 * v.phase - 1.0; break;
        case Wave::Square: y = v.phase < 0.5 ? 1.0 : -1.0; break;
        case Wave::Triangle: y = v.phase < 0.5 ? 4.0 * v.phase - 1.0 : 3.0 - 4.0 * v.phase; break;
      }
      const float s = static_cast<float>(y * v.level);
      out_l[i] += s * v.gain_l;
      out_r[i] += s * v.gain_r;
      v.phase += v.dt;
      if (v.phase >= 1.0) v.phase -= 1.0;
    }
    return true;
  }
};

template <class N>
std::unique_ptr<Node> make(const NodeBuild& b) {
  return std::make_unique<N>(b);
}

}  // namespace

void add_pattern_specs(std::vector<NodeSpec>& specs) {
  specs.push_back({"voices", "plays the events of a pattern of sound parameters (s, note, gain, pan, ...)",
                   {{"gain", 1, 0, 16, "", "level of all voices"}}, true, false, make<Voices>});
  specs.push_back({"pattern_signal", "a pattern of numbers as a control signal (held between events)", {}, true,
                   false, make<PatternSignal>});
}

}  // namespace tala
