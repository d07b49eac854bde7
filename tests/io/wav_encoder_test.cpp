// The PCM encoder's dither: triangular (TPDF), so the error it leaves has the
// same mean and variance whatever the signal; reproducible from its seed; and
// the same bytes however a stream is cut into encode() calls (the CLI writes
// chunks, the browser's export writes the whole render at once).
#define BOOST_TEST_MODULE io_wav_encoder
#include "io/wav_encoder.hpp"

#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace {

using tala::SampleFormat;
using tala::WavEncoder;

std::vector<std::uint8_t> encode(const std::vector<float>& x, SampleFormat format, std::uint32_t seed,
                                 int channels = 1) {
  WavEncoder encoder(channels, 48000, format, seed);
  std::vector<std::uint8_t> bytes;
  encoder.encode(x.data(), x.size() / static_cast<std::size_t>(channels), bytes);
  return bytes;
}

std::vector<std::int32_t> decode_s16(const std::vector<std::uint8_t>& b) {
  std::vector<std::int32_t> v;
  for (std::size_t i = 0; i + 1 < b.size(); i += 2) v.push_back(static_cast<std::int16_t>(b[i] | b[i + 1] << 8));
  return v;
}

std::vector<std::int32_t> decode_s24(const std::vector<std::uint8_t>& b) {
  std::vector<std::int32_t> v;
  for (std::size_t i = 0; i + 2 < b.size(); i += 3) {
    const std::uint32_t u = b[i] | b[i + 1] << 8 | static_cast<std::uint32_t>(b[i + 2]) << 16;
    v.push_back(static_cast<std::int32_t>(u << 8) >> 8);
  }
  return v;
}

struct ErrorStats {
  double mean = 0, variance = 0, largest = 0, neighbours = 0;  // neighbours: correlation of successive errors
};

// The error each sample carries, in steps of the output format, for a constant input of `steps` steps.
ErrorStats error_of(double steps, SampleFormat format = SampleFormat::S16) {
  const double scale = format == SampleFormat::S16 ? 32767.0 : 8388607.0;
  const std::vector<float> x(200000, static_cast<float>(steps / scale));
  const auto bytes = encode(x, format, 1);
  const auto out = format == SampleFormat::S16 ? decode_s16(bytes) : decode_s24(bytes);
  std::vector<double> e;
  for (auto v : out) e.push_back(v - static_cast<double>(x[0]) * scale);
  ErrorStats s;
  for (double d : e) s.mean += d, s.largest = std::max(s.largest, std::fabs(d));
  s.mean /= static_cast<double>(e.size());
  for (double d : e) s.variance += (d - s.mean) * (d - s.mean);
  s.variance /= static_cast<double>(e.size());
  for (std::size_t i = 1; i < e.size(); ++i) s.neighbours += (e[i] - s.mean) * (e[i - 1] - s.mean);
  s.neighbours /= static_cast<double>(e.size() - 1) * s.variance;
  return s;
}

}  // namespace

// Two uniform values of one step each, then rounding: the error is within 1.5 steps, has no mean,
// and its variance is 1/6 (the dither) + 1/12 (the rounding) = 1/4 wherever the signal sits between
// two steps. Rectangular dither or none would make it depend on the signal (0 at 0 without dither).
BOOST_AUTO_TEST_CASE(the_dither_is_triangular_whatever_the_signal) {
  for (double steps : {0.0, 0.25, 0.5, 0.75, 1000.3, -2000.5}) {
    for (SampleFormat format : {SampleFormat::S16, SampleFormat::S24}) {
      const ErrorStats s = error_of(steps, format);
      BOOST_TEST_INFO("signal " << steps << " steps, " << (format == SampleFormat::S16 ? "s16" : "s24"));
      BOOST_TEST(s.largest <= 1.5);
      BOOST_TEST(std::fabs(s.mean) < 0.01);
      BOOST_TEST(s.variance > 0.24);
      BOOST_TEST(s.variance < 0.26);
      BOOST_TEST(std::fabs(s.neighbours) < 0.01);  // white: no sample's dither follows from the last
    }
  }
}

BOOST_AUTO_TEST_CASE(full_scale_clips_and_nan_is_silence) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto s16 = decode_s16(encode({2.0f, -2.0f, 1.0f, -1.0f, nan}, SampleFormat::S16, 5));
  BOOST_TEST(s16[0] == 32767);
  BOOST_TEST(s16[1] == -32768);
  BOOST_TEST(s16[2] >= 32766);  // full scale, give or take the dither
  BOOST_TEST(s16[3] <= -32766);
  BOOST_TEST(s16[4] == 0);
  const auto s24 = decode_s24(encode({2.0f, -2.0f, nan}, SampleFormat::S24, 5));
  BOOST_TEST(s24[0] == 8388607);
  BOOST_TEST(s24[1] == -8388608);
  BOOST_TEST(s24[2] == 0);
}

BOOST_AUTO_TEST_CASE(a_seed_gives_the_same_bytes_and_another_seed_others) {
  std::vector<float> x(3000);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.3f * std::sin(0.01f * static_cast<float>(i));
  BOOST_TEST((encode(x, SampleFormat::S16, 9) == encode(x, SampleFormat::S16, 9)));
  BOOST_TEST((encode(x, SampleFormat::S16, 9) != encode(x, SampleFormat::S16, 10)));
  BOOST_TEST((encode(x, SampleFormat::S24, 0) != encode(x, SampleFormat::S24, 1)));
}

// The CLI encodes a chunk at a time (and the last chunk is short); the page's export encodes
// everything at once. Cutting the stream anywhere must not change a byte.
BOOST_AUTO_TEST_CASE(the_bytes_do_not_depend_on_how_the_stream_is_cut) {
  const int channels = 3;  // an odd width, so frames and the dither's groups of eight do not line up
  std::vector<float> x(channels * 2000);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.5f * std::sin(0.003f * static_cast<float>(i * i % 977));
  for (SampleFormat format : {SampleFormat::S16, SampleFormat::S24, SampleFormat::F32}) {
    const auto whole = encode(x, format, 4, channels);
    for (std::size_t cut : {1u, 3u, 5u, 64u, 333u}) {
      WavEncoder encoder(channels, 48000, format, 4);
      std::vector<std::uint8_t> bytes;
      for (std::size_t frame = 0; frame < x.size() / channels; frame += cut) {
        const std::size_t frames = std::min(cut, x.size() / channels - frame);
        encoder.encode(x.data() + frame * channels, frames, bytes);
      }
      BOOST_TEST_INFO("calls of " << cut << " frames");
      BOOST_TEST((bytes == whole));
    }
  }
}

// 32-bit float is stored as rendered: each float's own bits, little-endian, after what `out` held
// (a memcpy on this machine; the file a big-endian one would write is the same).
BOOST_AUTO_TEST_CASE(floats_are_stored_bit_for_bit) {
  const std::vector<float> x = {
      0.5f,   -0.0f,      std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::quiet_NaN(),
      -1e30f, 1.0f / 3.0f};
  WavEncoder encoder(2, 48000, SampleFormat::F32, 3);
  BOOST_TEST(encoder.copies_floats());
  std::vector<std::uint8_t> bytes = {7};
  encoder.encode(x.data(), x.size() / 2, bytes);
  BOOST_TEST_REQUIRE(bytes.size() == 1 + 4 * x.size());
  BOOST_TEST(bytes[0] == 7);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const std::uint32_t stored = bytes[1 + 4 * i] | bytes[2 + 4 * i] << 8 | bytes[3 + 4 * i] << 16 |
                                 static_cast<std::uint32_t>(bytes[4 + 4 * i]) << 24;
    BOOST_TEST(stored == std::bit_cast<std::uint32_t>(x[i]), "sample " << i);
  }
  BOOST_TEST(!WavEncoder(2, 48000, SampleFormat::S16, 3).copies_floats());
}
