// Frequency responses measured, not pasted: an impulse through each filter,
// then the FFT of what comes out; and aliasing of the band-limited oscillators.
#define BOOST_TEST_MODULE dsp_response
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "dsp/fft.hpp"
#include "support/render.hpp"

namespace {

constexpr std::size_t kN = 16384;  // at 48 kHz: 2.93 Hz per bin

double db(double x) { return 20 * std::log10(std::max(x, 1e-12)); }

// Magnitude response (dB) of `effect` applied to a one-sample impulse.
std::vector<double> response(const std::string& effect) {
  tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
  // One frame of 1, then silence: at cps 1, 1/48000 of a cycle is one frame.
  BOOST_REQUIRE(
      e.submit(tala::test::compile_source("cps 1\n~imp: \"1 0@47999\"\nout: ~imp " + effect, e.program_config())));
  const auto out = tala::test::render(e, static_cast<int>(kN));
  const auto mag = tala::dsp::Fft(kN).magnitudes(out.left.data());
  std::vector<double> out_db;
  for (double m : mag) out_db.push_back(db(m));
  return out_db;
}

std::size_t bin(double hz) { return static_cast<std::size_t>(std::lround(hz * kN / 48000.0)); }

}  // namespace

BOOST_AUTO_TEST_CASE(impulse_passes_flat_without_an_effect) {
  const auto r = response("");
  BOOST_CHECK_SMALL(r[bin(100)], 0.01);
  BOOST_CHECK_SMALL(r[bin(10000)], 0.01);
}

BOOST_AUTO_TEST_CASE(low_pass_response) {
  // resonance 0.293 gives k = sqrt(2): a Butterworth response, -3 dB at the cutoff.
  const auto r = response("# lpf 1000 0.2929");
  BOOST_CHECK_SMALL(r[bin(50)], 0.1);
  BOOST_CHECK_CLOSE(r[bin(1000)], -3.01, 3.0);
  BOOST_CHECK_CLOSE(r[bin(4000)], -24.1, 3.0);  // 12 dB per octave
  BOOST_CHECK_LT(r[bin(10000)], -38);
}

BOOST_AUTO_TEST_CASE(high_pass_response) {
  const auto r = response("# hpf 1000 0.2929");
  BOOST_CHECK_SMALL(r[bin(15000)], 0.1);
  BOOST_CHECK_CLOSE(r[bin(1000)], -3.01, 3.0);
  BOOST_CHECK_LT(r[bin(250)], -22);
}

BOOST_AUTO_TEST_CASE(resonance_makes_a_peak) {
  const auto flat = response("# lpf 1000 0.2929");
  const auto sharp = response("# lpf 1000 0.9");
  BOOST_CHECK_GT(sharp[bin(1000)], flat[bin(1000)] + 12);
}

namespace {
// The strongest component more than 100 Hz from a harmonic of 5 kHz, in dB
// relative to the strongest harmonic. 5 kHz is not centred on a bin: a
// Blackman-Harris window (side lobes below -92 dB) keeps its leakage from
// passing for aliasing.
double alias_db(const std::vector<float>& x) {
  std::vector<float> windowed(kN);
  for (std::size_t i = 0; i < kN; ++i) {
    const double t = 2 * 3.141592653589793 * double(i) / double(kN);
    const double w = 0.35875 - 0.48829 * std::cos(t) + 0.14128 * std::cos(2 * t) - 0.01168 * std::cos(3 * t);
    windowed[i] = static_cast<float>(x[i] * w);
  }
  const auto mag = tala::dsp::Fft(kN).magnitudes(windowed.data());
  double harmonic = 0, alias = 0;
  for (std::size_t k = 1; k < mag.size(); ++k) {
    const double hz = double(k) * 48000.0 / kN;
    const double nearest = std::round(hz / 5000.0) * 5000.0;
    if (std::fabs(hz - nearest) < 30)
      harmonic = std::max(harmonic, mag[k]);
    else if (std::fabs(hz - nearest) > 100)
      alias = std::max(alias, mag[k]);
  }
  return db(alias) - db(harmonic);
}
}  // namespace

BOOST_AUTO_TEST_CASE(band_limited_saw_does_not_alias) {
  // A 5 kHz saw at 48 kHz: a naive saw's harmonics above 24 kHz fold back
  // between the real ones. The wavetable saw holds only 5, 10, 15, 20 kHz.
  tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
  BOOST_REQUIRE(e.submit(tala::test::compile_source("out: sawosc 5000 * 0.5", e.program_config())));
  const auto blep = tala::test::render(e, static_cast<int>(kN)).left;
  std::vector<float> naive(kN);
  double phase = 0;
  for (std::size_t i = 0; i < kN; ++i) {
    naive[i] = static_cast<float>(0.5 * (2 * phase - 1));
    phase += 5000.0 / 48000.0;
    if (phase >= 1) phase -= 1;
  }
  const double with_blep = alias_db(blep), without = alias_db(naive);
  BOOST_TEST_MESSAGE("strongest alias: wavetable " << with_blep << " dB, naive " << without << " dB");
  BOOST_CHECK_LT(with_blep, -80);  // below audibility next to the 5 kHz tone (PolyBLEP: -22 dB)
  BOOST_CHECK_GT(without, -30);    // the measurement does see aliasing where there is some
}

BOOST_AUTO_TEST_CASE(saw_and_square_voices_do_not_alias) {
  // Synth voices read the same band-limited tables: a 5 kHz saw and square
  // voice (note 111.0745 = 5000 Hz) hold only their harmonics.
  for (const char* shape : {"saw", "square"}) {
    tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
    const std::string source = std::string("out: s \"") + shape + "\" # note 111.0745 # legato 2";
    BOOST_REQUIRE(e.submit(tala::test::compile_source(source, e.program_config())));
    const auto x = tala::test::render(e, static_cast<int>(kN) + 4800).left;
    const std::vector<float> steady(x.begin() + 4800, x.end());  // past the attack
    BOOST_TEST_CONTEXT(shape) { BOOST_CHECK_LT(alias_db(steady), -80); }
  }
}
