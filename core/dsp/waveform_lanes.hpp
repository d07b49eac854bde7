// The oscillator shapes on SIMD lanes, in single precision: what synth voices
// play (dsp/waveform.hpp is the double-precision routine of the oscillator
// nodes, whose frequency may change every sample).
#pragma once

#include "dsp/simd.hpp"

namespace tala::dsp {

template <int W>
struct WaveLanes {
  using L = Lanes<W>;
  using F = typename L::F;

  // sin(2 pi phase) for phase in [0, 1); error below 1e-6.
  static F sine(F phase) {
    F x = phase - L::ones(phase >= 0.5f);  // [-0.5, 0.5)
    x = L::select(x > 0.25f, 0.5f - x, x);
    x = L::select(x < -0.25f, -0.5f - x, x);
    const F t = x * 6.2831855f;
    const F t2 = t * t;
    return t * (1.0f + t2 * (-1.0f / 6 +
                             t2 * (1.0f / 120 + t2 * (-1.0f / 5040 + t2 * (1.0f / 362880 + t2 * (-1.0f / 39916800))))));
  }

  // The PolyBLEP correction of a unit step at phase 0 (dt: phase step, inv = 1/dt).
  static F blep(F t, F dt, F inv) {
    const F u1 = t * inv;
    const F rise = u1 + u1 - u1 * u1 - 1.0f;
    const F u2 = (t - 1.0f) * inv;
    const F fall = u2 * u2 + u2 + u2 + 1.0f;
    return L::select(t < dt, rise, L::select(t > 1.0f - dt, fall, L::splat(0)));
  }

  static F saw(F phase, F dt, F inv) { return phase + phase - 1.0f - blep(phase, dt, inv); }

  static F square(F phase, F dt, F inv) {
    F down = phase - 0.5f;
    down = down + L::ones(down < 0.0f);
    const F level = L::select(phase < 0.5f, L::splat(1), L::splat(-1));
    return level + blep(phase, dt, inv) - blep(down, dt, inv);
  }

  static F triangle(F phase) { return L::select(phase < 0.5f, 4.0f * phase - 1.0f, 3.0f - 4.0f * phase); }
};

}  // namespace tala::dsp
