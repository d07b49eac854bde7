// Keeping the engine's clock, an exact cycle position, inside 64-bit fractions.
//
// The clock advances by whole blocks of the playing program's cycles per frame,
// so its denominator divides that program's. A change of tempo would make it the
// least common multiple of the old and the new one; a few tempos in a row whose
// fractions share no factor (5000000/9999991, then 5000000/9999973, ...)
// overflowed, and the audio thread threw (found by the wasm_abi fuzzer,
// session 17). So a new tempo moves the clock onto its own frame grid, by less
// than half a frame.
#pragma once

#include "pattern/rational.hpp"

namespace tala::clock {

// `t` moved to the nearest whole cycle plus whole frames of `per_frame` (by at
// most half a frame; whole cycles stay where they are). A still clock (0 per
// frame, a tempo below 10^-7 cps) stays where it is.
Rational on_frame_grid(const Rational& t, const Rational& per_frame);

// Whether `frames` more frames of `per_frame` can be added to `t`, on that
// grid, within 64-bit fractions with room to spare. At 384 kHz and a tempo
// with a 7-digit fraction (cps 999.1234567) that is about 20 minutes.
bool has_room(const Rational& t, const Rational& per_frame, double frames);

}  // namespace tala::clock
