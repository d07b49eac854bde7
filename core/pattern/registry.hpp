// Every pattern function by name: its parameters, a one-line summary and how
// to apply it. The language, its docs and the tests read this one table.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "pattern/library.hpp"

namespace tala {

enum class Param {
  Pattern,    // a pattern (a number or mini-notation string becomes one)
  Transform,  // a function from pattern to pattern, such as `fast 2` or `rev`
  Patterns,   // any number of patterns (stack, cat, ...)
};

struct FunctionArg {
  Pattern pattern;
  Transform transform;
  std::vector<Pattern> patterns;  // for Param::Patterns
};

struct PatternFunction {
  std::string_view name;
  std::vector<Param> params;  // in Strudel's order: the pattern transformed comes last
  std::string_view summary;
  std::function<Pattern(const std::vector<FunctionArg>& args)> apply;
};

const std::vector<PatternFunction>& pattern_functions();
const PatternFunction* find_pattern_function(std::string_view name);

}  // namespace tala
