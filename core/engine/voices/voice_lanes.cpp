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
  // Every lane inert (what make_inert sets), written field by field: a voices node has 4,352 lanes,
  // and a program is compiled on every edit.
  std::fill_n(i(Kind), capacity_, static_cast<std::int32_t>(VoiceKind::Sample));
  std::fill_n(i(High), capacity_, 1);
  std::fill(lefts_.begin(), lefts_.end(), kSilence);
  std::fill(rights_.begin(), rights_.end(), kSilence);
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
  make_inert(last);
}

void VoiceLanes::make_inert(std::size_t lane) {
  for (int k = 0; k < kFloatFields; ++k) f(FloatField(k))[lane] = 0;
  for (int k = 0; k < kIntFields; ++k) i(IntField(k))[lane] = 0;
  i(Kind)[lane] = static_cast<std::int32_t>(VoiceKind::Sample);
  i(High)[lane] = 1;
  lefts_[lane] = rights_[lane] = kSilence;
  book_[lane] = {};
}

}  // namespace tala
