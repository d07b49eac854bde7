// One routine for the shapes of the oscillator nodes: sine from the core's
// own polynomial, saw, square/pulse and triangle from band-limited wavetables
// (dsp/wavetable.hpp), cross-faded between octaves as the pitch moves.
#pragma once

#include "dsp/math.hpp"
#include "dsp/wavetable.hpp"

namespace tala::dsp {

enum class Waveform { Sine, Saw, Square, Triangle };

inline double read_choice(const Wavetables::Choice& c, double phase) {
  const double rich = read_table(c.table, phase);
  return rich + c.weight * (read_table(c.poorer, phase) - rich);
}

// The sample at `phase` (0..1) of an oscillator advancing `dt` per sample;
// `width` is the pulse width of Square (the difference of two saws).
inline double waveform(Waveform w, double phase, double dt, double width = 0.5) {
  switch (w) {
    case Waveform::Sine:
      return sin_turns(phase);
    case Waveform::Saw:
      return read_choice(wavetables().choose(Wavetables::Saw, dt), phase);
    case Waveform::Square: {
      const auto saw = wavetables().choose(Wavetables::Saw, dt);
      double down = phase - width;
      if (down < 0) down += 1.0;
      // A hair below 0 (phase 0.3, width 0.30000000000000004) rounds to 1.0 after the add: one
      // past the table's end. The table's first frame is the same point of the period.
      if (down >= 1.0) down = 0.0;
      return read_choice(saw, down) - read_choice(saw, phase) + 2.0 * width - 1.0;
    }
    case Waveform::Triangle:
      return read_choice(wavetables().choose(Wavetables::Triangle, dt), phase);
  }
  return 0;
}

}  // namespace tala::dsp
