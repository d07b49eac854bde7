// How long an offline render is, and what it writes: the outputs a graph uses, in order, as
// interleaved channel pairs, whatever the number of frames (the interleave
// goes a tile of frames at a time).
#define BOOST_TEST_MODULE engine_render_plan
#include "engine/render_plan.hpp"

#include <boost/test/unit_test.hpp>
#include <limits>
#include <vector>

BOOST_AUTO_TEST_CASE(outputs_interleave_as_channel_pairs_for_any_frame_count) {
  const std::vector<std::size_t> used = {0, 2, 3, 7};  // out, out2, out3, out7
  for (int frames : {1, 31, 32, 33, 77, 128}) {
    // Planar channels of 8 pairs; sample i of channel c is c * 1000 + i.
    std::vector<std::vector<float>> planar(16, std::vector<float>(static_cast<std::size_t>(frames)));
    std::vector<const float*> channels;
    for (std::size_t c = 0; c < planar.size(); ++c) {
      for (int i = 0; i < frames; ++i) planar[c][static_cast<std::size_t>(i)] = static_cast<float>(c * 1000 + i);
      channels.push_back(planar[c].data());
    }
    // All four outputs, then the middle two alone (as --split writes one of them).
    for (auto [first, count] : {std::pair<std::size_t, std::size_t>{0, 4}, {1, 2}}) {
      std::vector<float> out(2 * count * static_cast<std::size_t>(frames) + 1, -1.0f);
      tala::interleave_outputs(channels.data(), used, first, count, frames, out.data());
      for (int i = 0; i < frames; ++i) {
        for (std::size_t u = 0; u < count; ++u) {
          for (std::size_t side = 0; side < 2; ++side) {
            const float expected =
                static_cast<float>((2 * used[first + u] + side) * 1000 + static_cast<std::size_t>(i));
            BOOST_TEST_REQUIRE(out[static_cast<std::size_t>(i) * 2 * count + 2 * u + side] == expected,
                               "frame " << i << " of " << frames << ", output " << u << ", side " << side);
          }
        }
      }
      BOOST_TEST(out.back() == -1.0f);  // nothing past the last frame
    }
  }
}

BOOST_AUTO_TEST_CASE(a_render_lasts_its_seconds_or_its_cycles_at_the_tempo) {
  using tala::render_frames;
  BOOST_CHECK_EQUAL(render_frames(1.5, std::nullopt, 0.5, 48000), 72000);
  BOOST_CHECK_EQUAL(render_frames(std::nullopt, 3, 0.5, 44100), 264600);
  BOOST_CHECK_EQUAL(render_frames(std::nullopt, std::nullopt, 2, 48000), 192000);  // 8 cycles
  // The most cycles at the slowest tempo the loader takes: 10^12 s, still a count of frames.
  BOOST_CHECK_EQUAL(render_frames(std::nullopt, 1000000, tala::kMinCps, 48000), 48000000000000000);
  // Past int64's frames (a tempo of 5e-324 made this infinite: undefined behaviour, the wasm_abi
  // fuzzer, session 10): the largest, which every caller refuses.
  BOOST_CHECK_EQUAL(render_frames(std::nullopt, 1000, 5e-324, 48000), std::numeric_limits<std::int64_t>::max());
  BOOST_CHECK_EQUAL(render_frames(1e15, std::nullopt, 0.5, 384000), std::numeric_limits<std::int64_t>::max());
}
