// The band-pass, notch and ladder filters, the compressor, the envelopes and
// pink noise, measured: impulse responses through the core's FFT, steady-state
// gains, segment lengths in samples, spectral slopes.
#define BOOST_TEST_MODULE dsp_nodes
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "dsp/fft.hpp"
#include "support/render.hpp"

namespace {

constexpr std::size_t kN = 16384;

double db(double x) { return 20 * std::log10(std::max(x, 1e-12)); }
std::size_t bin(double hz) { return static_cast<std::size_t>(std::lround(hz * kN / 48000.0)); }

std::vector<float> render_left(const std::string& source, int frames) {
  tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
  BOOST_REQUIRE(e.submit(tala::test::compile_source(source, e.program_config())));
  return tala::test::render(e, frames).left;
}

// Magnitude response (dB) of `effect` on a one-sample impulse.
std::vector<double> response(const std::string& effect) {
  const auto out = render_left("cps 1\n~imp: \"1 0@47999\"\nout: ~imp " + effect, static_cast<int>(kN));
  std::vector<double> r;
  for (double m : tala::dsp::Fft(kN).magnitudes(out.data())) r.push_back(db(m));
  return r;
}

double rms(const std::vector<float>& x, std::size_t from, std::size_t to) {
  double s = 0;
  for (std::size_t i = from; i < to; ++i) s += double(x[i]) * x[i];
  return std::sqrt(s / double(to - from));
}

}  // namespace

BOOST_AUTO_TEST_CASE(band_pass_peaks_at_its_centre) {
  const auto r = response("# bpf 1000 0.8");
  BOOST_CHECK_SMALL(r[bin(1000)], 0.5);  // unity at the centre
  BOOST_CHECK_LT(r[bin(250)], -12);      // two octaves away on each side
  BOOST_CHECK_LT(r[bin(4000)], -12);
}

BOOST_AUTO_TEST_CASE(notch_removes_its_frequency) {
  const auto r = response("# notch 1000 0.5");
  BOOST_CHECK_LT(r[bin(1000)], -30);
  BOOST_CHECK_SMALL(r[bin(100)], 0.5);
  BOOST_CHECK_SMALL(r[bin(10000)], 0.5);
}

BOOST_AUTO_TEST_CASE(ladder_falls_24_db_per_octave) {
  const auto r = response("# ladder 500 0");
  BOOST_CHECK_SMALL(r[bin(50)], 0.5);  // flat passband
  const double slope = r[bin(4000)] - r[bin(8000)];
  BOOST_TEST_MESSAGE("ladder: " << slope << " dB from 4 to 8 kHz");
  BOOST_CHECK_CLOSE(slope, 24.0, 12.5);  // 21..27 dB
  // Resonance raises a peak near the cutoff.
  const auto q = response("# ladder 500 0.9");
  BOOST_CHECK_GT(q[bin(500)], r[bin(500)] + 10);
}

BOOST_AUTO_TEST_CASE(ladder_is_stable_under_audio_rate_cutoff_modulation) {
  const auto x = render_left("out: sawosc 110 * 0.5 # ladder (sinosc 300 * 9000 + 9100) 0.95", 48000);
  for (float v : x) BOOST_REQUIRE(std::isfinite(v) && std::fabs(v) < 4);
  BOOST_CHECK_GT(rms(x, 0, x.size()), 0.01);
}

BOOST_AUTO_TEST_CASE(compressor_reduces_by_its_ratio_above_the_threshold) {
  // A sine at -6 dBFS peak, threshold -18 dB, ratio 4: 12 dB over becomes 3 dB
  // over, so the peak settles at -15 dBFS: a gain of -9 dB.
  const auto dry = render_left("out: sinosc 1000 * 0.5012", 48000);
  const auto wet = render_left("out: sinosc 1000 * 0.5012 # comp (-18) 4 0.001 0.05", 48000);
  const double gain_db = db(rms(wet, 24000, 48000) / rms(dry, 24000, 48000));
  BOOST_TEST_MESSAGE("compressor gain: " << gain_db << " dB");
  BOOST_CHECK_CLOSE(gain_db, -9.0, 5.0);
  // Below the threshold: untouched.
  const auto quiet = render_left("out: sinosc 1000 * 0.05 # comp (-18) 4", 48000);
  const auto quiet_dry = render_left("out: sinosc 1000 * 0.05", 48000);
  BOOST_CHECK_CLOSE(rms(quiet, 24000, 48000), rms(quiet_dry, 24000, 48000), 0.1);
}

BOOST_AUTO_TEST_CASE(adsr_segments_last_what_they_say) {
  // cps 1, gate "1 0": open for 0.5 s. attack 0.1 s, decay 0.1 s to 0.5,
  // release 0.2 s once the gate closes.
  const auto x = render_left("cps 1\nout: adsr \"1 0\" 0.1 0.1 0.5 0.2", 48000);
  BOOST_CHECK_CLOSE(x[2400], 0.5, 1.0);           // half way up
  BOOST_CHECK_CLOSE(x[4800], 1.0, 0.1);           // the top
  BOOST_CHECK_CLOSE(x[7200], 0.75, 1.0);          // half way down the decay
  BOOST_CHECK_CLOSE(x[20000], 0.5, 0.1);          // sustained
  BOOST_CHECK_CLOSE(x[24000 + 2400], 0.25, 1.0);  // falling 1 per 0.2 s: 0.5 - 0.25 after 50 ms
  BOOST_CHECK_EQUAL(x[24000 + 4800 + 10], 0.0f);  // done after 0.1 s from 0.5
}

BOOST_AUTO_TEST_CASE(perc_rises_and_falls_at_each_opening) {
  const auto x = render_left("cps 1\nout: perc \"1 0 1 0\" 0.01 0.1", 48000);
  BOOST_CHECK_CLOSE(x[480], 1.0, 0.5);          // the top after 10 ms
  BOOST_CHECK_CLOSE(x[480 + 2400], 0.5, 1.0);   // half way down 50 ms later
  BOOST_CHECK_EQUAL(x[480 + 4800 + 10], 0.0f);  // silent before the next opening
  BOOST_CHECK_CLOSE(x[24000 + 480], 1.0, 0.5);  // and again at 0.5 s
}

BOOST_AUTO_TEST_CASE(pink_noise_falls_3_db_per_octave) {
  // Average power in octave bands from many FFT frames.
  const auto x = render_left("out: pink", static_cast<int>(kN) * 16);
  const tala::dsp::Fft fft(kN);
  std::vector<double> power(kN / 2 + 1, 0);
  for (std::size_t f = 0; f < 16; ++f) {
    const auto m = fft.magnitudes(x.data() + f * kN);
    for (std::size_t k = 0; k < m.size(); ++k) power[k] += m[k] * m[k];
  }
  auto band = [&](double lo) {  // mean power density in [lo, 2 lo)
    double s = 0;
    for (std::size_t k = bin(lo); k < bin(2 * lo); ++k) s += power[k];
    return s / double(bin(2 * lo) - bin(lo));
  };
  for (double lo : {200.0, 800.0, 3200.0}) {
    const double step = 10 * std::log10(band(lo) / band(2 * lo));
    BOOST_TEST_MESSAGE("pink: " << step << " dB from " << lo << " Hz to the next octave");
    BOOST_CHECK_CLOSE(step, 3.0, 25.0);
  }
}
