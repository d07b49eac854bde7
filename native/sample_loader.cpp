#include "sample_loader.hpp"

#include <samplerate.h>
#include <sndfile.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "audio_headers.hpp"

namespace fs = std::filesystem;

namespace tala {

namespace {

std::string extension_of(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool is_audio_file(const fs::path& p) {
  const std::string ext = extension_of(p);
  return ext == ".wav" || ext == ".aif" || ext == ".aiff" || ext == ".flac" || ext == ".ogg" || ext == ".mp3";
}

// The frames a WAV header claims when the file holds fewer: libsndfile then
// plays what is there and only says so in its log ("data : 4800 (should be
// 100)"), so a truncated file would load without a word.
std::optional<long long> claimed_frames(SNDFILE* file) {
  char log[4096] = {};
  sf_command(file, SFC_GET_LOG_INFO, log, sizeof log);
  const char* data = std::strstr(log, "\ndata : ");
  const char* align = std::strstr(log, "Block Align   : ");
  if (!data || !align) return std::nullopt;
  long long bytes = 0, should = 0, block = 0;
  if (std::sscanf(data, "\ndata : %lld (should be %lld)", &bytes, &should) != 2) return std::nullopt;
  if (std::sscanf(align, "Block Align   : %lld", &block) != 1 || block <= 0) return std::nullopt;
  return bytes / block;
}

// Decodes one file to planar stereo at `rate`; returns an error text or "".
std::string decode(const fs::path& path, double rate, std::int64_t max_seconds, SampleBuffer& out) {
  if (extension_of(path) == ".mp3" && !starts_like_container(path.string()) && !starts_like_mp3(path.string()))
    return "Format not recognised.";
  SF_INFO info{};
  std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> file(sf_open(path.string().c_str(), SFM_READ, &info), sf_close);
  if (!file) {
    if (wav_header_rate(path.string()) == 0u) return "the sample rate is 0";
    return sf_strerror(nullptr);
  }
  if (info.samplerate <= 0) return "the sample rate is " + std::to_string(info.samplerate);
  if (info.frames <= 0 || info.channels <= 0) return "no audio in the file";
  if (const auto claimed = claimed_frames(file.get()); claimed && *claimed > info.frames) {
    return "the file ends before its audio does (" + std::to_string(info.frames) + " of " + std::to_string(*claimed) +
           " frames)";
  }
  // Read in chunks, never trusting the header's length for memory: a header
  // may claim two billion frames over a hundred bytes of audio.
  const auto limit = static_cast<sf_count_t>(max_seconds * info.samplerate);
  const sf_count_t wanted = std::min(info.frames, limit + 1);
  const auto channels = static_cast<std::size_t>(info.channels);
  std::vector<float> interleaved;
  sf_count_t got = 0;
  for (sf_count_t n = 1; got < wanted && n > 0; got += n) {
    const sf_count_t chunk = std::min<sf_count_t>(wanted - got, 65536);
    interleaved.resize(static_cast<std::size_t>(got + chunk) * channels);
    n = sf_readf_float(file.get(), interleaved.data() + static_cast<std::size_t>(got) * channels, chunk);
  }
  // PCM containers know their length exactly; compressed formats estimate it.
  const int container = info.format & SF_FORMAT_TYPEMASK;
  const bool exact = container == SF_FORMAT_WAV || container == SF_FORMAT_AIFF || container == SF_FORMAT_W64 ||
                     container == SF_FORMAT_RF64 || container == SF_FORMAT_WAVEX;
  if (exact && got < wanted) {
    return "the file ends before its audio does (" + std::to_string(got) + " of " + std::to_string(info.frames) +
           " frames)";
  }
  if (got > limit) return "longer than " + std::to_string(max_seconds) + " s";
  if (got <= 0) return "cannot decode the audio";
  const auto frames = static_cast<std::size_t>(got);
  std::vector<float> left(frames), right(frames);
  for (std::size_t i = 0; i < frames; ++i) {
    left[i] = interleaved[i * channels];
    right[i] = interleaved[i * channels + (channels > 1 ? 1 : 0)];
  }
  if (info.samplerate != static_cast<int>(rate)) {
    const double ratio = rate / info.samplerate;
    for (std::vector<float>* ch : {&left, &right}) {
      std::vector<float> resampled(static_cast<std::size_t>(static_cast<double>(frames) * ratio) + 16);
      SRC_DATA data{};
      data.data_in = ch->data();
      data.input_frames = static_cast<long>(frames);
      data.data_out = resampled.data();
      data.output_frames = static_cast<long>(resampled.size());
      data.src_ratio = ratio;
      if (int err = src_simple(&data, SRC_SINC_MEDIUM_QUALITY, 1))
        return std::string("resampling: ") + src_strerror(err);
      resampled.resize(static_cast<std::size_t>(data.output_frames_gen));
      *ch = std::move(resampled);
    }
  }
  if (left.size() < 2) return "too short";
  out.left = std::move(left);
  out.right = std::move(right);
  out.rate = rate;
  out.mono = channels == 1;
  return "";
}

}  // namespace

SampleLoadReport load_sample_folder(const std::string& dir, double rate, SampleBank& bank,
                                    const std::function<void(std::size_t, std::size_t)>& progress,
                                    std::int64_t max_seconds) {
  SampleLoadReport report;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    report.errors.push_back("error: " + dir + ": not a folder of sample folders");
    return report;
  }
  std::vector<std::pair<std::string, fs::path>> files;  // sound name, file
  for (const auto& sound : fs::directory_iterator(dir, ec)) {
    if (!sound.is_directory()) continue;
    std::vector<fs::path> in_sound;
    for (const auto& f : fs::directory_iterator(sound.path(), ec)) {
      if (f.is_regular_file() && is_audio_file(f.path())) in_sound.push_back(f.path());
    }
    std::sort(in_sound.begin(), in_sound.end());
    for (auto& f : in_sound) files.emplace_back(sound.path().filename().string(), std::move(f));
  }
  std::sort(files.begin(), files.end());

  // Decoding and resampling take most of the time: files are decoded on all
  // cores at once, then added in sorted order so `:index` never depends on
  // which thread finished first.
  std::vector<std::shared_ptr<SampleBuffer>> buffers(files.size());
  std::vector<std::string> errors(files.size());
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex progress_mutex;
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      buffers[i] = std::make_shared<SampleBuffer>();
      errors[i] = decode(files[i].second, rate, max_seconds, *buffers[i]);
      const std::size_t finished = done.fetch_add(1) + 1;
      if (progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        progress(finished, files.size());
      }
    }
  };
  const std::size_t threads = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), files.size());
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  for (std::size_t i = 0; i < files.size(); ++i) {
    if (errors[i].empty()) {
      bank.add(files[i].first, std::move(buffers[i]));
      ++report.loaded;
    } else {
      report.errors.push_back("error: " + files[i].second.string() + ": " + errors[i]);
    }
  }
  return report;
}

}  // namespace tala
