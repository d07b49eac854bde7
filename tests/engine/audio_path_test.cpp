// The audio path after warm-up: allocations and mutex locks counted while
// every example renders, with hot swaps and voice stealing. Counting hooks
// replace operator new and interpose pthread_mutex_lock for this executable.
#define BOOST_TEST_MODULE engine_audio_path
#include <dlfcn.h>
#include <pthread.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <set>
#include <sstream>

#include "support/render.hpp"

namespace {

std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
std::atomic<long> g_locks{0};

}  // namespace

void* operator new(std::size_t n) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, std::align_val_t a) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
  const std::size_t align = static_cast<std::size_t>(a);
  if (void* p = std::aligned_alloc(align, (n + align - 1) / align * align)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a) { return operator new(n, a); }
// The nothrow forms too: libstdc++ uses them (std::stable_sort's buffer), and
// each allocation must be freed by the same family.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  try {
    return operator new(n, a);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t& t) noexcept {
  return operator new(n, a, t);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

extern "C" int pthread_mutex_lock(pthread_mutex_t* m) {
  using Lock = int (*)(pthread_mutex_t*);
  static const Lock real = reinterpret_cast<Lock>(dlsym(RTLD_NEXT, "pthread_mutex_lock"));
  if (g_counting.load(std::memory_order_relaxed)) g_locks.fetch_add(1, std::memory_order_relaxed);
  return real(m);
}

namespace {

using tala::test::compile_source;

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Counts {
  long allocations = 0, locks = 0;
  double energy = 0;  // sum of squares over every channel: a silent engine would count nothing
};

// Renders `blocks` blocks of every output pair, counting only inside process().
Counts count_blocks(tala::Engine& engine, int blocks) {
  std::vector<float> buffer(34 * 128);
  std::vector<float*> channels;
  for (int c = 0; c < 34; ++c) channels.push_back(buffer.data() + c * 128);
  g_allocations = 0, g_locks = 0;
  double energy = 0;
  for (int b = 0; b < blocks; ++b) {
    g_counting = true;
    engine.process(channels.data(), 17, 128);
    g_counting = false;
    for (float x : buffer) energy += static_cast<double>(x) * x;
  }
  return {g_allocations.load(), g_locks.load(), energy};
}

}  // namespace

BOOST_AUTO_TEST_CASE(hooks_count) {
  // The hooks themselves work: a counted allocation and lock are seen.
  g_allocations = 0, g_locks = 0;
  g_counting = true;
  auto* p = new int(1);
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  g_counting = false;
  delete p;
  BOOST_TEST(g_allocations.load() == 1);
  BOOST_TEST(g_locks.load() == 1);
}

BOOST_AUTO_TEST_CASE(signal_graphs_never_allocate_or_lock) {
  // Oscillators, filters, delay, reverb, dynamics, a hot swap and its cross-fade.
  tala::Engine engine(tala::EngineConfig{});
  BOOST_REQUIRE(engine.submit(
      compile_source("out: sawosc 110 * 0.2 # lpf 800 0.6 # delay 0.25 0.5 # room 0.4\n", engine.program_config())));
  count_blocks(engine, 100);
  const Counts steady = count_blocks(engine, 1000);
  BOOST_TEST(steady.allocations == 0);
  BOOST_TEST(steady.locks == 0);
  BOOST_TEST(steady.energy > 1.0);
  const tala::Program* before = engine.current();
  BOOST_REQUIRE(engine.submit(
      compile_source("out: sawosc 110 * 0.3 # lpf 900 0.6 # delay 0.25 0.5 # room 0.4\n", engine.program_config())));
  const Counts swap = count_blocks(engine, 400);
  BOOST_TEST(swap.allocations == 0);
  BOOST_TEST(swap.locks == 0);
  BOOST_TEST(swap.energy > 1.0);
  BOOST_TEST(engine.current() != before);  // the swap and its cross-fade happened inside the counted blocks
}

BOOST_AUTO_TEST_CASE(sound_parameters_merged_per_event_allocate_nothing_after_warm_up) {
  // Every event of d1 merges four control maps (`#`): released maps are
  // recycled per thread (ControlMap's free list), so none is allocated.
  tala::Engine engine(tala::EngineConfig{});
  BOOST_REQUIRE(engine.submit(compile_source("cps 1\nd1: s \"bd*16 sn*16\" # gain 0.8 # pan \"0 0.5 1\" # speed 1.5",
                                             engine.program_config())));
  count_blocks(engine, 400);
  const Counts c = count_blocks(engine, 2000);
  BOOST_TEST(c.allocations == 0);
  BOOST_TEST(c.locks == 0);
  BOOST_TEST(c.energy > 1.0);
}

BOOST_AUTO_TEST_CASE(every_example_after_warm_up) {
  // No lock and no allocation, in every example: functions with patterned
  // arguments (`euclid "<3 5>" 8`) and binds (ranges of patterns) keep the
  // patterns they built for recent values (core/pattern/recently_built.hpp),
  // and queries borrow their vectors from a pool (util/scratch.hpp).
  for (const auto& entry : std::filesystem::directory_iterator(TALA_EXAMPLES_DIR)) {
    if (entry.path().extension() != ".tala") continue;
    tala::Engine engine(tala::EngineConfig{});
    BOOST_REQUIRE(engine.submit(compile_source(read(entry.path()), engine.program_config())));
    count_blocks(engine, 2000);  // two cycles of the slowest example: every map pool at its peak
    const Counts c = count_blocks(engine, 2000);
    BOOST_TEST_MESSAGE(entry.path().filename().string()
                       << ": " << c.allocations << " allocations in 2000 blocks, " << c.locks << " locks");
    BOOST_TEST(c.locks == 0, entry.path().filename() << " locks");
    BOOST_TEST(c.allocations == 0, entry.path().filename() << " allocates " << c.allocations);
    BOOST_TEST(c.energy > 0.0, entry.path().filename() << " is silent");
  }
}

BOOST_AUTO_TEST_CASE(voice_stealing_never_locks) {
  tala::Engine engine(tala::EngineConfig{});
  tala::ProgramConfig config = engine.program_config();
  config.max_voices = 16;  // far fewer than the pattern asks: every onset steals
  BOOST_REQUIRE(engine.submit(compile_source("out: s \"bd*64\" # speed 0.25 # gain 0.3\n", config)));
  count_blocks(engine, 400);
  const Counts c = count_blocks(engine, 2000);
  BOOST_TEST(c.locks == 0);
  BOOST_TEST(c.allocations == 0);
  BOOST_TEST(c.energy > 1.0);
}
