// Patterns of sound parameters: `s "bd" # gain 0.9`, and jux.
#include "pattern/controls.hpp"
#include "pattern/library.hpp"
#include "util/error.hpp"

namespace tala {

namespace {

Atom control_atom(std::uint16_t id, const Value& v) {
  if (v.controls() || v.is_list()) {
    // `s "bd:3"` is the sound bd with n = 3, as in Tidal; other lists are errors.
    throw Error(std::string(controls()[id].name) + " takes a number or a word, got " + v.json());
  }
  const Atom& a = v.atom();
  const ControlKind kind = controls()[id].kind;
  if (kind == ControlKind::Word && a.kind != Atom::Kind::Word) return Atom::of_word(intern(v.json()));
  if (kind == ControlKind::Number && a.kind != Atom::Kind::Number) return Atom::of_number(numeral(v));
  return a;
}

Value single(std::uint16_t id, Atom a) { return Value::of_controls(ControlMap::make({{id, a}})); }

}  // namespace

Pattern control(std::uint16_t id, const Pattern& values) {
  static const std::uint16_t kN = *find_control("n");
  return values.with_value([id](const Value& v) {
    if (id == 0 && v.is_list() && v.size() == 2) {  // s "bd:3" -> {s: bd, n: 3}
      Value name(v[0]), index(v[1]);
      return Value::of_controls(ControlMap::make({{id, control_atom(id, name)}, {kN, control_atom(kN, index)}}));
    }
    return single(id, control_atom(id, v));
  });
}

Pattern set(const Pattern& other, const Pattern& pat) {
  return pat.app_left(other, [](const Value& a, const Value& b) -> std::optional<Value> {
    if (!a.controls() || !b.controls()) {
      throw Error("'#' joins sound parameters, such as s \"bd\" # gain 0.8; got " + a.json() + " # " + b.json());
    }
    return Value::of_controls(ControlMap::merge(*a.controls(), *b.controls()));
  });
}

Pattern jux(const Transform& f, const Pattern& pat) {
  static const std::uint16_t kPan = *find_control("pan");
  auto panned = [](double offset) {
    return [offset](const Value& v) {
      if (!v.controls()) throw Error("jux works on sound parameters (s \"bd\"), got " + v.json());
      const Atom* pan = v.controls()->find(kPan);
      const double centre = pan && pan->kind == Atom::Kind::Number ? pan->number : 0.5;
      const ControlMap* one = ControlMap::make({{kPan, Atom::of_number(centre + offset)}});
      Value out = Value::of_controls(ControlMap::merge(*v.controls(), *one));
      one->release();
      return out;
    };
  };
  return stack({pat.with_value(panned(-0.5)), f(pat.with_value(panned(0.5)))});
}

}  // namespace tala
