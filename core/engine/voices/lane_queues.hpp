// Two first-in-first-out queues over the lanes of a voices node: the voices
// sounding, in the order they started (the front is the next one stolen), and
// the stolen ones fading out, in the order they were stolen (the front has
// faded longest and goes first when even the fade room is full).
//
// Intrusive, a pair of neighbours per lane, so that finding the oldest voice
// costs the same with 16 lanes or 4,352: a scan of every lane per new voice
// made a dense supersaw pattern render five times slower than real time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace tala {

class LaneQueues {
 public:
  enum Queue { Sounding, Stolen };
  static constexpr std::int32_t kNone = -1;

  // Left uninitialised, as the lanes are (voice_lanes.hpp): a lane's links are
  // written when it is queued, before anything reads them.
  explicit LaneQueues(std::size_t capacity) : older_(new std::int32_t[capacity]), newer_(new std::int32_t[capacity]) {}

  std::int32_t front(Queue q) const { return ends_[q].front; }
  std::int32_t next(std::size_t lane) const { return newer_[lane]; }  // the lane queued after it, or kNone

  void push_back(Queue q, std::size_t lane);
  void unlink(Queue q, std::size_t lane);
  // The lane at `from`, queued on q, now lives at `to` (VoiceLanes::remove moved it there).
  void moved(Queue q, std::size_t from, std::size_t to);
  void clear() { ends_[Sounding] = ends_[Stolen] = {}; }

 private:
  struct Ends {
    std::int32_t front = kNone, back = kNone;
  };
  void join(Queue q, std::int32_t before, std::int32_t after, std::int32_t newer, std::int32_t older);

  Ends ends_[2];
  std::unique_ptr<std::int32_t[]> older_, newer_;
};

}  // namespace tala
