// Writes WAV files through the core's WavEncoder, so that a file rendered here
// and one exported from the browser are the same bytes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "io/wav_encoder.hpp"

namespace tala {

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
  // Writes the final header; false on a write error.
  bool close();

 private:
  std::FILE* file_ = nullptr;
  std::optional<WavEncoder> encoder_;
  std::uint64_t frames_ = 0;
  std::vector<std::uint8_t> bytes_;
};

}  // namespace tala
