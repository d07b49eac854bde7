// The thread pool: every task of every job runs exactly once, whatever the
// thread count; and every example renders to the same bytes with 1, 2 and 8
// threads (independent nodes run in parallel: core/engine/node_scheduler.hpp).
#define BOOST_TEST_MODULE thread_pool
#include "thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

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
