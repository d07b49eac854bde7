// The dependency-counting scheduler on a real pool: every node runs once per
// block and only after everything it waits for has returned, for random
// graphs and thread counts (ThreadSanitizer runs this too: the tsan preset);
// chains become one task; waits another wait implies are dropped; a graph of
// independent parts runs part by part, and can run ahead several blocks a part.
#define BOOST_TEST_MODULE node_scheduler
#include "engine/node_scheduler.hpp"

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <random>
#include <vector>

#include "thread_pool.hpp"

namespace {

using Waits = std::vector<std::vector<std::uint32_t>>;

// Records, per node, at which step it started and ended (steps from one shared clock).
struct Record {
  std::atomic<std::uint32_t> clock{0};
  std::atomic<std::uint32_t> not_block_0{0};
  std::vector<std::atomic<std::uint32_t>> start, end, runs;
  explicit Record(std::size_t n) : start(n), end(n), runs(n) {}
};

void run_block(tala::NodeScheduler& scheduler, tala::ParallelFor& pool, Record& record) {
  scheduler.run(
      pool,
      [](void* c, std::size_t i, std::size_t block) {
        auto* r = static_cast<Record*>(c);
        if (block != 0) r->not_block_0.fetch_add(1);  // run() renders one block
        r->start[i].store(r->clock.fetch_add(1) + 1);
        for (int work = 0; work < 200; ++work) r->clock.load(std::memory_order_relaxed);
        r->runs[i].fetch_add(1);
        r->end[i].store(r->clock.fetch_add(1) + 1);
      },
      &record);
}

Waits random_graph(std::mt19937& rng, std::size_t n) {
  Waits waits(n);
  for (std::size_t i = 1; i < n; ++i) {
    const std::size_t count = std::uniform_int_distribution<std::size_t>(0, 3)(rng);
    for (std::size_t k = 0; k < count; ++k)
      waits[i].push_back(static_cast<std::uint32_t>(std::uniform_int_distribution<std::size_t>(0, i - 1)(rng)));
  }
  return waits;
}

// `parts` random graphs of `n` nodes side by side, none waiting for another's nodes.
Waits independent_parts(std::mt19937& rng, std::size_t parts, std::size_t n) {
  Waits waits;
  for (std::size_t p = 0; p < parts; ++p) {
    const auto offset = static_cast<std::uint32_t>(waits.size());
    Waits part = random_graph(rng, n);
    for (std::size_t i = 1; i < n; ++i) {  // connected: every node waits for one before it at least
      if (part[i].empty())
        part[i].push_back(static_cast<std::uint32_t>(std::uniform_int_distribution<std::size_t>(0, i - 1)(rng)));
    }
    for (auto& w : part) {
      for (auto& x : w) x += offset;
      waits.push_back(w);
    }
  }
  return waits;
}

void check_blocks(const Waits& waits, tala::NodeScheduler& scheduler, tala::ParallelFor& pool) {
  Record record(waits.size());
  for (int block = 1; block <= 20; ++block) {
    run_block(scheduler, pool, record);
    BOOST_REQUIRE_EQUAL(record.not_block_0.load(), 0u);
    for (std::size_t i = 0; i < waits.size(); ++i) {
      BOOST_REQUIRE_EQUAL(record.runs[i].load(), static_cast<std::uint32_t>(block));
      for (std::uint32_t w : waits[i]) BOOST_REQUIRE_LT(record.end[w].load(), record.start[i].load());
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_node_runs_once_after_what_it_waits_for) {
  std::mt19937 rng(7);
  for (int threads : {1, 2, 4}) {
    tala::ThreadPool pool(threads);
    for (std::size_t n : {1u, 2u, 5u, 40u, 300u}) {
      const Waits waits = random_graph(rng, n);
      tala::NodeScheduler scheduler(waits);
      check_blocks(waits, scheduler, pool);
    }
  }
}

BOOST_AUTO_TEST_CASE(independent_parts_run_whole_and_in_order) {
  std::mt19937 rng(11);
  for (int threads : {1, 2, 4}) {
    tala::ThreadPool pool(threads);
    for (std::size_t parts : {2u, 3u, 16u}) {
      for (std::size_t n : {1u, 4u, 30u}) {
        const Waits waits = independent_parts(rng, parts, n);
        tala::NodeScheduler scheduler(waits);
        BOOST_TEST(scheduler.runs_by_part());
        if (n == 30) BOOST_TEST(scheduler.task_count() > 2 * parts);  // parts of several tasks
        check_blocks(waits, scheduler, pool);
      }
    }
  }
}

namespace {

// run_ahead's calls, per node and block: when each started and ended, and
// when each part finished each block.
struct AheadRecord {
  std::size_t blocks;
  std::atomic<std::uint32_t> clock{0};
  std::vector<std::atomic<std::uint32_t>> start, end, runs, done;
  AheadRecord(std::size_t nodes, std::size_t parts, std::size_t b)
      : blocks(b), start(nodes * b), end(nodes * b), runs(nodes * b), done(parts * b) {}
};

}  // namespace

BOOST_AUTO_TEST_CASE(parts_run_ahead_block_after_block) {
  std::mt19937 rng(13);
  for (int threads : {1, 2, 3}) {  // 1: no pool, part after part on the caller
    tala::ThreadPool pool(threads);
    for (std::size_t parts : {2u, 5u, 16u}) {
      const std::size_t n = 12, blocks = 7;
      const Waits waits = independent_parts(rng, parts, n);
      // Node 0 of part 1 and the last node of part 0 must share a part (as a delay and its input do).
      const tala::NodeScheduler joined(waits, {{static_cast<std::uint32_t>(n - 1), static_cast<std::uint32_t>(n)}});
      // (With fewer than four parts the joined one holds more than half of the nodes: no parts then.)
      BOOST_CHECK_EQUAL(joined.part_count(), parts >= 4 ? parts - 1 : 0);
      if (joined.runs_by_part())
        BOOST_TEST(joined.part_of(static_cast<std::uint32_t>(n - 1)) == joined.part_of(static_cast<std::uint32_t>(n)));
      tala::NodeScheduler scheduler(waits);
      BOOST_REQUIRE(scheduler.runs_by_part());
      BOOST_CHECK_EQUAL(scheduler.part_count(), parts);
      AheadRecord record(waits.size(), parts, blocks);
      scheduler.run_ahead(
          threads > 1 ? &pool : nullptr, blocks,
          [](void* c, std::size_t i, std::size_t b) {
            auto* r = static_cast<AheadRecord*>(c);
            const std::size_t at = i * r->blocks + b;
            r->start[at].store(r->clock.fetch_add(1) + 1);
            for (int work = 0; work < 100; ++work) r->clock.load(std::memory_order_relaxed);
            r->runs[at].fetch_add(1);
            r->end[at].store(r->clock.fetch_add(1) + 1);
          },
          [](void* c, std::size_t part, std::size_t b) {
            auto* r = static_cast<AheadRecord*>(c);
            r->done[part * r->blocks + b].store(r->clock.fetch_add(1) + 1);
          },
          &record);
      for (std::size_t i = 0; i < waits.size(); ++i) {
        const std::size_t part = scheduler.part_of(static_cast<std::uint32_t>(i));
        BOOST_CHECK_EQUAL(part, scheduler.part_of(static_cast<std::uint32_t>(i / n * n)));  // its part is its graph
        for (std::size_t b = 0; b < blocks; ++b) {
          const std::size_t at = i * blocks + b;
          BOOST_REQUIRE_EQUAL(record.runs[at].load(), 1u);
          for (std::uint32_t w : waits[i]) BOOST_REQUIRE_LT(record.end[w * blocks + b].load(), record.start[at].load());
          // After its part finished the block before, and before its part finishes this one.
          if (b > 0) BOOST_REQUIRE_LT(record.done[part * blocks + b - 1].load(), record.start[at].load());
          BOOST_REQUIRE_LT(record.end[at].load(), record.done[part * blocks + b].load());
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_part_with_most_of_the_nodes_runs_task_by_task) {
  // One part of 0 -> {1, 2} -> 3 and a lone node 4: the diamond holds 4 of 5 nodes.
  const tala::NodeScheduler uneven(Waits{{}, {0}, {0}, {1, 2}, {}});
  BOOST_TEST(!uneven.runs_by_part());
  // Two diamonds: half each.
  const tala::NodeScheduler even(Waits{{}, {0}, {0}, {1, 2}, {}, {4}, {4}, {5, 6}});
  BOOST_TEST(even.runs_by_part());
  const tala::NodeScheduler one(Waits{{}, {0}, {0}, {1, 2}});
  BOOST_TEST(!one.runs_by_part());
}

BOOST_AUTO_TEST_CASE(a_chain_is_one_task_and_has_no_parallelism) {
  const tala::NodeScheduler chain(Waits{{}, {0}, {1}, {2}});
  BOOST_CHECK_EQUAL(chain.task_count(), 1u);
  BOOST_CHECK(!chain.has_parallelism());
  // 0 -> {1, 2} -> 3: the two middle nodes can overlap.
  const tala::NodeScheduler diamond(Waits{{}, {0}, {0}, {1, 2}});
  BOOST_CHECK_EQUAL(diamond.task_count(), 4u);
  BOOST_CHECK(diamond.has_parallelism());
}

BOOST_AUTO_TEST_CASE(a_wait_another_implies_is_dropped) {
  // Node 2 waits for 0 and 1, but 1 waits for 0 already: 0 -> 1 -> 2 is a chain.
  const tala::NodeScheduler implied(Waits{{}, {0}, {0, 1}});
  BOOST_CHECK_EQUAL(implied.task_count(), 1u);
}
