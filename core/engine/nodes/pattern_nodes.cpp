// Nodes driven by patterns: `voices` plays the events of a pattern of sound
// parameters (s "saw" # note "c3"), `pattern_signal` turns a pattern of
// numbers into a stepped or continuous control signal (~lfo: slow 4 sine).
#include <algorithm>
#include <climits>
#include <cstdio>
#include <vector>

#include "dsp/math.hpp"
#include "dsp/samples.hpp"
#include "dsp/waveform.hpp"
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
    render_pattern_values(pattern_, ctx, out_l, last_, events_);
    std::copy(out_l, out_l + ctx.frames, out_r);
  }
  void take_state(Node& old) override { last_ = static_cast<PatternSignal&>(old).last_; }

 private:
  Pattern pattern_;
  float last_ = 0;
  Events events_;  // reused block to block
};

// The synth shapes share dsp::Waveform's numbering; Sample comes after them.
enum class Wave : std::uint8_t { Sine, Saw, Square, Triangle, Sample };
static_assert(static_cast<int>(Wave::Triangle) == static_cast<int>(dsp::Waveform::Triangle));

struct Voice {
  Wave wave;
  const SampleBuffer* sample;  // Wave::Sample
  double phase;                // synths: 0..1; samples: the read position in frames
  double dt;                   // phase increment per frame (negative: backwards)
  double stop;                 // samples: the position where it ends
  float gain_l, gain_r;
  std::int64_t delay;     // frames until it starts (sample-accurate onsets)
  std::int64_t hold;      // frames at full level after the attack begins
  double attack_step;     // ADSR: rise per frame up to 1,
  double decay_step;      // then fall per frame down to
  double sustain;         // this level, held until the event ends,
  double release_frames;  // then a linear release over this many frames
  double release_step;
  bool peaked;
  double level;
  bool releasing;
  int cut;              // cut group (0: none)
  bool stolen;          // fading out to make room
  std::uint64_t order;  // start order, for stealing the oldest
};

// Plays the events of a pattern of sound parameters: the built-in synths
// (sine, saw, square, tri) and samples from the bank (the built-in kit:
// bd, sn, hh, ...). A sound the bank lacks plays nothing and is reported once.
class Voices final : public Node {
 public:
  // Polyphony: at most `max_voices` sound at once; past that the oldest is
  // stolen with a 5 ms fade (no click), which needs a little room of its own.
  static constexpr std::size_t kFadeRoom = 256;

  explicit Voices(const NodeBuild& b)
      : pattern_(*b.pattern), rate_(b.sample_rate), bank_(b.samples), max_voices_(b.max_voices) {
    voices_.reserve(max_voices_ + kFadeRoom);
    events_.reserve(256);
  }

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    trigger(ctx);
    std::fill(out_l, out_l + ctx.frames, 0.0f);
    std::fill(out_r, out_r + ctx.frames, 0.0f);
    for (std::size_t v = 0; v < voices_.size();) {
      if (render(voices_[v], ctx.frames, out_l, out_r)) {
        ++v;
      } else {
        if (!voices_[v].stolen) --sounding_;
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
    const std::size_t n = std::min(o.voices_.size(), voices_.capacity());
    voices_.assign(o.voices_.begin(), o.voices_.begin() + static_cast<std::ptrdiff_t>(n));  // no allocation
    next_order_ = o.next_order_;
    sounding_ = 0;
    for (const Voice& v : voices_) sounding_ += !v.stolen;
  }

  const char* take_warning() override {
    if (!unknown_ || warned_) return nullptr;
    warned_ = true;
    std::snprintf(warning_, sizeof warning_, "unknown sound '%s' (it plays silence)", unknown_->c_str());
    return warning_;
  }

 private:
  Pattern pattern_;
  double rate_;
  const SampleBank* bank_;
  std::vector<Voice> voices_;
  Events events_;
  std::uint64_t next_order_ = 0;
  std::size_t max_voices_;
  std::size_t sounding_ = 0;  // voices not being stolen
  const std::string* unknown_ = nullptr;
  bool warned_ = false;
  char warning_[160] = {};

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
                               kSustain = *find_control("sustain"), kDecay = *find_control("decay"),
                               kSpeed = *find_control("speed"), kBegin = *find_control("begin"),
                               kEnd = *find_control("end"), kCut = *find_control("cut"), kUp = *find_control("up");
    static const std::string* kSynths[] = {intern("sine"), intern("saw"), intern("square"), intern("tri")};
    events_.clear();
    pattern_.query(State{TimeSpan{ctx.cycle_begin, ctx.cycle_at(ctx.frames)}, nullptr}, events_);
    for (const Event& e : events_) {
      if (!e.has_onset() || !e.value.controls()) continue;
      const ControlMap& m = *e.value.controls();
      const Atom* s = m.find(kS);
      if (!s || s->kind != Atom::Kind::Word) continue;
      int wave = -1;
      for (int w = 0; w < 4; ++w) {
        if (s->word == kSynths[w]) wave = w;
      }
      const double seconds = ((e.whole->end - e.whole->begin) / ctx.cycles_per_frame).to_double() / rate_;
      const bool has_legato = m.find(kLegato) != nullptr;
      const double legato = number_or(m, kLegato, 1);
      const double level = number_or(m, kGain, 1) * number_or(m, kVelocity, 1);
      const double decay = std::max(0.0, number_or(m, kDecay, 0));
      const double pan = std::min(1.0, std::max(0.0, number_or(m, kPan, 0.5)));
      Voice v{};
      v.delay = ctx.frame_of(e.whole->begin);
      v.cut = static_cast<int>(number_or(m, kCut, 0));
      v.order = next_order_++;
      if (wave >= 0) {
        const double note = m.find(kNote) ? number_or(m, kNote, 60) : 60 + number_or(m, kN, 0);
        v.wave = static_cast<Wave>(wave);
        v.dt = std::min(0.5, dsp::midi_to_hz(note + number_or(m, kUp, 0)) / rate_);
        v.hold = static_cast<std::int64_t>(seconds * legato * rate_);
        v.attack_step = 1.0 / (std::max(0.001, number_or(m, kAttack, 0.002)) * rate_);
        v.release_frames = std::max(0.001, number_or(m, kRelease, 0.05)) * rate_;
        const double g = level * 0.3;
        v.gain_l = static_cast<float>(g * dsp::cos_turns(pan / 4) * 1.4142135623730951);
        v.gain_r = static_cast<float>(g * dsp::sin_turns(pan / 4) * 1.4142135623730951);
      } else {
        const SampleBuffer* sample =
            bank_ ? bank_->find(s->word, static_cast<long long>(number_or(m, kN, 0))) : nullptr;
        if (!sample) {
          if (!unknown_) unknown_ = s->word;
          continue;
        }
        const double frames = static_cast<double>(sample->frames());
        const double begin = std::min(1.0, std::max(0.0, number_or(m, kBegin, 0))) * frames;
        const double end = std::min(1.0, std::max(0.0, number_or(m, kEnd, 1))) * frames;
        if (end <= begin) continue;
        const double speed =
            number_or(m, kSpeed, 1) * dsp::exp2((number_or(m, kNote, 0) + number_or(m, kUp, 0)) / 12.0);
        if (speed == 0) continue;
        v.wave = Wave::Sample;
        v.sample = sample;
        v.dt = speed * sample->rate / rate_;
        v.phase = speed > 0 ? begin : end - 1;
        v.stop = speed > 0 ? end - 1 : begin;
        // A sample plays to its end, unless legato says how long.
        v.hold = has_legato ? static_cast<std::int64_t>(seconds * legato * rate_) : INT64_MAX;
        v.attack_step = 1.0 / (std::max(0.0001, number_or(m, kAttack, 0.0005)) * rate_);
        v.release_frames = std::max(0.001, number_or(m, kRelease, 0.005)) * rate_;
        v.gain_l = static_cast<float>(level * dsp::cos_turns(pan / 4) * 1.4142135623730951);
        v.gain_r = static_cast<float>(level * dsp::sin_turns(pan / 4) * 1.4142135623730951);
      }
      // Without a decay time the sustain level is not reached: it stays at 1.
      v.sustain = decay > 0 ? std::min(1.0, std::max(0.0, number_or(m, kSustain, 1))) : 1.0;
      v.decay_step = decay > 0 ? (1.0 - v.sustain) / (decay * rate_) : 0.0;
      if (v.cut != 0) {
        for (Voice& other : voices_) {
          if (other.cut == v.cut && other.delay <= v.delay) other.hold = std::min<std::int64_t>(other.hold, v.delay);
        }
      }
      add(v);
    }
  }

  void add(const Voice& v) {
    if (sounding_ >= max_voices_) {
      // Steal the oldest voice still sounding: it fades out over 5 ms.
      Voice* oldest = nullptr;
      for (Voice& o : voices_) {
        if (!o.stolen && (!oldest || o.order < oldest->order)) oldest = &o;
      }
      if (oldest) {
        oldest->stolen = true;
        oldest->releasing = true;
        oldest->release_step = std::max(oldest->level, 1e-9) / (0.005 * rate_);
        if (oldest->delay > 0) oldest->level = 0;  // not started yet: nothing to fade
        --sounding_;
      }
    }
    if (voices_.size() == voices_.capacity()) {
      // Even the fade room is full: the quietest stolen voice goes at once.
      auto quietest = std::min_element(voices_.begin(), voices_.end(), [](const Voice& a, const Voice& b) {
        return a.stolen != b.stolen ? a.stolen : a.level < b.level;
      });
      if (!quietest->stolen) --sounding_;
      *quietest = voices_.back();
      voices_.pop_back();
    }
    voices_.push_back(v);
    ++sounding_;
  }

  // Adds one voice to the block; false once it has ended.
  static bool render(Voice& v, int frames, float* out_l, float* out_r) {
    int i = 0;
    if (v.delay > 0) {
      i = static_cast<int>(std::min<std::int64_t>(v.delay, frames));
      v.delay -= i;
    }
    for (; i < frames; ++i) {
      if (!v.releasing && v.hold-- <= 0) {
        v.releasing = true;
        v.release_step = std::max(v.level, 1e-9) / v.release_frames;  // from wherever it is, in `release`
      }
      if (v.releasing) {
        v.level -= v.release_step;
      } else if (!v.peaked) {
        v.level += v.attack_step;
        if (v.level >= 1.0) v.level = 1.0, v.peaked = true;
      } else {
        v.level = std::max(v.sustain, v.level - v.decay_step);
      }
      if (v.level <= 0) return false;
      if (v.wave == Wave::Sample) {
        if (v.dt > 0 ? v.phase >= v.stop : v.phase <= v.stop) return false;
        const auto k = static_cast<std::size_t>(v.phase);
        const std::size_t k1 = std::min(k + 1, v.sample->frames() - 1);
        const float frac = static_cast<float>(v.phase - static_cast<double>(k));
        const float* l = v.sample->left.data();
        const float* r = v.sample->right.data();
        const float a = static_cast<float>(v.level);
        out_l[i] += a * v.gain_l * (l[k] + frac * (l[k1] - l[k]));
        out_r[i] += a * v.gain_r * (r[k] + frac * (r[k1] - r[k]));
        v.phase += v.dt;
        continue;
      }
      const double y = dsp::waveform(static_cast<dsp::Waveform>(v.wave), v.phase, v.dt);
      const float s = static_cast<float>(y * v.level);
      out_l[i] += s * v.gain_l;
      out_r[i] += s * v.gain_r;
      v.phase += v.dt;
      if (v.phase >= 1.0) v.phase -= 1.0;
    }
    return true;
  }
};

}  // namespace

void add_pattern_specs(std::vector<NodeSpec>& specs) {
  specs.push_back(
      {"voices",
       "plays the events of a pattern of sound parameters (s, n, note, gain, pan, speed, ...): synths and samples",
       {{"gain", 1, 0, 16, "", "level of all voices"}},
       true,
       false,
       make_node<Voices>});
  specs.push_back({"pattern_signal",
                   "a pattern of numbers as a control signal (held between events)",
                   {},
                   true,
                   false,
                   make_node<PatternSignal>});
}

}  // namespace tala
