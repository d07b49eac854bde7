// Sample voices: sample-accurate onsets, speed (negative plays backwards),
// begin/end, cut groups, and unknown sounds reported once.
#define BOOST_TEST_MODULE sampler
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "dsp/samples.hpp"
#include "pattern/value.hpp"
#include "support/render.hpp"

using tala::test::compile_source;
using tala::test::render;

namespace {

std::vector<float> render_source(const std::string& source, int frames, std::vector<std::string>* errors = nullptr) {
  tala::Engine e(tala::EngineConfig{});
  BOOST_REQUIRE(e.submit(compile_source(source, e.program_config())));
  auto out = render(e, frames).left;
  if (errors) *errors = e.take_errors();
  return out;
}

std::size_t last_nonzero(const std::vector<float>& x) {
  for (std::size_t i = x.size(); i-- > 0;) {
    if (x[i] != 0) return i;
  }
  return 0;
}

double energy(const std::vector<float>& x) {
  double e = 0;
  for (float v : x) e += static_cast<double>(v) * v;
  return e;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_sample_starts_on_its_exact_frame) {
  // cps 1: "~ bd" starts the kick at frame 24000, mid-block.
  const auto x = render_source("cps 1\nout: s \"~ bd\"", 48000);
  for (std::size_t i = 0; i < 24000; ++i) BOOST_REQUIRE_EQUAL(x[i], 0.0f);
  // From there on, the kick as it sounds when it starts at frame 0 (a frame
  // early or late would shift it by one).
  const auto at_0 = render_source("cps 1\nout: s \"bd ~\"", 24000);
  BOOST_CHECK_NE(at_0[0], 0.0f);
  BOOST_CHECK(std::equal(at_0.begin(), at_0.end(), x.begin() + 24000));
}

BOOST_AUTO_TEST_CASE(speed_changes_length_and_negative_speed_plays_backwards) {
  const std::size_t kick = tala::builtin_kit().find(tala::intern("bd"), 0)->frames();
  const auto normal = render_source("cps 0.25\nout: s \"bd\"", 96000);
  const auto fast = render_source("cps 0.25\nout: s \"bd\" # speed 2", 96000);
  const auto octave = render_source("cps 0.25\nout: s \"bd\" # note 12", 96000);
  BOOST_CHECK_LE(last_nonzero(normal), kick);
  BOOST_CHECK_GE(last_nonzero(normal), kick - 10);
  BOOST_CHECK_LE(last_nonzero(fast), kick / 2);
  BOOST_CHECK_GE(last_nonzero(fast), kick / 2 - 10);
  BOOST_CHECK(fast == octave);  // note 12 is speed 2
  const auto backwards = render_source("cps 0.25\nout: s \"bd\" # speed -1", 96000);
  // Backwards, the loud attack comes last.
  double early = 0, late = 0;
  for (std::size_t i = 0; i < kick / 4; ++i) early += std::fabs(backwards[i]);
  for (std::size_t i = kick - kick / 4; i < kick; ++i) late += std::fabs(backwards[i]);
  BOOST_CHECK_GT(late, 4 * early);
}

BOOST_AUTO_TEST_CASE(begin_and_end_play_part_of_the_sample) {
  const std::size_t kick = tala::builtin_kit().find(tala::intern("bd"), 0)->frames();
  const auto half = render_source("cps 0.25\nout: s \"bd\" # begin 0.5", 96000);
  BOOST_CHECK_LE(last_nonzero(half), kick / 2 + 1);
  const auto quarter = render_source("cps 0.25\nout: s \"bd\" # end 0.25", 96000);
  BOOST_CHECK_LE(last_nonzero(quarter), kick / 4 + 1);
}

BOOST_AUTO_TEST_CASE(a_cut_group_stops_the_previous_voice) {
  // Open hats 1/8 cycle apart overlap; in a cut group each stops the last.
  const auto open = render_source("cps 1\nout: s \"oh*8\" # gain 0.2", 48000);
  const auto cut = render_source("cps 1\nout: s \"oh*8\" # cut 1 # gain 0.2", 48000);
  BOOST_CHECK_LT(energy(cut), 0.8 * energy(open));
  BOOST_CHECK_GT(energy(cut), 0.1 * energy(open));
  // Two groups: the fourth hat (group 1) is not cut by the fifth (group 2) and rings on.
  const auto two = render_source("cps 1\nout: s \"oh*8\" # cut \"1 2\" # gain 0.2", 48000);
  BOOST_CHECK_GT(energy(two), 1.02 * energy(cut));
  BOOST_CHECK_LT(energy(two), 0.95 * energy(open));
}

BOOST_AUTO_TEST_CASE(an_unknown_sound_is_silent_and_reported_once) {
  std::vector<std::string> errors;
  const auto x = render_source("d1: s \"nope*4 bd\"", 96000, &errors);
  BOOST_CHECK_GT(energy(x), 0.0);  // bd still plays
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_CHECK_EQUAL(errors[0], "d1/voices1: unknown sound 'nope' (it plays silence)");
}

BOOST_AUTO_TEST_CASE(stealing_fades_instead_of_clicking) {
  // Sixteen long sine notes per cycle and room for four: each new note steals
  // the oldest, which fades over 5 ms. A hard cut would jump by up to 0.3.
  tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
  auto config = e.program_config();
  config.max_voices = 4;
  BOOST_REQUIRE(
      e.submit(compile_source("cps 1\nout: s \"sine*16\" # note \"31 38 43 47\" # legato 8 # attack 0.001", config)));
  const auto x = render(e, 48000).left;
  BOOST_CHECK_LT(tala::test::max_step(x), 0.05f);
  // Four voices at most: the level stays below 4 x 0.3.
  float peak = 0;
  for (float v : x) peak = std::max(peak, std::fabs(v));
  BOOST_CHECK_LE(peak, 4 * 0.3f + 0.01f);
  BOOST_CHECK_GT(peak, 0.3f);
}

BOOST_AUTO_TEST_CASE(synth_voices_follow_their_adsr_envelope) {
  // cps 0.5, one note lasting 1 s (then 1 s of rest): attack 0.1 s, decay
  // 0.1 s to 0.5, held to the end of the event, then released over 0.2 s.
  const auto x =
      render_source("cps 0.5\nout: s \"sine ~\" # note 69 # attack 0.1 # decay 0.1 # sustain 0.5 # release 0.2", 72000);
  auto peak_near = [&](double seconds) {  // the largest sample within one 440 Hz period
    float p = 0;
    const auto at = static_cast<std::size_t>(seconds * 48000);
    for (std::size_t i = at; i < at + 110; ++i) p = std::max(p, std::fabs(x[i]));
    return p;
  };
  const float full = 0.3f;                                // a synth voice at gain 1
  BOOST_CHECK_CLOSE(peak_near(0.05), 0.5f * full, 5.0);   // half way up the attack
  BOOST_CHECK_CLOSE(peak_near(0.1), 1.0f * full, 3.0);    // the peak
  BOOST_CHECK_CLOSE(peak_near(0.15), 0.75f * full, 3.0);  // half way down the decay
  BOOST_CHECK_CLOSE(peak_near(0.6), 0.5f * full, 3.0);    // sustained
  BOOST_CHECK_CLOSE(peak_near(1.1), 0.25f * full, 5.0);   // half way through the release
  BOOST_CHECK_EQUAL(peak_near(1.25), 0.0f);               // done
}

namespace {

// A sample holding `level` for a second: what sounds is the sum of the levels playing.
std::shared_ptr<const tala::SampleBuffer> constant(float level) {
  auto b = std::make_shared<tala::SampleBuffer>();
  b->left.assign(48000, level);
  b->mono = true;
  return b;
}

}  // namespace

BOOST_AUTO_TEST_CASE(stealing_takes_the_oldest_voice_even_across_a_hot_swap) {
  // Room for two; a, b and c start 1/4 cycle apart and would each play for a
  // whole cycle. When c starts, a (the oldest) fades out: b + c sound.
  tala::SampleBank bank;
  bank.add("a", constant(0.1f));
  bank.add("b", constant(0.2f));
  bank.add("c", constant(0.4f));
  for (const bool swap : {false, true}) {
    BOOST_TEST_CONTEXT((swap ? "with" : "without") << " a hot swap between b and c") {
      tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
      auto config = e.program_config();
      config.max_voices = 2;
      config.samples = &bank;
      const std::string source = "cps 1\nout: s \"a b c ~\"";
      BOOST_REQUIRE(e.submit(compile_source(source, config)));
      const auto first = render(e, 18048).left;
      BOOST_CHECK_CLOSE(first[6000], 0.1f, 0.01);
      BOOST_CHECK_CLOSE(first[18000], 0.3f, 0.01);
      // The new program takes over the old one's voices, oldest first still.
      if (swap) BOOST_REQUIRE(e.submit(compile_source(source, config)));
      const auto then = render(e, 30000).left;
      BOOST_CHECK_CLOSE(then[20000 - 18048], 0.3f, 0.01);
      BOOST_CHECK_CLOSE(then[30000 - 18048], 0.6f, 0.01);  // b + c: a was stolen
    }
  }
}

BOOST_AUTO_TEST_CASE(a_full_fade_room_lets_the_longest_faded_voice_go) {
  // Room for 300 voices and 213 onsets a block, each stealing one that has
  // sounded: about 400 voices fade at once, more than the room for fades (256).
  tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
  auto config = e.program_config();
  config.max_voices = 300;
  BOOST_REQUIRE(e.submit(compile_source("cps 20\nout: s \"sine*4000\" # note 60 # legato 80 # gain 0.01", config)));
  const auto x = render(e, 48000).left;
  float peak = 0;
  for (float v : x) {
    BOOST_REQUIRE(std::isfinite(v));
    peak = std::max(peak, std::fabs(v));
  }
  BOOST_CHECK_GT(peak, 0.0f);
  BOOST_CHECK_LE(peak, (300 + 256) * 0.01f * 0.3f);
}
