// The tala language's tokens and syntax tree (docs/language.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "limits.hpp"
#include "util/error.hpp"

namespace tala::lang {

struct Token {
  enum class Kind { Number, String, Name, Op, LParen, RParen, Colon, Newline, End };
  Kind kind;
  std::string text;
  SourcePos pos;
  double number = 0;
  bool space_before = false;
};

// Splits a program into tokens; a line that starts with white space continues
// the previous line. Throws tala::Error with the position, or without one for
// a program longer than `max_bytes`.
std::vector<Token> tokenize(const std::string& source, std::int64_t max_bytes = Limits{}.program_bytes);

struct Expr {
  enum class Kind { Number, String, Name, Apply, Binary, Section };
  Kind kind;
  SourcePos pos;
  double number = 0;
  std::string text;                         // String: its contents; Name: the name; Binary/Section: the operator
  std::shared_ptr<const Expr> left, right;  // Apply: function, argument; Binary: operands; Section: right operand
};
using ExprPtr = std::shared_ptr<const Expr>;

struct Statement {
  enum class Kind { Tempo, Bind };
  Kind kind;
  SourcePos pos;
  std::string name;  // "cps" / "bpm", or the bus name
  ExprPtr value;
};

// Bounded by `limits`: the program text, expression nesting and the operands
// of one chain (`a + b + ...`, `f a b ...`). Chains nest to the left, so the
// last bounds the tree's depth (and the compiler's recursion) for a long line
// (measured: 4096 overflows an 8 MB stack under AddressSanitizer), while
// leaving room for a sum of a thousand oscillators.
std::vector<Statement> parse_program(const std::string& source, const Limits& limits = {});

}  // namespace tala::lang
