// The core's own FFT (radix-2, in place), with twiddles from its own sine so
// that native and wasm give the same spectrum. Used by the spectrum view
// (dsp/analysis.cpp) and the response tests.
#pragma once

#include <complex>
#include <cstddef>
#include <vector>

namespace tala::dsp {

class Fft {
 public:
  explicit Fft(std::size_t size);  // size: a power of two
  std::size_t size() const { return n_; }
  void forward(std::vector<std::complex<double>>& data) const;
  // |X[k]| for k = 0 .. n/2 of a real signal of n samples (no window).
  std::vector<double> magnitudes(const float* x) const;

 private:
  std::size_t n_;
  std::vector<double> stage_twiddles_;  // per stage: re, im of each twiddle it uses
  std::vector<std::size_t> reversed_;
};

}  // namespace tala::dsp
