// Band-limited wavetables: for each octave of phase increment, one cycle of a
// saw and of a triangle holding only the harmonics that stay below Nyquist
// there. An oscillator reading the table for its pitch cannot alias (PolyBLEP
// still folded harmonics back at -22 dB for a 5 kHz saw). Square and pulse
// are the difference of two saws. Built once, deterministically, with the
// core's own FFT: the same tables natively and in wasm.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace tala::dsp {

class Wavetables {
 public:
  static constexpr int kSize = 4096;   // samples per cycle; each table has one guard sample more
  static constexpr int kOctaves = 12;  // table k: 2^k harmonics, for increments below 2^-(k+1)

  enum Shape { Saw, Triangle };

  // The richest table that is alias-free for phase increment dt (0 < dt <=
  // 0.5), and the next poorer one (also alias-free) with the weight of a
  // cross-fade towards it (0 at the octave's low end, 1 at its top), so that
  // a sweeping pitch changes tables without a step.
  //
  // `pairs` holds both tables interleaved (table[i], poorer[i], table[i + 1], ...): the four values
  // one interpolated read needs are one 16-byte load at pairs + 2i, where two tables cost four
  // gathers.
  struct Choice {
    const float* table;
    const float* poorer;
    float weight;
    const float* pairs;
  };
  Choice choose(Shape shape, double dt) const;
  const float* table(Shape shape, int octave) const { return data_[shape][static_cast<std::size_t>(octave)].data(); }

 private:
  friend const Wavetables& wavetables();
  Wavetables();
  std::array<std::array<std::vector<float>, kOctaves>, 2> data_;
  std::array<std::array<std::vector<float>, kOctaves>, 2> pairs_;  // table k interleaved with table k - 1
};

// Built on first use: call it off the audio thread first (node constructors do).
const Wavetables& wavetables();

// Linear interpolation in a table at phase 0..1.
inline float read_table(const float* table, double phase) {
  const double x = phase * Wavetables::kSize;
  const auto k = static_cast<int>(x);
  const float f = static_cast<float>(x - k);
  return table[k] + f * (table[k + 1] - table[k]);
}

}  // namespace tala::dsp
