// Writes WAV files with libsndfile: 32-bit float as rendered, or 16/24-bit
// PCM with TPDF dither from a seeded generator (the same bytes every run).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct sf_private_tag;

namespace tala {

enum class SampleFormat { F32, S24, S16 };

class WavWriter {
 public:
  WavWriter() = default;
  ~WavWriter();
  WavWriter(const WavWriter&) = delete;
  WavWriter& operator=(const WavWriter&) = delete;

  // An error text, or "" when the file is open.
  std::string open(const std::string& path, int channels, int rate, SampleFormat format, std::uint32_t seed);
  // Interleaved frames; false on a write error.
  bool write(const float* interleaved, std::size_t frames);
  bool close();

 private:
  sf_private_tag* file_ = nullptr;  // libsndfile's SNDFILE
  int channels_ = 0;
  SampleFormat format_ = SampleFormat::F32;
  std::uint32_t noise_ = 1;
  std::vector<int> ints_;
  float next_uniform();  // in [-0.5, 0.5)
};

}  // namespace tala
