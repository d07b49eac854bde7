#include "dsp/wavetable.hpp"

#include <cmath>
#include <complex>

#include "dsp/fft.hpp"

namespace tala::dsp {

namespace {

// One cycle from its harmonic amplitudes: imaginary parts give sines, real
// parts cosines. An inverse FFT as conj(FFT(conj X)) / N, with the core's FFT.
std::vector<float> synthesise(const Fft& fft, const std::vector<std::complex<double>>& harmonics) {
  const std::size_t n = fft.size();
  std::vector<std::complex<double>> spectrum(n);
  for (std::size_t h = 1; h < harmonics.size(); ++h) {
    spectrum[h] = std::conj(harmonics[h]) * 0.5;
    spectrum[n - h] = harmonics[h] * 0.5;
  }
  fft.forward(spectrum);
  std::vector<float> table(n + 1);
  for (std::size_t i = 0; i < n; ++i) table[i] = static_cast<float>(spectrum[i].real());
  table[n] = table[0];  // the guard: k + 1 is always readable
  return table;
}

}  // namespace

Wavetables::Wavetables() {
  const Fft fft(kSize);
  for (int k = 0; k < kOctaves; ++k) {
    const std::size_t harmonics = std::size_t{1} << k;
    std::vector<std::complex<double>> saw(harmonics + 1), tri(harmonics + 1);
    for (std::size_t h = 1; h <= harmonics; ++h) {
      const double hd = static_cast<double>(h);
      // 2p - 1 = -(2 / pi) sum sin(2 pi h p) / h; the triangle (-1 at p = 0,
      // 1 at p = 1/2) = -(8 / pi^2) sum over odd h of cos(2 pi h p) / h^2.
      saw[h] = {0.0, -2.0 / (3.141592653589793 * hd)};
      if (h % 2) tri[h] = {-8.0 / (9.869604401089358 * hd * hd), 0.0};
    }
    // The FFT sums e^{-i...}: a sine coefficient b gives sin with the sign
    // flipped, so flip it here (the cosine part is symmetric).
    for (auto& c : saw) c = std::conj(c);
    data_[Saw][static_cast<std::size_t>(k)] = synthesise(fft, saw);
    data_[Triangle][static_cast<std::size_t>(k)] = synthesise(fft, tri);
  }
  for (auto shape : {Saw, Triangle}) {
    for (std::size_t k = 0; k < kOctaves; ++k) {
      const std::vector<float>& rich = data_[shape][k];
      const std::vector<float>& poor = data_[shape][k > 0 ? k - 1 : 0];
      std::vector<float>& pairs = pairs_[shape][k];
      pairs.resize(2 * rich.size());
      for (std::size_t i = 0; i < rich.size(); ++i) pairs[2 * i] = rich[i], pairs[2 * i + 1] = poor[i];
    }
  }
}

Wavetables::Choice Wavetables::choose(Shape shape, double dt) const {
  // dt in [2^-(k+2), 2^-(k+1)) takes table k: its 2^k harmonics stay below
  // 2^k * 2^-(k+1) = 1/2 of the rate. frexp is exact on every platform.
  int e = 0;
  const double m = std::frexp(dt, &e);  // dt = m 2^e, m in [0.5, 1)
  int k = -e - 1;
  float weight = static_cast<float>(2.0 * (m - 0.5));
  if (k <= 0) k = 0, weight = 0;
  if (k >= kOctaves) k = kOctaves - 1, weight = 0;
  const auto& tables = data_[shape];
  return {tables[static_cast<std::size_t>(k)].data(), tables[static_cast<std::size_t>(k > 0 ? k - 1 : 0)].data(),
          weight, pairs_[shape][static_cast<std::size_t>(k)].data()};
}

const Wavetables& wavetables() {
  static const Wavetables t;
  return t;
}

}  // namespace tala::dsp
