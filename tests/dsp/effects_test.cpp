// Distortion, delay and reverb, measured: shape's transfer curve, crush's levels,
// coarse's held samples, the reverb's decay and stereo spread.
#define BOOST_TEST_MODULE dsp_effects
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <set>

#include "lang/compile.hpp"
#include "support/render.hpp"

namespace {

std::vector<float> render_left(const std::string& source, int frames, std::vector<float>* right = nullptr) {
  tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
  BOOST_REQUIRE(e.submit(tala::test::compile_source(source, e.program_config())));
  auto s = tala::test::render(e, frames);
  if (right) *right = s.right;
  return s.left;
}

double rms(const std::vector<float>& x, std::size_t from, std::size_t to) {
  double s = 0;
  for (std::size_t i = from; i < to; ++i) s += double(x[i]) * x[i];
  return std::sqrt(s / double(to - from));
}

}  // namespace

BOOST_AUTO_TEST_CASE(shape_follows_its_transfer_curve) {
  // A slow ramp from -1 to 1 through shape 0.5 (k = 2): y = 3x / (1 + 2|x|).
  const auto x = render_left("out: (sawosc 1 * 0.999) # shape 0.5", 48000);
  const auto dry = render_left("out: sawosc 1 * 0.999", 48000);
  for (std::size_t i = 100; i < 48000; i += 997) {
    const double in = dry[i];
    BOOST_CHECK_CLOSE(x[i] + 1e-9, 3 * in / (1 + 2 * std::fabs(in)) + 1e-9, 0.01);
  }
}

BOOST_AUTO_TEST_CASE(crush_leaves_two_to_the_bits_levels) {
  const auto x = render_left("out: sinosc 50 * 0.9 # crush 3", 4800);
  std::set<float> levels(x.begin(), x.end());
  BOOST_CHECK_LE(levels.size(), 9u);  // -4/4 .. 4/4 in steps of 1/4
  BOOST_CHECK_GE(levels.size(), 7u);  // and a 0.9 sine reaches at least -3/4 .. 3/4 of them
  BOOST_CHECK_GE(*levels.rbegin(), 0.75f);
  BOOST_CHECK_LE(*levels.begin(), -0.75f);
  for (float v : levels) BOOST_CHECK_CLOSE(v * 4 + 100, std::round(v * 4) + 100, 1e-6);
}

BOOST_AUTO_TEST_CASE(coarse_holds_each_sample) {
  const auto x = render_left("out: noise * 0.5 # coarse 4", 4800);
  for (std::size_t i = 0; i + 4 <= x.size(); i += 4) {
    BOOST_CHECK_EQUAL(x[i], x[i + 1]);
    BOOST_CHECK_EQUAL(x[i], x[i + 3]);
  }
  BOOST_CHECK_NE(x[0], x[4]);
}

BOOST_AUTO_TEST_CASE(reverb_decays_longer_in_a_bigger_room_and_spreads_in_stereo) {
  // A click (1 frame at cps 1), then the reverb tail alone.
  const std::string click = "cps 1\n~imp: \"1 0@47999\"\nout: ~imp # room 1 ";
  std::vector<float> right;
  const auto small = render_left(click + "0.1", 96000);
  const auto big = render_left(click + "0.9", 96000, &right);
  // Energy left after 0.5 s, relative to the first 0.1 s.
  const double small_tail = rms(small, 24000, 48000) / rms(small, 0, 4800);
  const double big_tail = rms(big, 24000, 48000) / rms(big, 0, 4800);
  BOOST_CHECK_GT(big_tail, 5 * small_tail);
  BOOST_CHECK_GT(rms(big, 24000, 48000), 1e-4);
  for (float v : big) BOOST_REQUIRE(std::isfinite(v));
  // Left and right are different mixes of the lines.
  double dot = 0, ll = 0, rr = 0;
  for (std::size_t i = 4800; i < 48000; ++i)
    dot += double(big[i]) * right[i], ll += double(big[i]) * big[i], rr += double(right[i]) * right[i];
  BOOST_CHECK_LT(std::fabs(dot / std::sqrt(ll * rr)), 0.5);
}

// The echo alone (`delayed`) is its input moved by time x rate frames. A whole number of frames reads
// the input's own bits, also across the ring's end (4 s and two blocks: 192,256 frames).
BOOST_AUTO_TEST_CASE(delayed_moves_its_input_by_its_time) {
  const int frames = 200000;
  const auto dry = render_left("out: sinosc 441 * 0.5", frames);
  const auto wet = render_left("out: sinosc 441 * 0.5 # delayed 0.0078125 0 1", frames);  // 2^-7 s: 375 frames
  int wrong = 0;
  for (int n = 0; n < frames; ++n) wrong += wet[n] != (n >= 375 ? dry[n - 375] : 0.0f);
  BOOST_CHECK_EQUAL(wrong, 0);
  BOOST_CHECK_GT(rms(wet, 0, wet.size()), 0.3);
}

// A time that moves reads between frames, linearly, each frame at its own time.
BOOST_AUTO_TEST_CASE(a_moving_delay_time_reads_between_frames) {
  const int frames = 200000;
  const std::string time = "(sinosc 3 * 0.002 + 0.0105)";
  const auto dry = render_left("out: sinosc 441 * 0.5", frames);
  const auto times = render_left("out: " + time, frames);
  const auto wet = render_left("out: sinosc 441 * 0.5 # delayed " + time + " 0 1", frames);
  double worst = 0;
  for (int n = 1000; n < frames; ++n) {
    const double pos = n - static_cast<double>(times[n]) * 48000.0;
    const auto i0 = static_cast<std::size_t>(pos);
    const double f = pos - static_cast<double>(i0);
    worst = std::max(worst, std::fabs(wet[n] - (dry[i0] * (1 - f) + dry[i0 + 1] * f)));
  }
  BOOST_CHECK_LT(worst, 1e-6);
  BOOST_CHECK_GT(rms(wet, 0, wet.size()), 0.3);
}

BOOST_AUTO_TEST_CASE(an_effect_with_two_arguments_after_a_sound_filters_its_line) {
  // `lpf 300` alone is a sound parameter (a filter per voice); with a resonance
  // too it is an lpf node reading the line's mixed voices.
  const std::string source = "cps 1\nout: s \"hh*4\" # lpf 300 0.1";
  const auto graph = tala::lang::graph_of(source);
  BOOST_REQUIRE_EQUAL(graph["nodes"].size(), 2u);
  BOOST_CHECK_EQUAL(graph["nodes"][1]["type"], "lpf");
  BOOST_CHECK_EQUAL(graph["nodes"][1]["params"]["in"]["node"], graph["nodes"][0]["id"]);
  BOOST_CHECK_EQUAL(graph["nodes"][0]["type"], "voices");
  const auto bright = render_left("cps 1\nout: s \"hh*4\"", 48000);
  const auto dark = render_left(source, 48000);
  BOOST_CHECK_LT(rms(dark, 0, 48000), 0.3 * rms(bright, 0, 48000));
  BOOST_CHECK_GT(rms(dark, 0, 48000), 0.0);
}

BOOST_AUTO_TEST_CASE(slew_turns_a_step_into_a_ramp) {
  // A step from 0 to 0.5 at frame 24000 (cps 1, "0 1" times 0.5). `slew 0.2`
  // lets a change of 1 take 0.2 s, so this one ramps linearly over 0.1 s (4800 frames).
  const auto x = render_left("cps 1\n~step: \"0 1\"\nout: ~step * 0.5 # slew 0.2", 48000);
  BOOST_CHECK_EQUAL(x[23999], 0.0f);
  BOOST_CHECK_CLOSE(x[24000 + 2400], 0.25f, 0.5);  // half way up (the ramp rate is 1 per 0.2 s)
  BOOST_CHECK_CLOSE(x[24000 + 4800], 0.5f, 0.5);
  BOOST_CHECK_CLOSE(x[47999], 0.5f, 0.01);
}

BOOST_AUTO_TEST_CASE(sample_and_hold_takes_the_input_at_each_rise) {
  // A 100 Hz square (sqrosc) triggers sampling of a ramp: the output steps 100 times a second.
  const auto x = render_left("out: sawosc 1 * 0.5 # sah (sqrosc 100)", 48000);
  std::set<float> values(x.begin(), x.end());
  BOOST_CHECK_GE(values.size(), 99u);
  BOOST_CHECK_LE(values.size(), 102u);
  // The square's first sample is 0 (band-limited edge), so the first rise is at
  // frame 1; from there one value holds for (nearly) a period of 480 frames.
  BOOST_CHECK_EQUAL(x[0], 0.0f);
  for (std::size_t i = 2; i < 470; ++i) BOOST_CHECK_EQUAL(x[i], x[1]);
  BOOST_CHECK_NE(x[500], x[1]);
}
