// Fuzzes the C ABI the browser page calls (wasm/abi.cpp, wasm/live.cpp,
// built natively here): each input is a sequence of calls with fuzzed
// arguments (programs, graphs, quantum sizes, taps, sample PCM, exports,
// profiles).
// Every text answer must be valid JSON, every quantum finite, and nothing may
// crash, hang or grow without bound.
//
// Each call is bounded by the ABI itself (program size, frames, blocks); an
// input is a batch of up to 48 of them, so the batch has budgets of its own
// that keep one input well under the 1 s hang limit under the sanitizers:
// at most kPrograms calls that compile a program (a 2 KB program with seven
// outputs takes about 45 ms to compile there) and kFrames frames rendered in
// all (the same program renders 64 blocks in about 130 ms). Without them a
// repeated heavy call took 2.5 s per input (session 9), which says nothing
// about any one call. kFrames was 64 blocks until a program of twenty voices
// nodes at 554 cps (thousands of voices) took 1.0-1.25 s to profile for 64
// blocks under the sanitizers (session 18; 137 ms in a release build), and 32
// until a program whose supersaw node keeps its 4,096 voices sounding took
// 0.6-0.7 s for 32 blocks (session 20): a program may hold several such nodes.
//
// Each input starts from a fresh engine. A failed tala_live_init keeps the
// engine it had, so inputs used to carry the previous input's program, blocks
// and samples: every "slow unit" the long runs saved was such an input, fast
// alone and slow after another. Fresh, each input says everything about its
// run, and the slow ones led to the O(n)-per-voice stealing (session 20).
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

extern "C" {
const char* tala_events_answer(const char* request, std::size_t length);
const float* tala_render_offline(const char* source, std::size_t length, int frames);
const char* tala_compile(const char* source, std::size_t length);
int tala_live_init(double sample_rate, int block);
const char* tala_load(const char* text, std::size_t length, int when);
void tala_silence();
const float* tala_process(int frames);
int tala_set_tap(const char* name, std::size_t length);
const float* tala_scope(int n);
const float* tala_spectrum(int size);
const char* tala_status();
int tala_add_sample(const char* name, std::size_t name_length, const float* left, const float* right, int frames,
                    double rate);
int tala_export_begin(const char* text, std::size_t length, double seconds, double cycles, int format, int seed);
int tala_export_step(int max_frames);
const std::uint8_t* tala_export_finish();
int tala_result_size();
const char* tala_profile(const char* text, std::size_t length, int blocks);

// The page's clock import (performance.now()); a still clock keeps runs repeatable.
double tala_now_ms() { return 0; }
}

namespace {

nlohmann::json parsed(const char* answer) {
  if (!answer) __builtin_trap();
  auto j = nlohmann::json::parse(answer, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    std::fprintf(stderr, "wasm_abi_fuzz: not JSON: %.300s\n", answer);
    __builtin_trap();
  }
  return j;
}

void require_finite(const float* x, int n) {
  for (int i = 0; i < n; ++i) {
    if (!std::isfinite(x[i])) __builtin_trap();
  }
}

// A program: as typed, or compiled first so the graph calls get valid graphs too.
std::string text_of(FuzzedDataProvider& in) {
  std::string source = in.ConsumeRandomLengthString(2048);
  if (!in.ConsumeBool()) return source;
  const auto answer = parsed(tala_compile(source.data(), source.size()));
  return answer.contains("graph") ? answer["graph"].dump() : source;
}

constexpr int kPrograms = 6;
constexpr int kFrames = 16 * 128;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const double rates[] = {48000, 44100, 8000, 384000, 1, 0, -48000, 1e12};
  const int block = in.ConsumeIntegralInRange(-1, 130);
  tala_live_init(48000, 128);                         // forget the previous input's engine (see above)
  tala_live_init(in.PickValueInArray(rates), block);  // a bad rate or block keeps the fresh one
  int programs = kPrograms, frames_left = kFrames;
  // False once the batch's budget is spent: the input ends there.
  auto spend = [&](int& budget, int n) { return (budget -= std::max(n, 0)) >= 0; };
  for (int step = 0; step < 48 && in.remaining_bytes() > 0; ++step) {
    const int call = in.ConsumeIntegralInRange(0, 11);
    // A tap recompiles the playing program.
    const bool compiles = call == 0 || call == 1 || call == 3 || call == 8 || call == 10 || call == 11;
    if (compiles && !spend(programs, 1)) break;
    switch (call) {
      case 0: {
        const std::string source = in.ConsumeRandomLengthString(2048);
        const auto answer = parsed(tala_compile(source.data(), source.size()));
        if (!answer.contains("graph") && !answer.contains("error")) __builtin_trap();
        break;
      }
      case 1: {
        const std::string text = text_of(in);
        parsed(tala_load(text.data(), text.size(), in.ConsumeIntegralInRange(-1, 2)));
        break;
      }
      case 2: {
        const int frames = in.ConsumeIntegralInRange(-2, 130);
        if (!spend(frames_left, frames)) return 0;
        if (const float* out = tala_process(frames)) require_finite(out, 2 * frames);
        break;
      }
      case 3: {
        const std::string name = in.ConsumeRandomLengthString(64);
        tala_set_tap(name.data(), name.size());
        break;
      }
      case 4: {
        const int n = in.ConsumeIntegralInRange(-1, 70000);
        if (const float* x = tala_scope(n)) require_finite(x, n);
        if (const float* s = tala_spectrum(in.ConsumeIntegralInRange(-1, 70000))) require_finite(s, 1);
        break;
      }
      case 5: {
        const std::string name = in.ConsumeRandomLengthString(300);
        const int frames = in.ConsumeIntegralInRange(-1, 4096);
        std::vector<float> left(static_cast<std::size_t>(std::max(frames, 0)) + 1), right(left.size());
        for (auto& x : left) x = in.ConsumeFloatingPointInRange(-2.0f, 2.0f);
        for (auto& x : right) x = in.ConsumeFloatingPointInRange(-2.0f, 2.0f);
        const double rate = in.ConsumeFloatingPointInRange(-1000.0, 1e6);
        tala_add_sample(name.data(), name.size(), left.data(), in.ConsumeBool() ? right.data() : nullptr, frames, rate);
        break;
      }
      case 6:
        tala_silence();
        break;
      case 7:
        parsed(tala_status());
        break;
      case 8: {
        const std::string text = text_of(in);
        const double seconds = in.ConsumeFloatingPointInRange(-1.0, 0.05);
        const double cycles = in.ConsumeFloatingPointInRange(-1.0, 0.1);
        const int frames = tala_export_begin(text.data(), text.size(), seconds, cycles,
                                             in.ConsumeIntegralInRange(-1, 3), in.ConsumeIntegral<int>());
        if (frames > 0 && spend(frames_left, frames)) {
          while (tala_export_step(in.ConsumeIntegralInRange(-1, 8192)) < frames) {
          }
          if (!tala_export_finish() || tala_result_size() < 44) __builtin_trap();
        }
        break;
      }
      case 9: {
        const std::string request = in.ConsumeRandomLengthString(512);
        parsed(tala_events_answer(request.data(), request.size()));
        break;
      }
      case 11: {
        const std::string text = text_of(in);
        const int blocks = in.ConsumeIntegralInRange(-1, kFrames / 128);
        if (!spend(frames_left, blocks * 128)) return 0;
        // Null on bad input (tala_last_error says why), else the table as JSON.
        if (const char* table = tala_profile(text.data(), text.size(), blocks)) parsed(table);
        break;
      }
      case 10: {
        const std::string source = in.ConsumeRandomLengthString(1024);
        const int frames = in.ConsumeIntegralInRange(-1, kFrames);
        if (!spend(frames_left, frames)) return 0;
        if (const float* out = tala_render_offline(source.data(), source.size(), frames))
          require_finite(out, 2 * frames);
        break;
      }
    }
  }
  return 0;
}
