#include "support/strudel_call.hpp"

#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "mini/mini.hpp"
#include "pattern/controls.hpp"
#include "pattern/registry.hpp"

namespace tala::test {

namespace {

struct Thing {
  std::optional<Pattern> pattern;
  Transform transform;
};

[[noreturn]] void call_fail(const std::string& what) { throw std::runtime_error(what); }

Pattern pattern_of(const Thing& t) {
  if (!t.pattern) call_fail("expected a pattern, got a function");
  return *t.pattern;
}

Thing call(const std::string& name, std::vector<Thing> given, bool called) {
  if (name == "mini" || name == "m") return Thing{pattern_of(given.at(0)), {}};
  if (name == "pure") return Thing{pure(*pattern_of(given.at(0)).pure_value()), {}};
  const PatternFunction* f = find_pattern_function(name);
  if (!f) call_fail("unknown function " + name);
  // Strudel's pat.gain(0.8) sets a control on a pattern: set(gain(0.8), pat).
  if (find_control(name) && given.size() == 2) {
    Thing one = call(name, {given[0]}, true);
    return call("set", {one, given[1]}, true);
  }
  if (!f->params.empty() && f->params[0] == Param::Patterns) {
    FunctionArg a;
    for (const Thing& t : given) a.patterns.push_back(pattern_of(t));
    return Thing{f->apply({a}), {}};
  }
  if (given.size() + 1 == f->params.size() && (called || given.empty())) {
    return Thing{std::nullopt, [name, given](const Pattern& p) {
                   std::vector<Thing> all = given;
                   all.push_back(Thing{p, {}});
                   return *call(name, all, true).pattern;
                 }};
  }
  if (given.size() != f->params.size()) call_fail(name + ": wrong number of arguments");
  std::vector<FunctionArg> converted(given.size());
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (f->params[i] == Param::Transform) {
      if (!given[i].transform) call_fail(name + ": expected a function");
      converted[i].transform = given[i].transform;
    } else {
      converted[i].pattern = pattern_of(given[i]);
    }
  }
  return Thing{f->apply(converted), {}};
}

class Evaluator {
 public:
  explicit Evaluator(const std::string& code) : code_(code) {}

  Pattern run() {
    Thing t = expr();
    skip_ws();
    if (pos_ != code_.size()) fail("unexpected text");
    return as_pattern(t);
  }

 private:
  const std::string& code_;
  std::size_t pos_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(what + " at " + std::to_string(pos_) + " in: " + code_);
  }
  void skip_ws() {
    while (pos_ < code_.size() && std::isspace(static_cast<unsigned char>(code_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skip_ws();
    if (pos_ < code_.size() && code_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string ident() {
    skip_ws();
    const std::size_t start = pos_;
    while (pos_ < code_.size() && (std::isalnum(static_cast<unsigned char>(code_[pos_])) || code_[pos_] == '_')) ++pos_;
    return code_.substr(start, pos_ - start);
  }

  Pattern as_pattern(const Thing& t) const {
    if (!t.pattern) fail("expected a pattern, got a function");
    return *t.pattern;
  }

  std::vector<Thing> args() {
    std::vector<Thing> out;
    if (eat(')')) return out;
    do out.push_back(expr());
    while (eat(','));
    if (!eat(')')) fail("expected ')'");
    return out;
  }

  Thing primary() {
    skip_ws();
    if (pos_ >= code_.size()) fail("unexpected end");
    const char c = code_[pos_];
    if (c == '"') {
      const std::size_t end = code_.find('"', pos_ + 1);
      if (end == std::string::npos) fail("unclosed string");
      const std::string text = code_.substr(pos_ + 1, end - pos_ - 1);
      pos_ = end + 1;
      return Thing{parse_mini(text), {}};
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.') {
      char* end = nullptr;
      const double x = std::strtod(code_.c_str() + pos_, &end);
      pos_ = static_cast<std::size_t>(end - code_.c_str());
      return Thing{pure(Value::number(x)), {}};
    }
    const std::string name = ident();
    if (name.empty()) fail("expected a value");
    if (eat('(')) return call(name, args(), true);
    return call(name, {}, false);
  }

  Thing expr() {
    Thing t = primary();
    while (eat('.')) {
      const std::string name = ident();
      if (!eat('(')) fail("expected '(' after ." + name);
      std::vector<Thing> a = args();
      a.push_back(t);
      t = call(name, std::move(a), true);
    }
    return t;
  }
};

}  // namespace

Pattern eval_strudel_call(const std::string& code) { return Evaluator(code).run(); }

}  // namespace tala::test
