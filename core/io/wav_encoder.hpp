// WAV bytes from float frames, in the core so that the browser's "Export WAV"
// and `tala render` write the same file byte for byte: 32-bit float as
// rendered, or 16/24-bit PCM with TPDF dither from a seeded generator.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

namespace tala {

enum class SampleFormat { F32, S24, S16 };

class WavEncoder {
 public:
  WavEncoder(int channels, int rate, SampleFormat format, std::uint32_t seed);

  // The RIFF header for `frames` frames (44 bytes, or more for float or
  // more than two channels); written first, and again once the count is known.
  std::vector<std::uint8_t> header(std::uint64_t frames) const;
  // Appends the encoded interleaved frames to `out`.
  void encode(const float* interleaved, std::size_t frames, std::vector<std::uint8_t>& out);
  // Whether encode() copies the floats' own bytes (32-bit float on a
  // little-endian machine): a writer can then write the floats themselves.
  bool copies_floats() const { return format_ == SampleFormat::F32 && std::endian::native == std::endian::little; }
  // Bytes after the data: a pad byte when the data length is odd.
  std::vector<std::uint8_t> trailer(std::uint64_t frames) const;

  int channels() const { return channels_; }
  int bytes_per_sample() const { return format_ == SampleFormat::S16 ? 2 : format_ == SampleFormat::S24 ? 3 : 4; }
  // The largest data chunk a RIFF file can describe, in frames.
  std::uint64_t max_frames() const;

 private:
  // The dither comes from eight xorshift32 generators side by side, eight
  // samples at a time: one generator's chain of dependent shifts was most of
  // the cost of encoding. Sample j of the stream takes value j % 8 of refill
  // j / 8, however the stream is cut into calls.
  static constexpr int kLanes = 8;
  void refill_dither();

  int channels_;
  int rate_;
  SampleFormat format_;
  std::uint32_t noise_[kLanes];
  float dither_[kLanes];  // each the sum of two uniform values in [-0.5, 0.5)
  int dither_used_ = kLanes;
};

}  // namespace tala
