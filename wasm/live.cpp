// The live engine the AudioWorklet drives, the compiler the editor's worker
// calls, and the WAV export: one engine per module instance. Every entry
// point answers with JSON text or a number; nothing thrown crosses it.
#include <cmath>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dsp/analysis.hpp"
#include "dsp/samples.hpp"
#include "engine/engine.hpp"
#include "engine/render_plan.hpp"
#include "graph/graph.hpp"
#include "io/wav_encoder.hpp"
#include "lang/compile.hpp"
#include "util/error.hpp"
#include "last_error.hpp"

namespace tala {
namespace {

using json = nlohmann::json;

constexpr int kPairs = 17;           // out, out1 .. out16
constexpr int kMaxQuantum = 128;     // frames per tala_process call
constexpr const char* kTapOutput = "tap";  // the extra output the scope and spectrum read

std::string g_answer;  // the last text answer, valid until the next call

// The bus a node belongs to ("d1/voices1" -> "d1"); its value is its last node.
std::string bus_of(const std::string& id) { return id.substr(0, id.find('/')); }

std::optional<std::string> tap_node(const GraphDef& g, const std::string& tap) {
  for (const auto& [name, id] : g.outputs) {
    if (name == tap) return id;
  }
  std::optional<std::string> last;
  for (const auto& n : g.nodes) {
    if (bus_of(n.id) == tap) last = n.id;
  }
  return last;
}

struct Live {
  EngineConfig config;
  std::unique_ptr<Engine> engine;
  // Banks are never changed once a program reads them: adding a sample makes
  // a new bank, and the old ones stay alive for the programs built on them.
  std::vector<std::shared_ptr<SampleBank>> banks;
  std::optional<GraphDef> graph;  // the playing graph, rebuilt when the tap changes
  std::string tap = "out";
  std::vector<float> planar = std::vector<float>(2 * kPairs * kMaxQuantum);
  std::vector<float*> channels;
  std::vector<float> out = std::vector<float>(2 * kMaxQuantum);
  std::vector<float> mono = std::vector<float>(kMaxQuantum);
  dsp::SignalTap ring;
  std::vector<float> view = std::vector<float>(dsp::SignalTap::kCapacity);
  std::vector<float> spectrum = std::vector<float>(dsp::SignalTap::kCapacity / 2);
  float peak[2] = {0, 0};

  explicit Live(double rate, int block) {
    config.sample_rate = rate;
    config.block_size = block;
    engine = std::make_unique<Engine>(config);
    banks.push_back(std::make_shared<SampleBank>(builtin_kit()));
    for (int c = 0; c < 2 * kPairs; ++c) channels.push_back(planar.data() + c * kMaxQuantum);
  }

  ProgramConfig program_config() const {
    ProgramConfig pc = engine->program_config();
    pc.samples = banks.back().get();
    return pc;
  }

  // Builds `g` with the tap as an extra output and hands it to the engine.
  void submit(GraphDef g, SwapAt when) {
    GraphDef with_tap = g;
    if (auto id = tap_node(g, tap)) with_tap.outputs.emplace_back(kTapOutput, *id);
    engine->submit(Program::compile(with_tap, program_config()), when);
    graph = std::move(g);
  }
};

std::unique_ptr<Live> g_live;

// Export WAV: an engine of its own, driven a slice at a time so the page can
// show progress.
struct Export {
  std::unique_ptr<Engine> engine;
  std::vector<std::size_t> used;
  std::int64_t frames = 0, done = 0;
  std::optional<WavEncoder> encoder;
  std::vector<float> planar, interleaved;
  std::vector<float*> channels;
  std::vector<std::uint8_t> bytes;
};
std::unique_ptr<Export> g_export;

const SampleBank* current_bank() { return g_live ? g_live->banks.back().get() : nullptr; }

// Invalid UTF-8 (an error message quoting the source's bytes) becomes U+FFFD:
// dump() would throw, and nothing may be thrown across the ABI.
const char* answer(const json& j) {
  g_answer = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return g_answer.c_str();
}

json error_json(const Error& e) {
  return json{{"error", format_error(e)}, {"line", e.pos().line}, {"column", e.pos().column}};
}

}  // namespace
}  // namespace tala

using namespace tala;

extern "C" {

const char* tala_compile(const char* source, std::size_t length) {
  try {
    return answer(json{{"graph", lang::compile_program(std::string(source, length))}});
  } catch (const Error& e) {
    return answer(error_json(e));
  } catch (const std::exception& e) {
    return answer(json{{"error", std::string("error: internal: ") + e.what()}, {"line", 0}, {"column", 0}});
  }
}

int tala_live_init(double sample_rate, int block) {
  if (!(sample_rate >= 8000 && sample_rate <= 384000) || block < 1 || block > kMaxQuantum) {
    wasm::last_error() = "error: tala_live_init: rate must be in 8000..384000 and block in 1..128";
    return -1;
  }
  g_live = std::make_unique<Live>(sample_rate, block);
  return 0;
}

const char* tala_load(const char* text, std::size_t length, int when) {
  if (!g_live) return answer(json{{"error", "error: tala_live_init was not called"}});
  try {
    GraphDef g = load_graph_text(std::string(text, length));
    json buses = json::array(), outputs = json::array();
    for (const auto& [name, id] : g.outputs) outputs.push_back(name);
    for (const auto& n : g.nodes) {
      const std::string bus = bus_of(n.id);
      if (buses.empty() || buses.back() != bus) buses.push_back(bus);
    }
    const double cps = g.cps.to_double();
    g_live->engine->free_retired();
    g_live->submit(std::move(g), when == 1 ? SwapAt::Cycle : SwapAt::Block);
    return answer(json{{"outputs", outputs}, {"buses", buses}, {"cps", cps}});
  } catch (const Error& e) {
    return answer(json{{"error", format_error(e)}});
  } catch (const std::exception& e) {
    return answer(json{{"error", std::string("error: internal: ") + e.what()}});
  }
}

void tala_silence() {
  if (!g_live) return;
  GraphDef empty;
  if (g_live->graph) empty.cps = g_live->graph->cps;
  g_live->submit(std::move(empty), SwapAt::Block);
}

const float* tala_process(int frames) {
  if (!g_live || frames < 1 || frames > kMaxQuantum) return nullptr;
  Live& L = *g_live;
  L.engine->process(L.channels.data(), kPairs, frames);
  std::copy(L.channels[0], L.channels[0] + frames, L.out.data());
  std::copy(L.channels[1], L.channels[1] + frames, L.out.data() + frames);
  for (int i = 0; i < frames; ++i) {
    L.peak[0] = std::max(L.peak[0], std::fabs(L.channels[0][i]));
    L.peak[1] = std::max(L.peak[1], std::fabs(L.channels[1][i]));
  }
  // The tap: its program output when the engine renders whole blocks (the
  // worklet's quantum equals the block); the heard output otherwise.
  const Program* p = L.engine->current();
  const bool aligned = frames == L.config.block_size;
  if (p && aligned) {
    const Signal tap = p->output(kTapOutput);
    for (int i = 0; i < frames; ++i) L.mono[static_cast<std::size_t>(i)] = 0.5f * (tap.left[i] + tap.right[i]);
  } else {
    for (int i = 0; i < frames; ++i) L.mono[static_cast<std::size_t>(i)] = 0.5f * (L.channels[0][i] + L.channels[1][i]);
  }
  L.ring.write(L.mono.data(), static_cast<std::size_t>(frames));
  return L.out.data();
}

int tala_set_tap(const char* name, std::size_t length) {
  if (!g_live) return -1;
  const std::string tap(name, length);
  if (g_live->graph && !tap_node(*g_live->graph, tap)) return -1;
  g_live->tap = tap;
  try {
    if (g_live->graph) g_live->submit(*g_live->graph, SwapAt::Block);
  } catch (const std::exception&) {
    return -1;
  }
  return 0;
}

const float* tala_scope(int n) {
  if (!g_live || n < 1 || n > static_cast<int>(dsp::SignalTap::kCapacity)) return nullptr;
  g_live->ring.latest(g_live->view.data(), static_cast<std::size_t>(n));
  return g_live->view.data();
}

const float* tala_spectrum(int size) {
  if (!g_live || size < 256 || size > static_cast<int>(dsp::SignalTap::kCapacity) || (size & (size - 1))) return nullptr;
  static std::vector<std::unique_ptr<dsp::SpectrumAnalyzer>> analyzers(14);
  auto& a = analyzers[static_cast<std::size_t>(std::log2(size))];
  if (!a) a = std::make_unique<dsp::SpectrumAnalyzer>(static_cast<std::size_t>(size));
  g_live->ring.latest(g_live->view.data(), static_cast<std::size_t>(size));
  a->analyze(g_live->view.data(), g_live->spectrum.data());
  return g_live->spectrum.data();
}

const char* tala_status() {
  if (!g_live) return answer(json{{"error", "error: tala_live_init was not called"}});
  Live& L = *g_live;
  L.engine->free_retired();
  json messages = json::array();
  for (const auto& e : L.engine->take_errors()) messages.push_back("warning: " + e);
  json j{{"cycle", L.engine->cycle().to_double()}, {"peak", {L.peak[0], L.peak[1]}}, {"messages", messages}};
  L.peak[0] = L.peak[1] = 0;
  return answer(j);
}

int tala_add_sample(const char* name, std::size_t name_length, const float* left, const float* right, int frames,
                    double rate) {
  if (!g_live || frames < 1 || !(rate >= 1000 && rate <= 768000) || name_length == 0 || name_length > 256) {
    wasm::last_error() = "error: tala_add_sample: needs a name, frames > 0 and a rate in 1000..768000";
    return -1;
  }
  auto buffer = std::make_shared<SampleBuffer>();
  buffer->left.assign(left, left + frames);
  buffer->right.assign(right ? right : left, (right ? right : left) + frames);
  buffer->mono = right == nullptr;
  buffer->rate = rate;
  auto bank = std::make_shared<SampleBank>(*g_live->banks.back());
  bank->add(std::string(name, name_length), std::move(buffer));
  g_live->banks.push_back(std::move(bank));
  return 0;
}

int tala_export_begin(const char* text, std::size_t length, double seconds, double cycles, int format, int seed) {
  return wasm::reporting_errors(-1, [&] {
    if (format < 0 || format > 2) throw Error("export: format must be 0 (f32), 1 (s24) or 2 (s16)");
    auto x = std::make_unique<Export>();
    EngineConfig config;  // 48 kHz, 128-frame blocks: tala render's defaults
    x->engine = std::make_unique<Engine>(config);
    ProgramConfig pc = x->engine->program_config();
    pc.samples = current_bank();
    pc.seed = static_cast<std::uint32_t>(seed);
    const GraphDef graph = load_graph_text(std::string(text, length));
    auto program = Program::compile(graph, pc);
    x->used = used_outputs(graph);
    if (x->used.empty()) throw Error("the program has no output (out, out1..out16)");
    x->frames = render_frames(seconds > 0 ? std::optional<double>(seconds) : std::nullopt,
                              cycles > 0 ? std::optional<double>(cycles) : std::nullopt, program->cps().to_double(),
                              config.sample_rate);
    if (x->frames < 1 || x->frames > static_cast<std::int64_t>(600 * config.sample_rate))
      throw Error("export: the render must be 1 frame .. 10 minutes long");
    x->engine->submit(std::move(program));
    const auto channels = static_cast<int>(2 * x->used.size());
    x->encoder.emplace(channels, static_cast<int>(config.sample_rate), static_cast<SampleFormat>(format),
                       static_cast<std::uint32_t>(seed));
    x->bytes = x->encoder->header(static_cast<std::uint64_t>(x->frames));
    x->bytes.reserve(x->bytes.size() + static_cast<std::size_t>(x->frames) * static_cast<std::size_t>(channels) *
                                           static_cast<std::size_t>(x->encoder->bytes_per_sample()) + 1);
    const auto block = static_cast<std::size_t>(config.block_size);
    x->planar.assign(2 * kPairs * block, 0.0f);
    for (int c = 0; c < 2 * kPairs; ++c) x->channels.push_back(x->planar.data() + static_cast<std::size_t>(c) * block);
    x->interleaved.assign(2 * x->used.size() * block, 0.0f);
    g_export = std::move(x);
    return static_cast<int>(g_export->frames);
  });
}

int tala_export_step(int max_frames) {
  if (!g_export) return -1;
  Export& x = *g_export;
  const int block = x.engine->program_config().block_size;
  std::int64_t budget = std::max(max_frames, block);
  while (x.done < x.frames && budget > 0) {
    const auto n = static_cast<int>(std::min<std::int64_t>(block, x.frames - x.done));
    x.engine->process(x.channels.data(), kPairs, n);
    interleave_outputs(x.channels.data(), x.used, 0, x.used.size(), n, x.interleaved.data());
    x.encoder->encode(x.interleaved.data(), static_cast<std::size_t>(n), x.bytes);
    x.done += n;
    budget -= n;
  }
  return static_cast<int>(x.done);
}

static std::size_t g_result_size = 0;

const std::uint8_t* tala_export_finish() {
  if (!g_export || g_export->done < g_export->frames) {
    wasm::last_error() = "error: export: not begun or not finished";
    return nullptr;
  }
  const auto trailer = g_export->encoder->trailer(static_cast<std::uint64_t>(g_export->frames));
  g_export->bytes.insert(g_export->bytes.end(), trailer.begin(), trailer.end());
  g_result_size = g_export->bytes.size();
  return g_export->bytes.data();
}

int tala_result_size() { return static_cast<int>(g_result_size); }

}  // extern "C"
