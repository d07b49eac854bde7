// Sample folders in the Dirt-Samples layout (one folder per sound, files
// sorted by name give `:index`), decoded with libsndfile (WAV, AIFF, FLAC,
// OGG, MP3 where the library supports it) and resampled with libsamplerate
// to the engine's rate. A bad file costs one error line naming it; the rest
// of the bank loads.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dsp/samples.hpp"
#include "limits.hpp"

namespace tala {

struct SampleLoadReport {
  std::size_t loaded = 0;
  std::vector<std::string> errors;  // "error: DIR/bd/x.wav: ..." one per bad file
};

// Adds every sound folder under `dir` to `bank`, decoding on every core.
// `progress(done, total)` is called after each file, one call at a time (for
// a progress bar). Files longer than `max_seconds` are refused (memory is
// bounded; tala limits: sample-seconds).
SampleLoadReport load_sample_folder(const std::string& dir, double rate, SampleBank& bank,
                                    const std::function<void(std::size_t, std::size_t)>& progress = {},
                                    std::int64_t max_seconds = Limits{}.sample_seconds);

}  // namespace tala
