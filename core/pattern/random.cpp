#include "pattern/random.hpp"

#include <cmath>
#include <cstdint>

namespace tala {

namespace {

// One xorshift step on a 32-bit two's-complement integer, as JavaScript's
// bitwise operators compute it.
std::int32_t xorwise(std::int32_t x) {
  const auto shl = [](std::int32_t v, int n) { return static_cast<std::int32_t>(static_cast<std::uint32_t>(v) << n); };
  const std::int32_t a = shl(x, 13) ^ x;
  const std::int32_t b = (a >> 17) ^ a;  // arithmetic shift
  return shl(b, 5) ^ b;
}

}  // namespace

double random_at(double t) {
  const double y = t / 300;
  const double f = y - std::trunc(y);
  const auto seed = xorwise(static_cast<std::int32_t>(std::trunc(f * 536870912)));
  return std::abs(static_cast<double>(seed % 536870912) / 536870912);
}

Rational seed_offset(int seed) { return Rational::from_double(0.0003 * seed); }

}  // namespace tala
