// Operator precedence, lowest first, as in Tidal: $ (right), # (left),
// + - (left), * / (left), . (composition, right), application (left).
#include <initializer_list>

#include "lang/syntax.hpp"

namespace tala::lang {

namespace {

class Parser {
 public:
  Parser(std::vector<Token> tokens, const Limits& limits) : t_(std::move(tokens)), limits_(limits) {}

  std::vector<Statement> program() {
    std::vector<Statement> out;
    while (peek().kind != Token::Kind::End) {
      if (peek().kind == Token::Kind::Newline) {
        ++i_;
        continue;
      }
      out.push_back(statement());
      if (peek().kind != Token::Kind::Newline) fail_unexpected("the end of the line");
      ++i_;
    }
    return out;
  }

 private:
  std::vector<Token> t_;
  std::size_t i_ = 0;
  const Limits& limits_;
  int depth_ = 0;
  int chain_ = 0;  // chain operands on the path from the root

  const Token& peek(std::size_t ahead = 0) const { return t_[std::min(i_ + ahead, t_.size() - 1)]; }
  [[noreturn]] void fail(const std::string& m, SourcePos p) const { throw Error(m, p); }
  [[noreturn]] void fail_unexpected(const std::string& expected) const {
    const Token& t = peek();
    const std::string found = t.kind == Token::Kind::Newline ? "the end of the line"
                              : t.kind == Token::Kind::End   ? "the end of the program"
                                                             : "'" + t.text + "'";
    fail("expected " + expected + ", found " + found, t.pos);
  }

  Statement statement() {
    const Token& first = peek();
    if (first.kind == Token::Kind::Name && (first.text == "cps" || first.text == "bpm") &&
        peek(1).kind != Token::Kind::Colon) {
      ++i_;
      return Statement{Statement::Kind::Tempo, first.pos, first.text, expr()};
    }
    if (first.kind != Token::Kind::Name || peek(1).kind != Token::Kind::Colon) {
      fail_unexpected("a line such as 'd1: s \"bd sd\"', 'out: ...' or 'cps 0.5'");
    }
    i_ += 2;
    return Statement{Statement::Kind::Bind, first.pos, first.text, expr()};
  }

  ExprPtr node(Expr::Kind k, SourcePos p, std::string text, ExprPtr l = nullptr, ExprPtr r = nullptr) {
    auto e = std::make_shared<Expr>();
    e->kind = k;
    e->pos = p;
    e->text = std::move(text);
    e->left = std::move(l);
    e->right = std::move(r);
    return e;
  }

  bool at_op(const char* op) const { return peek().kind == Token::Kind::Op && peek().text == op; }

  ExprPtr expr() {
    deeper(peek().pos);
    ExprPtr e = dollar();
    --depth_;
    return e;
  }

  // One level deeper in the tree: a nested expression.
  void deeper(SourcePos p) {
    if (++depth_ > limits_.expr_depth) {
      fail("the expression nests deeper than " + std::to_string(limits_.expr_depth) + " levels", p);
    }
  }
  // One more operand of a chain (`a + b + c` and `f a b c` nest to the left),
  // counted along the path from the root so that a long line cannot build a
  // tree deeper than the compiler's recursion can take.
  void longer(SourcePos p) {
    if (++chain_ > limits_.chain_operands) {
      fail("a chain of more than " + std::to_string(limits_.chain_operands) + " operands (split it over buses)", p);
    }
  }

  ExprPtr dollar() {
    ExprPtr left = hash();
    if (at_op("$")) {
      const SourcePos p = peek().pos;
      ++i_;
      return node(Expr::Kind::Apply, p, "$", left, expr());
    }
    return left;
  }

  // One left-associative level: operands from `next`, joined by any of `ops`.
  ExprPtr left_assoc(std::initializer_list<const char*> ops, ExprPtr (Parser::*next)()) {
    ExprPtr left = (this->*next)();
    for (int chain = 0;; ++chain) {
      const char* found = nullptr;
      for (const char* op : ops) {
        if (at_op(op)) found = op;
      }
      if (!found) {
        chain_ -= chain;
        return left;
      }
      const SourcePos p = peek().pos;
      longer(p);
      ++i_;
      left = node(Expr::Kind::Binary, p, found, left, (this->*next)());
    }
  }

  ExprPtr hash() { return left_assoc({"#"}, &Parser::additive); }
  ExprPtr additive() { return left_assoc({"+", "-"}, &Parser::multiplicative); }
  ExprPtr multiplicative() { return left_assoc({"*", "/"}, &Parser::compose); }

  ExprPtr compose() {
    ExprPtr left = application();
    if (at_op(".")) {
      const SourcePos p = peek().pos;
      ++i_;
      deeper(p);
      ExprPtr right = compose();
      --depth_;
      return node(Expr::Kind::Binary, p, ".", left, right);
    }
    return left;
  }

  bool starts_atom() const {
    const auto k = peek().kind;
    return k == Token::Kind::Number || k == Token::Kind::String || k == Token::Kind::Name || k == Token::Kind::LParen;
  }

  ExprPtr application() {
    if (!starts_atom()) fail_unexpected("a value, a name or '('");
    ExprPtr f = atom();
    const SourcePos start = f->pos;
    int chain = 0;
    for (; starts_atom(); ++chain) {
      longer(peek().pos);
      f = node(Expr::Kind::Apply, start, "", f, atom());
    }
    chain_ -= chain;
    return f;
  }

  ExprPtr atom() {
    const Token t = peek();
    ++i_;
    switch (t.kind) {
      case Token::Kind::Number: {
        auto e = node(Expr::Kind::Number, t.pos, t.text);
        std::const_pointer_cast<Expr>(e)->number = t.number;
        return e;
      }
      case Token::Kind::String:
        return node(Expr::Kind::String, t.pos, t.text);
      case Token::Kind::Name:
        return node(Expr::Kind::Name, t.pos, t.text);
      case Token::Kind::LParen: {
        ExprPtr inner;
        if (peek().kind == Token::Kind::Op && peek().text != "$") {
          // A section: (# speed 2), (+ 12), (* 0.5)
          const Token op = peek();
          ++i_;
          inner = node(Expr::Kind::Section, op.pos, op.text, nullptr, expr());
        } else {
          inner = expr();
        }
        if (peek().kind != Token::Kind::RParen) fail_unexpected("')'");
        ++i_;
        return inner;
      }
      default:
        --i_, fail_unexpected("a value, a name or '('");
    }
  }
};

}  // namespace

std::vector<Statement> parse_program(const std::string& source, const Limits& limits) {
  return Parser(tokenize(source, limits.program_bytes), limits).program();
}

}  // namespace tala::lang
