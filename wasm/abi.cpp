// The C ABI the browser calls. Nothing thrown inside the core crosses it:
// every entry point answers with text, errors included.
#include <cstdlib>
#include <cstring>
#include <string>

#include "pattern/event_query.hpp"

namespace {
std::string g_answer;  // owned here until the next call
}

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

}  // extern "C"
