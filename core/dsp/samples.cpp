#include "dsp/samples.hpp"

#include <algorithm>
#include <cmath>

#include "pattern/value.hpp"

namespace tala {

void SampleBank::add(const std::string& name, std::shared_ptr<const SampleBuffer> buffer) {
  const std::string* key = intern(name);
  auto it = std::find_if(sounds_.begin(), sounds_.end(), [&](const Sound& s) { return s.name == key; });
  if (it == sounds_.end()) {
    sounds_.push_back(Sound{key, {}});
    it = sounds_.end() - 1;
  }
  it->variants.push_back(std::move(buffer));
  std::sort(sounds_.begin(), sounds_.end(), [](const Sound& a, const Sound& b) { return a.name < b.name; });
}

const SampleBuffer* SampleBank::find(const std::string* name, double n) const {
  auto it = std::lower_bound(sounds_.begin(), sounds_.end(), name,
                             [](const Sound& s, const std::string* k) { return s.name < k; });
  if (it == sounds_.end() || it->name != name || it->variants.empty()) return nullptr;
  // The whole part wrapped in double: fmod is exact, so any n (1e20 too) gives
  // what integer arithmetic would, without converting an out-of-range double.
  const auto count = static_cast<double>(it->variants.size());
  double index = std::isfinite(n) ? std::fmod(std::trunc(n), count) : 0.0;
  if (index < 0) index += count;
  return it->variants[static_cast<std::size_t>(index)].get();
}

}  // namespace tala
