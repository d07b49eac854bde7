// The built-in kit: every sound the DSP issue names, four variants each,
// audible, peak-normalised and the same on every run.
#define BOOST_TEST_MODULE dsp_kit
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "dsp/samples.hpp"
#include "pattern/value.hpp"

BOOST_AUTO_TEST_CASE(every_sound_has_four_audible_variants) {
  const auto& kit = tala::builtin_kit();
  for (const char* name : {"bd", "sn", "hh", "oh", "cp", "rim", "lt", "mt", "ht", "cb", "cr", "808bd", "808sd", "808lt",
                           "808mt", "808ht", "808oh", "808hc"}) {
    for (int n = 0; n < 4; ++n) {
      const tala::SampleBuffer* b = kit.find(tala::intern(name), n);
      BOOST_REQUIRE_MESSAGE(b, name << ":" << n << " is missing");
      float peak = 0;
      for (float x : b->left) peak = std::max(peak, std::fabs(x));
      BOOST_CHECK_CLOSE(peak, 0.9f, 0.01);
      BOOST_CHECK_GT(b->frames(), 1000u);
      BOOST_CHECK(b->mono && b->right.empty());
    }
    // Variants differ, and n wraps around as in Tidal (bd:4 is bd:0).
    BOOST_CHECK(kit.find(tala::intern(name), 0)->left != kit.find(tala::intern(name), 1)->left);
    BOOST_CHECK_EQUAL(kit.find(tala::intern(name), 4), kit.find(tala::intern(name), 0));
    BOOST_CHECK_EQUAL(kit.find(tala::intern(name), -1), kit.find(tala::intern(name), 3));
  }
  BOOST_CHECK(!kit.find(tala::intern("nope"), 0));
}

BOOST_AUTO_TEST_CASE(a_kick_falls_in_pitch_and_a_hat_is_bright) {
  const auto& kit = tala::builtin_kit();
  // Zero crossings per 10 ms: the kick's early cycles are faster than its late ones.
  auto crossings = [](const std::vector<float>& x, std::size_t from, std::size_t n) {
    int c = 0;
    for (std::size_t i = from + 1; i < from + n; ++i) c += (x[i - 1] < 0) != (x[i] < 0);
    return c;
  };
  const auto& bd = kit.find(tala::intern("bd"), 0)->left;
  BOOST_CHECK_GT(crossings(bd, 0, 4800), crossings(bd, 9600, 4800));
  const auto& hh = kit.find(tala::intern("hh"), 0)->left;
  BOOST_CHECK_GT(crossings(hh, 0, 480), 100);  // > 5 kHz worth of zero crossings
}

BOOST_AUTO_TEST_CASE(a_render_builds_only_the_sounds_it_names_with_the_same_samples) {
  // `tala render` asks for the sounds whose names a program's text holds.
  const auto& kit = tala::builtin_kit();
  const tala::SampleBank some =
      tala::builtin_kit_sounds([](const std::string& name) { return name == "bd" || name == "cr"; });
  BOOST_TEST(some.sounds().size() == 2u);
  for (const char* name : {"bd", "cr"}) {
    for (int n = 0; n < 4; ++n) {
      BOOST_REQUIRE(some.find(tala::intern(name), n));
      BOOST_TEST(some.find(tala::intern(name), n)->left == kit.find(tala::intern(name), n)->left);
    }
  }
  BOOST_TEST(!some.find(tala::intern("sn"), 0));
  BOOST_TEST(tala::builtin_kit_sounds([](const std::string&) { return false; }).sounds().empty());
}
