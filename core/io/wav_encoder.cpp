#include "io/wav_encoder.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tala {

namespace {

void put16(std::vector<std::uint8_t>& b, std::uint32_t v) {
  b.push_back(static_cast<std::uint8_t>(v));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
}
void put32(std::vector<std::uint8_t>& b, std::uint32_t v) {
  put16(b, v & 0xffff);
  put16(b, v >> 16);
}
void tag(std::vector<std::uint8_t>& b, const char* four) { b.insert(b.end(), four, four + 4); }

constexpr std::uint16_t kPcm = 1, kFloat = 3, kExtensible = 0xfffe;

}  // namespace

WavEncoder::WavEncoder(int channels, int rate, SampleFormat format, std::uint32_t seed)
    : channels_(channels), rate_(rate), format_(format) {
  for (int k = 0; k < kLanes; ++k) {
    // murmur3's finaliser of (seed, lane): unrelated starting states for neighbouring seeds and lanes.
    std::uint32_t h = seed * 2654435761u + static_cast<std::uint32_t>(k + 1) * 0x9E3779B9u;
    h ^= h >> 16, h *= 0x85ebca6bu, h ^= h >> 13, h *= 0xc2b2ae35u, h ^= h >> 16;
    noise_[k] = h == 0 ? 1 : h;  // xorshift's one fixed point
  }
}

std::uint64_t WavEncoder::max_frames() const {
  const std::uint64_t frame_bytes =
      static_cast<std::uint64_t>(channels_) * static_cast<std::uint64_t>(bytes_per_sample());
  return (0xffffffffull - 128) / frame_bytes;
}

std::vector<std::uint8_t> WavEncoder::header(std::uint64_t frames) const {
  const auto bytes = static_cast<std::uint32_t>(bytes_per_sample());
  const auto align = static_cast<std::uint32_t>(channels_) * bytes;
  const auto data = static_cast<std::uint32_t>(frames * align);
  // More than two channels, or 24 bits, take WAVE_FORMAT_EXTENSIBLE (as the
  // format's specification asks); float takes a fact chunk.
  const bool extensible = channels_ > 2 || format_ == SampleFormat::S24;
  const bool is_float = format_ == SampleFormat::F32;
  const std::uint32_t fmt_size = extensible ? 40 : is_float ? 18 : 16;
  const std::uint32_t fact_size = is_float ? 12 : 0;
  const std::uint32_t pad = data & 1;

  std::vector<std::uint8_t> b;
  b.reserve(80);
  tag(b, "RIFF");
  put32(b, 4 + (8 + fmt_size) + fact_size + 8 + data + pad);
  tag(b, "WAVE");
  tag(b, "fmt ");
  put32(b, fmt_size);
  put16(b, extensible ? kExtensible : is_float ? kFloat : kPcm);
  put16(b, static_cast<std::uint32_t>(channels_));
  put32(b, static_cast<std::uint32_t>(rate_));
  put32(b, static_cast<std::uint32_t>(rate_) * align);
  put16(b, align);
  put16(b, 8 * bytes);
  if (extensible) {
    put16(b, 22);
    put16(b, 8 * bytes);                 // valid bits
    put32(b, channels_ == 2 ? 0x3 : 0);  // front left/right, else unassigned
    put32(b, is_float ? kFloat : kPcm);  // the sub-format GUID's first field
    static const std::uint8_t kGuidTail[12] = {0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71};
    b.insert(b.end(), kGuidTail, kGuidTail + 12);
  } else if (is_float) {
    put16(b, 0);
  }
  if (is_float) {
    tag(b, "fact");
    put32(b, 4);
    put32(b, static_cast<std::uint32_t>(frames));  // sample frames
  }
  tag(b, "data");
  put32(b, data);
  return b;
}

std::vector<std::uint8_t> WavEncoder::trailer(std::uint64_t frames) const {
  const std::uint64_t data =
      frames * static_cast<std::uint64_t>(channels_) * static_cast<std::uint64_t>(bytes_per_sample());
  return data & 1 ? std::vector<std::uint8_t>{0} : std::vector<std::uint8_t>{};
}

void WavEncoder::refill_dither() {
  float first[kLanes];
  for (int round = 0; round < 2; ++round) {
    for (int k = 0; k < kLanes; ++k) {  // xorshift32: the same integers on every machine
      std::uint32_t x = noise_[k];
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      noise_[k] = x;
      // The top 24 bits: exact in a float, so the conversion cannot round to 0.5.
      const float u = static_cast<float>(static_cast<std::int32_t>(x >> 8)) * (1.0f / 16777216.0f) - 0.5f;
      if (round == 0)
        first[k] = u;
      else
        dither_[k] = first[k] + u;
    }
  }
  dither_used_ = 0;
}

void WavEncoder::encode(const float* x, std::size_t frames, std::vector<std::uint8_t>& out) {
  const std::size_t n = frames * static_cast<std::size_t>(channels_);
  const std::size_t bytes = static_cast<std::size_t>(bytes_per_sample());
  // Sized once and written through a pointer: a push_back per byte cost more
  // than the dither.
  const std::size_t at = out.size();
  out.resize(at + n * bytes);
  std::uint8_t* p = out.data() + at;
  auto put = [&p](std::uint32_t v, std::size_t count) {
    for (std::size_t b = 0; b < count; ++b) *p++ = static_cast<std::uint8_t>(v >> (8 * b));  // little-endian
  };
  if (copies_floats()) {
    std::memcpy(p, x, n * 4);
    return;
  }
  if (format_ == SampleFormat::F32) {
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t bits;
      std::memcpy(&bits, &x[i], 4);
      put(bits, 4);
    }
    return;
  }
  // TPDF dither: two uniform values of one step each, then round and clip.
  const int bits = format_ == SampleFormat::S24 ? 24 : 16;
  const float scale = static_cast<float>((1 << (bits - 1)) - 1);
  const float top = scale, bottom = -scale - 1;
  for (std::size_t i = 0; i < n;) {
    if (dither_used_ == kLanes) refill_dither();
    const std::size_t take = std::min(static_cast<std::size_t>(kLanes - dither_used_), n - i);
    std::int32_t values[kLanes];
    for (std::size_t k = 0; k < take; ++k) {
      float v = x[i + k] * scale + dither_[static_cast<std::size_t>(dither_used_) + k];
      v = v == v ? std::floor(v + 0.5f) : 0.0f;  // NaN (never from the engine's limiter) as silence
      v = v > top ? top : v < bottom ? bottom : v;
      values[k] = static_cast<std::int32_t>(v);
    }
    for (std::size_t k = 0; k < take; ++k) put(static_cast<std::uint32_t>(values[k]), bytes);
    dither_used_ += static_cast<int>(take);
    i += take;
  }
}

}  // namespace tala
