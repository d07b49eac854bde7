#include "dsp/fft.hpp"

#include <stdexcept>

#include "dsp/math.hpp"

namespace tala::dsp {

Fft::Fft(std::size_t size) : n_(size), twiddle_(size / 2), reversed_(size) {
  if (size < 2 || (size & (size - 1)) != 0) throw std::invalid_argument("FFT size must be a power of two");
  for (std::size_t k = 0; k < n_ / 2; ++k) {
    const double turns = -static_cast<double>(k) / static_cast<double>(n_);
    twiddle_[k] = {cos_turns(turns), sin_turns(turns)};
  }
  std::size_t bits = 0;
  while ((std::size_t{1} << bits) < n_) ++bits;
  for (std::size_t i = 0; i < n_; ++i) {
    std::size_t r = 0;
    for (std::size_t b = 0; b < bits; ++b) r |= ((i >> b) & 1) << (bits - 1 - b);
    reversed_[i] = r;
  }
}

void Fft::forward(std::vector<std::complex<double>>& a) const {
  for (std::size_t i = 0; i < n_; ++i) {
    if (i < reversed_[i]) std::swap(a[i], a[reversed_[i]]);
  }
  for (std::size_t len = 2; len <= n_; len <<= 1) {
    const std::size_t step = n_ / len;
    for (std::size_t i = 0; i < n_; i += len) {
      for (std::size_t j = 0; j < len / 2; ++j) {
        const std::complex<double> w = twiddle_[j * step];
        const std::complex<double> u = a[i + j];
        const std::complex<double> v = a[i + j + len / 2];
        // Written out: std::complex's operator* may differ between libraries.
        const double vr = v.real() * w.real() - v.imag() * w.imag();
        const double vi = v.real() * w.imag() + v.imag() * w.real();
        a[i + j] = {u.real() + vr, u.imag() + vi};
        a[i + j + len / 2] = {u.real() - vr, u.imag() - vi};
      }
    }
  }
}

std::vector<double> Fft::magnitudes(const float* x) const {
  std::vector<std::complex<double>> a(n_);
  for (std::size_t i = 0; i < n_; ++i) a[i] = {x[i], 0.0};
  forward(a);
  std::vector<double> out(n_ / 2 + 1);
  for (std::size_t k = 0; k <= n_ / 2; ++k) out[k] = std::sqrt(a[k].real() * a[k].real() + a[k].imag() * a[k].imag());
  return out;
}

}  // namespace tala::dsp
