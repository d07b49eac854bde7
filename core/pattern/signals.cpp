// Continuous patterns (0..1 per cycle) and arithmetic on pattern values.
#include <cmath>

#include "pattern/controls.hpp"
#include "pattern/library.hpp"
#include "util/error.hpp"

namespace tala {

namespace {
constexpr double kPi = 3.141592653589793;

Pattern signal_of(double (*f)(double)) {
  return signal([f](const Rational& t) { return Value::number(f(t.to_double())); });
}

double js_round(double x) {
  const double r = std::floor(x);
  return (x - r >= 0.5) ? r + 1 : r;
}
}  // namespace

Pattern saw() {
  return signal_of([](double t) { return std::fmod(t, 1.0); });
}
Pattern isaw() {
  return signal_of([](double t) { return 1 - std::fmod(t, 1.0); });
}
Pattern sine() {
  return signal_of([](double t) { return (std::sin(kPi * 2 * t) + 1) / 2; });
}
Pattern cosine() { return sine().early(Rational(1, 4)); }
Pattern square() {
  return signal_of([](double t) { return std::floor(std::fmod(t * 2, 2.0)); });
}
Pattern tri() { return fastcat({saw(), isaw()}); }

Pattern run(const Pattern& n) {
  return patternify({n}, [](const std::vector<Value>& v) {
    const Rational steps = to_rational(v[0]);
    return range(pure(Value::number(0)), pure(v[0]), saw())
        .with_value([](const Value& x) { return Value::number(js_round(numeral(x))); })
        .segment(steps);
  });
}

Pattern range(const Pattern& lo, const Pattern& hi, const Pattern& pat) {
  return patternify({lo, hi}, [pat](const std::vector<Value>& v) {
    const double low = numeral(v[0]);
    const double span = numeral(v[1]) - low;
    return arith(Arith::Add, arith(Arith::Mul, pat, pure(Value::number(span))), pure(Value::number(low)));
  });
}

Pattern rangex(const Pattern& lo, const Pattern& hi, const Pattern& pat) {
  return patternify({lo, hi}, [pat](const std::vector<Value>& v) {
    const Value low = Value::number(std::log(numeral(v[0])));
    const Value high = Value::number(std::log(numeral(v[1])));
    return range(pure(low), pure(high), pat).with_value([](const Value& x) {
      return Value::number(std::exp(numeral(x)));
    });
  });
}

namespace {

double apply_arith(Arith op, double x, double y) {
  switch (op) {
    case Arith::Add:
      return x + y;
    case Arith::Sub:
      return x - y;
    case Arith::Mul:
      return x * y;
    case Arith::Div:
      return x / y;
    case Arith::Mod:
      return std::fmod(std::fmod(x, y) + y, y);
    case Arith::Pow:
      return std::pow(x, y);
  }
  return 0;
}

// Strudel's unionWithObj: all parameters of both, the operator applied to
// those both have (n "0 3" + n 12 is n "12 15").
Value arith_controls(Arith op, const ControlMap& a, const ControlMap& b) {
  std::vector<ControlMap::Entry> out;
  for (const auto& e : a.entries()) {
    const Atom* other = b.find(e.id);
    if (!other) {
      out.push_back(e);
      continue;
    }
    out.push_back({e.id, Atom::of_number(apply_arith(op, numeral(Value(e.value)), numeral(Value(*other))))});
  }
  for (const auto& e : b.entries()) {
    if (!a.find(e.id)) out.push_back(e);
  }
  return Value::of_controls(ControlMap::make(std::move(out)));
}

}  // namespace

Pattern arith(Arith op, const Pattern& pat, const Pattern& other) {
  return pat.app_left(other, [op](const Value& a, const Value& b) -> std::optional<Value> {
    if (a.controls() && b.controls()) return arith_controls(op, *a.controls(), *b.controls());
    const double x = numeral(a), y = numeral(b);
    switch (op) {
      case Arith::Add:
        return Value::number(x + y);
      case Arith::Sub:
        return Value::number(x - y);
      case Arith::Mul:
        return Value::number(x * y);
      case Arith::Div:
        return Value::number(x / y);
      case Arith::Mod:
        return Value::number(std::fmod(std::fmod(x, y) + y, y));
      case Arith::Pow:
        return Value::number(std::pow(x, y));
    }
    return std::nullopt;
  });
}

}  // namespace tala
