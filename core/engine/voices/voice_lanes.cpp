#include "engine/voices/voice_lanes.hpp"

#include <algorithm>

namespace tala {

namespace {
// What an inert lane reads: two frames, so that Index + 1 is valid too.
const float kSilence[2] = {0, 0};
}  // namespace

VoiceLanes::VoiceLanes(std::size_t capacity)
    : capacity_((capacity + kBatch - 1) / kBatch * kBatch),
      // new T[n], not a vector: the memory stays untouched until push() needs it
      floats_(new float[capacity_ * kFloatFields]),
      ints_(new std::int32_t[capacity_ * kIntFields]),
      lefts_(new const float*[capacity_]),
      rights_(new const float*[capacity_]),
      book_(new Book[capacity_]) {}

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

// Field by field over the range, not lane by lane.
void VoiceLanes::make_inert(std::size_t from, std::size_t to) {
  for (int k = 0; k < kFloatFields; ++k) std::fill(f(FloatField(k)) + from, f(FloatField(k)) + to, 0.0f);
  for (int k = 0; k < kIntFields; ++k) std::fill(i(IntField(k)) + from, i(IntField(k)) + to, 0);
  std::fill(i(Kind) + from, i(Kind) + to, static_cast<std::int32_t>(VoiceKind::Sample));
  std::fill(i(High) + from, i(High) + to, 1);
  std::fill(lefts_.get() + from, lefts_.get() + to, kSilence);
  std::fill(rights_.get() + from, rights_.get() + to, kSilence);
  std::fill(book_.get() + from, book_.get() + to, Book{});
}

}  // namespace tala
