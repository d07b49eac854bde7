// Mini-notation: "bd*2 [sd cp]" -> Pattern, with Strudel's semantics.
#pragma once

#include <string_view>

#include "limits.hpp"
#include "pattern/pattern.hpp"

namespace tala {

// Throws tala::Error with the line and column of the problem (or past one of
// the mini-notation `limits`).
Pattern parse_mini(std::string_view text, const Limits& limits = {});

}  // namespace tala
