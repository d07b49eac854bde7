#include "engine/voices/voice_lanes.hpp"

#include <algorithm>

namespace tala {

namespace {
// What an inert lane reads: two frames, so that Index + 1 is valid too.
const float kSilence[2] = {0, 0};
}  // namespace

VoiceLanes::VoiceLanes(std::size_t capacity)
    : capacity_((capacity + kBatch - 1) / kBatch * kBatch),
      floats_(capacity_ * kFloatFields),
      ints_(capacity_ * kIntFields),
      lefts_(capacity_),
      rights_(capacity_),
      book_(capacity_) {
  make_inert(0, capacity_);
}

std::size_t VoiceLanes::push() { return count_++; }

void VoiceLanes::remove(std::size_t lane) {
  const std::size_t last = --count_;
  if (lane != last) {
    for (int k = 0; k < kFloatFields; ++k) f(FloatField(k))[lane] = f(FloatField(k))[last];
    for (int k = 0; k < kIntFields; ++k) i(IntField(k))[lane] = i(IntField(k))[last];
    lefts_[lane] = lefts_[last];
    rights_[lane] = rights_[last];
    book_[lane] = book_[last];
  }
  make_inert(last, last + 1);
}

// Field by field over the range, not lane by lane: a voices node has 4,352
// lanes, all made inert when a program is compiled (on every edit).
void VoiceLanes::make_inert(std::size_t from, std::size_t to) {
  for (int k = 0; k < kFloatFields; ++k) std::fill(f(FloatField(k)) + from, f(FloatField(k)) + to, 0.0f);
  for (int k = 0; k < kIntFields; ++k) std::fill(i(IntField(k)) + from, i(IntField(k)) + to, 0);
  std::fill(i(Kind) + from, i(Kind) + to, static_cast<std::int32_t>(VoiceKind::Sample));
  std::fill(i(High) + from, i(High) + to, 1);
  std::fill(lefts_.begin() + from, lefts_.begin() + to, kSilence);
  std::fill(rights_.begin() + from, rights_.begin() + to, kSilence);
  std::fill(book_.begin() + from, book_.begin() + to, Book{});
}

}  // namespace tala
