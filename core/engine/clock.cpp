#include "engine/clock.hpp"

#include <cmath>
#include <cstdint>

namespace tala::clock {

Rational on_frame_grid(const Rational& t, const Rational& per_frame) {
  // A tempo below 10^-7 cps is 0 as a fraction (Rational::from_double).
  if (per_frame.num() == 0) return t;
  const Rational whole = t.floor();
  // Doubles are exact enough here (a frame is far above their resolution in a
  // cycle) and round the same natively and in wasm.
  const double frames = std::round((t - whole).to_double() / per_frame.to_double());
  return whole + Rational(static_cast<std::int64_t>(frames)) * per_frame;
}

bool has_room(const Rational& t, const Rational& per_frame, double frames) {
  // On the grid, a time's numerator is at most its value times per_frame's denominator.
  const double end = std::fabs(t.to_double()) + frames * per_frame.to_double() + 1;
  return end * static_cast<double>(per_frame.den()) < 0x1p62;
}

}  // namespace tala::clock
