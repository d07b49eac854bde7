// The voice engine: ns per voice-sample with the scalar and the SIMD kernel
// (AVX2 natively), whether 4096 sample voices fit in real time on one core,
// and what stealing costs when every onset steals.
//   build/release/bench/voices_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "engine/voices/voice_kernel.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"

namespace {

// Renders `source` with `voices` voices sounding steadily; reports ns per
// voice-sample (1e9 / items_per_second) and the time of one 128-frame block.
void run(benchmark::State& state, const std::string& source, int voices) {
  const bool scalar = state.range(0) == 0;
  state.SetLabel(tala::voice_kernel_name(scalar));
  tala::Engine engine(tala::EngineConfig{48000, 128, 0.005, false});
  auto config = engine.program_config();
  config.scalar_voices = scalar;
  engine.submit(tala::Program::compile(tala::load_graph(tala::lang::compile_program(source)), config));
  std::vector<float> l(48000), r(48000);
  float* channels[2] = {l.data(), r.data()};
  engine.process(channels, 1, 48000);  // one second: reach the steady number of voices
  for (auto _ : state) engine.process(channels, 1, 128);
  state.SetItemsProcessed(state.iterations() * voices * 128);
}

// cr at half length lasts a second; started `n` times a second, n sound at once.
void BM_SampleVoices(benchmark::State& state) {
  const int n = static_cast<int>(state.range(1));
  run(state,
      "cps 1\nout: s \"cr*" + std::to_string(n) + "\" # end 0.5 # speed \"1 0.99 1.01 0.98\" # pan rand # gain 0.01",
      n);
}
BENCHMARK(BM_SampleVoices)->ArgsProduct({{0, 1}, {1, 2, 64, 4096}})->Unit(benchmark::kMicrosecond);

// The same with a low-pass filter of each voice's own.
void BM_FilteredSampleVoices(benchmark::State& state) {
  run(state, "cps 1\nout: s \"cr*64\" # end 0.5 # pan rand # lpf \"800 2000\" # resonance 0.3 # gain 0.01", 64);
}
BENCHMARK(BM_FilteredSampleVoices)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// 64 band-limited saws, one started every 1/64 cycle, each held a cycle.
void BM_SawVoices(benchmark::State& state) {
  run(state, "cps 1\nout: s \"saw*64\" # note \"40 47 52 55\" # legato 64 # release 0.01 # gain 0.01", 64);
}
BENCHMARK(BM_SawVoices)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// One filtered saw, held: a bass line's voices node (q.tala's d3), where a
// batch of eight lanes has one live voice.
void BM_OneFilteredSaw(benchmark::State& state) {
  run(state, "cps 1\nout: s \"saw\" # note 36 # legato 1 # release 0.01 # lpf 1200 # resonance 0.3 # gain 0.1", 1);
}
BENCHMARK(BM_OneFilteredSaw)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Every onset steals: 232 supersaw notes a cycle at 564 cps (five lanes each,
// 650,000 a second) into 4096 voices, the pattern a fuzzer found rendering
// five times slower than real time while stealing scanned every lane.
void BM_StealingVoices(benchmark::State& state) {
  run(state, "cps 564\nout: s \"supersaw*232\" # note \"<46 41>\" # release 0.2 # lpf 1250 # gain 0.5", 4096);
}
BENCHMARK(BM_StealingVoices)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
