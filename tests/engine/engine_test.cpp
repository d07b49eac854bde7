// The compiled program and the engine: sound, stages and buffers, sample-
// accurate onsets, hot swap with state kept, cross-fades, rollback on error.
#define BOOST_TEST_MODULE engine
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>

#include "dsp/math.hpp"
#include "engine/clock.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"
#include "support/render.hpp"
#include "util/error.hpp"

using tala::Engine;
using tala::EngineConfig;
using tala::Rational;
using tala::test::compile_source;
using tala::test::max_step;
using tala::test::render;

namespace {

double rms(const std::vector<float>& x) {
  double s = 0;
  for (float v : x) s += static_cast<double>(v) * v;
  return std::sqrt(s / static_cast<double>(x.size()));
}

int rising_zero_crossings(const std::vector<float>& x) {
  int n = 0;
  for (std::size_t i = 1; i < x.size(); ++i) n += (x[i - 1] < 0 && x[i] >= 0);
  return n;
}

// A program of `source` at exactly `cps` cycles per second, which the language's decimals may not reach.
std::unique_ptr<tala::Program> at_tempo(const std::string& source, const Rational& cps, const Engine& e) {
  tala::GraphDef g = tala::load_graph(tala::lang::graph_of(source));
  g.cps = cps;
  return tala::Program::compile(g, e.program_config());
}

std::unique_ptr<Engine> engine_with(const std::string& source) {
  auto e = std::make_unique<Engine>(EngineConfig{});
  BOOST_REQUIRE(e->submit(compile_source(source, e->program_config())));
  return e;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_sine_oscillator_sounds_at_its_frequency) {
  Engine e(EngineConfig{});
  BOOST_REQUIRE(e.submit(compile_source("out: sinosc 440 * 0.5", e.program_config())));
  const auto s = render(e, 48000);
  // Starting at phase 0, one second holds rising crossings at k/440 s for k = 1..439.
  BOOST_CHECK_EQUAL(rising_zero_crossings(s.left), 439);
  BOOST_CHECK_CLOSE(rms(s.left), 0.5 * std::sqrt(0.5), 0.1);
  BOOST_CHECK(s.left == s.right);
}

BOOST_AUTO_TEST_CASE(stages_follow_dependencies_and_buffers_are_reused) {
  // A chain of 8 gains: 9 stages, but only a few buffers (each freed after its reader).
  std::string source = "out: sinosc 220";
  for (int i = 0; i < 8; ++i) source += " # gain 0.9";
  const auto p = compile_source(source);
  BOOST_CHECK_EQUAL(p->node_count(), 9u);
  BOOST_CHECK_EQUAL(p->stage_count(), 9u);
  // 2 alternating node buffers + constants (0.9, 220, default 1) + silence < 9 node outputs.
  BOOST_CHECK_LE(p->buffer_count(), 6u);
  // Independent sources share stage 0; their chain of adds is one sum node after them.
  const auto mix = compile_source("out: sinosc 220 + sawosc 110 + triosc 55");
  BOOST_CHECK_EQUAL(mix->node_count(), 4u);
  BOOST_CHECK_EQUAL(mix->stage_count(), 2u);
}

BOOST_AUTO_TEST_CASE(voice_onsets_are_sample_accurate) {
  // cps 1 at 48 kHz: four notes start at frames 0, 12000, 24000, 36000 exactly,
  // although 12000 is not a multiple of the 128-frame block.
  auto e = engine_with("cps 1\nout: s \"sine*4\" # note 69 # legato 0.5 # release 0.001");
  const auto s = render(*e, 48000);
  for (int k = 0; k < 4; ++k) {
    const std::size_t at = static_cast<std::size_t>(k) * 12000;
    if (k > 0) BOOST_CHECK_EQUAL(s.left[at - 1], 0.0f);  // silent just before (previous note released)
    BOOST_CHECK_EQUAL(s.left[at], 0.0f);                 // the attack starts from zero at its frame
    BOOST_CHECK_NE(s.left[at + 1], 0.0f);
  }
}

BOOST_AUTO_TEST_CASE(reevaluating_unchanged_code_changes_nothing) {
  // Signal nodes, and voices whose lanes have been reordered by voices ending
  // (a voice's lane decides the order its sound is summed in).
  for (const std::string source :
       {"~lfo: range 200 2000 $ slow 4 sine\nout: sawosc \"55 82.5\" # lpf ~lfo 0.5 # delay 0.25 0.5",
        "cps 2\nout: s \"supersaw*8\" # note \"<40 45>\" # legato 3"}) {
    BOOST_TEST_CONTEXT(source) {
      auto a = engine_with(source);
      auto b = engine_with(source);
      const auto first_a = render(*a, 30000), first_b = render(*b, 30000);
      BOOST_REQUIRE(first_a.left == first_b.left);
      BOOST_REQUIRE(b->submit(compile_source(source, b->program_config())));  // re-evaluate b only
      const auto rest_a = render(*a, 48000), rest_b = render(*b, 48000);
      BOOST_CHECK(rest_a.left == rest_b.left);
      BOOST_CHECK(rest_a.right == rest_b.right);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_changed_node_keeps_its_phase) {
  // The oscillator (same id, same line) keeps its phase when the gain after it changes:
  // no jump larger than the signal's own largest step.
  auto e = engine_with("out: sinosc 440 # gain 0.5");
  const auto before = render(*e, 4000);
  BOOST_REQUIRE(e->submit(compile_source("out: sinosc 440 # gain 0.6", e->program_config())));
  const auto after = render(*e, 4000);
  std::vector<float> joined = before.left;
  joined.insert(joined.end(), after.left.begin(), after.left.end());
  const float own_step = 0.6f * static_cast<float>(2 * M_PI * 440 / 48000);
  BOOST_CHECK_LE(max_step(joined), own_step * 1.05f);
}

BOOST_AUTO_TEST_CASE(a_changed_output_crossfades) {
  // Replacing the sound entirely: the output fades over ~5 ms instead of jumping.
  auto e = engine_with("out: sinosc 440");
  const auto before = render(*e, 4001);  // stop mid-block
  BOOST_REQUIRE(e->submit(compile_source("out: sawosc 1000 * 0.5", e->program_config())));
  const auto after = render(*e, 4000);
  std::vector<float> joined = before.left;
  joined.insert(joined.end(), after.left.begin(), after.left.end());
  // The swap happens at the next block boundary (frame 4096) and starts from the old
  // sound: no step there beyond the sine's own (0.058), where a cut could jump by 1.
  BOOST_CHECK_LE(max_step(joined, 4090, 4100), 0.06f);
  // The fade lasts 5 ms (240 frames): then only the saw is heard.
  BOOST_CHECK_GT(rms(std::vector<float>(joined.begin() + 4096 + 240, joined.end())), 0.25);
}

BOOST_AUTO_TEST_CASE(a_program_with_an_error_never_reaches_the_playing_engine) {
  // Compiling is the control thread's job: a mistake throws there, with its
  // position, and the engine plays on as if nothing was typed (the live hosts'
  // side of it is tests/wasm/live_abi.mjs and tests/bad/live.mjs).
  auto first_line = [](const std::string& source) {
    try {
      compile_source(source, tala::ProgramConfig{});
    } catch (const tala::Error& e) {
      const std::string text = tala::format_error(e);
      return text.substr(0, text.find('\n'));
    }
    return std::string("no error");
  };
  auto reference = engine_with("out: sinosc 330");
  const auto whole = render(*reference, 6000).left;
  auto e = engine_with("out: sinosc 330");
  render(*e, 1000);
  const tala::Program* playing = e->current();
  BOOST_REQUIRE(playing);
  BOOST_CHECK_EQUAL(first_line("out: sinosc 330 # lpff 200"),
                    "error: 1:19: unknown function 'lpff' (did you mean 'lpf'?)");
  BOOST_CHECK_EQUAL(first_line("out: ~a\n~a: ~a # lpf 300"),
                    "error: 2:1: feedback loop without a delay: ~a/lpf1 -> ~a/lpf1 (put a delay in the loop)");
  const auto after = render(*e, 5000).left;
  BOOST_CHECK(e->current() == playing);
  BOOST_CHECK(std::vector<float>(whole.begin() + 1000, whole.end()) == after);  // the same sine, phase and all
  BOOST_CHECK_GT(rms(after), 0.5);
}

BOOST_AUTO_TEST_CASE(feedback_through_a_delay_is_allowed_and_stays_finite) {
  auto e = engine_with("out: ~a\n~a: sinosc 220 * 0.1 + ~b\n~b: ~a # delayed 0.05 0.5");
  const auto s = render(*e, 48000);
  for (float x : s.left) BOOST_REQUIRE(std::isfinite(x));
  BOOST_CHECK_GT(rms(s.left), 0.05);
}

BOOST_AUTO_TEST_CASE(a_quantised_swap_waits_for_the_next_cycle) {
  // cps 1: the new program starts at frame 48000 (cycle 1), not at the next block.
  auto e = engine_with("cps 1\nout: sinosc 440 * 0");
  render(*e, 1000);
  BOOST_REQUIRE(e->submit(compile_source("cps 1\nout: sinosc 440", e->program_config()), tala::SwapAt::Cycle));
  const auto s = render(*e, 60000);  // frames 1000 .. 61000: cycle 1 is s[47000]
  BOOST_CHECK_EQUAL(rms(std::vector<float>(s.left.begin(), s.left.begin() + 47000)), 0.0);
  BOOST_CHECK_GT(rms(std::vector<float>(s.left.begin() + 47000, s.left.begin() + 47100)), 0.0);
  BOOST_CHECK_GT(rms(std::vector<float>(s.left.begin() + 48000, s.left.end())), 0.5);
}

BOOST_AUTO_TEST_CASE(more_outputs_go_to_their_own_channels) {
  auto e = engine_with("out: sinosc 440\nout1: sinosc 220 * 0.5");
  std::vector<float> ch[4];
  float* channels[4];
  for (int k = 0; k < 4; ++k) {
    ch[k].resize(4800);
    channels[k] = ch[k].data();
  }
  e->process(channels, 2, 4800);
  BOOST_CHECK_EQUAL(rising_zero_crossings(ch[0]), 43);  // k/440 s, k = 1..43, in 0.1 s
  BOOST_CHECK_EQUAL(rising_zero_crossings(ch[2]), 21);
  BOOST_CHECK_CLOSE(rms(ch[2]), 0.5 * std::sqrt(0.5), 1.0);
}

BOOST_AUTO_TEST_CASE(a_delay_feeds_back_by_its_feedback_of_that_block) {
  // A delay records its input, with the feedback, after the block; by then a
  // later node may have taken over the buffer of the node giving the feedback.
  // A node that works out 0.6 must feed back as the number 0.6 does.
  auto constant = engine_with("out: sawosc 110 * 0.3 # delay 0.01 0.6 0.5");
  auto computed = engine_with("out: sawosc 110 * 0.3 # delay 0.01 (sinosc 3 * 0 + 0.6) 0.5");
  const auto a = render(*constant, 9600);
  const auto b = render(*computed, 9600);
  BOOST_TEST(rms(a.left) > 0.05);
  BOOST_TEST(std::memcmp(a.left.data(), b.left.data(), a.left.size() * sizeof(float)) == 0);
  BOOST_TEST(std::memcmp(a.right.data(), b.right.data(), a.right.size() * sizeof(float)) == 0);
}

BOOST_AUTO_TEST_CASE(a_runaway_pattern_is_stopped_by_the_block_budget) {
  // bd*1e9 would make ~3 million events per 128-frame block: its query stops
  // at QueryBudget::kBlockEvents, d1 is silent, d2 plays on.
  auto e = engine_with("cps 1\nd1: s \"bd*1000000000\"\nd2: sinosc 220 * 0.1");
  const auto s = render(*e, 4800);
  BOOST_CHECK_CLOSE(rms(s.left), 0.1 * std::sqrt(0.5), 2.0);  // d2 alone
  const auto errors = e->take_errors();
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_CHECK_EQUAL(errors[0],
                    "d1/voices1: the pattern makes more than 2000 events in one block (limit: events-per-block)");
}

BOOST_AUTO_TEST_CASE(a_pattern_input_has_one_budget_per_block_not_one_per_chunk) {
  // "440!30000" at cps 1 holds 10 events in each 16-frame chunk and 80 in a
  // 128-frame block. A budget per chunk let "c!99999999" spend 16,000 events
  // in each of a block's eight chunks (80 ms); the block now has one.
  const auto errors_with_budget = [](std::int64_t block_events) {
    Engine e(EngineConfig{});
    auto config = e.program_config();
    config.block_events = block_events;
    BOOST_REQUIRE(e.submit(compile_source("cps 1\nout: sinosc \"440!30000\" * 0.1", config)));
    (void)render(e, 1280);
    return e.take_errors();
  };
  BOOST_CHECK(errors_with_budget(80).empty());
  const auto errors = errors_with_budget(79);
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_CHECK_EQUAL(errors[0],
                    "out/sinosc1: the pattern makes more than 79 events in one block (limit: events-per-block)");
}

BOOST_AUTO_TEST_CASE(any_sample_index_or_cut_group_plays) {
  // Both were converted from double to an integer type even past its range
  // (undefined behaviour: the language fuzzer's UBSan finding, s "8:1e20").
  auto e = engine_with("cps 1\nd1: s \"bd:1e20 bd:-1e20 bd:-3.5\" # cut \"1e20 -1e20 <nan 2>\"");
  const auto s = render(*e, 96000);
  BOOST_CHECK_GT(rms(s.left), 0.01);
}

BOOST_AUTO_TEST_CASE(an_error_while_playing_silences_the_node_and_is_reported) {
  // The gain pattern turns into a word in cycle 1: that block of d1 is silent,
  // d2 plays on, and the error is reported once.
  auto e = engine_with("cps 1\nd1: s \"sine*4\" # note 60 # gain \"<1 loud>\"\nd2: sinosc 220 * 0.1");
  const auto s = render(*e, 96000);
  BOOST_CHECK_GT(rms(std::vector<float>(s.left.begin(), s.left.begin() + 48000)), 0.1);
  BOOST_CHECK_GT(rms(std::vector<float>(s.left.begin() + 48000, s.left.end())), 0.05);
  const auto errors = e->take_errors();
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_CHECK_EQUAL(errors[0], "d1/voices1: cannot use \"loud\" as a number");
  render(*e, 48000);  // the same error again: reported once per program
  BOOST_CHECK(e->take_errors().empty());
}

namespace {
double fake_now = 0;
double fake_clock() { return fake_now += 0.001; }  // each reading: 1 ms later
}  // namespace

BOOST_AUTO_TEST_CASE(per_node_timing_when_switched_on) {
  auto p = compile_source("out: sinosc 440 # lpf 800");
  tala::BlockContext ctx;
  ctx.frames = 128;
  ctx.cycles_per_frame = tala::Rational(1, 96000);
  ctx.cycle_end = ctx.cycle_at(ctx.frames);
  p->process(ctx);
  for (const auto& t : p->profile()) BOOST_CHECK_EQUAL(t.seconds, 0.0);  // off: nothing measured
  p->enable_profile(fake_clock);
  p->process(ctx);
  const auto profile = p->profile();
  BOOST_REQUIRE_EQUAL(profile.size(), 2u);
  for (const auto& t : profile) BOOST_CHECK_CLOSE(t.seconds, 0.001, 1e-6);
  BOOST_CHECK_EQUAL(profile[0].stage + profile[1].stage, 1u);  // stages 0 and 1
}

// The limiter sample by sample, as specified: a NaN or infinity is 0, the gain
// falls at once to keep the peak at the threshold and returns over 50 ms.
// The engine skips this loop where it can; it must give these very floats.
BOOST_AUTO_TEST_CASE(the_limiter_gives_the_floats_of_its_sample_by_sample_definition) {
  const char* source = "out: sinosc 220 * \"3 0.3 <0.5 2> 0.2\" # pan 0.3";
  tala::Engine plain(tala::EngineConfig{48000, 128, 0.005, false});
  BOOST_REQUIRE(plain.submit(compile_source(source, plain.program_config())));
  auto raw = render(plain, 4 * 48000);
  const float release = static_cast<float>(1.0 - tala::dsp::exp2(-1.0 / (0.05 * 48000) / 0.6931471805599453));
  const float threshold = 0.977f;
  float g = 1;
  int resting_below_one = 0;  // frames where the gain is stuck below 1 in float: the skipped loop's x g case
  for (std::size_t i = 0; i < raw.left.size(); ++i) {
    float& l = raw.left[i];
    float& r = raw.right[i];
    if (!std::isfinite(l)) l = 0;
    if (!std::isfinite(r)) r = 0;
    const float peak = std::max(std::fabs(l), std::fabs(r));
    const float target = peak > threshold ? threshold / peak : 1.0f;
    resting_below_one += g < 1 && g + (1.0f - g) * release == g && target == 1.0f;
    g = target < g ? target : g + (1.0f - g) * release;
    l = std::min(1.0f, std::max(-1.0f, l * g));
    r = std::min(1.0f, std::max(-1.0f, r * g));
  }
  BOOST_REQUIRE_GT(resting_below_one, 48000);
  auto limited = engine_with(source);
  const auto out = render(*limited, 4 * 48000);
  BOOST_CHECK(std::memcmp(out.left.data(), raw.left.data(), raw.left.size() * sizeof(float)) == 0);
  BOOST_CHECK(std::memcmp(out.right.data(), raw.right.data(), raw.right.size() * sizeof(float)) == 0);
}

BOOST_AUTO_TEST_CASE(outputs_are_limited_and_always_finite) {
  // Far too loud: the limiter keeps every sample within [-1, 1].
  auto loud = engine_with("out: sinosc 100 * 40");
  const auto s = render(*loud, 48000);
  float peak = 0;
  for (float x : s.left) peak = std::max(peak, std::fabs(x));
  BOOST_CHECK_LE(peak, 1.0f);
  BOOST_CHECK_GT(peak, 0.9f);
  // A node that overflows to infinity is silenced and reported; the output stays finite.
  auto inf = engine_with("out: sinosc 100 * 1e9 * 1e9 * 1e9 * 1e9 * 1e9 + sinosc 440 * 0.1");
  const auto t = render(*inf, 4800);
  for (float x : t.left) BOOST_REQUIRE(std::isfinite(x));
  BOOST_CHECK_GT(rms(t.left), 0.05);  // the quiet sine still plays
  const auto errors = inf->take_errors();
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_CHECK_EQUAL(errors[0], "out/mul5: produced NaN or infinity; silenced and reset");
  // A sum of two finite signals can overflow too: mixing nodes find it while
  // they write the block (OutputCheck::ByNode), in either channel. A chain of
  // adds is one node (a fused sum, named after its last add), silenced whole.
  // (`~big # pan 1` is silent on the left, 2e38 on the right.)
  const std::pair<const char*, const char*> overflows[] = {
      {"~big: sinosc 100 * 1e9 * 1e9 * 1e9 * 1e9 * 300\nout: ~big + ~big", "out/add1"},
      {"~big: sinosc 100 * 1e9 * 1e9 * 1e9 * 1e9 * 150\nout: (~big # pan 1) + (~big # pan 1)", "out/add1"},
      {"~big: sinosc 100 * 1e9 * 1e9 * 1e9 * 1e9 * 300\nout: ~big + ~big + sinosc 440 * 0.1", "out/add2"},
      {"~big: sinosc 100 * 1e9 * 1e9 * 1e9 * 1e9 * 150\nout: sinosc 440 * 0.1 + (~big # pan 1) + (~big # pan 1)",
       "out/add2"},
  };
  for (const auto& [source, node] : overflows) {
    auto sum = engine_with(source);
    const auto u = render(*sum, 4800);
    for (std::size_t i = 0; i < u.left.size(); ++i)
      BOOST_REQUIRE(std::isfinite(u.left[i]) && std::isfinite(u.right[i]));
    const auto sum_errors = sum->take_errors();
    BOOST_REQUIRE_EQUAL(sum_errors.size(), 1u);
    BOOST_CHECK_EQUAL(sum_errors[0], std::string(node) + ": produced NaN or infinity; silenced and reset");
  }
  // Quiet programs pass unchanged: the limiter does nothing below its threshold.
  tala::Engine plain(tala::EngineConfig{48000, 128, 0.005, false});
  BOOST_REQUIRE(plain.submit(compile_source("out: sinosc 440 * 0.5", plain.program_config())));
  auto limited = engine_with("out: sinosc 440 * 0.5");
  BOOST_CHECK(render(plain, 4800).left == render(*limited, 4800).left);
}

// Whole blocks are rendered straight into the caller's channels, other cuts go through the engine's own
// block: the samples are the same either way, through a limited output, a cross-fade and outputs the
// program lacks (zero, whatever the caller's buffers held).
BOOST_AUTO_TEST_CASE(the_samples_do_not_depend_on_how_the_caller_cuts_them) {
  const std::string first = "out: sinosc 440 * 3\nout2: sawosc 110 * 0.3\nout16: sinosc 55";
  const std::string second = "out: sinosc 440 * 3\nout2: sqrosc 220 * 0.3\nout3: sinosc 660 * 0.2";
  const int pairs = static_cast<int>(tala::kOutputCount), total = 9000, swap_at = 24 * 128;
  std::vector<std::vector<float>> results;
  for (const std::vector<int>& cuts : {std::vector<int>{128}, std::vector<int>{37, 300, 1, 133, 128, 64}}) {
    auto e = engine_with(first);
    std::vector<float> all(static_cast<std::size_t>(2 * pairs * total));
    bool swapped = false;
    for (int done = 0, c = 0; done < total; ++c) {
      // Submitted after the block before swap_at is rendered, so that both swap there.
      if (!swapped && done > swap_at - 128 && done <= swap_at) {
        BOOST_REQUIRE(e->submit(compile_source(second, e->program_config())));
        swapped = true;
      }
      const int n = std::min(cuts[static_cast<std::size_t>(c) % cuts.size()], total - done);
      std::vector<std::vector<float>> channels(static_cast<std::size_t>(2 * pairs),
                                               std::vector<float>(static_cast<std::size_t>(n), 7.0f));
      std::vector<float*> pointers;
      for (auto& ch : channels) pointers.push_back(ch.data());
      e->process(pointers.data(), pairs, n);
      for (std::size_t ch = 0; ch < channels.size(); ++ch)
        std::copy(channels[ch].begin(), channels[ch].end(),
                  all.begin() + static_cast<std::ptrdiff_t>(ch * total + static_cast<std::size_t>(done)));
      done += n;
    }
    BOOST_REQUIRE(swapped);
    results.push_back(std::move(all));
  }
  for (std::size_t i = 0; i < results[0].size(); ++i) {
    BOOST_TEST_REQUIRE(std::bit_cast<std::uint32_t>(results[0][i]) == std::bit_cast<std::uint32_t>(results[1][i]),
                       "channel " << i / total << ", frame " << i % total);
  }
  const auto channel = [&](std::size_t c) {
    return std::vector<float>(results[0].begin() + static_cast<std::ptrdiff_t>(c * total),
                              results[0].begin() + static_cast<std::ptrdiff_t>((c + 1) * total));
  };
  const std::vector<float> out = channel(0);
  BOOST_TEST(*std::max_element(out.begin(), out.end()) <= 1.0f);  // limited
  BOOST_TEST(rms(out) > 0.6);
  BOOST_TEST(rms(channel(2)) == 0.0);  // out1: never there
  BOOST_TEST(rms(channel(6)) > 0.05);  // out3: from the swap on
  BOOST_TEST(rms(channel(32)) > 0.3);  // out16: until the swap
}

// Tempos whose fractions share no factor: the clock's denominator used to become their product, and
// the third change overflowed 64-bit fractions on the audio thread (the wasm_abi fuzzer, session 17).
BOOST_AUTO_TEST_CASE(tempo_changes_keep_the_clock_within_64_bit_fractions) {
  Engine e(EngineConfig{});
  const std::int64_t primes[] = {9999991, 9999973, 9999971, 9999943, 9999937, 9999931};
  for (std::size_t i = 0; i < std::size(primes); ++i) {
    // Every other program changes the sound too, so the old one cross-fades at its own tempo.
    const std::string source = i % 2 ? "out: sinosc 220" : "out: s \"sine*8\" # note 60 # release 0.01";
    BOOST_REQUIRE(e.submit(at_tempo(source, Rational(5000000, primes[i]), e)));
    const auto s = render(e, 1000);  // the swap, then whole blocks and a part of one
    for (float x : s.left) BOOST_REQUIRE(std::isfinite(x));
    const Rational per_frame = e.current()->cycles_per_frame();
    BOOST_CHECK_EQUAL(per_frame.den() % e.cycle().den(), 0);  // on the new tempo's frame grid
  }
  BOOST_CHECK(e.take_errors().empty());
}

BOOST_AUTO_TEST_CASE(a_new_tempo_moves_the_clock_by_under_half_a_frame) {
  const Rational per_frame(5000000, 9999991LL * 48000);
  const Rational t = Rational(3) + Rational(5000000LL * 1000 + 1, 9999973LL * 48000);
  const Rational moved = tala::clock::on_frame_grid(t, per_frame);
  BOOST_CHECK_EQUAL(per_frame.den() % moved.den(), 0);
  BOOST_CHECK_LE(std::fabs(moved.to_double() - t.to_double()), per_frame.to_double() / 2);
  BOOST_CHECK_GT(moved.to_double(), 3.0);
  BOOST_CHECK(tala::clock::on_frame_grid(Rational(7), per_frame) == Rational(7));  // whole cycles stay
  BOOST_CHECK(tala::clock::on_frame_grid(Rational(7, 2), Rational(1, 2)) == Rational(7, 2));
  BOOST_CHECK(tala::clock::on_frame_grid(t, Rational(0)) == t);  // a still clock
}

BOOST_AUTO_TEST_CASE(a_tempo_of_0_keeps_the_clock_still) {
  // 2.6e-10 cps was 0 as a fraction of denominator up to 10^7 (the wasm_abi fuzzer, session 17: the
  // first clock fix divided 0 by 0 here). The loader now refuses tempos below kMinCps; the engine
  // still copes with a program whose tempo is 0.
  auto e = engine_with("cps 1\nout: sinosc 220");
  render(*e, 1000);
  const Rational before = e->cycle();
  BOOST_REQUIRE(e->submit(at_tempo("out: sinosc 330", Rational(0), *e)));
  const auto s = render(*e, 1000);
  for (float x : s.left) BOOST_REQUIRE(std::isfinite(x));
  BOOST_CHECK(e->current()->cycles_per_frame() == Rational(0));
  BOOST_CHECK(e->cycle() == before);
}

BOOST_AUTO_TEST_CASE(a_clock_out_of_fractions_restarts_at_cycle_0_and_says_so) {
  // A tempo with an 11-digit fraction, near the fastest: 64-bit fractions of a cycle run out after
  // about 5 seconds at 48 kHz. (The language's tempos have at most 7 digits: 20 minutes at 384 kHz.)
  Engine e(EngineConfig{});
  const std::int64_t q = 20000000002;
  BOOST_REQUIRE(e.submit(at_tempo("out: sinosc 220", Rational(999 * q + 1, q), e)));
  render(e, 128);
  const Rational per_frame = e.current()->cycles_per_frame();
  const double limit = 0x1p62 / static_cast<double>(per_frame.den());  // in cycles
  const double frames = limit / per_frame.to_double();
  BOOST_TEST_REQUIRE(frames < 2e6, "the clock runs out after " << frames << " frames");
  BOOST_TEST_REQUIRE(frames > 1e4);
  double last = 0;
  bool restarted = false;
  for (int done = 0; done < 2 * static_cast<int>(frames) && !restarted; done += 4096) {
    const auto s = render(e, 4096);
    for (float x : s.left) BOOST_REQUIRE(std::isfinite(x));
    const double now = e.cycle().to_double();
    restarted = now < last;
    last = now;
  }
  BOOST_REQUIRE(restarted);
  BOOST_CHECK_LT(last, 4096 * per_frame.to_double() + 1e-9);  // at most one render after cycle 0
  const auto errors = e.take_errors();
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_CHECK_EQUAL(errors[0], "the clock restarted at cycle 0: 64-bit fractions of a cycle ran out at this tempo");
}
