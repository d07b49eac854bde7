// The thread pool: every task of every job runs exactly once, whatever the
// thread count; and every example renders to the same bytes with 1, 2 and 8
// threads (independent nodes run in parallel: core/engine/node_scheduler.hpp).
#define BOOST_TEST_MODULE thread_pool
#include "thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "graph/graph.hpp"
#include "support/render.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(TALA_TEST_DATA).parent_path().parent_path();

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every output pair of 2 s of the program, rendered with `pool` (or none).
std::vector<float> render_all(const std::string& source, tala::ParallelFor* pool) {
  tala::EngineConfig config;
  config.parallel = pool;
  tala::Engine e(config);
  BOOST_REQUIRE(e.submit(tala::test::compile_source(source, e.program_config())));
  return tala::test::render_all(e, 96000);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_task_runs_exactly_once) {
  for (int threads : {1, 2, 3, 8}) {
    tala::ThreadPool pool(threads);
    BOOST_CHECK_EQUAL(pool.threads(), threads);
    for (std::size_t count : {0u, 1u, 2u, 7u, 100u, 1000u}) {
      std::vector<std::atomic<int>> runs(count);
      for (int job = 0; job < 50; ++job) {
        pool.run(
            count, [](void* c, std::size_t i) { (*static_cast<std::vector<std::atomic<int>>*>(c))[i].fetch_add(1); },
            &runs);
      }
      BOOST_CHECK(std::all_of(runs.begin(), runs.end(), [](const std::atomic<int>& r) { return r.load() == 50; }));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_posted_job_runs_once_on_an_idle_thread_or_the_waiter) {
  tala::ThreadPool pool(2);
  struct Side {
    std::thread::id caller = std::this_thread::get_id();
    int runs = 0;  // plain: wait_posted must make the job's writes visible
    bool by_worker = false;
    std::atomic<bool> ran{false};
  } side;
  const auto job = [](void* c) {
    auto* s = static_cast<Side*>(c);
    ++s->runs;
    s->by_worker = std::this_thread::get_id() != s->caller;
    s->ran.store(true);
  };
  const auto nothing = [](void*, std::size_t) {};
  int taken_by_worker = 0;
  for (int i = 0; i < 300; ++i) {
    side.ran.store(false);
    if (i % 3 == 2) pool.run(4, nothing, nullptr);
    pool.post(job, &side);
    if (i % 3 == 1) pool.run(4, nothing, nullptr);  // the caller may take it, waiting for the others
    if (i % 3 == 2) {
      // Not waited for: the worker, spinning for its next job after the last one, takes it
      // (unless the caller was held up long enough for it to park: hence "at least once" below).
      for (int spin = 0; spin < 100000 && !side.ran.load(); ++spin) std::this_thread::yield();
    }
    pool.wait_posted();
    BOOST_REQUIRE_EQUAL(side.runs, i + 1);
    if (i % 3 == 2) taken_by_worker += side.by_worker;
  }
  BOOST_TEST(taken_by_worker > 0);
}

BOOST_AUTO_TEST_CASE(a_posted_job_wakes_a_parked_worker) {
  tala::ThreadPool pool(2);
  pool.wait_posted();  // nothing posted: returns at once
  // No job has come for long enough that the worker parked: a side job alone must wake it
  // (a program without parallelism gives the pool no blocks, yet its chunks are written so).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  struct Side {
    std::thread::id caller = std::this_thread::get_id();
    std::atomic<bool> by_worker{false}, ran{false};
  } side;
  pool.post(
      [](void* c) {
        auto* s = static_cast<Side*>(c);
        s->by_worker.store(std::this_thread::get_id() != s->caller);
        s->ran.store(true);
      },
      &side);
  for (int wait = 0; wait < 2000 && !side.ran.load(); ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  BOOST_TEST(side.ran.load());
  BOOST_TEST(side.by_worker.load());
  pool.wait_posted();
}

BOOST_AUTO_TEST_CASE(parts_that_run_ahead_give_the_samples_of_block_after_block) {
  // Eight outputs, each a saw whose only reader is a delay with feedback: a
  // delay reads its input after the block, so neither waits for the other,
  // yet a part running ahead must hold both (else the saw's buffer would hold
  // a later block when the delay records it). A pattern sets each saw's pitch.
  nlohmann::json graph = {{"format", "tala-graph"}, {"version", 1}, {"cps", 0.5}};
  graph["nodes"] = nlohmann::json::array();
  for (int k = 1; k <= 8; ++k) {
    const std::string saw = "saw" + std::to_string(k), delay = "delay" + std::to_string(k);
    graph["nodes"].push_back(
        {{"id", saw},
         {"type", "sawosc"},
         {"params", {{"freq", {{"pattern", {{"mini", std::to_string(100 * k) + " " + std::to_string(150 * k)}}}}}}}});
    graph["nodes"].push_back({{"id", delay},
                              {"type", "delay"},
                              {"params", {{"in", {{"node", saw}}}, {"time", 0.004 * k}, {"feedback", 0.6}}}});
    graph["outputs"]["out" + std::to_string(k)] = delay;
  }
  const tala::GraphDef def = tala::load_graph(graph);
  tala::ThreadPool two(2), eight(8);
  auto render = [&](tala::ParallelFor* pool, int frames_per_call) {
    tala::EngineConfig config;
    config.parallel = pool;
    tala::Engine e(config);
    auto program = tala::Program::compile(def, e.program_config());
    BOOST_TEST(program->runs_ahead());
    BOOST_REQUIRE(e.submit(std::move(program)));
    const int frames = 48000, pairs = static_cast<int>(tala::kOutputCount);
    std::vector<float> all(static_cast<std::size_t>(2 * pairs * frames));
    std::vector<float*> channels;
    for (int done = 0; done < frames; done += frames_per_call) {
      channels.clear();
      for (int c = 0; c < 2 * pairs; ++c) channels.push_back(all.data() + static_cast<std::size_t>(c * frames + done));
      e.process(channels.data(), pairs, std::min(frames_per_call, frames - done));
    }
    return all;
  };
  const auto serial = render(nullptr, 128);  // one block a call: no running ahead
  BOOST_TEST(std::any_of(serial.begin(), serial.end(), [](float x) { return x != 0; }));
  for (tala::ParallelFor* pool : {static_cast<tala::ParallelFor*>(nullptr), static_cast<tala::ParallelFor*>(&two),
                                  static_cast<tala::ParallelFor*>(&eight)}) {
    for (int per_call : {48000, 128 * 64, 128 * 3 + 50, 128}) {
      BOOST_TEST_CONTEXT((pool ? pool->threads() : 0) << " threads, " << per_call << " frames a call") {
        const auto ahead = render(pool, per_call);
        BOOST_TEST(std::memcmp(serial.data(), ahead.data(), serial.size() * sizeof(float)) == 0);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(examples_render_the_same_bytes_with_1_2_and_8_threads) {
  tala::ThreadPool two(2), eight(8);
  for (const auto& entry : fs::directory_iterator(kRoot / "examples")) {
    if (entry.path().extension() != ".tala") continue;
    BOOST_TEST_CONTEXT(entry.path().filename()) {
      const std::string source = read(entry.path());
      const auto one = render_all(source, nullptr);
      const auto with_two = render_all(source, &two);
      const auto with_eight = render_all(source, &eight);
      BOOST_CHECK(std::memcmp(one.data(), with_two.data(), one.size() * sizeof(float)) == 0);
      BOOST_CHECK(std::memcmp(one.data(), with_eight.data(), one.size() * sizeof(float)) == 0);
      BOOST_CHECK(std::any_of(one.begin(), one.end(), [](float x) { return x != 0; }));
    }
  }
}
