// What the spectrum view and the scope show: the latest samples of one signal
// (a ring written block by block on the audio thread) and their spectrum in
// dB through the core's own FFT, so native and browser draw the same numbers.
#pragma once

#include <cstddef>
#include <vector>

#include "dsp/fft.hpp"

namespace tala::dsp {

class SignalTap {
 public:
  static constexpr std::size_t kCapacity = 8192;  // the largest spectrum size
  SignalTap() : ring_(kCapacity, 0.0f) {}

  // Audio thread: appends a block (no allocation).
  void write(const float* x, std::size_t n);
  // The latest n samples, oldest first (n <= kCapacity).
  void latest(float* out, std::size_t n) const;

 private:
  std::vector<float> ring_;
  std::size_t pos_ = 0;
};

// dB magnitudes (0 dB = a full-scale sine) of bins 0 .. n/2-1 of the latest
// n samples under a Hann window; n a power of two.
class SpectrumAnalyzer {
 public:
  explicit SpectrumAnalyzer(std::size_t n);
  std::size_t size() const { return fft_.size(); }
  void analyze(const float* x, float* db_out);

 private:
  Fft fft_;
  std::vector<double> window_;
  std::vector<std::complex<double>> work_;
};

}  // namespace tala::dsp
