// Fuzzes mini-notation: parse, build and query one cycle. Every input must
// give events or a tala::Error with a position (the query's own limit on
// events bounds the work; `tala events` formatting is not fuzzed here, as
// printing 200,000 events is slow by nature, not a hang).
//
// The query's budget is a twentieth of the CLI's (10,000 events): an event can cost 20 µs under
// the sanitizers (ten times native), so at 200,000 events some patterns pass
// the 1 s hang limit with no bug: a step replicated 55 million times, each
// event from its own cycle (`5555555..55555000!55555555 5<5b 666c>/4`: 0.3 s
// natively, 2.2 s here), chained ranges building a pattern per event
// (`[22 12 ..3 ..5 ..9312 ..3 ..1 ..939.]`: 0.43 s natively, 1.2 s here at
// 50,000). The work per event is what is fuzzed; its count is the limit's job.
#include <cstddef>
#include <cstdint>
#include <string>

#include "mini/mini.hpp"
#include "util/error.hpp"

namespace {
constexpr std::int64_t kFuzzEvents = 10'000;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const tala::Pattern p = tala::parse_mini(text);
    p.query_span(tala::Rational(0), tala::Rational(1), kFuzzEvents);
  } catch (const tala::Error& e) {
    if (tala::format_error(e).empty()) __builtin_trap();
  }
  return 0;
}
