#include "engine/voices/lane_queues.hpp"

namespace tala {

// The links into the gap between `before` and `after` (either may be the
// queue's end): what comes after `before` becomes `newer`, what comes before
// `after` becomes `older`.
void LaneQueues::join(Queue q, std::int32_t before, std::int32_t after, std::int32_t newer, std::int32_t older) {
  Ends& e = ends_[q];
  (before == kNone ? e.front : newer_[static_cast<std::size_t>(before)]) = newer;
  (after == kNone ? e.back : older_[static_cast<std::size_t>(after)]) = older;
}

void LaneQueues::push_back(Queue q, std::size_t lane) {
  const auto l = static_cast<std::int32_t>(lane);
  older_[lane] = ends_[q].back;
  newer_[lane] = kNone;
  join(q, ends_[q].back, kNone, l, l);
}

void LaneQueues::unlink(Queue q, std::size_t lane) {
  join(q, older_[lane], newer_[lane], newer_[lane], older_[lane]);
  older_[lane] = newer_[lane] = kNone;
}

void LaneQueues::moved(Queue q, std::size_t from, std::size_t to) {
  const auto t = static_cast<std::int32_t>(to);
  older_[to] = older_[from];
  newer_[to] = newer_[from];
  join(q, older_[to], newer_[to], t, t);
  older_[from] = newer_[from] = kNone;
}

}  // namespace tala
