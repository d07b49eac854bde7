// Math the audio path uses, written here rather than taken from libm, so that
// native and wasm builds run the same operations and agree sample for sample
// (glibc's and Emscripten's sinf/exp differ in the last bit).
#pragma once

#include <cmath>
#include <cstdint>

namespace tala::dsp {

// sin(2*pi*x) for any x (x in turns). Error below 1e-7.
inline double sin_turns(double x) {
  x -= std::floor(x + 0.5);  // [-0.5, 0.5)
  if (x > 0.25) x = 0.5 - x;
  if (x < -0.25) x = -0.5 - x;
  const double t = x * 6.283185307179586;
  const double t2 = t * t;
  // Taylor series to t^13, Horner form: |t| <= pi/2.
  return t * (1.0 + t2 * (-1.0 / 6 + t2 * (1.0 / 120 + t2 * (-1.0 / 5040 +
                                                             t2 * (1.0 / 362880 + t2 * (-1.0 / 39916800 +
                                                                                        t2 * (1.0 / 6227020800.0)))))));
}

inline double cos_turns(double x) { return sin_turns(x + 0.25); }

// sin(2*pi*x) in single precision for x in [-0.5, 0.5), branch-free so that a
// loop over a block vectorises (8 lanes AVX2, 4 SIMD128, the same operations
// per lane). Error below 3e-7: a few steps of the float output near 1.
inline float sin_turns_reduced(float x) {
  float y = x > 0.25f ? 0.5f - x : x;  // exact: Sterbenz
  y = y < -0.25f ? -0.5f - y : y;
  const float t = y * 6.28318531f;
  const float t2 = t * t;
  // Taylor series to t^11, Horner form: |t| <= pi/2.
  return t * (1.0f + t2 * (-1.0f / 6 +
                           t2 * (1.0f / 120 + t2 * (-1.0f / 5040 + t2 * (1.0f / 362880 + t2 * (-1.0f / 39916800))))));
}

// cos(2*pi*x) for x in [-0.5, 0.5).
inline float cos_turns_reduced(float x) {
  const float q = x + 0.25f;
  return sin_turns_reduced(q >= 0.5f ? q - 1.0f : q);
}

// 2^x, exact at integers, relative error below 1e-15 elsewhere; infinity
// above the range of double, 0 below it, NaN for NaN (a note of 3.6e32 must
// not reach the int conversion below: that was undefined behaviour).
inline double exp2(double x) {
  if (!(x < 1024.0)) return x == x ? HUGE_VAL : x;
  if (x < -1100.0) return 0.0;
  const double whole = std::floor(x);
  const double f = (x - whole) * 0.6931471805599453;  // ln 2: 2^frac = e^(frac ln 2), frac in [0, 1)
  double term = 1, sum = 1;
  for (int k = 1; k <= 14; ++k) {
    term = term * f / k;
    sum += term;
  }
  return std::ldexp(sum, static_cast<int>(whole));
}

// log2(x) for x > 0: frexp is exact everywhere, then a series for the
// mantissa. Error below 1e-12.
inline double log2(double x) {
  int e = 0;
  const double m = std::frexp(x, &e) * 2.0;  // [1, 2)
  // ln m = 2 atanh(t), t = (m - 1) / (m + 1) in [0, 1/3).
  const double t = (m - 1.0) / (m + 1.0), t2 = t * t;
  double term = t, sum = 0;
  for (int k = 1; k <= 25; k += 2) {
    sum += term / k;
    term *= t2;
  }
  return (e - 1) + 2.0 * sum / 0.6931471805599453;
}

inline double midi_to_hz(double note) { return 440.0 * exp2((note - 69.0) / 12.0); }

// tan(pi * f / rate), the prewarped gain of a TPT filter at cutoff f.
inline double tan_pi(double f_over_rate) { return sin_turns(f_over_rate / 2) / cos_turns(f_over_rate / 2); }

// PolyBLEP: the correction that band-limits a unit step at phase 0 of an
// oscillator advancing dt per sample (t: phase in 0..1).
inline double poly_blep(double t, double dt) {
  if (t < dt) {
    t /= dt;
    return t + t - t * t - 1.0;
  }
  if (t > 1.0 - dt) {
    t = (t - 1.0) / dt;
    return t * t + t + t + 1.0;
  }
  return 0.0;
}

// Below ~1e-30 a feedback path holds denormals, which are slow; wasm has no
// flush-to-zero mode, so feedback state is flushed by hand.
inline float flush(float x) { return std::fabs(x) < 1e-30f ? 0.0f : x; }
inline double flush(double x) { return std::fabs(x) < 1e-30 ? 0.0 : x; }
// The same on each lane of a GCC vector of doubles (SSE or AVX natively, SIMD128 in wasm), for a
// recurrence that runs several channels or lines side by side: g++ does the scalar one as a select
// in integer registers, several cycles on the recurrence's chain; here it is a compare and a mask.
template <class V>
inline V flush_lanes(V x) {
  const auto tiny = (x < 1e-30) & (x > -1e-30);  // all ones where |x| < 1e-30 (-0 too; NaN: none)
  return reinterpret_cast<V>(reinterpret_cast<decltype(tiny)>(x) & ~tiny);
}

}  // namespace tala::dsp
