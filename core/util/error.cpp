#include "util/error.hpp"

namespace tala {

namespace {
bool is_continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

SourcePos pos_of_offset(const std::string& source, std::size_t offset) {
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < offset && i < source.size(); ++i) {
    const auto c = static_cast<unsigned char>(source[i]);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if (!is_continuation_byte(c)) {
      ++pos.column;
    }
  }
  return pos;
}

std::string format_error(const Error& e, const std::string& source) {
  std::string out = "error: ";
  const SourcePos pos = e.pos();
  if (pos.line > 0) {
    out += std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": ";
  }
  out += e.what();
  if (pos.line <= 0 || source.empty()) return out;

  // The offending line, then a caret under the column (tabs kept so it aligns).
  std::size_t begin = 0;
  for (int line = 1; line < pos.line; ++line) {
    begin = source.find('\n', begin);
    if (begin == std::string::npos) return out;
    ++begin;
  }
  std::size_t end = source.find('\n', begin);
  if (end == std::string::npos) end = source.size();
  const std::string text = source.substr(begin, end - begin);
  std::string caret;
  int column = 1;
  for (std::size_t i = 0; i < text.size() && column < pos.column; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_continuation_byte(c)) continue;
    caret += (c == '\t') ? '\t' : ' ';
    ++column;
  }
  out += "\n  " + text + "\n  " + caret + "^";
  return out;
}

}  // namespace tala
