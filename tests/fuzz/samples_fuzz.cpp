// Fuzzes sample file loading through the path `--samples DIR` takes: the
// bytes become a file in a sound folder, which is decoded (libsndfile),
// resampled and added to a bank. A bad file must cost one error line.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "sample_loader.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path dir = fs::temp_directory_path() / ("tala-fuzz-samples-" + std::to_string(getpid()));
  fs::create_directories(dir / "x");
  {
    std::ofstream out(dir / "x" / "a.wav", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  tala::SampleBank bank;
  const auto report = tala::load_sample_folder(dir.string(), 48000, bank);
  if (report.loaded + report.errors.size() != 1) __builtin_trap();
  return 0;
}
