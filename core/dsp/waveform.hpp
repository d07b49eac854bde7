// One routine for the oscillator shapes, used by the oscillator nodes and the
// synth voices alike: band-limited (PolyBLEP) saw and pulse, sine, triangle.
#pragma once

#include <algorithm>

#include "dsp/math.hpp"

namespace tala::dsp {

enum class Waveform { Sine, Saw, Square, Triangle };

// The sample at `phase` (0..1) of an oscillator advancing `dt` per sample;
// `width` is the pulse width of Square.
inline double waveform(Waveform w, double phase, double dt, double width = 0.5) {
  switch (w) {
    case Waveform::Sine:
      return sin_turns(phase);
    case Waveform::Saw:
      return 2.0 * phase - 1.0 - poly_blep(phase, dt);
    case Waveform::Square: {
      double down = phase - width;
      if (down < 0) down += 1.0;
      return (phase < width ? 1.0 : -1.0) + poly_blep(phase, dt) - poly_blep(down, dt);
    }
    case Waveform::Triangle:
      return phase < 0.5 ? 4.0 * phase - 1.0 : 3.0 - 4.0 * phase;
  }
  return 0;
}

}  // namespace tala::dsp
