// The sine of synth voices on SIMD lanes, in single precision (saw, square
// and triangle voices read band-limited wavetables: dsp/wavetable.hpp).
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
};

}  // namespace tala::dsp
