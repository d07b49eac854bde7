// After a loud burst, every node with memory (filters, ladder, delay, reverb,
// compressor, slew, envelopes) decays to exact zeros: no subnormal float ever
// leaves it. Subnormals are what make a silent tail slow (x86 takes a
// microcode assist per operation, and wasm has no flush-to-zero mode), so
// the feedback paths flush tiny values themselves; this checks they do.
#define BOOST_TEST_MODULE dsp_denormal
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "support/render.hpp"

BOOST_AUTO_TEST_CASE(silence_after_a_burst_never_holds_subnormals) {
  // cps 1: a full-scale noise burst for 1/16 s in the first cycle only, then
  // silence: 15/16 s, and ten more seconds.
  const std::vector<std::string> effects = {
      "# lpf 800 0.9",      "# hpf 800 0.9",
      "# bpf 1000 0.9",     "# notch 1000 0.5",
      "# ladder 800 0.9",   "# delay 0.1 0.9",
      "# room 0.8 0.9 0.2", "# comp (-30) 10",
      "# slew 0.5",         "# shape 0.5 # crush 8 # coarse 4",
  };
  for (const auto& effect : effects) {
    BOOST_TEST_CONTEXT(effect) {
      tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
      const std::string source = "cps 1\nout: noise * \"<[1 0@15] 0!1000>\" " + effect;
      BOOST_REQUIRE(e.submit(tala::test::compile_source(source, e.program_config())));
      const auto burst = tala::test::render(e, 48000);
      double energy = 0;
      for (float x : burst.left) energy += double(x) * x;
      BOOST_CHECK_GT(energy, 1e-4);  // it did sound
      const auto tail = tala::test::render(e, 10 * 48000);
      std::size_t subnormal = 0;
      for (std::size_t i = 0; i < tail.left.size(); ++i) {
        subnormal += std::fpclassify(tail.left[i]) == FP_SUBNORMAL;
        subnormal += std::fpclassify(tail.right[i]) == FP_SUBNORMAL;
      }
      BOOST_CHECK_EQUAL(subnormal, 0u);
      // And the tail has decayed below -180 dB (the reverb's 3.5 s RT60 is the slowest).
      BOOST_CHECK_LT(std::fabs(tail.left.back()), 1e-9f);
    }
  }
  // The envelopes on a gate that opened once.
  for (const std::string env : {"adsr \"<[1 0@15] 0!1000>\" 0.01 0.1 0.5 0.3", "perc \"<[1 0@15] 0!1000>\" 0.01 0.3"}) {
    tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
    BOOST_REQUIRE(e.submit(tala::test::compile_source("cps 1\nout: noise * " + env, e.program_config())));
    tala::test::render(e, 48000);
    const auto tail = tala::test::render(e, 48000);
    BOOST_CHECK_EQUAL(tail.left.back(), 0.0f);
  }
}
