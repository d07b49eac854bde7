// Compile and hot-swap cost, and block rendering, for tala programs.
//   build/release/bench/engine_bench
#include <benchmark/benchmark.h>

#include <cmath>
#include <complex>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dsp/fft.hpp"
#include "engine/engine.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"

namespace {

// 100 lines of the kinds a live coder writes: patterns, oscillators, effects.
std::string hundred_lines() {
  std::string s = "cps 0.5\n";
  for (int i = 0; i < 96; ++i) {
    switch (i % 4) {
      case 0:
        s += "d" + std::to_string(i) + ": every 4 (fast 2) $ s \"sine(3,8,<0 2>)\" # note \"<c3 e3 g3>\" # gain 0.1\n";
        break;
      case 1:
        s += "~m" + std::to_string(i) + ": range 200 2000 $ slow 4 sine\n";
        break;
      case 2:
        s += "~p" + std::to_string(i) + ": sawosc \"55 82.5\" * 0.01 # lpf ~m" + std::to_string(i - 1) + " 0.5\n";
        break;
      case 3:
        s += "d" + std::to_string(i) + ": jux rev $ n \"0 .. 7\" # s \"tri\" # gain 0.05 # release 0.1\n";
        break;
    }
  }
  s += "~mix: d0 + d3 + ~p2\n~wet: ~mix # delay 0.375 0.5\nout: ~wet # hpf 40\n";
  return s;
}

std::unique_ptr<tala::Program> build(const std::string& source, const tala::ProgramConfig& config) {
  return tala::Program::compile(tala::load_graph(tala::lang::compile_program(source)), config);
}

void BM_Compile100Lines(benchmark::State& state) {
  const std::string source = hundred_lines();
  for (auto _ : state) benchmark::DoNotOptimize(build(source, {}));
}
BENCHMARK(BM_Compile100Lines)->Unit(benchmark::kMillisecond);

// What a re-evaluation costs end to end: compile off the audio thread, hand
// over, and the audio thread's swap (state taken over) plus one block.
void BM_CompileAndSwap100Lines(benchmark::State& state) {
  const std::string source = hundred_lines();
  tala::Engine engine(tala::EngineConfig{});
  engine.submit(build(source, engine.program_config()));
  std::vector<float> l(128), r(128);
  float* channels[2] = {l.data(), r.data()};
  engine.process(channels, 1, 128);
  for (auto _ : state) {
    engine.submit(build(source, engine.program_config()));
    engine.process(channels, 1, 128);
    engine.free_retired();
  }
}
BENCHMARK(BM_CompileAndSwap100Lines)->Unit(benchmark::kMillisecond);

void BM_RenderBlockSketch(benchmark::State& state) {
  std::ifstream in(std::string(TALA_SOURCE_DIR) + "/examples/sketch.tala");
  std::stringstream text;
  text << in.rdbuf();
  tala::Engine engine(tala::EngineConfig{});
  engine.submit(build(text.str(), engine.program_config()));
  std::vector<float> l(128), r(128);
  float* channels[2] = {l.data(), r.data()};
  for (auto _ : state) engine.process(channels, 1, 128);
}
BENCHMARK(BM_RenderBlockSketch)->Unit(benchmark::kMicrosecond);

// The voice path (sample playback with linear interpolation, envelope, pan):
// 64 one-second sample voices start every second, so 64 sound at once.
void BM_SampleVoices64(benchmark::State& state) {
  tala::Engine engine(tala::EngineConfig{48000, 128, 0.005, false});
  engine.submit(build("cps 1\nout: s \"cr*64\" # end 0.5 # pan rand # gain 0.05", engine.program_config()));
  std::vector<float> l(48000), r(48000);
  float* channels[2] = {l.data(), r.data()};
  engine.process(channels, 1, 48000);  // one second: reach the steady 64 voices
  for (auto _ : state) engine.process(channels, 1, 128);
  state.SetItemsProcessed(state.iterations() * 64 * 128);  // voice-samples: 1e9 / items_per_second = ns each
}
BENCHMARK(BM_SampleVoices64)->Unit(benchmark::kMicrosecond);

// The core's FFT at the wavetables' size: 24 of these build the saw and
// triangle tables when a program first needs them.
void BM_Fft4096(benchmark::State& state) {
  const tala::dsp::Fft fft(4096);
  std::vector<std::complex<double>> data(4096);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = {std::sin(0.01 * static_cast<double>(i)), 0.0};
  for (auto _ : state) {
    fft.forward(data);
    benchmark::DoNotOptimize(data.data());
  }
}
BENCHMARK(BM_Fft4096)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
