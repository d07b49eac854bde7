#include "dsp/samples.hpp"

#include <algorithm>

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

const SampleBuffer* SampleBank::find(const std::string* name, long long n) const {
  auto it = std::lower_bound(sounds_.begin(), sounds_.end(), name,
                             [](const Sound& s, const std::string* k) { return s.name < k; });
  if (it == sounds_.end() || it->name != name || it->variants.empty()) return nullptr;
  const auto count = static_cast<long long>(it->variants.size());
  return it->variants[static_cast<std::size_t>(((n % count) + count) % count)].get();
}

}  // namespace tala
