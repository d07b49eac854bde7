// Evaluates the small subset of Strudel's JavaScript used in the function
// corpus, so that the same text runs in Strudel (the oracle) and in tala:
//   every(3, fast(2), "bd sd")     mini("a b").off(0.25, add(7))     sine
// Calls take numbers, "mini-notation" strings and other calls; a call one
// argument short of a pattern is a function (fast(2)), as in Strudel.
#pragma once

#include <string>

#include "pattern/pattern.hpp"

namespace tala::test {

Pattern eval_strudel_call(const std::string& code);

}  // namespace tala::test
