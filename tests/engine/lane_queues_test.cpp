// The voices node's two lane queues: first in, first out, whatever is
// unlinked or moved in between.
#define BOOST_TEST_MODULE lane_queues
#include "engine/voices/lane_queues.hpp"

#include <boost/test/unit_test.hpp>
#include <vector>

using tala::LaneQueues;

namespace {

std::vector<int> queued(const LaneQueues& q, LaneQueues::Queue which) {
  std::vector<int> lanes;
  for (auto l = q.front(which); l != LaneQueues::kNone; l = q.next(static_cast<std::size_t>(l))) lanes.push_back(l);
  return lanes;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lanes_come_out_in_the_order_they_went_in) {
  LaneQueues q(8);
  BOOST_CHECK_EQUAL(q.front(LaneQueues::Sounding), LaneQueues::kNone);
  for (int lane : {3, 0, 5}) q.push_back(LaneQueues::Sounding, lane);
  q.push_back(LaneQueues::Stolen, 1);
  BOOST_CHECK(queued(q, LaneQueues::Sounding) == (std::vector<int>{3, 0, 5}));
  BOOST_CHECK(queued(q, LaneQueues::Stolen) == (std::vector<int>{1}));
}

BOOST_AUTO_TEST_CASE(unlinking_keeps_the_rest_in_order) {
  LaneQueues q(8);
  for (int lane : {0, 1, 2, 3, 4}) q.push_back(LaneQueues::Sounding, lane);
  q.unlink(LaneQueues::Sounding, 2);  // the middle
  q.unlink(LaneQueues::Sounding, 0);  // the front
  q.unlink(LaneQueues::Sounding, 4);  // the back
  BOOST_CHECK(queued(q, LaneQueues::Sounding) == (std::vector<int>{1, 3}));
  q.push_back(LaneQueues::Sounding, 4);  // the back is right after an unlink
  BOOST_CHECK(queued(q, LaneQueues::Sounding) == (std::vector<int>{1, 3, 4}));
  q.unlink(LaneQueues::Sounding, 1);
  q.unlink(LaneQueues::Sounding, 3);
  q.unlink(LaneQueues::Sounding, 4);
  BOOST_CHECK_EQUAL(q.front(LaneQueues::Sounding), LaneQueues::kNone);
  q.push_back(LaneQueues::Sounding, 2);
  BOOST_CHECK(queued(q, LaneQueues::Sounding) == (std::vector<int>{2}));
}

BOOST_AUTO_TEST_CASE(a_moved_lane_keeps_its_place) {
  // As VoiceLanes::remove does: lane 1 goes, and the last lane (4) moves into it.
  // The moved lane at the front, in the middle, at the back.
  for (const std::vector<int>& order : {std::vector<int>{4, 0, 2, 3}, {0, 2, 4, 3}, {0, 2, 3, 4}}) {
    BOOST_TEST_CONTEXT("queued as " << order[0] << order[1] << order[2] << order[3]) {
      LaneQueues q(8);
      for (int lane : order) q.push_back(LaneQueues::Sounding, lane);
      q.push_back(LaneQueues::Stolen, 1);
      q.unlink(LaneQueues::Stolen, 1);
      q.moved(LaneQueues::Sounding, 4, 1);
      std::vector<int> expected = order;
      for (int& lane : expected) lane = lane == 4 ? 1 : lane;
      BOOST_CHECK(queued(q, LaneQueues::Sounding) == expected);
      BOOST_CHECK_EQUAL(q.front(LaneQueues::Stolen), LaneQueues::kNone);
      q.push_back(LaneQueues::Sounding, 4);  // the back still links on
      expected.push_back(4);
      BOOST_CHECK(queued(q, LaneQueues::Sounding) == expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(clear_empties_both) {
  LaneQueues q(4);
  q.push_back(LaneQueues::Sounding, 0);
  q.push_back(LaneQueues::Stolen, 1);
  q.clear();
  BOOST_CHECK_EQUAL(q.front(LaneQueues::Sounding), LaneQueues::kNone);
  BOOST_CHECK_EQUAL(q.front(LaneQueues::Stolen), LaneQueues::kNone);
  q.push_back(LaneQueues::Stolen, 3);
  BOOST_CHECK(queued(q, LaneQueues::Stolen) == (std::vector<int>{3}));
}
