#pragma once

#include <string_view>

#include "limits.hpp"
#include "mini/ast.hpp"

namespace tala::mini {

// Parses mini-notation; throws tala::Error with the line and column. Text,
// bracket nesting and operators per step are bounded by `limits`.
NodePtr parse(std::string_view text, const Limits& limits = {});

}  // namespace tala::mini
