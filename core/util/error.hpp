// Errors are values that carry a position; they are formatted in one place
// (format_error) for the CLI, the editor and the JSON validator alike.
#pragma once

#include <stdexcept>
#include <string>

namespace tala {

// 1-based line and column of a character in a source text (0 = unknown).
struct SourcePos {
  int line = 0;
  int column = 0;
};

class Error : public std::runtime_error {
 public:
  explicit Error(std::string message, SourcePos pos = {}) : std::runtime_error(std::move(message)), pos_(pos) {}
  SourcePos pos() const { return pos_; }

 private:
  SourcePos pos_;
};

// Line and column of byte `offset` in `source`; columns count code points.
SourcePos pos_of_offset(const std::string& source, std::size_t offset);

// "error: 1:4: '[' is never closed", then the source line and a caret under
// the column when the error has a position and the source is given.
std::string format_error(const Error& e, const std::string& source = {});

}  // namespace tala
