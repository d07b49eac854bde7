#include "wav_writer.hpp"

#include <sndfile.h>

#include <cmath>

namespace tala {

WavWriter::~WavWriter() { close(); }

std::string WavWriter::open(const std::string& path, int channels, int rate, SampleFormat format, std::uint32_t seed) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = SF_FORMAT_WAV | (format == SampleFormat::F32   ? SF_FORMAT_FLOAT
                                 : format == SampleFormat::S24 ? SF_FORMAT_PCM_24
                                                               : SF_FORMAT_PCM_16);
  file_ = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!file_) return sf_strerror(nullptr);
  // A float WAV gets a PEAK chunk with a time stamp by default: the same
  // render would then differ byte for byte.
  sf_command(file_, SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);
  channels_ = channels;
  format_ = format;
  noise_ = seed * 2654435761u + 0x9E3779B9u;
  if (noise_ == 0) noise_ = 1;
  return "";
}

float WavWriter::next_uniform() {
  noise_ ^= noise_ << 13;  // xorshift32: deterministic on every machine
  noise_ ^= noise_ >> 17;
  noise_ ^= noise_ << 5;
  return static_cast<float>(noise_) * (1.0f / 4294967296.0f) - 0.5f;
}

bool WavWriter::write(const float* x, std::size_t frames) {
  const std::size_t n = frames * static_cast<std::size_t>(channels_);
  if (format_ == SampleFormat::F32)
    return sf_writef_float(file_, x, static_cast<sf_count_t>(frames)) == static_cast<sf_count_t>(frames);
  // TPDF dither: two uniform values of one step each, then round. libsndfile's
  // int API takes full-scale 32-bit values and keeps the top bits.
  const int bits = format_ == SampleFormat::S24 ? 24 : 16;
  const float scale = static_cast<float>((1 << (bits - 1)) - 1);
  const float top = scale, bottom = -scale - 1;
  ints_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    float v = x[i] * scale + next_uniform() + next_uniform();
    v = std::floor(v + 0.5f);
    v = v > top ? top : v < bottom ? bottom : v;
    ints_[i] = static_cast<int>(v) * (1 << (32 - bits));
  }
  return sf_writef_int(file_, ints_.data(), static_cast<sf_count_t>(frames)) == static_cast<sf_count_t>(frames);
}

bool WavWriter::close() {
  if (!file_) return true;
  const bool ok = sf_close(file_) == 0;
  file_ = nullptr;
  return ok;
}

}  // namespace tala
