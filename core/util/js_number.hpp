// JavaScript's number <-> text rules, so that values read from mini-notation
// and written as JSON match Strudel's exactly ("1e3" is 1000, 0.1 prints "0.1").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tala {

// JavaScript's Number(text): decimal, Infinity, 0x/0o/0b integers; nullopt where
// JavaScript gives NaN.
std::optional<double> js_number(std::string_view text);

// JavaScript's Number.prototype.toString(): shortest text that reads back to
// the same double ("0.1", "1e+21", "1e-7", "-0" prints "0").
std::string js_number_text(double x);

}  // namespace tala
