// Strudel's deterministic randomness ("legacy" generator, its default): a pure
// function of time that repeats every 300 cycles.
#pragma once

#include "pattern/rational.hpp"

namespace tala {

// The random number in [0, 1) at time t (Strudel's timeToRands(t, 1)).
double random_at(double t);

// Mini-notation gives its k-th random operator the time offset 0.0003 * k,
// converted to a fraction as Strudel converts it.
Rational seed_offset(int seed);

}  // namespace tala
