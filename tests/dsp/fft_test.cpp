// The FFT agrees with a direct DFT, and finds a sine in its bin.
#define BOOST_TEST_MODULE dsp_fft
#include "dsp/fft.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>

BOOST_AUTO_TEST_CASE(matches_a_direct_dft) {
  const std::size_t n = 64;
  std::vector<std::complex<double>> x(n), fast;
  for (std::size_t i = 0; i < n; ++i) x[i] = {std::sin(0.3 * i) + 0.25 * std::cos(1.7 * i), 0.1 * i};
  fast = x;
  tala::dsp::Fft(n).forward(fast);
  for (std::size_t k = 0; k < n; ++k) {
    std::complex<double> sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += x[i] * std::polar(1.0, -2 * M_PI * double(k * i) / double(n));
    BOOST_CHECK_SMALL(std::abs(sum - fast[k]), 1e-6);  // the core's sine is accurate to ~1e-9
  }
}

BOOST_AUTO_TEST_CASE(a_sine_lands_in_its_bin) {
  const std::size_t n = 4096;
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<float>(std::sin(2 * M_PI * 100 * double(i) / double(n)));
  const auto mag = tala::dsp::Fft(n).magnitudes(x.data());
  BOOST_CHECK_CLOSE(mag[100], n / 2.0, 0.01);
  for (std::size_t k = 0; k < mag.size(); ++k) {
    if (k != 100) BOOST_CHECK_SMALL(mag[k], 0.01);
  }
  BOOST_CHECK_THROW(tala::dsp::Fft(100), std::invalid_argument);
}
