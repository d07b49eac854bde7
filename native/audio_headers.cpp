#include "audio_headers.hpp"

#include <algorithm>
#include <array>
#include <fstream>

namespace tala {

namespace {

// Up to `bytes` bytes of a file from `offset` (fewer where it ends).
std::string read_at(const std::string& path, std::uint64_t offset, std::size_t bytes) {
  std::string data(bytes, '\0');
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(data.data(), static_cast<std::streamsize>(bytes));
  data.resize(in ? bytes : static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return data;
}

unsigned byte(const std::string& s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

std::uint32_t little_endian32(const std::string& s, std::size_t at) {
  return byte(s, at) | byte(s, at + 1) << 8 | byte(s, at + 2) << 16 | static_cast<std::uint32_t>(byte(s, at + 3)) << 24;
}

// The length of the MPEG audio frame whose 4-byte header `h` is (0 for a
// free-format frame, which does not say it), or nothing when it is no header.
std::optional<std::size_t> mpeg_frame_bytes(const std::string& h) {
  if (h.size() < 4 || byte(h, 0) != 0xFF || (byte(h, 1) & 0xE0) != 0xE0) return std::nullopt;
  const unsigned version = (byte(h, 1) >> 3) & 3;      // 0 MPEG 2.5, 1 reserved, 2 MPEG 2, 3 MPEG 1
  const unsigned layer = 4 - ((byte(h, 1) >> 1) & 3);  // 4: reserved
  const unsigned bitrate_index = byte(h, 2) >> 4, rate_index = (byte(h, 2) >> 2) & 3;
  const unsigned padding = (byte(h, 2) >> 1) & 1;
  if (version == 1 || layer == 4 || bitrate_index == 15 || rate_index == 3) return std::nullopt;
  if (bitrate_index == 0) return 0;
  static constexpr std::array<std::array<unsigned, 15>, 5> kKbps = {{
      {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},  // MPEG 1 layer I
      {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},     // MPEG 1 layer II
      {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},      // MPEG 1 layer III
      {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},     // MPEG 2 and 2.5 layer I
      {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},          // MPEG 2 and 2.5 layers II, III
  }};
  static constexpr std::array<unsigned, 3> kRates = {44100, 48000, 32000};
  const bool mpeg1 = version == 3;
  const unsigned rate = kRates[rate_index] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
  const unsigned bps = 1000 * kKbps[mpeg1 ? layer - 1 : (layer == 1 ? 3 : 4)][bitrate_index];
  if (layer == 1) return std::size_t{(12 * bps / rate + padding) * 4};
  return std::size_t{(layer == 3 && !mpeg1 ? 72 : 144) * bps / rate + padding};
}

}  // namespace

bool starts_like_mp3(const std::string& path) {
  std::uint64_t at = 0;
  const std::string tag = read_at(path, 0, 10);
  if (tag.size() == 10 && tag.compare(0, 3, "ID3") == 0) {
    // An ID3v2 tag: 10 bytes, then a size in 7-bit bytes, then a footer of 10 if flagged.
    at = 10 + (byte(tag, 6) << 21 | byte(tag, 7) << 14 | byte(tag, 8) << 7 | byte(tag, 9)) +
         ((byte(tag, 5) & 0x10) ? 10 : 0);
  }
  const auto first = mpeg_frame_bytes(read_at(path, at, 4));
  if (!first || *first == 0) return first.has_value();          // free format: no length to check the next frame by
  if (read_at(path, at + *first - 1, 1).empty()) return false;  // the file ends inside its first frame
  const std::string next = read_at(path, at + *first, 4);
  return next.empty() || mpeg_frame_bytes(next).has_value();  // a file of one frame, or two frames
}

bool starts_like_container(const std::string& path) {
  const std::string magic = read_at(path, 0, 4);
  return magic == "RIFF" || magic == "RF64" || magic == "fLaC" || magic == "OggS" || magic == "FORM";
}

std::optional<std::uint32_t> wav_header_rate(const std::string& path) {
  const std::string head = read_at(path, 0, 4096);
  if (head.size() < 12 || head.compare(0, 4, "RIFF") != 0 || head.compare(8, 4, "WAVE") != 0) return std::nullopt;
  for (std::size_t at = 12; at + 8 <= head.size();) {
    const std::uint32_t size = little_endian32(head, at + 4);
    if (head.compare(at, 4, "fmt ") == 0) {
      if (size < 8 || at + 16 > head.size()) return std::nullopt;
      return little_endian32(head, at + 12);  // after the format tag and the channel count
    }
    at += 8 + std::size_t{size} + (size & 1);
  }
  return std::nullopt;
}

}  // namespace tala
