// The `voices` node: plays the events of a pattern of sound parameters with
// the built-in synths (sine, saw, square, tri, supersaw) and samples from the
// bank. This file is the control side (events to lanes, polyphony, cut
// groups); voice_kernel.hpp renders the lanes.
#include "engine/voices/voices_node.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <vector>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include "dsp/math.hpp"
#include "dsp/samples.hpp"
#include "dsp/wavetable.hpp"
#include "engine/voices/lane_queues.hpp"
#include "engine/voices/voice_kernel.hpp"
#include "pattern/controls.hpp"
#include "pattern/library.hpp"
#include "util/stable_sort_small.hpp"

namespace tala {

namespace {

using VL = VoiceLanes;
using LoneKernel = VoiceKernel<1>;  // render_lone is scalar whatever the width

// A sound's parameters as read from one event.
struct Controls {
  std::uint16_t s, n, note, gain, velocity, pan, attack, release, legato, sustain, decay, speed, begin, end, cut, up,
      lpf, hpf, resonance, shape, crush;
  static const Controls& get() {
    static const Controls c{*find_control("s"),         *find_control("n"),        *find_control("note"),
                            *find_control("gain"),      *find_control("velocity"), *find_control("pan"),
                            *find_control("attack"),    *find_control("release"),  *find_control("legato"),
                            *find_control("sustain"),   *find_control("decay"),    *find_control("speed"),
                            *find_control("begin"),     *find_control("end"),      *find_control("cut"),
                            *find_control("up"),        *find_control("lpf"),      *find_control("hpf"),
                            *find_control("resonance"), *find_control("shape"),    *find_control("crush")};
    return c;
  }
};

double number_or(const ControlMap& m, std::uint16_t id, double fallback) {
  const Atom* a = m.find(id);
  if (!a) return fallback;
  return a->kind == Atom::Kind::Number ? a->number : numeral(Value(*a));
}

double clamp(double x, double lo, double hi) { return std::min(hi, std::max(lo, x)); }

class Voices final : public Node {
 public:
  // Polyphony: at most `max_voices` sound at once; past that the oldest is
  // stolen with a 5 ms fade (no click), which needs a little room of its own.
  static constexpr std::size_t kFadeRoom = 256;
  static constexpr int kSupersawVoices = 5;

  explicit Voices(const NodeBuild& b)
      : pattern_(*b.pattern),
        rate_(b.sample_rate),
        bank_(b.samples),
        max_voices_(b.max_voices),
        block_events_(b.block_events),
        lanes_(b.max_voices + kFadeRoom),
        queues_(lanes_.capacity()),
        kernel_(voice_kernel(b.scalar_voices)),
        acc_l_(static_cast<std::size_t>(b.block_size) * VL::kBatch),
        acc_r_(acc_l_.size()) {
    events_.reserve(256);
    dsp::wavetables();  // built here, not on the audio thread
  }

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    trigger(ctx);
    if (lanes_.count() == 0) {  // nothing sounding: most blocks of a sparse pattern
      std::fill(out_l, out_l + ctx.frames, 0.0f);
      std::fill(out_r, out_r + ctx.frames, 0.0f);
      return;
    }
    if (lanes_.count() <= LoneKernel::kLoneVoices) {  // a drum hit or a note at a time: no slot sums
      LoneKernel::render_lone(lanes_, ctx.frames, out_l, out_r);
      scale(out_l, p[0].left, ctx.frames);
      scale(out_r, p[0].left, ctx.frames);
    } else {
      const std::size_t used = static_cast<std::size_t>(ctx.frames) * VL::kBatch;
      std::fill(acc_l_.begin(), acc_l_.begin() + static_cast<std::ptrdiff_t>(used), 0.0f);
      std::fill(acc_r_.begin(), acc_r_.begin() + static_cast<std::ptrdiff_t>(used), 0.0f);
      kernel_(lanes_, ctx.frames, acc_l_.data(), acc_r_.data());
      sum_slots(acc_l_.data(), p[0].left, ctx.frames, out_l);
      sum_slots(acc_r_.data(), p[0].left, ctx.frames, out_r);
    }
    const std::int32_t* alive = lanes_.i(VL::Alive);
    for (std::size_t lane = 0; lane < lanes_.count();) {
      if (alive[lane]) {
        ++lane;
      } else {
        remove(lane);
      }
    }
  }

  // The old node's voices carry on here, each in the lane it had (the same
  // sums in the same order: unchanged code sounds the same, bit for bit) and
  // each queue in its order.
  void take_state(Node& old) override {
    auto& o = static_cast<Voices&>(old);
    while (lanes_.count()) lanes_.remove(lanes_.count() - 1);
    const std::size_t n = std::min(o.lanes_.count(), lanes_.capacity());
    for (std::size_t lane = 0; lane < n; ++lane) copy_lane(o.lanes_, lane);
    queues_.clear();
    sounding_ = 0;
    for (const auto q : {LaneQueues::Sounding, LaneQueues::Stolen}) {
      for (auto lane = o.queues_.front(q); lane != LaneQueues::kNone;
           lane = o.queues_.next(static_cast<std::size_t>(lane))) {
        if (static_cast<std::size_t>(lane) >= n) continue;
        queues_.push_back(q, static_cast<std::size_t>(lane));
        sounding_ += q == LaneQueues::Sounding;
      }
    }
  }

  bool may_warn() const override { return true; }
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
  std::size_t max_voices_;
  std::int64_t block_events_;
  VoiceLanes lanes_;
  LaneQueues queues_;  // every lane is on one: Stolen if its book says so, else Sounding
  VoiceKernelFn kernel_;
  std::vector<float> acc_l_, acc_r_;  // frames x 8 lane-slot sums
  Events events_;                     // onsets of the window [cache_begin_, cache_end_), in time order
  Rational cache_begin_, cache_end_;
  bool cached_ = false;
  std::size_t next_event_ = 0;  // the first not yet played
  std::size_t sounding_ = 0;    // voices not being stolen
  const std::string* unknown_ = nullptr;
  bool warned_ = false;
  char warning_[160] = {};

  // Each frame's eight lane-slot sums added up as ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)),
  // the same order on every SIMD width, then scaled by the gain. Natively eight frames at a time:
  // horizontal adds pair the slots in that very order.
  static void sum_slots(const float* acc, const float* gain, int frames, float* out) {
    int n = 0;
#if defined(__AVX2__)
    for (; n + 8 <= frames; n += 8) {
      const float* a = acc + n * VL::kBatch;
      auto row = [&](int j) { return _mm256_loadu_ps(a + j * VL::kBatch); };
      // Per 128-bit half: rows 0-3 hold (a0 + a1) + (a2 + a3) below, (a4 + a5) + (a6 + a7) above.
      const __m256 low = _mm256_hadd_ps(_mm256_hadd_ps(row(0), row(1)), _mm256_hadd_ps(row(2), row(3)));
      const __m256 high = _mm256_hadd_ps(_mm256_hadd_ps(row(4), row(5)), _mm256_hadd_ps(row(6), row(7)));
      const __m256 first = _mm256_permute2f128_ps(low, high, 0x20), second = _mm256_permute2f128_ps(low, high, 0x31);
      _mm256_storeu_ps(out + n, _mm256_mul_ps(_mm256_add_ps(first, second), _mm256_loadu_ps(gain + n)));
    }
#endif
    for (; n < frames; ++n) {
      const float* a = acc + n * VL::kBatch;
      out[n] = (((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]))) * gain[n];
    }
  }

  static void scale(float* out, const float* gain, int frames) {
    for (int n = 0; n < frames; ++n) out[n] *= gain[n];
  }

  void copy_lane(VoiceLanes& from, std::size_t src) {
    const std::size_t dst = lanes_.push();
    for (int k = 0; k < VL::kFloatFields; ++k) lanes_.f(VL::FloatField(k))[dst] = from.f(VL::FloatField(k))[src];
    for (int k = 0; k < VL::kIntFields; ++k) lanes_.i(VL::IntField(k))[dst] = from.i(VL::IntField(k))[src];
    lanes_.lefts()[dst] = from.lefts()[src];
    lanes_.rights()[dst] = from.rights()[src];
    lanes_.book()[dst] = from.book()[src];
  }

  static LaneQueues::Queue queue_of(const VL::Book& b) { return b.stolen ? LaneQueues::Stolen : LaneQueues::Sounding; }

  void remove(std::size_t lane) {
    const VL::Book* book = lanes_.book();
    if (!book[lane].stolen) --sounding_;
    queues_.unlink(queue_of(book[lane]), lane);
    const std::size_t last = lanes_.count() - 1;
    if (lane != last) queues_.moved(queue_of(book[last]), last, lane);
    lanes_.remove(lane);
  }

  // What every new lane shares: onset, envelope, pan, filters and effects.
  struct Common {
    double start, hold_frames, attack, release, sustain, decay, level, pan;
    double low_g, low_k, high_g, high_k, shape_k, crush_steps;
    int cut;
  };

  void trigger(const BlockContext& ctx) {
    const Controls& c = Controls::get();
    static const std::string* kSynths[] = {intern("sine"), intern("saw"), intern("square"), intern("tri")};
    static const std::string* kSupersaw = intern("supersaw");
    const Rational& block_end = ctx.cycle_end;
    refill(ctx.cycle_begin, block_end);
    for (; next_event_ < events_.size() && events_[next_event_].whole->begin < block_end; ++next_event_) {
      const Event& e = events_[next_event_];
      if (e.whole->begin < ctx.cycle_begin) continue;
      const ControlMap& m = *e.value.controls();
      const Atom* s = m.find(c.s);
      if (!s || s->kind != Atom::Kind::Word) continue;
      int wave = -1;
      for (int w = 0; w < 4; ++w) {
        if (s->word == kSynths[w]) wave = w;
      }
      const bool supersaw = s->word == kSupersaw;
      const bool synth = wave >= 0 || supersaw;

      const double seconds = ((e.whole->end - e.whole->begin) / ctx.cycles_per_frame).to_double() / rate_;
      const bool has_legato = m.find(c.legato) != nullptr;
      const double legato = number_or(m, c.legato, 1);
      Common v{};
      v.start = static_cast<double>(ctx.frame_of(e.whole->begin));
      v.level = number_or(m, c.gain, 1) * number_or(m, c.velocity, 1) * (synth ? 0.3 : 1.0);
      v.pan = clamp(number_or(m, c.pan, 0.5), 0, 1);
      // A cut group is a whole number; past int's range (or NaN) it is none.
      const double cut = std::trunc(number_or(m, c.cut, 0));
      v.cut = std::fabs(cut) < 2147483647.0 ? static_cast<int>(cut) : 0;
      // A sample plays to its end, unless legato says how long.
      v.hold_frames = synth || has_legato ? seconds * legato * rate_ : 3e38;
      v.attack = std::max(synth ? 0.001 : 0.0001, number_or(m, c.attack, synth ? 0.002 : 0.0005)) * rate_;
      v.release = std::max(0.001, number_or(m, c.release, synth ? 0.05 : 0.005)) * rate_;
      // Without a decay time the sustain level is not reached: it stays at 1.
      const double decay = std::max(0.0, number_or(m, c.decay, 0));
      v.sustain = decay > 0 ? clamp(number_or(m, c.sustain, 1), 0, 1) : 1.0;
      v.decay = decay > 0 ? (1.0 - v.sustain) / (decay * rate_) : 0.0;
      const double res_k = 2.0 - 1.98 * clamp(number_or(m, c.resonance, 0), 0, 1);
      if (m.find(c.lpf)) {
        v.low_g = dsp::tan_pi(clamp(number_or(m, c.lpf, 20000), 10, 0.49 * rate_) / rate_);
        v.low_k = res_k;
      }
      if (m.find(c.hpf)) {
        v.high_g = dsp::tan_pi(clamp(number_or(m, c.hpf, 10), 10, 0.49 * rate_) / rate_);
        v.high_k = res_k;
      }
      if (m.find(c.shape)) {
        const double a = clamp(number_or(m, c.shape, 0), 0, 0.99);
        v.shape_k = 2 * a / (1 - a);
      }
      if (m.find(c.crush)) {
        const double bits = clamp(number_or(m, c.crush, 16), 1, 16);
        v.crush_steps = dsp::exp2(bits - 1);
      }
      if (v.cut != 0) cut_group(v.cut, v.start);

      if (supersaw) {
        const double note = m.find(c.note) ? number_or(m, c.note, 60) : 60 + number_or(m, c.n, 0);
        const double base = note + number_or(m, c.up, 0);
        Common each = v;
        each.level = v.level / 2.23606797749979;  // sqrt(5): the detuned copies add up in power
        for (int u = 0; u < kSupersawVoices; ++u) {
          const double spread = (u - (kSupersawVoices - 1) / 2.0) / ((kSupersawVoices - 1) / 2.0);  // -1..1
          each.pan = clamp(v.pan + 0.3 * spread, 0, 1);
          // Fixed, unequal start phases: copies that started together would comb.
          add_synth(each, VoiceKind::Saw, base + 0.18 * spread, 0.618033988749895 * u);
        }
      } else if (wave >= 0) {
        const double note = m.find(c.note) ? number_or(m, c.note, 60) : 60 + number_or(m, c.n, 0);
        add_synth(v, static_cast<VoiceKind>(wave), note + number_or(m, c.up, 0), 0);
      } else {
        const SampleBuffer* sample = bank_ ? bank_->find(s->word, number_or(m, c.n, 0)) : nullptr;
        if (!sample) {
          if (!unknown_) unknown_ = s->word;
          continue;
        }
        const double speed =
            number_or(m, c.speed, 1) * dsp::exp2((number_or(m, c.note, 0) + number_or(m, c.up, 0)) / 12.0);
        add_sample(v, *sample, speed, clamp(number_or(m, c.begin, 0), 0, 1), clamp(number_or(m, c.end, 1), 0, 1));
      }
    }
  }

  // Queries a window ahead and keeps the onsets in time order: most blocks
  // hold no onset, and one query per window costs far less than one per
  // block. An event's value does not depend on the span it was queried with
  // (patterns are functions of time), so the onsets are those per-block
  // queries would find.
  void refill(const Rational& begin, const Rational& end) {
    if (cached_ && begin >= cache_begin_ && end <= cache_end_) return;
    static const Rational kWindow(1, 8);  // cycles
    cache_begin_ = begin;
    cache_end_ = std::max(end, begin + kWindow);
    cached_ = false;  // until the query has succeeded
    next_event_ = 0;
    events_.clear();
    QueryBudget budget = QueryBudget::block(block_events_);
    pattern_.query(State{TimeSpan{cache_begin_, cache_end_}, &budget}, events_);
    cached_ = true;
    events_.erase(std::remove_if(events_.begin(), events_.end(),
                                 [](const Event& e) { return !e.has_onset() || !e.value.controls(); }),
                  events_.end());
    stable_sort_small(events_.begin(), events_.end(),
                      [](const Event& a, const Event& b) { return a.whole->begin < b.whole->begin; });
  }

  // A new voice in a cut group ends the group's voices that started before it.
  // It runs for every onset in a group, over up to 4,352 lanes: branch-free
  // over the lane arrays, so that it vectorises.
  void cut_group(int cut, double start) {
    float* hold = lanes_.f(VL::Hold);
    const float* begins = lanes_.f(VL::Start);
    const std::int32_t* cuts = lanes_.i(VL::Cut);
    const std::size_t n = lanes_.count();
    for (std::size_t lane = 0; lane < n; ++lane) {
      // The hold counts from the voice's own start: release at `start`.
      const float until = static_cast<float>(start - begins[lane]);
      hold[lane] = cuts[lane] == cut && begins[lane] <= start ? std::min(hold[lane], until) : hold[lane];
    }
  }

  void add_synth(const Common& v, VoiceKind kind, double note, double phase) {
    const double dt = std::min(0.5, dsp::midi_to_hz(note) / rate_);
    const std::size_t lane = add(v);
    lanes_.i(VL::Kind)[lane] = static_cast<std::int32_t>(kind);
    lanes_.f(VL::Frac)[lane] = static_cast<float>(phase - static_cast<double>(static_cast<long long>(phase)));
    lanes_.f(VL::StepFrac)[lane] = static_cast<float>(dt);
    if (kind != VoiceKind::Sine) {
      const auto shape = kind == VoiceKind::Triangle ? dsp::Wavetables::Triangle : dsp::Wavetables::Saw;
      lanes_.lefts()[lane] = dsp::wavetables().choose(shape, dt).table;  // fixed pitch: no cross-fade
    }
  }

  void add_sample(const Common& v, const SampleBuffer& sample, double speed, double begin, double end) {
    const double frames = static_cast<double>(sample.frames());
    // It plays while low <= index < high, so that index + 1 is a frame too.
    const auto low = static_cast<std::int32_t>(begin * frames);
    const auto high = static_cast<std::int32_t>(std::ceil(end * frames)) - 1;
    if (high <= low || speed == 0 || frames > 2e9) return;
    const double dt = speed * sample.rate / rate_;
    const double step_int = std::floor(dt);
    const std::size_t lane = add(v);
    lanes_.i(VL::Kind)[lane] = static_cast<std::int32_t>(VoiceKind::Sample);
    lanes_.i(VL::Low)[lane] = low;
    lanes_.i(VL::High)[lane] = high;
    lanes_.i(VL::Index)[lane] = speed > 0 ? low : high - 1;
    lanes_.i(VL::StepInt)[lane] = static_cast<std::int32_t>(clamp(step_int, -1e6, 1e6));
    lanes_.f(VL::StepFrac)[lane] = static_cast<float>(dt - step_int);
    lanes_.lefts()[lane] = sample.left.data();
    lanes_.rights()[lane] = sample.mono ? sample.left.data() : sample.right.data();
  }

  // A lane with the shared fields set; steals a voice when the polyphony is used up.
  std::size_t add(const Common& v) {
    if (sounding_ >= max_voices_) steal_oldest();
    if (lanes_.count() == lanes_.capacity()) {
      // Even the fade room is full: the voice that has faded longest goes at
      // once. Some voice is fading: either steal_oldest just stole one, or
      // fewer than max_voices_ sound and the other 256 or more lanes fade.
      remove(static_cast<std::size_t>(queues_.front(LaneQueues::Stolen)));
    }
    const std::size_t lane = lanes_.push();
    auto set = [&](VL::FloatField f, double x) { lanes_.f(f)[lane] = static_cast<float>(x); };
    set(VL::Start, v.start);
    set(VL::Hold, std::min(v.hold_frames, 3e38));
    set(VL::AttackStep, 1.0 / v.attack);
    set(VL::DecayStep, v.decay);
    set(VL::Sustain, v.sustain);
    set(VL::InvRelease, 1.0 / v.release);
    set(VL::GainL, v.level * dsp::cos_turns(v.pan / 4) * 1.4142135623730951);
    set(VL::GainR, v.level * dsp::sin_turns(v.pan / 4) * 1.4142135623730951);
    set(VL::LowG, v.low_g);
    set(VL::LowK, v.low_k);
    set(VL::LowA, 1.0 / (1.0 + v.low_g * (v.low_g + v.low_k)));
    set(VL::HighG, v.high_g);
    set(VL::HighK, v.high_k);
    set(VL::HighA, 1.0 / (1.0 + v.high_g * (v.high_g + v.high_k)));
    set(VL::ShapeK, v.shape_k);
    set(VL::CrushSteps, v.crush_steps);
    lanes_.i(VL::Alive)[lane] = -1;
    lanes_.i(VL::Cut)[lane] = v.cut;
    lanes_.book()[lane] = {false};
    queues_.push_back(LaneQueues::Sounding, lane);
    ++sounding_;
    return lane;
  }

  // The oldest voice still sounding fades out over 5 ms; one that has not
  // started yet has nothing to fade and goes at once.
  void steal_oldest() {
    const auto front = queues_.front(LaneQueues::Sounding);
    if (front == LaneQueues::kNone) return;
    const auto oldest = static_cast<std::size_t>(front);
    if (lanes_.f(VL::Start)[oldest] > 0) {
      remove(oldest);
      return;
    }
    queues_.unlink(LaneQueues::Sounding, oldest);
    lanes_.book()[oldest].stolen = true;
    queues_.push_back(LaneQueues::Stolen, oldest);
    const float* level = lanes_.f(VL::Level);
    lanes_.i(VL::Releasing)[oldest] = -1;
    lanes_.f(VL::ReleaseStep)[oldest] = static_cast<float>(std::max<double>(level[oldest], 1e-9) / (0.005 * rate_));
    --sounding_;
  }
};

}  // namespace

std::unique_ptr<Node> make_voices(const NodeBuild& build) { return std::make_unique<Voices>(build); }

}  // namespace tala
