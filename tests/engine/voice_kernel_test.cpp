// The SIMD voice engine: the scalar, 4-lane (SIMD128's width) and 8-lane
// (AVX2's width) kernels give identical samples, both on random lanes and
// through whole programs; per-voice filters, shape and crush, and supersaw
// do what they say, measured from the output's spectrum and levels.
#define BOOST_TEST_MODULE voice_kernel
#include "engine/voices/voice_kernel.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>
#include <random>
#include <set>

#include "dsp/fft.hpp"
#include "dsp/wavetable.hpp"
#include "support/render.hpp"

using tala::VoiceLanes;
using VL = tala::VoiceLanes;

namespace {

// Lanes with random kinds, positions, envelopes, filters and effects; sample voices read `sample`,
// and `right` for their right channel when given (a stereo sample).
void fill_random(VoiceLanes& v, const std::vector<float>& sample, std::mt19937& rng, std::size_t n,
                 const std::vector<float>* right = nullptr) {
  std::uniform_real_distribution<float> u(0, 1);
  const auto frames = static_cast<std::int32_t>(sample.size());
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t lane = v.push();
    const int kind = static_cast<int>(rng() % 5);
    v.i(VL::Kind)[lane] = kind;
    v.i(VL::Alive)[lane] = -1;
    v.f(VL::Start)[lane] = static_cast<float>(rng() % 64);
    v.f(VL::Hold)[lane] = static_cast<float>(rng() % 400);
    v.f(VL::AttackStep)[lane] = 0.01f + u(rng) * 0.2f;
    v.f(VL::DecayStep)[lane] = u(rng) * 0.01f;
    v.f(VL::Sustain)[lane] = u(rng);
    v.f(VL::InvRelease)[lane] = 1.0f / (10 + static_cast<float>(rng() % 200));
    v.f(VL::GainL)[lane] = u(rng);
    v.f(VL::GainR)[lane] = u(rng);
    if (kind == static_cast<int>(tala::VoiceKind::Sample)) {
      const double speed = (u(rng) * 4 - 2);
      v.i(VL::Low)[lane] = 0;
      v.i(VL::High)[lane] = frames - 1;
      v.i(VL::Index)[lane] = speed > 0 ? 0 : frames - 2;
      v.i(VL::StepInt)[lane] = static_cast<std::int32_t>(std::floor(speed));
      v.f(VL::StepFrac)[lane] = static_cast<float>(speed - std::floor(speed));
      v.lefts()[lane] = v.rights()[lane] = sample.data();
      if (right) v.rights()[lane] = right->data();
    } else {
      const float dt = 0.001f + u(rng) * 0.2f;
      v.f(VL::Frac)[lane] = u(rng);
      v.f(VL::StepFrac)[lane] = dt;
      v.lefts()[lane] = tala::dsp::wavetables().table(
          kind == 3 ? tala::dsp::Wavetables::Triangle : tala::dsp::Wavetables::Saw, static_cast<int>(rng() % 12));
    }
    if (rng() % 2) {
      const float g = 0.05f + u(rng), kk = 0.1f + u(rng);
      v.f(VL::LowG)[lane] = g, v.f(VL::LowK)[lane] = kk, v.f(VL::LowA)[lane] = 1 / (1 + g * (g + kk));
    }
    if (rng() % 2) {
      const float g = 0.01f + u(rng) * 0.1f, kk = 1.4f;
      v.f(VL::HighG)[lane] = g, v.f(VL::HighK)[lane] = kk, v.f(VL::HighA)[lane] = 1 / (1 + g * (g + kk));
    }
    if (rng() % 2) v.f(VL::ShapeK)[lane] = u(rng) * 10;
    if (rng() % 3 == 0) v.f(VL::CrushSteps)[lane] = static_cast<float>(1 << (rng() % 8));
  }
}

// The kernel's lane-slot sums of `blocks` blocks of 128 frames, left then right per block.
template <int W>
std::vector<float> render_blocks(VoiceLanes& lanes, int blocks) {
  std::vector<float> out;
  for (int block = 0; block < blocks; ++block) {
    std::vector<float> l(128 * VL::kBatch), r(128 * VL::kBatch);
    tala::VoiceKernel<W>::render(lanes, 128, l.data(), r.data());
    out.insert(out.end(), l.begin(), l.end());
    out.insert(out.end(), r.begin(), r.end());
  }
  return out;
}

// A mono and a stereo test sample.
struct TestSample {
  std::vector<float> left = std::vector<float>(1000), right = std::vector<float>(1000);
  TestSample() {
    for (std::size_t i = 0; i < left.size(); ++i) {
      left[i] = std::sin(0.05f * static_cast<float>(i));
      right[i] = std::cos(0.02f * static_cast<float>(i));
    }
  }
};

template <int W>
std::vector<float> run_kernel(std::uint32_t seed, std::size_t voices, bool stereo = false) {
  const TestSample sample;
  std::mt19937 rng(seed);
  VoiceLanes lanes(voices);
  fill_random(lanes, sample.left, rng, voices, stereo ? &sample.right : nullptr);
  return render_blocks<W>(lanes, 8);
}

// Each frame's eight lane-slot sums added up as the voices node does, left and right in turn.
void add_slots(const std::vector<float>& l, const std::vector<float>& r, std::vector<float>& out) {
  for (std::size_t n = 0; n < l.size() / VL::kBatch; ++n) {
    const float* a = l.data() + n * VL::kBatch;
    const float* b = r.data() + n * VL::kBatch;
    out.push_back(((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7])));
    out.push_back(((b[0] + b[1]) + (b[2] + b[3])) + ((b[4] + b[5]) + (b[6] + b[7])));
  }
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

tala::test::Stereo render_program(const std::string& source, int frames, bool scalar, std::size_t max_voices = 4096) {
  tala::Engine e(tala::EngineConfig{48000, 128, 0.005, false});
  auto config = e.program_config();
  config.scalar_voices = scalar;
  config.max_voices = max_voices;
  BOOST_REQUIRE(e.submit(tala::test::compile_source(source, config)));
  return tala::test::render(e, frames);
}

// Fraction of the spectrum's energy between lo and hi Hz (of 8192 samples at 48 kHz).
double band_share(const std::vector<float>& x, std::size_t from, double lo, double hi) {
  const tala::dsp::Fft fft(8192);
  const auto mag = fft.magnitudes(x.data() + from);
  double in = 0, all = 0;
  for (std::size_t k = 1; k < mag.size(); ++k) {
    const double hz = static_cast<double>(k) * 48000.0 / 8192;
    const double e = mag[k] * mag[k];
    all += e;
    if (hz >= lo && hz < hi) in += e;
  }
  return in / all;
}

double rms(const std::vector<float>& x) {
  double s = 0;
  for (float v : x) s += double(v) * v;
  return std::sqrt(s / static_cast<double>(x.size()));
}

}  // namespace

// Lanes are left uninitialised until a voice enters their batch of eight: the
// rest of that batch must then read as inert (silent, reading zeros), whatever
// the memory held before, also when a batch is entered a second time.
BOOST_AUTO_TEST_CASE(a_batch_is_inert_from_its_first_voice_whatever_the_memory_held) {
  VoiceLanes v(64);
  const float garbage[2] = {7, 7};
  auto scribble = [&] {
    for (std::size_t l = v.count(); l < v.capacity(); ++l) {
      for (int k = 0; k < VL::kFloatFields; ++k) v.f(VL::FloatField(k))[l] = 3;
      for (int k = 0; k < VL::kIntFields; ++k) v.i(VL::IntField(k))[l] = -1;
      v.lefts()[l] = v.rights()[l] = garbage;
    }
  };
  auto inert_after_count = [&] {
    const std::size_t end = (v.count() + VL::kBatch - 1) / VL::kBatch * VL::kBatch;
    int bad = 0;
    for (std::size_t l = v.count(); l < end; ++l) {
      bad += v.i(VL::Alive)[l] != 0 || v.i(VL::Kind)[l] != static_cast<int>(tala::VoiceKind::Sample);
      bad += v.i(VL::Low)[l] != 0 || v.i(VL::High)[l] != 1 || v.i(VL::Index)[l] != 0;
      bad += v.f(VL::Level)[l] != 0 || v.f(VL::GainL)[l] != 0 || v.f(VL::LowG)[l] != 0;
      bad += v.lefts()[l][0] != 0 || v.lefts()[l][1] != 0 || v.rights()[l][1] != 0;
    }
    return bad;
  };
  scribble();                            // memory no voice has used yet may hold anything
  for (int k = 0; k < 9; ++k) v.push();  // batches 0 and 1 entered
  BOOST_TEST(v.count() == 9u);
  BOOST_TEST(inert_after_count() == 0);
  while (v.count()) v.remove(v.count() - 1);
  for (int k = 0; k < 3; ++k) v.push();  // batch 0 again
  BOOST_TEST(inert_after_count() == 0);
  for (int k = 0; k < 14; ++k) v.push();  // batch 2 for the first time
  BOOST_TEST(v.count() == 17u);
  BOOST_TEST(inert_after_count() == 0);
}

// The scalar kernel renders a synth or a mono sample's right channel by copying the left one
// (render_lane's `mono`); a stereo sample's filters must still run on each channel.
BOOST_AUTO_TEST_CASE(scalar_4_lane_and_8_lane_kernels_agree_bit_for_bit) {
  for (bool stereo : {false, true}) {
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
      const std::size_t voices = 1 + seed * 7 % 37;  // partial batches too
      const auto scalar = run_kernel<1>(seed, voices, stereo);
      BOOST_TEST_CONTEXT("seed " << seed << ", " << voices << " voices" << (stereo ? ", stereo" : "")) {
        BOOST_CHECK(same_bits(scalar, run_kernel<4>(seed, voices, stereo)));
        BOOST_CHECK(same_bits(scalar, run_kernel<8>(seed, voices, stereo)));
        BOOST_CHECK_GT(rms(scalar), 0.001);
      }
    }
  }
}

// A voices node with one or two voices renders them straight into its output (render_lone): the
// same bits as the 8-lane kernel's slot sums, block after block, whatever the voices are.
BOOST_AUTO_TEST_CASE(lone_voices_render_into_the_output_as_the_slot_sums_add_up) {
  const TestSample sample;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    const std::size_t voices = 1 + seed % 2;
    const bool stereo = seed % 4 >= 2;
    BOOST_TEST_CONTEXT("seed " << seed << ", " << voices << " voices" << (stereo ? ", stereo" : "")) {
      VoiceLanes lone(voices), lanes(voices);
      std::mt19937 rng_lone(seed), rng_lanes(seed);
      fill_random(lone, sample.left, rng_lone, voices, stereo ? &sample.right : nullptr);
      fill_random(lanes, sample.left, rng_lanes, voices, stereo ? &sample.right : nullptr);
      std::vector<float> direct, summed;
      for (int block = 0; block < 8; ++block) {
        std::vector<float> l(128, 7.0f), r(128, 7.0f);  // render_lone clears what it adds to
        tala::VoiceKernel<1>::render_lone(lone, 128, l.data(), r.data());
        for (int n = 0; n < 128; ++n) direct.push_back(l[n]), direct.push_back(r[n]);
        std::vector<float> acc_l(128 * VL::kBatch), acc_r(128 * VL::kBatch);
        tala::VoiceKernel<8>::render(lanes, 128, acc_l.data(), acc_r.data());
        add_slots(acc_l, acc_r, summed);
      }
      BOOST_CHECK(same_bits(direct, summed));
      BOOST_CHECK_GT(rms(direct), 1e-6);
    }
  }
}

// Sample voices at whole-number speeds whose envelopes come to rest: render_lane renders their
// steady blocks without the frame-by-frame chain (and their edges, the start, the decay, the end of
// the hold or of the sample, frame by frame). With eight live voices the 8-lane kernel renders them
// as a batch (render_steady_group once all its live voices are steady); both must give the same bits, block after block
// (each block starts from the state the last one left). Fractions, stereo, a sample value of -0, a hold between 2^24
// and 2^25 (where one frame less is not exact) and a voice that starts mid-block are all in it.
template <int W>
std::vector<float> run_steady(bool stereo) {
  std::vector<float> left(3000), right(3000);
  for (std::size_t i = 0; i < left.size(); ++i) {
    left[i] = std::sin(0.05f * static_cast<float>(i));
    right[i] = std::cos(0.031f * static_cast<float>(i));
  }
  left[700] = left[701] = -0.0f;
  const int speeds[8] = {1, 2, 1, -1, 3, 1, 2, 1};
  const float fracs[8] = {0, 0.25f, 0.5f, 0, 0.75f, 0, 0, 0.125f};
  const float holds[8] = {3e38f, 3e38f, 300, 3e38f, 5000, 20000001.0f, 3e38f, 900.5f};
  const float starts[8] = {0, 0, 0, 0, 50.5f, 0, 200, 0};
  const float sustains[8] = {1, 0.6f, 1, 0.8f, 1, 1, 0.5f, 1};
  VoiceLanes lanes(8);
  for (int k = 0; k < 8; ++k) {
    const std::size_t lane = lanes.push();
    lanes.i(VL::Kind)[lane] = static_cast<std::int32_t>(tala::VoiceKind::Sample);
    lanes.i(VL::Alive)[lane] = -1;
    lanes.f(VL::Start)[lane] = starts[k];
    lanes.f(VL::Hold)[lane] = holds[k];
    lanes.f(VL::AttackStep)[lane] = k % 2 ? 1.0f : 0.02f;
    lanes.f(VL::DecayStep)[lane] = 0.001f;
    lanes.f(VL::Sustain)[lane] = sustains[k];
    lanes.f(VL::InvRelease)[lane] = 1.0f / 100;
    lanes.f(VL::GainL)[lane] = 0.5f + 0.05f * static_cast<float>(k);
    lanes.f(VL::GainR)[lane] = 0.7f - 0.05f * static_cast<float>(k);
    lanes.i(VL::Low)[lane] = 0;
    lanes.i(VL::High)[lane] = 2999;
    lanes.i(VL::Index)[lane] = speeds[k] > 0 ? 0 : 2998;
    lanes.i(VL::StepInt)[lane] = speeds[k];
    lanes.f(VL::Frac)[lane] = fracs[k];
    lanes.lefts()[lane] = left.data();
    lanes.rights()[lane] = stereo ? right.data() : left.data();
  }
  return render_blocks<W>(lanes, 40);
}

BOOST_AUTO_TEST_CASE(steady_sample_voices_render_as_the_lanes_do) {
  for (bool stereo : {false, true}) {
    BOOST_TEST_CONTEXT((stereo ? "stereo" : "mono")) {
      const auto scalar = run_steady<1>(stereo);
      BOOST_CHECK(same_bits(scalar, run_steady<8>(stereo)));
      BOOST_CHECK(same_bits(scalar, run_steady<4>(stereo)));
      BOOST_CHECK_GT(rms(scalar), 0.01);
    }
  }
}

// Filtered sample voices whose filter memories hover around flush's threshold (1e-30): render_lane
// keeps its memories unflushed within a block (svf_unflushed) and the lanes flush every frame; both
// must give the same bits, also when a node's voices move from one path to the other between blocks.
std::vector<float> run_tiny_filtered(std::uint32_t seed, bool alternate) {
  std::vector<float> sample(3000);
  for (std::size_t i = 0; i < sample.size(); ++i) {
    sample[i] = i % 7 == 0 ? 0.0f : 3e-30f * std::sin(0.37f * static_cast<float>(i));
  }
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0, 1);
  VoiceLanes lanes(8);
  for (int k = 0; k < 8; ++k) {
    const std::size_t lane = lanes.push();
    lanes.i(VL::Kind)[lane] = static_cast<std::int32_t>(tala::VoiceKind::Sample);
    lanes.i(VL::Alive)[lane] = -1;
    lanes.f(VL::Hold)[lane] = 3e38f;
    lanes.f(VL::AttackStep)[lane] = 1;
    lanes.f(VL::Sustain)[lane] = 1;
    lanes.f(VL::InvRelease)[lane] = 0.01f;
    lanes.f(VL::GainL)[lane] = lanes.f(VL::GainR)[lane] = 1e29f;  // the tiny signal made audible
    lanes.i(VL::High)[lane] = 2999;
    lanes.i(VL::StepInt)[lane] = 1;
    lanes.lefts()[lane] = lanes.rights()[lane] = sample.data();
    const float g = 0.05f + u(rng), kk = 0.1f + u(rng), hg = 0.01f + u(rng) * 0.1f;
    lanes.f(VL::LowG)[lane] = g, lanes.f(VL::LowK)[lane] = kk, lanes.f(VL::LowA)[lane] = 1 / (1 + g * (g + kk));
    lanes.f(VL::HighG)[lane] = hg, lanes.f(VL::HighK)[lane] = 1.4f;
    lanes.f(VL::HighA)[lane] = 1 / (1 + hg * (hg + 1.4f));
  }
  std::vector<float> out;
  for (int block = 0; block < 20; ++block) {
    std::vector<float> l(128 * VL::kBatch), r(128 * VL::kBatch);
    if (alternate && block % 2) {
      tala::VoiceKernel<1>::render(lanes, 128, l.data(), r.data());
    } else {
      tala::VoiceKernel<8>::render(lanes, 128, l.data(), r.data());
    }
    out.insert(out.end(), l.begin(), l.end());
    out.insert(out.end(), r.begin(), r.end());
  }
  return out;
}

BOOST_AUTO_TEST_CASE(filter_memories_near_the_flush_threshold_render_alike_on_every_path) {
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    BOOST_TEST_CONTEXT("seed " << seed) {
      const auto lanes = run_tiny_filtered(seed, false);
      BOOST_CHECK(same_bits(lanes, run_tiny_filtered(seed, true)));
      BOOST_CHECK_GT(rms(lanes), 0.01);
    }
  }
}

// A batch whose other lanes hold ended voices (with their samples and tables
// still set) sounds exactly like the live voice alone: the kernel may skip
// reading the lanes past the last live one.
template <int W>
std::vector<float> run_one_live(std::uint32_t seed, std::size_t voices, std::size_t live) {
  std::vector<float> sample(1000);
  for (std::size_t i = 0; i < sample.size(); ++i) sample[i] = std::sin(0.05f * static_cast<float>(i));
  std::mt19937 rng(seed);
  VoiceLanes lanes(voices);
  fill_random(lanes, sample, rng, voices);
  for (std::size_t lane = 0; lane < voices; ++lane) {
    if (lane != live) lanes.i(VL::Alive)[lane] = 0;
  }
  lanes.f(VL::Start)[live] = 0;
  std::vector<float> out;
  for (int block = 0; block < 4; ++block) {
    std::vector<float> l(128 * VL::kBatch), r(128 * VL::kBatch);
    tala::VoiceKernel<W>::render(lanes, 128, l.data(), r.data());
    add_slots(l, r, out);
  }
  return out;
}

BOOST_AUTO_TEST_CASE(a_sparse_batch_sounds_like_its_live_voice_alone) {
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    for (std::size_t live : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{5}}) {
      BOOST_TEST_CONTEXT("seed " << seed << ", live lane " << live) {
        // The same voice (same random draws) as the only lane of its batch.
        std::vector<float> alone;
        {
          std::vector<float> sample(1000);
          for (std::size_t i = 0; i < sample.size(); ++i) sample[i] = std::sin(0.05f * static_cast<float>(i));
          std::mt19937 rng(seed);
          VoiceLanes all(8), one(1);
          fill_random(all, sample, rng, 8);
          one.push();
          for (int k = 0; k < VL::kFloatFields; ++k) one.f(VL::FloatField(k))[0] = all.f(VL::FloatField(k))[live];
          for (int k = 0; k < VL::kIntFields; ++k) one.i(VL::IntField(k))[0] = all.i(VL::IntField(k))[live];
          one.lefts()[0] = all.lefts()[live];
          one.rights()[0] = all.rights()[live];
          one.f(VL::Start)[0] = 0;
          for (int block = 0; block < 4; ++block) {
            std::vector<float> l(128 * VL::kBatch), r(128 * VL::kBatch);
            tala::VoiceKernel<1>::render(one, 128, l.data(), r.data());
            for (int n = 0; n < 128; ++n) {
              alone.push_back(l[n * VL::kBatch]);
              alone.push_back(r[n * VL::kBatch]);
            }
          }
        }
        const auto sparse = run_one_live<8>(seed, 8, live);
        BOOST_CHECK(same_bits(alone, sparse));
        BOOST_CHECK(same_bits(sparse, run_one_live<4>(seed, 8, live)));
        BOOST_CHECK(same_bits(sparse, run_one_live<1>(seed, 8, live)));
        BOOST_CHECK_GT(rms(sparse), 0.0001);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(programs_render_identically_with_the_scalar_and_the_simd_kernel) {
  BOOST_TEST_MESSAGE("this machine's voice kernel: " << tala::voice_kernel_name(false));
#if defined(__x86_64__) && defined(__AVX2__)
  // Built for AVX2 (x86-64-v3), this test runs on a machine that has it: else the
  // scalar kernel would be compared with itself.
  BOOST_REQUIRE_EQUAL(std::string(tala::voice_kernel_name(false)), "avx2");
#endif
  const std::vector<std::string> programs = {
      "out: s \"bd*4 [hh sn]*2 cp:2\" # speed \"1 -1 0.5 2.3\" # pan rand # lpf \"300 3000\" # resonance 0.5",
      "out: s \"[sine saw square tri supersaw]*4\" # note \"c3 e3 g3 b4\" # decay 0.1 # sustain 0.4 # hpf 200",
      "out: s \"cr*16\" # begin 0.1 # end 0.6 # shape 0.7 # crush \"4 8\" # cut 1",
      "out: s \"saw*32\" # note 40 # legato 6",  // stealing, with 8 voices
  };
  for (const auto& p : programs) {
    BOOST_TEST_CONTEXT(p) {
      const auto a = render_program(p, 48000, true, 8);
      const auto b = render_program(p, 48000, false, 8);
      BOOST_CHECK(same_bits(a.left, b.left));
      BOOST_CHECK(same_bits(a.right, b.right));
      BOOST_CHECK_GT(rms(a.left), 0.001);
    }
  }
}

BOOST_AUTO_TEST_CASE(per_voice_low_and_high_pass_filters_shape_the_spectrum) {
  // A low saw (110 Hz) has much of its energy above 1 kHz; lpf 300 removes it.
  const auto dry = render_program("out: s \"saw\" # note 45", 16384, false).left;
  const auto low = render_program("out: s \"saw\" # note 45 # lpf 300", 16384, false).left;
  const double dry_high = band_share(dry, 4096, 1000, 24000), low_high = band_share(low, 4096, 1000, 24000);
  BOOST_CHECK_GT(dry_high, 0.02);
  BOOST_CHECK_LT(low_high, dry_high / 30);  // two octaves+ above a 12 dB/octave cutoff: < 1/30 of the energy
  // hpf 2000 removes the fundamental, which holds most of a saw's energy.
  const auto high = render_program("out: s \"saw\" # note 45 # hpf 2000", 16384, false).left;
  BOOST_CHECK_GT(band_share(dry, 4096, 0, 200), 0.5);
  BOOST_CHECK_LT(band_share(high, 4096, 0, 200), 0.01);
}

BOOST_AUTO_TEST_CASE(per_voice_shape_and_crush) {
  // shape squares a sine up: its RMS gets closer to its peak.
  const auto sine = render_program("out: s \"sine\" # note 69", 16384, false).left;
  const auto shaped = render_program("out: s \"sine\" # note 69 # shape 0.9", 16384, false).left;
  BOOST_CHECK_GT(rms(shaped), 1.15 * rms(sine));
  // crush 2 keeps 2 steps per unit before the envelope and pan: a sine at full
  // level takes the values -1, -0.5, 0, 0.5, 1 times the voice's gain.
  const auto crushed = render_program("out: s \"sine\" # note 69 # crush 2 # attack 0.0001", 16384, false).left;
  std::set<float> levels(crushed.begin() + 4096, crushed.begin() + 8192);
  BOOST_CHECK_LE(levels.size(), 5u);
  BOOST_CHECK_GE(levels.size(), 3u);
}

BOOST_AUTO_TEST_CASE(supersaw_is_five_detuned_saws_at_about_the_level_of_one) {
  const auto saw = render_program("out: s \"saw\" # note 48", 16384, false).left;
  const auto supersaw = render_program("out: s \"supersaw\" # note 48", 16384, false);
  const double ratio = rms(supersaw.left) / rms(saw);
  BOOST_CHECK_GT(ratio, 0.5);
  BOOST_CHECK_LT(ratio, 1.5);
  // Detuned copies beat: the envelope of the sum changes over time, a single saw's does not.
  auto block_rms = [&](const std::vector<float>& x, std::size_t at) {
    return rms(std::vector<float>(x.begin() + static_cast<std::ptrdiff_t>(at),
                                  x.begin() + static_cast<std::ptrdiff_t>(at + 960)));
  };
  double lo = 1e9, hi = 0;
  for (std::size_t at = 2000; at + 960 < 16384; at += 960) {
    lo = std::min(lo, block_rms(supersaw.left, at));
    hi = std::max(hi, block_rms(supersaw.left, at));
  }
  BOOST_CHECK_GT(hi / lo, 1.1);
  // Spread over the stereo field: left and right differ.
  BOOST_CHECK(!same_bits(supersaw.left, supersaw.right));
}
