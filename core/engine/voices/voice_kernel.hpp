// The voice engine's hot loop, written once against dsp::Lanes<W>: envelope,
// sample interpolation or synth shape, per-voice filters, shape, crush and
// equal-power panning for W voices at a time. It is instantiated for W = 8
// (AVX2), 4 (SIMD128) and 1 (scalar, voice by voice in render_lane); every
// lane does the same single-precision operations in the same order, so all
// three give identical samples.
//
// Output goes to `acc_l`/`acc_r`: frames x 8 sums, one per lane slot of a
// batch, which the caller adds up in a fixed order. Summing each slot across
// batches first keeps the result independent of W.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>

#include "dsp/math.hpp"
#include "dsp/waveform_lanes.hpp"
#include "dsp/wavetable.hpp"
#include "engine/voices/voice_lanes.hpp"

namespace tala {

template <int W>
struct VoiceKernel {
  using L = dsp::Lanes<W>;
  using F = typename L::F;
  using I = typename L::I;
  using Wave = dsp::WaveLanes<W>;
  using VL = VoiceLanes;

  static void render(VoiceLanes& v, int frames, float* acc_l, float* acc_r) {
    const std::size_t lanes = (v.count() + VL::kBatch - 1) / VL::kBatch * VL::kBatch;
    const std::int32_t* alive = v.i(VL::Alive);
    for (std::size_t batch = 0; batch < lanes; batch += VL::kBatch) {
      int live = 0;
      for (int k = 0; k < VL::kBatch; ++k) live += alive[batch + k] != 0;
      if (W == 1 || live <= kLoneVoices) {
        for (int k = 0; k < VL::kBatch; ++k) {
          if (alive[batch + k]) render_lane<VL::kBatch>(v, batch + k, frames, acc_l + k, acc_r + k);
        }
        continue;
      }
      if constexpr (W > 1) {
        for (std::size_t lane = batch; lane < batch + VL::kBatch; lane += W) {
          const std::size_t slot = lane % VL::kBatch;
          render_group(v, lane, frames, acc_l + slot, acc_r + slot);
        }
      }
    }
  }

  // A batch with this many live voices or fewer is rendered voice by voice
  // (the scalar kernel renders every voice so): a batch costs the same
  // whatever its occupancy (every path of every lane computed and selected),
  // a lone voice costs its own path only. Two is where they break even.
  static constexpr int kLoneVoices = 2;

  // A node with at most kLoneVoices voices, all in the first batch: each adds its frames straight
  // to `out_l`/`out_r` (zeroed here), with no lane-slot sums to clear and add up. The slot sums of
  // one or two voices are their plain sum (every other slot holds +0, which only turns a -0 into
  // +0, as starting from 0 here does), so this gives the bits `render` and the slot sums give.
  static void render_lone(VoiceLanes& v, int frames, float* out_l, float* out_r) {
    std::fill(out_l, out_l + frames, 0.0f);
    std::fill(out_r, out_r + frames, 0.0f);
    const std::int32_t* alive = v.i(VL::Alive);
    for (std::size_t l = 0; l < v.count(); ++l) {
      if (alive[l]) render_lane<1>(v, l, frames, out_l, out_r);
    }
  }

  // One voice in plain scalar code: branches where the lanes select, and the
  // same single-precision operations in the same order, so the same samples
  // as the voice's lane in render_group (tests/engine/voice_kernel_test.cpp).
  // Frame n goes to acc_l[n * Stride] and acc_r[n * Stride].
  template <int Stride>
  static void render_lane(VoiceLanes& v, std::size_t l, int frames, float* acc_l, float* acc_r) {
    if (render_steady_sample<Stride>(v, l, frames, acc_l, acc_r)) return;
    float level = v.f(VL::Level)[l], hold = v.f(VL::Hold)[l], start = v.f(VL::Start)[l];
    float release_step = v.f(VL::ReleaseStep)[l], frac = v.f(VL::Frac)[l];
    const float attack_step = v.f(VL::AttackStep)[l], decay_step = v.f(VL::DecayStep)[l];
    const float sustain = v.f(VL::Sustain)[l], inv_release = v.f(VL::InvRelease)[l];
    const float gain_l = v.f(VL::GainL)[l], gain_r = v.f(VL::GainR)[l], step_frac = v.f(VL::StepFrac)[l];
    bool alive = v.i(VL::Alive)[l] != 0, releasing = v.i(VL::Releasing)[l] != 0, peaked = v.i(VL::Peaked)[l] != 0;
    std::int32_t index = v.i(VL::Index)[l];
    const std::int32_t step_int = v.i(VL::StepInt)[l], low = v.i(VL::Low)[l], high = v.i(VL::High)[l];
    const auto kind = static_cast<VoiceKind>(v.i(VL::Kind)[l]);
    const bool is_sample = kind == VoiceKind::Sample;
    const float low_g = v.f(VL::LowG)[l], high_g = v.f(VL::HighG)[l];
    const auto low_pass = svf_step(low_g, v.f(VL::LowK)[l], v.f(VL::LowA)[l], false);
    const auto high_pass = svf_step(high_g, v.f(VL::HighK)[l], v.f(VL::HighA)[l], true);
    const auto low_zero = zero_products(low_pass), high_zero = zero_products(high_pass);
    // The filters' memories, unflushed until the block ends (svf_unflushed).
    float low_s1l = v.f(VL::LowS1L)[l], low_s2l = v.f(VL::LowS2L)[l];
    float low_s1r = v.f(VL::LowS1R)[l], low_s2r = v.f(VL::LowS2R)[l];
    float high_s1l = v.f(VL::HighS1L)[l], high_s2l = v.f(VL::HighS2L)[l];
    float high_s1r = v.f(VL::HighS1R)[l], high_s2r = v.f(VL::HighS2R)[l];
    const float shape_k = v.f(VL::ShapeK)[l], crush_steps = v.f(VL::CrushSteps)[l];
    const float* const left_data = v.lefts()[l];
    const float* const right_data = v.rights()[l];
    const bool stereo = left_data != right_data;
    // A synth or a mono sample feeds both channels' filters the same frames; while their memories
    // hold the same bits too, the right channel is the left one, computed once.
    const bool mono = !(is_sample && stereo) && same_bits(low_s1l, low_s1r) && same_bits(low_s2l, low_s2r) &&
                      same_bits(high_s1l, high_s1r) && same_bits(high_s2l, high_s2r);

    for (int n = 0; n < frames; ++n) {
      const bool active = alive && static_cast<float>(n) >= start;
      if (active) {
        if (!releasing && hold <= 0.0f) {
          release_step = scalar_max(level, 1e-9f) * inv_release;
          releasing = true;
        }
        hold = hold - 1.0f;
        if (releasing) {
          level = level - release_step;
        } else if (peaked) {
          level = scalar_max(sustain, level - decay_step);
        } else {
          level = scalar_min(level + attack_step, 1.0f);
        }
        peaked |= level >= 1.0f;
        alive = !(level <= 0.0f);
      }

      float left, right;
      if (is_sample) {
        if (active && (index < low || index >= high)) alive = false;
        const std::int32_t k = std::min(std::max(index, low), high - 1);
        left = left_data[k] + frac * (left_data[k + 1] - left_data[k]);
        right = stereo ? right_data[k] + frac * (right_data[k + 1] - right_data[k]) : left;
      } else {
        float y;
        if (kind == VoiceKind::Sine) {
          y = Wave1::sine(typename Wave1::F{frac})[0];
        } else {
          const float table = read_table(left_data, frac);
          y = table;
          if (kind == VoiceKind::Square) {
            float half = frac - 0.5f;
            half = half + (half < 0.0f ? 1.0f : 0.0f);
            y = read_table(left_data, half) - table;
          }
        }
        left = right = y;
      }
      if (active) {
        const float moved = frac + step_frac;
        const bool carry = moved >= 1.0f;
        frac = moved - (carry ? 1.0f : 0.0f);
        if (is_sample) index += step_int + (carry ? 1 : 0);
      }

      if (low_g != 0.0f) {
        left = svf_unflushed(low_pass, low_zero, left, low_s1l, low_s2l);
        if (!mono) right = svf_unflushed(low_pass, low_zero, right, low_s1r, low_s2r);
      }
      if (high_g != 0.0f) {
        left = svf_unflushed(high_pass, high_zero, left, high_s1l, high_s2l);
        if (!mono) right = svf_unflushed(high_pass, high_zero, right, high_s1r, high_s2r);
      }
      if (shape_k != 0.0f) {
        left = (1.0f + shape_k) * left / (1.0f + shape_k * std::fabs(left));
        if (!mono) right = (1.0f + shape_k) * right / (1.0f + shape_k * std::fabs(right));
      }
      if (crush_steps != 0.0f) {
        left = round_one(left * crush_steps) / crush_steps;
        if (!mono) right = round_one(right * crush_steps) / crush_steps;
      }
      if (mono) right = left;
      const float amp = active && alive ? level : 0.0f;
      acc_l[n * Stride] += amp * gain_l * left;
      acc_r[n * Stride] += amp * gain_r * right;
    }

    v.f(VL::Start)[l] = scalar_max(start - static_cast<float>(frames), 0.0f);
    v.f(VL::Level)[l] = level, v.f(VL::Hold)[l] = hold, v.f(VL::ReleaseStep)[l] = release_step;
    v.f(VL::Frac)[l] = frac;
    for (float* s : {&low_s1l, &low_s2l, &low_s1r, &low_s2r, &high_s1l, &high_s2l, &high_s1r, &high_s2r})
      *s = flush(*s);
    if (mono) low_s1r = low_s1l, low_s2r = low_s2l, high_s1r = high_s1l, high_s2r = high_s2l;
    v.i(VL::Alive)[l] = alive ? -1 : 0, v.i(VL::Releasing)[l] = releasing ? -1 : 0;
    v.i(VL::Peaked)[l] = peaked ? -1 : 0, v.i(VL::Index)[l] = index;
    v.f(VL::LowS1L)[l] = low_s1l, v.f(VL::LowS2L)[l] = low_s2l, v.f(VL::LowS1R)[l] = low_s1r;
    v.f(VL::LowS2R)[l] = low_s2r;
    v.f(VL::HighS1L)[l] = high_s1l, v.f(VL::HighS2L)[l] = high_s2l, v.f(VL::HighS1R)[l] = high_s1r;
    v.f(VL::HighS2R)[l] = high_s2r;
  }

 private:
  using Wave1 = dsp::WaveLanes<1>;

  // A sample voice that sounds through the whole block at a steady level, reads whole frames apart
  // (a speed of 1, most drum hits, or another whole number) and has no filter, shape or crush: what
  // render_lane would compute, frame by frame, is then one level, one fraction and a position that
  // moves by the same step, and the frames no longer wait on each other. Takes the block (and
  // returns true) only when each of those holds for every frame of it; the same operations on each
  // frame as render_lane and the lanes (tests/engine/voice_kernel_test.cpp).
  static bool steady_sample(VoiceLanes& v, std::size_t l, int frames) {
    const float level = v.f(VL::Level)[l], hold = v.f(VL::Hold)[l], frac = v.f(VL::Frac)[l];
    const std::int32_t index = v.i(VL::Index)[l], step = v.i(VL::StepInt)[l];
    const std::int32_t low = v.i(VL::Low)[l], high = v.i(VL::High)[l];
    // A fraction of -0 would read as -0 once and then as +0 (after + 0): not steady.
    if (static_cast<VoiceKind>(v.i(VL::Kind)[l]) != VoiceKind::Sample || !v.i(VL::Alive)[l] ||
        !(v.f(VL::Start)[l] <= 0.0f) || v.f(VL::StepFrac)[l] != 0.0f || std::signbit(frac) || !(frac < 1.0f)) {
      return false;
    }
    if (v.f(VL::LowG)[l] != 0.0f || v.f(VL::HighG)[l] != 0.0f || v.f(VL::ShapeK)[l] != 0.0f ||
        v.f(VL::CrushSteps)[l] != 0.0f) {
      return false;
    }
    // The envelope holds: at its peak, not releasing, the decay already at the sustain level, and
    // the hold not over before the block ends. The hold counts down by one a frame; below 2^24 that
    // is exact, so it drops by `frames` at once; from 2^25 on, one less rounds back to itself.
    const bool hold_exact = hold < 16777216.0f, hold_stuck = hold >= 33554432.0f;
    if (v.i(VL::Releasing)[l] || !v.i(VL::Peaked)[l] || !(level > 0.0f) ||
        scalar_max(v.f(VL::Sustain)[l], level - v.f(VL::DecayStep)[l]) != level ||
        !(hold > static_cast<float>(frames)) || !(hold_exact || hold_stuck)) {
      return false;
    }
    // Every frame read lies in [low, high): positions move by `step`, so the first and last tell.
    const std::int64_t last = static_cast<std::int64_t>(index) + static_cast<std::int64_t>(step) * (frames - 1);
    return std::min<std::int64_t>(index, last) >= low && std::max<std::int64_t>(index, last) < high;
  }

  // What a steady voice's block leaves: its position `frames` steps on, its hold counted down
  // where that is exact, and the flags as render_lane and the lanes store them.
  static void finish_steady(VoiceLanes& v, std::size_t l, int frames) {
    const std::int64_t end = std::int64_t{v.i(VL::Index)[l]} + std::int64_t{v.i(VL::StepInt)[l]} * frames;
    v.i(VL::Index)[l] = static_cast<std::int32_t>(end);
    v.i(VL::Alive)[l] = -1, v.i(VL::Peaked)[l] = -1;
    const float hold = v.f(VL::Hold)[l];
    if (hold < 16777216.0f) v.f(VL::Hold)[l] = hold - static_cast<float>(frames);
    v.f(VL::Start)[l] = 0.0f;
  }

  template <int Stride>
  static bool render_steady_sample(VoiceLanes& v, std::size_t l, int frames, float* acc_l, float* acc_r) {
    if (!steady_sample(v, l, frames)) return false;
    const float level = v.f(VL::Level)[l], frac = v.f(VL::Frac)[l];
    const std::int32_t index = v.i(VL::Index)[l], step = v.i(VL::StepInt)[l];
    const float* const left_data = v.lefts()[l];
    const float* const right_data = v.rights()[l];
    const float gain_l = level * v.f(VL::GainL)[l], gain_r = level * v.f(VL::GainR)[l];  // amp gain, as render_lane
    for (int n = 0; n < frames; ++n) {
      const std::int32_t k = index + n * step;
      const float left = left_data[k] + frac * (left_data[k + 1] - left_data[k]);
      const float right = left_data == right_data ? left : right_data[k] + frac * (right_data[k + 1] - right_data[k]);
      acc_l[n * Stride] += gain_l * left;
      acc_r[n * Stride] += gain_r * right;
    }
    finish_steady(v, l, frames);
    return true;
  }

  // The lanes' min and max (a < b ? a : b, a > b ? a : b) and rounding, on one float.
  static float scalar_min(float a, float b) { return a < b ? a : b; }
  static float scalar_max(float a, float b) { return a > b ? a : b; }
  static bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }
  static float round_one(float a) { return static_cast<float>(static_cast<std::int32_t>(a + (a < 0 ? -0.5f : 0.5f))); }
  // wasm has no flush-to-zero: tiny filter memory is zeroed by hand.
  static float flush(float x) { return dsp::flush(x); }
  static F flush(F x) { return L::select(L::abs(x) < 1e-30f, L::splat(0), x); }

  // One step of a state-variable filter (TPT form: hp = (x - (g + k) s1 - s2) a,
  // bp = g hp + s1, lp = g bp + s2, s1' = g hp + bp, s2' = g bp + lp) is linear
  // in x, s1 and s2. Its coefficients, worked out once per block, leave a
  // frame one product and two sums per new state, where the recurrence
  // chained ten operations (about 40 cycles a frame for a lone voice).
  template <class T>
  struct SvfStep {
    T y0, y1, y2;  // output (low- or high-pass) = y0 x + y1 s1 + y2 s2
    T p0, p1, p2;  // s1' = p0 x + p1 s1 + p2 s2
    T q0, q1, q2;  // s2' = q0 x + q1 s1 + q2 s2
  };
  template <class T>
  static SvfStep<T> svf_step(T g, T k, T a, bool high) {
    const T h0 = a, h1 = -(a * (g + k)), h2 = -a;          // hp
    const T b0 = g * h0, b1 = g * h1 + 1.0f, b2 = g * h2;  // bp
    const T l0 = g * b0, l1 = g * b1, l2 = g * b2 + 1.0f;  // lp
    SvfStep<T> c;
    c.y0 = high ? h0 : l0, c.y1 = high ? h1 : l1, c.y2 = high ? h2 : l2;
    c.p0 = g * h0 + b0, c.p1 = g * h1 + b1, c.p2 = g * h2 + b2;
    c.q0 = g * b0 + l0, c.q1 = g * b1 + l1, c.q2 = g * b2 + l2;
    return c;
  }
  // Always inlined: as a call, g++ kept s1 and s2 in memory, a store and a load on the chain.
  template <class T>
  [[gnu::always_inline]] static T svf(const SvfStep<T>& c, T x, T& s1, T& s2) {
    const T y = c.y0 * x + c.y1 * s1 + c.y2 * s2;
    const T n1 = c.p0 * x + c.p1 * s1 + c.p2 * s2;
    const T n2 = c.q0 * x + c.q1 * s1 + c.q2 * s2;
    s1 = flush(n1);
    s2 = flush(n2);
    return y;
  }
  // svf for one voice's channel with its memory kept as the sums before the flush (n1, n2 for s1,
  // s2): each product with a memory is c * flush(n), which is the product c * 0 (kept in `zero`)
  // where n is tiny, else c * n. The same floats as svf, but the next frame's products start while
  // the flush's compare runs: a shorter chain from one frame to the next.
  struct SvfZero {
    float y1, y2, p1, p2, q1, q2;
  };
  static SvfZero zero_products(const SvfStep<float>& c) {
    return {c.y1 * 0.0f, c.y2 * 0.0f, c.p1 * 0.0f, c.p2 * 0.0f, c.q1 * 0.0f, c.q2 * 0.0f};
  }
  [[gnu::always_inline]] static float svf_unflushed(const SvfStep<float>& c, const SvfZero& zero, float x, float& n1,
                                                    float& n2) {
    const bool tiny1 = std::fabs(n1) < 1e-30f, tiny2 = std::fabs(n2) < 1e-30f;  // flush's test
    const float y1 = tiny1 ? zero.y1 : c.y1 * n1, y2 = tiny2 ? zero.y2 : c.y2 * n2;
    const float p1 = tiny1 ? zero.p1 : c.p1 * n1, p2 = tiny2 ? zero.p2 : c.p2 * n2;
    const float q1 = tiny1 ? zero.q1 : c.q1 * n1, q2 = tiny2 ? zero.q2 : c.q2 * n2;
    const float y = c.y0 * x + y1 + y2;
    n1 = c.p0 * x + p1 + p2;
    n2 = c.q0 * x + q1 + q2;
    return y;
  }

  static float read_table(const float* table, float phase) {
    const float x = phase * static_cast<float>(dsp::Wavetables::kSize);
    const auto k = static_cast<std::int32_t>(x);
    const float f = x - static_cast<float>(k);
    return table[k] + f * (table[k + 1] - table[k]);
  }

  // Linear interpolation in each lane's wavetable at phase 0..1. Lanes that
  // are not reading a table (`tabled` false) read frames 0 and 1 of whatever
  // they point at, which always exist, and their result is discarded.
  static F read_table(const float* const* tables, F phase, I tabled, int used) {
    const F x = phase * static_cast<float>(dsp::Wavetables::kSize);
    const I k = L::truncate(x) & tabled;
    const F f = x - L::to_float(k);
    F a, b;
    L::gather_pair(tables, k, a, b, used);
    return a + f * (b - a);
  }

  struct Present {
    bool any = false, sample = false, stereo = false, synth = false, shape = false, crush = false, low = false,
         high = false;
    bool wave[4] = {false, false, false, false};
    // Lanes from here on hold no live voice: they play nothing, and their
    // filters' memory goes with them, so their reads can be skipped.
    int used = 0;
  };

  static Present present(VoiceLanes& v, std::size_t lane) {
    Present p;
    for (int w = 0; w < W; ++w) {
      const std::size_t l = lane + w;
      if (!v.i(VL::Alive)[l]) continue;
      p.any = true;
      p.used = w + 1;
      const auto kind = static_cast<VoiceKind>(v.i(VL::Kind)[l]);
      if (kind == VoiceKind::Sample) {
        p.sample = true;
        p.stereo |= v.lefts()[l] != v.rights()[l];
      } else {
        p.synth = true;
        p.wave[static_cast<int>(kind)] = true;
      }
      p.shape |= v.f(VL::ShapeK)[l] != 0;
      p.crush |= v.f(VL::CrushSteps)[l] != 0;
      p.low |= v.f(VL::LowG)[l] != 0;
      p.high |= v.f(VL::HighG)[l] != 0;
    }
    return p;
  }

  // A group of lanes whose live voices are all steady (steady_sample): per frame, each lane reads
  // its sample a whole step on, at one level, with no envelope or position chain; the same floats
  // as render_group. Lanes without a live voice add 0 x their reads, as render_group does, and
  // count their start down as it does.
  static bool render_steady_group(VoiceLanes& v, std::size_t lane, int frames, const Present& has, float* acc_l,
                                  float* acc_r) {
    if (has.synth || has.low || has.high || has.shape || has.crush) return false;
    for (int w = 0; w < W; ++w) {
      if (v.i(VL::Alive)[lane + w] && !steady_sample(v, lane + w, frames)) return false;
    }
    auto lf = [&](VL::FloatField f) { return L::load(v.f(f) + lane); };
    auto li = [&](VL::IntField f) { return L::load(v.i(f) + lane); };
    const I alive = li(VL::Alive);
    const F level = L::select(alive, lf(VL::Level), L::splat(0));
    const F gain_l = level * lf(VL::GainL), gain_r = level * lf(VL::GainR), frac = lf(VL::Frac);
    const I step = li(VL::StepInt) & alive, low = li(VL::Low), high = li(VL::High);  // a silent lane stays put
    I index = li(VL::Index);
    const float* const* lefts = v.lefts() + lane;
    const float* const* rights = v.rights() + lane;
    for (int n = 0; n < frames; ++n) {
      const I k = L::min(L::max(index, low), high - 1);
      F a, a1;
      L::gather_pair(lefts, k, a, a1, has.used);
      const F left = a + frac * (a1 - a);
      F right = left;
      if (has.stereo) {
        F b, b1;
        L::gather_pair(rights, k, b, b1, has.used);
        right = b + frac * (b1 - b);
      }
      float* out_l = acc_l + n * VL::kBatch;
      float* out_r = acc_r + n * VL::kBatch;
      L::store(out_l, L::load(out_l) + gain_l * left);
      L::store(out_r, L::load(out_r) + gain_r * right);
      index += step;
    }
    for (int w = 0; w < W; ++w) {
      float& start = v.f(VL::Start)[lane + w];
      if (v.i(VL::Alive)[lane + w]) {
        finish_steady(v, lane + w, frames);
      } else {
        start = scalar_max(start - static_cast<float>(frames), 0.0f);
      }
    }
    return true;
  }

  static void render_group(VoiceLanes& v, std::size_t lane, int frames, float* acc_l, float* acc_r) {
    const Present has = present(v, lane);
    if (!has.any) return;
    if (render_steady_group(v, lane, frames, has, acc_l, acc_r)) return;
    auto lf = [&](VL::FloatField f) { return L::load(v.f(f) + lane); };
    auto li = [&](VL::IntField f) { return L::load(v.i(f) + lane); };

    F level = lf(VL::Level), hold = lf(VL::Hold), start = lf(VL::Start), release_step = lf(VL::ReleaseStep);
    const F attack_step = lf(VL::AttackStep), decay_step = lf(VL::DecayStep), sustain = lf(VL::Sustain);
    const F inv_release = lf(VL::InvRelease), gain_l = lf(VL::GainL), gain_r = lf(VL::GainR);
    F frac = lf(VL::Frac);
    const F step_frac = lf(VL::StepFrac);
    I alive = li(VL::Alive), releasing = li(VL::Releasing), peaked = li(VL::Peaked), index = li(VL::Index);
    const I kind = li(VL::Kind), step_int = li(VL::StepInt), low = li(VL::Low), high = li(VL::High);
    const I is_sample = kind == static_cast<std::int32_t>(VoiceKind::Sample);
    const F low_g = lf(VL::LowG), high_g = lf(VL::HighG);
    const auto low_pass = svf_step(low_g, lf(VL::LowK), lf(VL::LowA), false);
    const auto high_pass = svf_step(high_g, lf(VL::HighK), lf(VL::HighA), true);
    F low_s1l = lf(VL::LowS1L), low_s2l = lf(VL::LowS2L), low_s1r = lf(VL::LowS1R), low_s2r = lf(VL::LowS2R);
    F high_s1l = lf(VL::HighS1L), high_s2l = lf(VL::HighS2L), high_s1r = lf(VL::HighS1R), high_s2r = lf(VL::HighS2R);
    const F shape_k = lf(VL::ShapeK), crush_steps = lf(VL::CrushSteps);
    const I low_on = low_g != 0.0f, high_on = high_g != 0.0f, crush_on = crush_steps != 0.0f;
    const float* const* lefts = v.lefts() + lane;
    const float* const* rights = v.rights() + lane;

    for (int n = 0; n < frames; ++n) {
      // Envelope: attack to 1, decay to the sustain level, release once the
      // hold time is over (from wherever the level is), end at 0.
      const I active = alive & (static_cast<float>(n) >= start);
      const I release_now = active & ~releasing & (hold <= 0.0f);
      release_step = L::select(release_now, L::max(level, L::splat(1e-9f)) * inv_release, release_step);
      releasing |= release_now;
      hold = L::select(active, hold - 1.0f, hold);
      const F up = L::min(level + attack_step, L::splat(1));
      const F down = L::max(sustain, level - decay_step);
      const F next = L::select(releasing, level - release_step, L::select(peaked, down, up));
      level = L::select(active, next, level);
      peaked |= active & (level >= 1.0f);
      alive &= ~(active & (level <= 0.0f));

      F left = L::splat(0), right = L::splat(0);
      if (has.sample) {
        alive &= ~(active & is_sample & ((index < low) | (index >= high)));
        // Linear interpolation between frames k and k + 1 of each lane's own sample.
        const I k = L::min(L::max(index, low), high - 1);
        F a, a1;
        L::gather_pair(lefts, k, a, a1, has.used);
        left = a + frac * (a1 - a);
        if (has.stereo) {
          F b, b1;
          L::gather_pair(rights, k, b, b1, has.used);
          right = b + frac * (b1 - b);
        } else {
          right = left;
        }
      }
      if (has.synth) {
        F y = L::splat(0);
        if (has.wave[0]) y = L::select(kind == 0, Wave::sine(frac), y);
        if (has.wave[1] || has.wave[2] || has.wave[3]) {
          // Saw and triangle lanes read their band-limited table (in `lefts`);
          // a square is the difference of the saw half a cycle apart.
          const I tabled = (kind == 1) | (kind == 2) | (kind == 3);
          const F table = read_table(lefts, frac, tabled, has.used);
          y = L::select((kind == 1) | (kind == 3), table, y);
          if (has.wave[2]) {
            F half = frac - 0.5f;
            half = half + L::ones(half < 0.0f);
            y = L::select(kind == 2, read_table(lefts, half, tabled, has.used) - table, y);
          }
        }
        left = L::select(is_sample, left, y);
        right = L::select(is_sample, right, y);
      }
      // Advance: the fraction (or phase) carries into the whole part.
      const F moved = frac + step_frac;
      const I carry = moved >= 1.0f;
      frac = L::select(active, moved - L::ones(carry), frac);
      index += active & is_sample & (step_int + (carry & 1));

      if (has.low) {
        left = L::select(low_on, svf(low_pass, left, low_s1l, low_s2l), left);
        right = L::select(low_on, svf(low_pass, right, low_s1r, low_s2r), right);
      }
      if (has.high) {
        left = L::select(high_on, svf(high_pass, left, high_s1l, high_s2l), left);
        right = L::select(high_on, svf(high_pass, right, high_s1r, high_s2r), right);
      }
      if (has.shape) {  // SuperDirt's (1 + k) x / (1 + k |x|); k = 0 leaves x as it is
        left = (1.0f + shape_k) * left / (1.0f + shape_k * L::abs(left));
        right = (1.0f + shape_k) * right / (1.0f + shape_k * L::abs(right));
      }
      if (has.crush) {
        const F steps = L::select(crush_on, crush_steps, L::splat(1));
        left = L::select(crush_on, L::round(left * steps) / steps, left);
        right = L::select(crush_on, L::round(right * steps) / steps, right);
      }
      const F amp = L::select(active & alive, level, L::splat(0));
      float* out_l = acc_l + n * VL::kBatch;
      float* out_r = acc_r + n * VL::kBatch;
      L::store(out_l, L::load(out_l) + amp * gain_l * left);
      L::store(out_r, L::load(out_r) + amp * gain_r * right);
    }

    start = L::max(start - static_cast<float>(frames), L::splat(0));
    auto sf = [&](VL::FloatField f, F x) { L::store(v.f(f) + lane, x); };
    auto si = [&](VL::IntField f, I x) { L::store(v.i(f) + lane, x); };
    sf(VL::Level, level), sf(VL::Hold, hold), sf(VL::Start, start), sf(VL::ReleaseStep, release_step);
    sf(VL::Frac, frac);
    si(VL::Alive, alive), si(VL::Releasing, releasing), si(VL::Peaked, peaked), si(VL::Index, index);
    sf(VL::LowS1L, low_s1l), sf(VL::LowS2L, low_s2l), sf(VL::LowS1R, low_s1r), sf(VL::LowS2R, low_s2r);
    sf(VL::HighS1L, high_s1l), sf(VL::HighS2L, high_s2l), sf(VL::HighS1R, high_s1r), sf(VL::HighS2R, high_s2r);
  }
};

// The kernel for this machine: AVX2 when the CPU has it (natively), SIMD128
// in wasm, else scalar. `scalar` forces the scalar path (tests, benchmarks).
using VoiceKernelFn = void (*)(VoiceLanes&, int frames, float* acc_l, float* acc_r);
VoiceKernelFn voice_kernel(bool scalar);
const char* voice_kernel_name(bool scalar);

}  // namespace tala
