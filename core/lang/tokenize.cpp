#include <cctype>
#include <cmath>
#include <cstdlib>

#include "lang/syntax.hpp"

namespace tala::lang {

namespace {

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '~'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '\''; }

}  // namespace

std::vector<Token> tokenize(const std::string& src, std::int64_t max_bytes) {
  // No position: a caret would print the whole (8 MiB) line under the message.
  if (static_cast<std::int64_t>(src.size()) > max_bytes)
    throw Error("the program is longer than " + bytes_text(max_bytes));
  std::vector<Token> out;
  std::size_t i = 0;
  std::vector<SourcePos> open;  // unclosed '(': inside them, newlines do not end a statement
  int line = 1;
  std::size_t line_start = 0;
  bool space = true;
  // Positions count lines as they pass and code points within the line.
  auto pos = [&](std::size_t at) {
    int column = 1;
    for (std::size_t k = line_start; k < at && k < src.size(); ++k) {
      if ((static_cast<unsigned char>(src[k]) & 0xC0) != 0x80) ++column;
    }
    return SourcePos{line, column};
  };
  auto value_before = [&] {
    if (out.empty()) return false;
    const auto k = out.back().kind;
    return k == Token::Kind::Number || k == Token::Kind::String || k == Token::Kind::Name || k == Token::Kind::RParen;
  };
  while (i < src.size()) {
    const char c = src[i];
    if (c == '\n') {
      ++i;
      ++line;
      line_start = i;
      // A following line that starts with white space continues this statement.
      const bool continues = i < src.size() && (src[i] == ' ' || src[i] == '\t');
      if (open.empty() && !continues && !out.empty() && out.back().kind != Token::Kind::Newline) {
        out.push_back({Token::Kind::Newline, "\n", pos(i - 1)});
      }
      space = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      space = true;
      continue;
    }
    if ((c == '-' && i + 1 < src.size() && src[i + 1] == '-') ||
        (c == '/' && i + 1 < src.size() && src[i + 1] == '/')) {
      while (i < src.size() && src[i] != '\n') ++i;  // comment
      continue;
    }
    const std::size_t start = i;
    Token t{Token::Kind::Op, "", pos(start)};
    t.space_before = space;
    space = false;
    // `speed -1` is a negative number (a space before, a digit right after);
    // `a - 1` and `a-1` subtract.
    const bool negative = c == '-' && (!value_before() || t.space_before) && i + 1 < src.size() &&
                          (std::isdigit(static_cast<unsigned char>(src[i + 1])) || src[i + 1] == '.');
    if (std::isdigit(static_cast<unsigned char>(c)) || negative ||
        (c == '.' && i + 1 < src.size() && std::isdigit(static_cast<unsigned char>(src[i + 1])))) {
      char* end = nullptr;
      t.kind = Token::Kind::Number;
      t.number = std::strtod(src.c_str() + i, &end);
      i = static_cast<std::size_t>(end - src.c_str());
      t.text = src.substr(start, i - start);
      if (!std::isfinite(t.number)) throw Error("the number " + t.text + " is too large", pos(start));
    } else if (c == '"') {
      const std::size_t close = src.find_first_of("\"\n", i + 1);
      if (close == std::string::npos || src[close] != '"') throw Error("this string is never closed", pos(start));
      t.kind = Token::Kind::String;
      t.text = src.substr(i + 1, close - i - 1);
      i = close + 1;
    } else if (is_name_start(c)) {
      ++i;
      while (i < src.size() && is_name_char(src[i])) ++i;
      t.kind = Token::Kind::Name;
      t.text = src.substr(start, i - start);
      if (t.text == "~") throw Error("a bus name follows '~', as in ~lfo", pos(start));
    } else if (c == '(') {
      t.kind = Token::Kind::LParen, t.text = "(", ++i;
      open.push_back(t.pos);
    } else if (c == ')') {
      if (open.empty()) throw Error("')' has no matching '('", pos(start));
      t.kind = Token::Kind::RParen, t.text = ")", ++i;
      open.pop_back();
    } else if (c == ':') {
      t.kind = Token::Kind::Colon, t.text = ":", ++i;
    } else if (c == '+' || c == '-' || c == '*' || c == '/' || c == '#' || c == '$' || c == '.') {
      t.text = std::string(1, c), ++i;
    } else {
      const auto u = static_cast<unsigned char>(c);
      std::string shown = u < 0x20 || u >= 0x80 ? "byte 0x" + std::string(1, "0123456789abcdef"[u >> 4]) +
                                                      std::string(1, "0123456789abcdef"[u & 15])
                                                : "'" + std::string(1, c) + "'";
      throw Error("unexpected " + shown, pos(start));
    }
    out.push_back(std::move(t));
  }
  if (!open.empty()) throw Error("'(' is never closed", open.back());
  if (!out.empty() && out.back().kind != Token::Kind::Newline)
    out.push_back({Token::Kind::Newline, "\n", pos(src.size())});
  out.push_back({Token::Kind::End, "", pos(src.size())});
  return out;
}

}  // namespace tala::lang
