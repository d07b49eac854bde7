// Sample banks: sounds by name, each with numbered variants (`bd:3`), as in
// the Dirt-Samples layout. Built off the audio thread, then read-only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tala {

struct SampleBuffer {
  std::vector<float> left;
  std::vector<float> right;  // mono sources: equal to left, or empty (the built-in kit)
  double rate = 48000;       // the rate it was recorded (or synthesised) at
  bool mono = false;         // voices then read one channel for both
  std::size_t frames() const { return left.size(); }
};

class SampleBank {
 public:
  struct Sound {
    const std::string* name;  // interned, so voices compare by address
    std::vector<std::shared_ptr<const SampleBuffer>> variants;
  };

  void add(const std::string& name, std::shared_ptr<const SampleBuffer> buffer);
  // Variant n of a sound (its whole part, wrapping around as Tidal does; any double), or null.
  const SampleBuffer* find(const std::string* name, double n) const;
  const std::vector<Sound>& sounds() const { return sounds_; }

 private:
  std::vector<Sound> sounds_;  // sorted by name address once complete
};

// The built-in kit, synthesised once (deterministically: the same samples on
// every machine and in wasm): bd sn hh oh cp rim lt mt ht cb cr and the 808s,
// four variants each.
const SampleBank& builtin_kit();
// The kit's sounds whose names `wanted` accepts, built afresh (the same samples
// as builtin_kit's): a render builds only the sounds its program names.
SampleBank builtin_kit_sounds(const std::function<bool(const std::string&)>& wanted);

}  // namespace tala
