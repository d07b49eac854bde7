// Fuzzes mini-notation: parse, build and query one cycle. Every input must
// give events or a tala::Error with a position (the query's own limit on
// events bounds the work; `tala events` formatting is not fuzzed here, as
// printing a million events is slow by nature, not a hang).
#include <cstddef>
#include <cstdint>
#include <string>

#include "mini/mini.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const tala::Pattern p = tala::parse_mini(text);
    // One cycle with the budget of `tala events` (1M events).
    p.query_span(tala::Rational(0), tala::Rational(1));
  } catch (const tala::Error& e) {
    if (tala::format_error(e).empty()) __builtin_trap();
  }
  return 0;
}
