// Recursive-descent parser for Strudel's mini-notation grammar. Whitespace,
// operator order and the numbering of random seeds follow krill.pegjs
// exactly: Strudel's events depend on all three.
#include "mini/parser.hpp"

#include <cstdlib>

#include "util/error.hpp"
#include "util/utf8.hpp"

namespace tala::mini {

namespace {

bool is_ascii_step_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '~' || c == '-' ||
         c == '#' || c == '.' || c == '^' || c == '_';
}

std::string describe_char(std::string_view text, std::size_t pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c >= 0x80) {
    std::size_t n = 1;
    while (pos + n < text.size() && (static_cast<unsigned char>(text[pos + n]) & 0xC0) == 0x80) ++n;
    return "'" + std::string(text.substr(pos, n)) + "'";
  }
  if (c < 0x20 || c == 0x7F) {
    static const char* hex = "0123456789abcdef";
    return std::string("byte 0x") + hex[c >> 4] + hex[c & 15];
  }
  return "'" + std::string(1, static_cast<char>(c)) + "'";
}

void check_utf8(std::string_view text) {
  const auto bad = invalid_utf8_offset(text);
  if (bad != std::string_view::npos) throw Error("invalid UTF-8 in the pattern", pos_of_offset(std::string(text), bad));
}

class Parser {
 public:
  Parser(std::string_view text, const Limits& limits) : text_(text), limits_(limits) {}

  NodePtr parse_all() {
    skip_ws();
    NodePtr root = stack_or_choose();
    if (!root) fail_expected_step();
    skip_ws();
    if (pos_ < text_.size()) fail_unexpected();
    return root;
  }

 private:
  std::string_view text_;
  const Limits& limits_;
  std::size_t pos_ = 0;
  int seed_ = 0;
  int depth_ = 0;

  [[noreturn]] void fail(const std::string& message, std::size_t at) const {
    throw Error(message, pos_of_offset(std::string(text_), at));
  }
  [[noreturn]] void fail_unexpected() const {
    const char c = text_[pos_];
    if (c == ']') fail("']' has no matching '['", pos_);
    if (c == '>') fail("'>' has no matching '<'", pos_);
    if (c == '}') fail("'}' has no matching '{'", pos_);
    if (c == ')') fail("')' has no matching '('", pos_);
    if (c == '"' || c == '\'') fail("quotes cannot appear inside a pattern", pos_);
    fail("unexpected " + describe_char(text_, pos_), pos_);
  }
  [[noreturn]] void fail_expected_step() const {
    if (pos_ >= text_.size()) fail("expected a step, found the end of the pattern", pos_);
    fail("expected a step, found " + describe_char(text_, pos_), pos_);
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  bool at_ws() const {
    const char c = peek();
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return true;
    return static_cast<unsigned char>(c) == 0xC2 && static_cast<unsigned char>(peek(1)) == 0xA0;
  }
  void skip_ws() {
    while (at_ws()) pos_ += (peek() == static_cast<char>(0xC2)) ? 2 : 1;
  }

  // Length of the step character at pos_ (0 if none): ASCII step characters,
  // or any non-ASCII character except the no-break space (a space here).
  std::size_t step_char_length() const {
    if (at_end()) return 0;
    const auto c = static_cast<unsigned char>(peek());
    if (c < 0x80) return is_ascii_step_char(c) ? 1 : 0;
    if (at_ws()) return 0;
    std::size_t n = 1;
    while (pos_ + n < text_.size() && (static_cast<unsigned char>(text_[pos_ + n]) & 0xC0) == 0x80) ++n;
    return n;
  }

  // number = "-"? ("0" / [1-9][0-9]*) ("." [0-9]+)? ([eE] [+-]? [0-9]+)?
  std::optional<double> number() {
    const std::size_t start = pos_;
    auto digit = [&](std::size_t at) {
      return pos_ + at < text_.size() && text_[pos_ + at] >= '0' && text_[pos_ + at] <= '9';
    };
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (digit(0)) ++pos_;
    } else {
      pos_ = start;
      return std::nullopt;
    }
    if (peek() == '.' && digit(1)) {
      ++pos_;
      while (digit(0)) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      std::size_t k = 1;
      if (peek(1) == '+' || peek(1) == '-') k = 2;
      if (digit(k)) {
        pos_ += k;
        while (digit(0)) ++pos_;
      }
    }
    return std::strtod(std::string(text_.substr(start, pos_ - start)).c_str(), nullptr);
  }

  NodePtr step() {
    const std::size_t start = pos_;
    skip_ws();
    const std::size_t chars = pos_;
    while (std::size_t n = step_char_length()) pos_ += n;
    const std::string_view word = text_.substr(chars, pos_ - chars);
    if (word.empty() || word == "." || word == "_") {
      pos_ = start;
      return nullptr;
    }
    skip_ws();
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::Atom;
    node->offset = chars;
    node->text = std::string(word);
    return node;
  }

  void enter(std::size_t at) {
    if (++depth_ > limits_.mini_nesting) {
      fail("brackets nest deeper than " + std::to_string(limits_.mini_nesting) + " levels", at);
    }
  }

  // Expects `close` after a bracketed group opened at `open_at`.
  void expect_close(char open, char close, std::size_t open_at) {
    skip_ws();
    if (peek() == close) {
      ++pos_;
      return;
    }
    const std::string opener(1, open);
    if (at_end()) fail("'" + opener + "' is never closed", open_at);
    const char c = peek();
    if (c == ']' || c == '>' || c == '}' || c == ')') {
      fail("'" + std::string(1, c) + "' does not close '" + opener + "' (expected '" + std::string(1, close) + "')",
           pos_);
    }
    if (c == '|' || c == ',' || c == '.') fail("cannot mix ',', '|' and '.' in one group", pos_);
    fail("unexpected " + describe_char(text_, pos_) + " inside '" + opener + " " + std::string(1, close) + "'", pos_);
  }

  NodePtr bracketed(char open) {
    const std::size_t open_at = pos_;
    ++pos_;
    enter(open_at);
    skip_ws();
    NodePtr inner = (open == '[') ? stack_or_choose() : polymeter_stack();
    if (!inner) {
      if (at_end()) fail("'" + std::string(1, open) + "' is never closed", open_at);
      fail_expected_step();
    }
    const char close = open == '[' ? ']' : open == '{' ? '}' : '>';
    expect_close(open, close, open_at);
    --depth_;
    if (open == '[') {
      skip_ws();
      return inner;
    }
    auto group = std::make_shared<Node>(*inner);
    group->offset = open_at;
    if (open == '<') {
      group->alignment = Alignment::SlowSequence;
    } else if (peek() == '%') {
      ++pos_;
      group->steps_per_cycle = slice();
      if (!group->steps_per_cycle) fail("expected steps per cycle after '%'", pos_);
    }
    skip_ws();
    return group;
  }

  NodePtr slice() {
    const std::size_t start = pos_;
    if (NodePtr s = step()) return s;
    skip_ws();
    const char c = peek();
    if (c == '[' || c == '{' || c == '<') return bracketed(c);
    pos_ = start;
    return nullptr;
  }

  NodePtr required_slice(const char* after) {
    NodePtr s = slice();
    if (!s) {
      if (at_end()) fail(std::string("expected a value after '") + after + "', found the end of the pattern", pos_);
      fail(std::string("expected a value after '") + after + "', found " + describe_char(text_, pos_), pos_);
    }
    return s;
  }

  NodePtr euclid_arg(std::size_t open_at) {
    skip_ws();
    NodePtr arg = slice_with_ops();
    if (!arg) {
      if (at_end()) fail("'(' is never closed", open_at);
      fail("expected a number in '( )', found " + describe_char(text_, pos_), pos_);
    }
    skip_ws();
    return arg;
  }

  bool try_comma() {
    const std::size_t start = pos_;
    skip_ws();
    if (peek() == ',') {
      ++pos_;
      skip_ws();
      return true;
    }
    pos_ = start;
    return false;
  }

  NodePtr slice_with_ops() {
    NodePtr body = slice();
    if (!body) return nullptr;
    auto element = std::make_shared<Node>();
    element->kind = Node::Kind::Element;
    element->offset = body->offset;
    element->body = body;
    double reps = 1;
    for (;;) {
      if (static_cast<std::int64_t>(element->ops.size()) > limits_.mini_ops) {
        fail("more than " + std::to_string(limits_.mini_ops) + " operators on one step", pos_);
      }
      const std::size_t start = pos_;
      skip_ws();
      const char ws_c = peek();
      if (ws_c == '@' || ws_c == '_') {
        ++pos_;
        element->weight = element->weight + number().value_or(2) - 1;
        continue;
      }
      if (ws_c == '!') {
        ++pos_;
        reps = reps + number().value_or(2) - 1;
        std::erase_if(element->ops, [](const Op& op) { return op.kind == Op::Kind::Replicate; });
        element->ops.push_back(Op{Op::Kind::Replicate, nullptr, nullptr, nullptr, reps, 0});
        element->weight = reps;
        continue;
      }
      pos_ = start;
      const char c = peek();
      if (c == '(') {
        const std::size_t open_at = pos_;
        ++pos_;
        enter(open_at);
        Op op{Op::Kind::Euclid, nullptr, nullptr, nullptr, std::nullopt, 0};
        op.a = euclid_arg(open_at);
        if (!try_comma()) {
          if (at_end()) fail("'(' is never closed", open_at);
          fail("expected ',' between the numbers in '( )'", pos_);
        }
        op.b = euclid_arg(open_at);
        try_comma();
        skip_ws();
        if (peek() != ')') op.c = euclid_arg(open_at);
        skip_ws();
        if (peek() != ')') {
          if (at_end()) fail("'(' is never closed", open_at);
          fail("expected ')' to close '(', found " + describe_char(text_, pos_), pos_);
        }
        ++pos_;
        --depth_;
        element->ops.push_back(std::move(op));
      } else if (c == '/' || c == '*') {
        ++pos_;
        NodePtr amount = required_slice(c == '/' ? "/" : "*");
        element->ops.push_back(
            Op{c == '/' ? Op::Kind::Slow : Op::Kind::Fast, amount, nullptr, nullptr, std::nullopt, 0});
      } else if (c == '?') {
        ++pos_;
        const auto amount = number();
        element->ops.push_back(Op{Op::Kind::Degrade, nullptr, nullptr, nullptr, amount, seed_++});
      } else if (c == ':') {
        ++pos_;
        element->ops.push_back(Op{Op::Kind::Tail, required_slice(":"), nullptr, nullptr, std::nullopt, 0});
      } else if (c == '.' && peek(1) == '.') {
        pos_ += 2;
        element->ops.push_back(Op{Op::Kind::Range, required_slice(".."), nullptr, nullptr, std::nullopt, 0});
      } else {
        break;
      }
    }
    return element;
  }

  NodePtr sequence() {
    const std::size_t start = pos_;
    if (peek() == '^') ++pos_;  // marks the steps of a sequence; no effect on events
    auto seq = std::make_shared<Node>();
    seq->kind = Node::Kind::Group;
    seq->alignment = Alignment::Sequence;
    seq->offset = pos_;
    while (NodePtr element = slice_with_ops()) seq->children.push_back(std::move(element));
    if (seq->children.empty()) {
      pos_ = start;
      return nullptr;
    }
    return seq;
  }

  NodePtr required_sequence(char after) {
    NodePtr seq = sequence();
    if (!seq) {
      if (at_end()) fail(std::string("expected a step after '") + after + "', found the end of the pattern", pos_);
      fail(std::string("expected a step after '") + after + "', found " + describe_char(text_, pos_), pos_);
    }
    return seq;
  }

  // Sequences separated by `separator` (after the head), or none.
  void tail(char separator, std::vector<NodePtr>& children) {
    for (;;) {
      const std::size_t start = pos_;
      skip_ws();
      if (peek() != separator || (separator == '.' && peek(1) == '.')) {
        pos_ = start;
        return;
      }
      ++pos_;
      skip_ws();
      children.push_back(required_sequence(separator));
    }
  }

  NodePtr stack_or_choose() {
    NodePtr head = sequence();
    if (!head) return nullptr;
    const std::size_t start = pos_;
    skip_ws();
    const char c = peek();
    pos_ = start;
    if (c != ',' && c != '|' && c != '.') return head;
    auto group = std::make_shared<Node>();
    group->kind = Node::Kind::Group;
    group->offset = head->offset;
    group->children.push_back(head);
    tail(c, group->children);
    if (group->children.size() == 1) return head;
    group->alignment = c == ',' ? Alignment::Stack : c == '|' ? Alignment::Choose : Alignment::Feet;
    if (c != ',') group->seed = seed_++;  // '.' takes a seed it never uses, as in Strudel
    return group;
  }

  NodePtr polymeter_stack() {
    NodePtr head = sequence();
    if (!head) return nullptr;
    auto group = std::make_shared<Node>();
    group->kind = Node::Kind::Group;
    group->alignment = Alignment::Polymeter;
    group->offset = head->offset;
    group->children.push_back(head);
    tail(',', group->children);
    return group;
  }
};

}  // namespace

NodePtr parse(std::string_view text, const Limits& limits) {
  if (static_cast<std::int64_t>(text.size()) > limits.pattern_bytes) {
    throw Error("the pattern is longer than " + std::to_string(limits.pattern_bytes) + " bytes", SourcePos{1, 1});
  }
  check_utf8(text);
  return Parser(text, limits).parse_all();
}

}  // namespace tala::mini
