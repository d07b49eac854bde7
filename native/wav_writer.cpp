#include "wav_writer.hpp"

#include <cerrno>
#include <cstring>

namespace tala {

WavWriter::~WavWriter() { close(); }

std::string WavWriter::open(const std::string& path, int channels, int rate, SampleFormat format, std::uint32_t seed) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) return std::strerror(errno);
  encoder_.emplace(channels, rate, format, seed);
  frames_ = 0;
  const auto header = encoder_->header(0);
  if (std::fwrite(header.data(), 1, header.size(), file_) != header.size()) return std::strerror(errno);
  return "";
}

bool WavWriter::write(const float* interleaved, std::size_t frames) {
  if (!file_ || frames_ + frames > encoder_->max_frames()) return false;
  if (encoder_->copies_floats()) {  // a 16-output render writes ~6 MB a second: no copy of it
    frames_ += frames;
    const std::size_t n = frames * static_cast<std::size_t>(encoder_->channels());
    return std::fwrite(interleaved, sizeof(float), n, file_) == n;
  }
  bytes_.clear();
  encoder_->encode(interleaved, frames, bytes_);
  frames_ += frames;
  return bytes_.empty() || std::fwrite(bytes_.data(), 1, bytes_.size(), file_) == bytes_.size();
}

bool WavWriter::close() {
  if (!file_) return true;
  const auto trailer = encoder_->trailer(frames_);
  const auto header = encoder_->header(frames_);
  bool ok = trailer.empty() || std::fwrite(trailer.data(), 1, trailer.size(), file_) == trailer.size();
  ok = ok && std::fseek(file_, 0, SEEK_SET) == 0;
  ok = ok && std::fwrite(header.data(), 1, header.size(), file_) == header.size();
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  return ok;
}

}  // namespace tala
