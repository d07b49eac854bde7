#include "dsp/analysis.hpp"

#include <algorithm>
#include <cmath>

#include "dsp/math.hpp"

namespace tala::dsp {

void SignalTap::write(const float* x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    ring_[pos_] = x[i];
    pos_ = (pos_ + 1) % kCapacity;
  }
}

void SignalTap::latest(float* out, std::size_t n) const {
  n = std::min(n, kCapacity);
  std::size_t from = (pos_ + kCapacity - n) % kCapacity;
  for (std::size_t i = 0; i < n; ++i) out[i] = ring_[(from + i) % kCapacity];
}

SpectrumAnalyzer::SpectrumAnalyzer(std::size_t n) : fft_(n), window_(n), work_(n) {
  // Hann, from the core's own sine so that native and wasm agree.
  for (std::size_t i = 0; i < n; ++i) {
    const double s = sin_turns(0.5 * static_cast<double>(i) / static_cast<double>(n));
    window_[i] = s * s;
  }
}

void SpectrumAnalyzer::analyze(const float* x, float* db_out) {
  const std::size_t n = fft_.size();
  for (std::size_t i = 0; i < n; ++i) work_[i] = {x[i] * window_[i], 0.0};
  fft_.forward(work_);
  // A full-scale sine gives |X| = n/4 under a Hann window (coherent gain 1/2).
  const double full_scale = static_cast<double>(n) / 4.0;
  for (std::size_t k = 0; k < n / 2; ++k) {
    const double re = work_[k].real(), im = work_[k].imag();
    const double m = std::sqrt(re * re + im * im) / full_scale;
    db_out[k] = static_cast<float>(20.0 * std::log10(std::max(m, 1e-10)));
  }
}

}  // namespace tala::dsp
