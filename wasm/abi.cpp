// The C ABI the browser calls. Nothing thrown inside the core crosses it:
// every entry point answers with text, errors included.
#include <cstdlib>
#include <cstring>
#include <string>

#include "engine/engine.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"
#include "last_error.hpp"
#include "pattern/event_query.hpp"
#include "util/error.hpp"

namespace {
std::string g_answer;           // owned here until the next call
std::vector<float> g_rendered;  // likewise
}  // namespace

extern "C" {

// Memory for the caller to write a request into.
void* tala_alloc(std::size_t bytes) { return std::malloc(bytes); }
void tala_free(void* p) { std::free(p); }

// Answers one events request line ({"pattern": ..., "cycles": N}) with the
// JSON line `tala events --stdin` would print; returns a NUL-terminated string.
const char* tala_events_answer(const char* request, std::size_t length) {
  try {
    g_answer = tala::answer_request_line(std::string(request, length));
  } catch (...) {
    g_answer = "{\"error\":\"error: internal error\"}";
  }
  return g_answer.c_str();
}

// Renders `frames` frames of a program's `out` (a .tala source or a JSON
// graph) at 48 kHz in 128-frame blocks (at most 60 s), as interleaved stereo floats. Returns
// null on error; tala_last_error() then says why.
const float* tala_render_offline(const char* source, std::size_t length, int frames) {
  return tala::wasm::reporting_errors(static_cast<const float*>(nullptr), [&]() -> const float* {
    // 60 s at most: two planar and one interleaved copy must fit the module's fixed memory.
    if (frames < 1 || frames > 60 * 48000) throw tala::Error("render: frames must be 1 .. 2880000 (60 s)");
    tala::Engine engine(tala::EngineConfig{});
    engine.submit(tala::Program::compile(tala::load_graph(tala::lang::graph_of(std::string(source, length))),
                                         engine.program_config()));
    std::vector<float> l(static_cast<std::size_t>(frames)), r(static_cast<std::size_t>(frames));
    float* channels[2] = {l.data(), r.data()};
    engine.process(channels, 1, frames);
    g_rendered.resize(2 * static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i) {
      g_rendered[2 * static_cast<std::size_t>(i)] = l[static_cast<std::size_t>(i)];
      g_rendered[2 * static_cast<std::size_t>(i) + 1] = r[static_cast<std::size_t>(i)];
    }
    return g_rendered.data();
  });
}

const char* tala_last_error() { return tala::wasm::last_error().c_str(); }

}  // extern "C"
