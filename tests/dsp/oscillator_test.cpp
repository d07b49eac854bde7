// The oscillators' fast paths: the single-precision sine against std::sin, a
// pitch that holds for a block (phases in closed form) against one that moves
// (the running sum), and mono outputs that readers see as both channels.
#define BOOST_TEST_MODULE dsp_oscillators
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "dsp/math.hpp"
#include "dsp/waveform.hpp"
#include "support/render.hpp"

namespace {

constexpr double kTwoPi = 6.283185307179586;

tala::test::Stereo render_source(const std::string& source, int frames) {
  tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
  BOOST_REQUIRE(e.submit(tala::test::compile_source(source, e.program_config())));
  return tala::test::render(e, frames);
}

double max_difference(const std::vector<float>& a, const std::vector<float>& b) {
  double d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::fabs(double(a[i]) - b[i]));
  return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(single_precision_sine_is_within_3e_7_of_std_sin) {
  double worst = 0;
  for (int k = -500000; k < 500000; ++k) {
    const float x = static_cast<float>(k) / 1000000.0f;
    worst = std::max(worst, std::fabs(tala::dsp::sin_turns_reduced(x) - std::sin(kTwoPi * x)));
  }
  BOOST_TEST_MESSAGE("sine error " << worst);
  BOOST_CHECK_LT(worst, 3e-7);  // a few float ulps near 1
}

BOOST_AUTO_TEST_CASE(exp2_saturates_beyond_the_range_of_double) {
  BOOST_CHECK_EQUAL(tala::dsp::exp2(10.0), 1024.0);
  BOOST_CHECK(std::isinf(tala::dsp::exp2(3.6e32)));  // note 3.6e32 (found by the language fuzzer)
  BOOST_CHECK(std::isinf(tala::dsp::midi_to_hz(3.6e32)));
  BOOST_CHECK_EQUAL(tala::dsp::exp2(-3.6e32), 0.0);
  BOOST_CHECK(std::isnan(tala::dsp::exp2(std::nan(""))));
}

BOOST_AUTO_TEST_CASE(steady_sine_follows_its_phase_for_seconds) {
  const auto out = render_source("out: sinosc 1000", 48000 * 4);
  double worst = 0;
  for (std::size_t i = 0; i < out.left.size(); ++i) {
    const double phase = std::fmod(1000.0 * static_cast<double>(i) / 48000.0, 1.0);
    worst = std::max(worst, std::fabs(out.left[i] - std::sin(kTwoPi * phase)));
  }
  BOOST_CHECK_LT(worst, 1e-6);
}

BOOST_AUTO_TEST_CASE(moving_pitch_agrees_with_a_steady_one_within_its_vibrato) {
  // 1000 Hz plus a vibrato of depth 1e-3 Hz: every block's frequencies differ,
  // so the oscillator sums its phase frame by frame rather than taking the
  // steady path; the two must differ by no more than the vibrato itself makes.
  const auto moving = render_source("out: sinosc (sinosc 3 * 0.001 + 1000)", 48000);
  const auto steady = render_source("out: sinosc 1000", 48000);
  const double d = max_difference(moving.left, steady.left);
  BOOST_TEST_MESSAGE("moving vs steady: " << d);
  BOOST_CHECK_GT(d, 0.0);   // the vibrato is heard
  BOOST_CHECK_LT(d, 1e-3);  // phase drift of the vibrato alone: < 2 pi * 1e-3 / (2 pi 3)
}

BOOST_AUTO_TEST_CASE(steady_saw_repeats_every_period) {
  const auto out = render_source("out: sawosc 1000", 4800);  // 48 samples per cycle
  double worst = 0, peak = 0;
  for (std::size_t i = 0; i + 48 < out.left.size(); ++i) {
    worst = std::max(worst, std::fabs(double(out.left[i]) - out.left[i + 48]));
    peak = std::max(peak, std::fabs(double(out.left[i])));
  }
  BOOST_CHECK_LT(worst, 1e-4);
  BOOST_CHECK_GT(peak, 0.8);
}

BOOST_AUTO_TEST_CASE(a_pulse_reads_inside_its_table_when_phase_minus_width_rounds_to_a_whole_period) {
  // 0.3 - 0.30000000000000004 + 1 is 1.0 in double: the falling saw's phase must wrap to 0, not read
  // one frame past the table (the language fuzzer's finding; the sanitizer build catches the read).
  const double dt = 110.0 / 48000;
  const double edge = tala::dsp::waveform(tala::dsp::Waveform::Square, 0.3, dt, 0.30000000000000004);
  const double near = tala::dsp::waveform(tala::dsp::Waveform::Square, 0.3, dt, 0.3);
  BOOST_TEST(std::isfinite(edge));
  BOOST_TEST(std::fabs(edge - near) < 1e-6);
}

BOOST_AUTO_TEST_CASE(mono_sums_reach_both_channels_and_stereo_nodes) {
  const auto sum = render_source("out: (sinosc 440 + sinosc 660) * 0.5", 4800);
  BOOST_CHECK(sum.left == sum.right);
  BOOST_CHECK_GT(max_difference(sum.left, std::vector<float>(sum.left.size(), 0.0f)), 0.4);
  // A mono source into pan: the left side only.
  const auto panned = render_source("out: sinosc 440 # pan 0", 4800);
  BOOST_CHECK_GT(max_difference(panned.left, std::vector<float>(4800, 0.0f)), 0.5);
  BOOST_CHECK_LT(max_difference(panned.right, std::vector<float>(4800, 0.0f)), 1e-6);
}
