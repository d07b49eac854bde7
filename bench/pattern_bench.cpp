// Pattern engine speed: events per second when querying 1,000 cycles of every
// conformance pattern, and the time to parse a pattern.
//   build/release/bench/pattern_bench
#include <benchmark/benchmark.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mini/mini.hpp"
#include "util/error.hpp"

namespace {

// The corpus patterns Strudel accepts (error cases are skipped).
const std::vector<std::string>& corpus_patterns() {
  static const std::vector<std::string> patterns = [] {
    std::vector<std::string> out;
    std::ifstream in(std::string(TALA_TEST_DATA) + "/mini.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto j = nlohmann::json::parse(line);
      if (!j.contains("error")) out.push_back(j["pattern"].get<std::string>());
    }
    return out;
  }();
  return patterns;
}

// One query of [0, 1000) per corpus pattern, as one block-free offline scan.
void BM_QueryCorpus1000Cycles(benchmark::State& state) {
  std::vector<tala::Pattern> pats;
  for (const auto& p : corpus_patterns()) pats.push_back(tala::parse_mini(p));
  std::int64_t events = 0;
  for (auto _ : state) {
    for (const auto& pat : pats) {
      const auto out = pat.query_span(tala::Rational(0), tala::Rational(1000), 100'000'000);
      events += static_cast<std::int64_t>(out.size());
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(events);
  state.counters["events_per_iteration"] =
      benchmark::Counter(static_cast<double>(events) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_QueryCorpus1000Cycles)->Unit(benchmark::kMillisecond);

// The same work in 128-sample blocks at 48 kHz and 0.5 cycles per second, as
// a live engine asks: many tiny queries instead of one big one.
void BM_QueryCorpusInBlocks(benchmark::State& state) {
  std::vector<tala::Pattern> pats;
  for (const auto& p : corpus_patterns()) pats.push_back(tala::parse_mini(p));
  const tala::Rational block(128 * 1, 96000);  // cycles per block at cps 0.5
  std::int64_t events = 0;
  std::int64_t queries = 0;
  for (auto _ : state) {
    for (const auto& pat : pats) {
      tala::Rational t(0);
      queries += 750;
      for (int b = 0; b < 750; ++b) {  // 1 s of audio = 0.5 cycles
        const auto out = pat.query_span(t, t + block);
        events += static_cast<std::int64_t>(out.size());
        t += block;
      }
    }
  }
  state.SetItemsProcessed(events);
  // Seconds per block query of one pattern: what a live engine pays per block.
  state.counters["time_per_query"] =
      benchmark::Counter(static_cast<double>(queries), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_QueryCorpusInBlocks)->Unit(benchmark::kMillisecond);

void BM_ParseCorpusPattern(benchmark::State& state) {
  const auto& patterns = corpus_patterns();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(tala::parse_mini(patterns[i]));
    i = (i + 1) % patterns.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseCorpusPattern);

}  // namespace

BENCHMARK_MAIN();
