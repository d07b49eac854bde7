#include "dsp/fft.hpp"

#include <stdexcept>

#include "dsp/math.hpp"

namespace tala::dsp {

Fft::Fft(std::size_t size) : n_(size), stage_twiddles_(2 * (size - 1)), reversed_(size) {
  if (size < 2 || (size & (size - 1)) != 0) throw std::invalid_argument("FFT size must be a power of two");
  std::vector<double> re(n_ / 2), im(n_ / 2);
  for (std::size_t k = 0; k < n_ / 2; ++k) {
    const double turns = -static_cast<double>(k) / static_cast<double>(n_);
    re[k] = cos_turns(turns);
    im[k] = sin_turns(turns);
  }
  // The stage of butterflies `half` apart reads every (n / 2half)-th twiddle:
  // kept side by side per stage, so each stage reads them in order.
  for (std::size_t half = 1; half < n_; half <<= 1) {
    for (std::size_t j = 0; j < half; ++j) {
      stage_twiddles_[2 * (half - 1 + j)] = re[j * (n_ / (2 * half))];
      stage_twiddles_[2 * (half - 1 + j) + 1] = im[j * (n_ / (2 * half))];
    }
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
  // Plain doubles ([complex.numbers] allows the view): std::complex's
  // element stores and reloads made each butterfly wait on the store buffer.
  double* x = reinterpret_cast<double*>(a.data());
  for (std::size_t half = 1; half < n_; half <<= 1) {
    const double* w = stage_twiddles_.data() + 2 * (half - 1);
    for (std::size_t i = 0; i < n_; i += 2 * half) {
      double* lo = x + 2 * i;
      double* hi = lo + 2 * half;
      for (std::size_t j = 0; j < 2 * half; j += 2) {
        const double wr = w[j], wi = w[j + 1];
        const double ur = lo[j], ui = lo[j + 1], hr = hi[j], hiim = hi[j + 1];
        // Written out: std::complex's operator* may differ between libraries.
        const double vr = hr * wr - hiim * wi;
        const double vi = hr * wi + hiim * wr;
        lo[j] = ur + vr;
        lo[j + 1] = ui + vi;
        hi[j] = ur - vr;
        hi[j + 1] = ui - vi;
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
