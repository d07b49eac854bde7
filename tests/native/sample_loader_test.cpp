// Sample folders: files written here with libsndfile (WAV, FLAC, other rates,
// stereo), a broken and an empty file; every good file loads, in name order,
// at the engine's rate, and each bad one costs exactly one error line.
#define BOOST_TEST_MODULE sample_loader
#include "sample_loader.hpp"

#include <sndfile.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "pattern/value.hpp"

namespace fs = std::filesystem;

namespace {

void write_sine(const fs::path& path, int format, int rate, int channels, double seconds, double hz) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = format;
  SNDFILE* f = sf_open(path.string().c_str(), SFM_WRITE, &info);
  BOOST_REQUIRE_MESSAGE(f, "cannot write " << path << ": " << sf_strerror(nullptr));
  const auto frames = static_cast<std::size_t>(seconds * rate);
  std::vector<float> data(frames * static_cast<std::size_t>(channels));
  for (std::size_t i = 0; i < frames; ++i) {
    for (int c = 0; c < channels; ++c)
      data[i * channels + c] = static_cast<float>(0.5 * std::sin(2 * M_PI * hz * i / rate) * (c ? -1 : 1));
  }
  sf_writef_float(f, data.data(), static_cast<sf_count_t>(frames));
  sf_close(f);
}

struct Folder {
  fs::path root = fs::temp_directory_path() / ("tala-samples-" + std::to_string(::getpid()));
  Folder() {
    fs::create_directories(root / "tone");
    fs::create_directories(root / "zap");
    write_sine(root / "tone" / "b.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 1, 0.5, 440);
    write_sine(root / "tone" / "a.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 1.0, 220);
    write_sine(root / "zap" / "one.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 96000, 1, 0.25, 1000);
    std::ofstream(root / "zap" / "broken.wav") << "RIFF this is not audio at all";
    std::ofstream(root / "zap" / "empty.wav");
    std::ofstream(root / "zap" / "readme.txt") << "not a sample";
  }
  ~Folder() { fs::remove_all(root); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_folder_bank_loads_sorted_resampled_and_reports_bad_files) {
  Folder folder;
  tala::SampleBank bank;
  std::size_t calls = 0, last_total = 0;
  const auto report =
      tala::load_sample_folder(folder.root.string(), 48000, bank, [&](std::size_t done, std::size_t total) {
        ++calls;
        last_total = total;
        BOOST_CHECK_LE(done, total);
      });
  BOOST_CHECK_EQUAL(report.loaded, 3u);
  BOOST_CHECK_EQUAL(calls, 5u);  // five audio files (the .txt is not one)
  BOOST_CHECK_EQUAL(last_total, 5u);
  BOOST_REQUIRE_EQUAL(report.errors.size(), 2u);
  BOOST_CHECK(report.errors[0].rfind("error: " + (folder.root / "zap" / "broken.wav").string() + ": ", 0) == 0);
  BOOST_CHECK(report.errors[1].rfind("error: " + (folder.root / "zap" / "empty.wav").string() + ": ", 0) == 0);

  // tone:0 is a.flac (sorted by name): 1 s at 44.1 kHz, stereo, now 48 kHz.
  const tala::SampleBuffer* a = bank.find(tala::intern("tone"), 0);
  BOOST_REQUIRE(a);
  BOOST_CHECK_EQUAL(a->rate, 48000.0);
  BOOST_CHECK_LE(std::abs(static_cast<long>(a->frames()) - 48000), 2);
  BOOST_CHECK_CLOSE(a->left[1000], -a->right[1000], 1.0);  // the channels were written inverted
  // Its pitch survived resampling: 220 Hz is ~440 zero crossings per second.
  int crossings = 0;
  for (std::size_t i = 1; i < a->frames(); ++i) crossings += (a->left[i - 1] < 0) != (a->left[i] < 0);
  BOOST_CHECK_LE(std::abs(crossings - 440), 2);
  // tone:1 is b.wav, mono: both channels alike.
  const tala::SampleBuffer* b = bank.find(tala::intern("tone"), 1);
  BOOST_REQUIRE(b);
  BOOST_CHECK_EQUAL(b->frames(), 24000u);
  BOOST_CHECK(b->left == b->right);
  // zap has the one good file, resampled from 96 kHz.
  const tala::SampleBuffer* z = bank.find(tala::intern("zap"), 0);
  BOOST_REQUIRE(z);
  BOOST_CHECK_LE(std::abs(static_cast<long>(z->frames()) - 12000), 2);
  BOOST_CHECK_EQUAL(bank.find(tala::intern("zap"), 1), z);  // one variant: n wraps
  // n's whole part wraps, for any double: 1e20 (even) once went through an out-of-range conversion.
  BOOST_CHECK_EQUAL(bank.find(tala::intern("tone"), -3), b);
  BOOST_CHECK_EQUAL(bank.find(tala::intern("tone"), 3.7), b);
  BOOST_CHECK_EQUAL(bank.find(tala::intern("tone"), -0.5), a);
  BOOST_CHECK_EQUAL(bank.find(tala::intern("tone"), 1e20), a);
  BOOST_CHECK_EQUAL(bank.find(tala::intern("tone"), std::nan("")), a);
}

// Files libsndfile misreports: its words would not say what is wrong (and,
// for a .mp3, libmpg123 would print lines of its own on stderr first).
BOOST_AUTO_TEST_CASE(bad_mp3s_and_a_wav_of_rate_0_are_one_clear_line_each) {
  const fs::path root = fs::temp_directory_path() / ("tala-bad-samples-" + std::to_string(::getpid()));
  const fs::path x = root / "x";
  fs::create_directories(x);
  write_sine(x / "0.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 1, 0.1, 440);
  const auto write_bytes = [](const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  };
  write_bytes(x / "1.mp3", "this is not an mp3 file\n");
  write_bytes(x / "2.mp3", std::string("ID3\x03\0\0\0\0\0\x0a", 10) + std::string(10, '\0') + "garbage after the tag");
  // One MPEG 1 layer III frame header (128 kb/s, 44.1 kHz: 417 bytes), then no next frame.
  write_bytes(x / "3.mp3", "\xff\xfb\x90" + std::string(1, '\0') + std::string(500, 'x'));
  write_bytes(x / "4.mp3", "\xff\xfb\x90" + std::string(1, '\0') + std::string(300, 'x'));  // shorter than its frame
  // A 16-bit mono WAV whose 'fmt ' chunk gives 0 frames per second.
  write_bytes(x / "5.wav", std::string("RIFF\x2c\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\0\0\0\0\0\0\0\0\x02\0\x10\0", 36) +
                               std::string("data\x08\0\0\0", 8) + std::string(8, '\x01'));
  // A real MP3, where libsndfile can write one: it still loads.
  SF_INFO mp3{};
  mp3.samplerate = 44100;
  mp3.channels = 1;
  mp3.format = SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  const bool can_write_mp3 = sf_format_check(&mp3);
  if (can_write_mp3) {
    write_sine(x / "6.mp3", mp3.format, 44100, 1, 0.5, 440);
  } else {
    // Debian's libsndfile (1.1 and later) writes MP3; an older one skips this case, and says so.
    BOOST_TEST_MESSAGE("this libsndfile cannot write MP3: the real-MP3 case is skipped");
  }
  // A WAV named .mp3: libsndfile goes by the content, and so does the check before it.
  write_sine(x / "7.mp3", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 1, 0.1, 440);

  // stderr goes to a file meanwhile: the loader's lines must be the only words.
  const fs::path err_file = root / "stderr.txt";
  std::fflush(stderr);
  const int saved = ::dup(2);
  std::FILE* err = std::fopen(err_file.c_str(), "w");
  ::dup2(::fileno(err), 2);
  tala::SampleBank bank;
  const auto report = tala::load_sample_folder(root.string(), 48000, bank);
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::fclose(err);

  BOOST_CHECK_EQUAL(report.loaded, can_write_mp3 ? 3u : 2u);
  BOOST_REQUIRE_EQUAL(report.errors.size(), 5u);
  for (int i = 0; i < 4; ++i) {
    BOOST_CHECK_EQUAL(report.errors[i],
                      "error: " + (x / (std::to_string(i + 1) + ".mp3")).string() + ": Format not recognised.");
  }
  BOOST_CHECK_EQUAL(report.errors[4], "error: " + (x / "5.wav").string() + ": the sample rate is 0");
  BOOST_CHECK_EQUAL(fs::file_size(err_file), 0u);
  BOOST_TEST_MESSAGE("a real MP3 " << (can_write_mp3 ? "loaded" : "was not tried (libsndfile cannot write one)"));
  fs::remove_all(root);
}

BOOST_AUTO_TEST_CASE(a_missing_folder_is_one_error) {
  tala::SampleBank bank;
  const auto report = tala::load_sample_folder("/nonexistent/tala/samples", 48000, bank);
  BOOST_CHECK_EQUAL(report.loaded, 0u);
  BOOST_REQUIRE_EQUAL(report.errors.size(), 1u);
  BOOST_CHECK_EQUAL(report.errors[0], "error: /nonexistent/tala/samples: not a folder of sample folders");
}
