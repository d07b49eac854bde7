#pragma once

#include <string_view>

#include "mini/ast.hpp"

namespace tala::mini {

// Deepest bracket nesting a pattern may have; deeper input is an error.
inline constexpr int kMaxNesting = 64;
// Longest pattern text accepted, in bytes.
inline constexpr std::size_t kMaxPatternBytes = 1 << 20;

// Parses mini-notation; throws tala::Error with the line and column.
NodePtr parse(std::string_view text);

}  // namespace tala::mini
