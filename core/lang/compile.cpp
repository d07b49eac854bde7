// Evaluates the syntax tree with a small type system (number, pattern,
// function, signal, node constructor) and emits graph nodes. Node ids are the
// bus name plus the node's type and rank within that line's expression, so the
// same line gives the same ids after an edit elsewhere.
#include "lang/compile.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "engine/node.hpp"
#include "graph/graph.hpp"
#include "lang/check.hpp"
#include "lang/syntax.hpp"
#include "mini/mini.hpp"
#include "pattern/controls.hpp"
#include "pattern/registry.hpp"

namespace tala::lang {

namespace {

using json = nlohmann::json;

struct Val {
  enum class Kind { Number, Pattern, Function, Signal, NodeCtor, Ambiguous };
  Kind kind = Kind::Number;
  SourcePos pos;
  double number = 0;
  json expr;                            // Pattern and Function: the expression tree
  bool control = false;                 // a pattern of sound parameters
  std::string node;                     // Signal: node id, or "@bus" until buses are resolved
  const PatternFunction* fn = nullptr;  // Function being applied (null for compositions and sections)
  std::vector<json> args;
  bool args_control = false;            // any pattern argument was a control pattern
  const NodeSpec* spec = nullptr;       // NodeCtor
  std::string ctor_name;                // NodeCtor: the name it was called by
  std::size_t required = 0;             // NodeCtor: arguments needed before it sounds
  std::vector<std::string> positional;  // NodeCtor: parameters still to come, in order
  json params = json::object();
  std::map<std::string, SourcePos> param_pos;  // NodeCtor: where each parameter's value was written
  std::shared_ptr<Val> as_control, as_effect;  // Ambiguous: lpf 800 is either
};

// Whole numbers are written as JSON integers: 4, not 4.0.
json number_json(double x) {
  if (x > -1e15 && x < 1e15 && x == static_cast<double>(static_cast<long long>(x))) return static_cast<long long>(x);
  return x;
}

const char* kind_name(Val::Kind k) {
  switch (k) {
    case Val::Kind::Number:
      return "a number";
    case Val::Kind::Pattern:
      return "a pattern";
    case Val::Kind::Function:
      return "a function";
    case Val::Kind::Signal:
      return "a signal";
    case Val::Kind::NodeCtor:
      return "an unfinished node (missing arguments)";
    case Val::Kind::Ambiguous:
      return "a parameter or effect";
  }
  return "a value";
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// Names the language gives to node types, with their positional parameters.
struct NodeName {
  const char* name;
  const char* type;
  std::vector<std::string> positional;
  bool effect;               // used after '#' on a signal
  std::size_t required = 1;  // sources: how many positional arguments make it sound
};
const std::vector<NodeName>& node_names() {
  static const std::vector<NodeName> names = {
      {"sinosc", "sinosc", {"freq"}, false},
      {"sawosc", "sawosc", {"freq"}, false},
      {"sqrosc", "sqrosc", {"freq", "width"}, false},
      {"triosc", "triosc", {"freq"}, false},
      {"noise", "noise", {}, false, 0},
      {"pink", "pink", {}, false, 0},
      {"adsr", "adsr", {"gate", "attack", "decay", "sustain", "release"}, false},
      {"perc", "perc", {"gate", "attack", "release"}, false},
      {"lpf", "lpf", {"cutoff", "resonance"}, true},
      {"hpf", "hpf", {"cutoff", "resonance"}, true},
      {"bpf", "bpf", {"cutoff", "resonance"}, true},
      {"notch", "notch", {"cutoff", "resonance"}, true},
      {"ladder", "ladder", {"cutoff", "resonance"}, true},
      {"comp", "comp", {"threshold", "ratio", "attack", "release", "makeup"}, true},
      {"delay", "delay", {"time", "feedback", "wet"}, true},
      {"delayed", "delay", {"time", "feedback", "wet"}, true},
      {"gain", "gain", {"gain"}, true},
      {"pan", "pan", {"pan"}, true},
      {"shape", "shape", {"amount"}, true},
      {"crush", "crush", {"bits"}, true},
      {"coarse", "coarse", {"factor"}, true},
      {"room", "reverb", {"wet", "size", "damp"}, true},
      {"slew", "slew", {"time"}, true},
      {"sah", "sah", {"trigger"}, true},
  };
  return names;
}

class Compiler {
 public:
  Compiler(const std::string& source, const Limits& limits) : source_(source), limits_(limits) {}

  json run() {
    const auto statements = parse_program(source_, limits_);
    for (const auto& s : statements) {
      if (s.kind == Statement::Kind::Bind) {
        if (find_pattern_function(s.name) || known_node(s.name)) {
          throw Error("'" + s.name + "' is the name of a function; choose another bus name", s.pos);
        }
        if (!buses_.insert(s.name).second) throw Error("'" + s.name + "' is defined twice", s.pos);
      }
    }
    double cps = 0.5;
    for (const auto& s : statements) {
      if (s.kind == Statement::Kind::Tempo) {
        const Val v = eval(s.value);
        const bool bpm = s.name == "bpm";
        cps = v.kind == Val::Kind::Number ? (bpm ? v.number / 240 : v.number) : 0;
        if (!(cps >= kMinCps && cps <= kMaxCps)) {
          // bpm's bounds are the graph's, times 240 (0.00024 / 240 is 0.000001 exactly)
          throw Error(bpm ? "bpm takes a number of beats per minute from 0.00024 to 240000"
                          : "cps takes a number of cycles per second from 0.000001 to 1000",
                      s.value->pos);
        }
        continue;
      }
      bus_ = s.name;
      counters_.clear();
      bus_pos_ = s.pos;
      roots_[s.name] = root_of(finish(eval(s.value)), s);
    }
    json graph = {{"format", "tala-graph"}, {"version", kGraphVersion}, {"cps", number_json(cps)}};
    resolve_buses();
    graph["outputs"] = outputs();
    check_feedback(nodes_, node_pos_);
    graph["nodes"] = nodes_;
    return graph;
  }

 private:
  const std::string& source_;
  const Limits& limits_;
  std::set<std::string> buses_;
  std::map<std::string, std::string> roots_;  // bus -> node id (or "@other bus")
  json nodes_ = json::array();
  std::vector<SourcePos> node_pos_;  // per node: its bus definition
  std::string bus_;
  SourcePos bus_pos_;
  std::map<std::string, int> counters_;

  static bool known_node(const std::string& name) {
    return std::any_of(node_names().begin(), node_names().end(), [&](const NodeName& n) { return name == n.name; });
  }

  [[noreturn]] void unknown(const std::string& name, SourcePos pos) const {
    std::vector<std::string> known(buses_.begin(), buses_.end());
    for (const auto& f : pattern_functions()) known.emplace_back(f.name);
    for (const auto& n : node_names()) known.emplace_back(n.name);
    std::string best;
    std::size_t best_d = 3;
    for (const auto& k : known) {
      const std::size_t d = edit_distance(name, k);
      if (d < best_d) best_d = d, best = k;
    }
    if (name[0] == '~')
      throw Error("unknown bus '" + name + "'" + (best.empty() ? "" : " (did you mean '" + best + "'?)"), pos);
    throw Error("unknown function '" + name + "'" + (best.empty() ? "" : " (did you mean '" + best + "'?)"), pos);
  }

  // `at` holds where the parameters' values were written: a number out of
  // its range is reported there (else at the bus).
  std::string add_node(const std::string& type, json params, json pattern = nullptr,
                       const std::map<std::string, SourcePos>& at = {}) {
    const NodeSpec& spec = *find_node_spec(type);
    for (const auto& [name, p] : params.items()) {
      const auto pos = at.find(name);
      if (p.is_number()) check_node_number(spec, name, p.get<double>(), pos == at.end() ? bus_pos_ : pos->second);
    }
    const std::string id = bus_ + "/" + type + std::to_string(++counters_[type]);
    json n = {{"id", id}, {"type", type}, {"line", bus_pos_.line}};
    if (!params.empty()) n["params"] = std::move(params);
    if (!pattern.is_null()) n["pattern"] = std::move(pattern);
    nodes_.push_back(std::move(n));
    node_pos_.push_back(bus_pos_);
    return id;
  }

  // --- conversions --------------------------------------------------------
  json pattern_arg(const Val& v, const std::string& where) const {
    switch (v.kind) {
      case Val::Kind::Number:
        return number_json(v.number);
      case Val::Kind::Pattern:
        return v.expr;
      case Val::Kind::Ambiguous:
        return pattern_arg(*v.as_control, where);
      default:
        throw Error(where + " needs a pattern or a number here, got " + kind_name(v.kind), v.pos);
    }
  }
  json function_arg(const Val& v, const std::string& where) const {
    if (v.kind == Val::Kind::Function) return function_expr(v);
    if (v.kind == Val::Kind::Ambiguous && v.as_control) {
      throw Error(where + " needs a function here; write (# " + std::string("...") + ") to set a parameter", v.pos);
    }
    throw Error(where + " needs a function here (such as (fast 2), rev or (# speed 2)), got " + kind_name(v.kind),
                v.pos);
  }
  json function_expr(const Val& v) const {
    if (!v.fn) return v.expr;
    if (v.args.size() + 1 != v.fn->params.size() || v.fn->params.back() != Param::Pattern) {
      throw Error(std::string(v.fn->name) + " needs more arguments before it can be used as a function", v.pos);
    }
    check_pattern_call(*v.fn, v.args, v.pos);
    if (v.args.empty()) return json{{"call", v.fn->name}};
    return json{{"call", v.fn->name}, {"args", v.args}};
  }
  json node_param(const Val& v, const std::string& where) const {
    switch (v.kind) {
      case Val::Kind::Number:
        return number_json(v.number);
      case Val::Kind::Pattern:
        if (v.control) throw Error(where + " needs numbers, got sound parameters", v.pos);
        return json{{"pattern", v.expr}};
      case Val::Kind::Signal:
        return json{{"node", v.node}};
      case Val::Kind::Ambiguous:
        return node_param(*v.as_control, where);
      default:
        throw Error(where + " needs a number, a pattern or a signal, got " + kind_name(v.kind), v.pos);
    }
  }
  Val signal_of(const Val& v) {
    if (v.kind == Val::Kind::Signal) return v;
    Val s;
    s.kind = Val::Kind::Signal;
    s.pos = v.pos;
    if (v.kind == Val::Kind::Pattern && v.control)
      s.node = add_node("voices", json::object(), v.expr);
    else
      s.node = add_node("pattern_signal", json::object(), pattern_arg(v, "a signal"));
    return s;
  }

  // --- evaluation ---------------------------------------------------------
  Val eval(const ExprPtr& e) {
    switch (e->kind) {
      case Expr::Kind::Number: {
        Val v;
        v.pos = e->pos;
        v.number = e->number;
        return v;
      }
      case Expr::Kind::String:
        return mini(e);
      case Expr::Kind::Name:
        return name(e->text, e->pos);
      case Expr::Kind::Apply:
      case Expr::Kind::Binary:
        return eval_chain(*e);
      case Expr::Kind::Section:
        return section(e->text, finish(eval(e->right)), e->pos);
    }
    throw Error("internal: unknown expression", e->pos);
  }

  // A left-leaning chain (`a + b + c`, `f a b c`) from its leftmost operand
  // up, in a loop: a long line costs no stack. Operands are evaluated left to
  // right, explicitly: node ids number nodes in creation order.
  Val eval_chain(const Expr& top) {
    std::vector<const Expr*> spine;
    for (const Expr* e = &top; e->kind == Expr::Kind::Apply || e->kind == Expr::Kind::Binary; e = e->left.get())
      spine.push_back(e);
    Val acc = eval(spine.back()->left);
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
      const Expr& n = **it;
      if (n.kind == Expr::Kind::Apply) {
        const Val x = finish(eval(n.right));
        acc = apply(acc, x, n.right->pos);
      } else {
        const Val l = finish(acc);
        const Val r = n.text == "#" ? eval(n.right) : finish(eval(n.right));
        acc = binary(n.text, l, r, n.pos);
      }
    }
    return acc;
  }

  Val mini(const ExprPtr& e) const {
    try {
      parse_mini(e->text, limits_);
    } catch (const Error& err) {
      SourcePos p = e->pos;
      if (err.pos().line == 1) p.column += err.pos().column;  // inside the quotes
      throw Error(err.what(), p);
    }
    Val v;
    v.kind = Val::Kind::Pattern;
    v.pos = e->pos;
    v.expr = json{{"mini", e->text}};
    return v;
  }

  Val name(const std::string& n, SourcePos pos) {
    if (buses_.count(n)) {
      Val v;
      v.kind = Val::Kind::Signal;
      v.pos = pos;
      v.node = "@" + n;
      return v;
    }
    const PatternFunction* f = find_pattern_function(n);
    const auto node =
        std::find_if(node_names().begin(), node_names().end(), [&](const NodeName& k) { return n == k.name; });
    std::shared_ptr<Val> as_function, as_node;
    if (f) {
      as_function = std::make_shared<Val>();
      as_function->pos = pos;
      if (f->params.empty()) {
        as_function->kind = Val::Kind::Pattern;
        as_function->expr = json{{"call", n}};
      } else {
        as_function->kind = Val::Kind::Function;
        as_function->fn = f;
      }
    }
    if (node != node_names().end()) {
      as_node = std::make_shared<Val>();
      as_node->kind = Val::Kind::NodeCtor;
      as_node->pos = pos;
      as_node->spec = find_node_spec(node->type);
      as_node->ctor_name = node->name;
      as_node->required = node->effect ? node->positional.size() + 1 : node->required;
      as_node->positional = node->positional;
      if (!node->effect && node->positional.empty()) *as_node = signal_node(*as_node);
    }
    if (as_function && as_node) {
      Val v;
      v.kind = Val::Kind::Ambiguous;
      v.pos = pos;
      v.as_control = as_function;
      v.as_effect = as_node;
      return v;
    }
    if (as_function) return *as_function;
    if (as_node) return *as_node;
    unknown(n, pos);
  }

  Val signal_node(const Val& ctor) {
    Val s;
    s.kind = Val::Kind::Signal;
    s.pos = ctor.pos;
    s.node = add_node(std::string(ctor.spec->type), ctor.params, nullptr, ctor.param_pos);
    return s;
  }

  bool is_effect(const Val& ctor) const { return ctor.spec->param_index("in").has_value(); }

  // A source given its required arguments (sqrosc 55) sounds once it is used
  // as a value; until then it may take its optional ones (sqrosc 55 0.3).
  Val finish(const Val& v) {
    if (v.kind == Val::Kind::NodeCtor && !is_effect(v) && v.spec->params.size() - v.positional.size() >= v.required) {
      return signal_node(v);
    }
    if (v.kind == Val::Kind::Ambiguous && v.as_effect && !v.as_control) return finish(*v.as_effect);
    return v;
  }

  Val apply(const Val& f, const Val& x, SourcePos arg_pos) {
    switch (f.kind) {
      case Val::Kind::Function: {
        if (!f.fn) throw Error("a composed function or section is applied with $ to a pattern only", arg_pos);
        const std::string where(f.fn->name);
        if (f.fn->params[0] == Param::Patterns)
          throw Error(where + " takes a list of patterns: not in the language yet", f.pos);
        if (f.args.size() >= f.fn->params.size()) throw Error(where + " has all its arguments already", arg_pos);
        Val out = f;
        const Param kind = f.fn->params[f.args.size()];
        out.args.push_back(kind == Param::Transform ? function_arg(x, where) : pattern_arg(x, where));
        const bool x_control = x.kind == Val::Kind::Pattern && x.control;
        out.args_control = f.args_control || x_control;
        if (out.args.size() < f.fn->params.size()) return out;
        check_pattern_call(*f.fn, out.args, f.pos);
        Val p;
        p.kind = Val::Kind::Pattern;
        p.pos = f.pos;
        p.expr = json{{"call", f.fn->name}, {"args", out.args}};
        p.control = find_control(f.fn->name).has_value() || out.args_control;
        return p;
      }
      case Val::Kind::NodeCtor: {
        if (f.positional.empty()) throw Error(std::string(f.spec->type) + " has all its arguments already", arg_pos);
        Val out = f;
        const std::string param = out.positional.front();
        out.positional.erase(out.positional.begin());
        out.params[param] = node_param(x, std::string(f.spec->type) + " " + param);
        out.param_pos[param] = x.pos;
        return out;
      }
      case Val::Kind::Ambiguous: {
        Val out = f;
        std::optional<Error> first;
        try {
          out.as_control = std::make_shared<Val>(apply(*f.as_control, x, arg_pos));
        } catch (const Error& e) {
          first = e;
          out.as_control = nullptr;
        }
        try {
          out.as_effect = std::make_shared<Val>(apply(*f.as_effect, x, arg_pos));
        } catch (const Error& e) {
          if (!first) first = e;
          out.as_effect = nullptr;
        }
        if (!out.as_control && !out.as_effect) throw *first;
        if (!out.as_effect) return *out.as_control;
        if (!out.as_control) return *out.as_effect;
        return out;
      }
      default:
        throw Error("this is " + std::string(kind_name(f.kind)) + ", not a function: it cannot take an argument",
                    arg_pos);
    }
  }

  Val binary(const std::string& op, const Val& l, const Val& r, SourcePos pos) {
    if (op == "#") return hash(l, r, pos);
    if (op == ".") {
      Val f;
      f.kind = Val::Kind::Function;
      f.pos = pos;
      f.expr = json{{"compose", {function_arg(l, "."), function_arg(r, ".")}}};
      return f;
    }
    const Val& a = l.kind == Val::Kind::Ambiguous ? *l.as_control : l;
    const Val& b = r.kind == Val::Kind::Ambiguous ? *r.as_control : r;
    if (a.kind == Val::Kind::Number && b.kind == Val::Kind::Number) {
      Val v = a;
      v.number = op == "+"   ? a.number + b.number
                 : op == "-" ? a.number - b.number
                 : op == "*" ? a.number * b.number
                             : a.number / b.number;
      return v;
    }
    if (a.kind == Val::Kind::Signal || b.kind == Val::Kind::Signal || (a.kind == Val::Kind::Pattern && a.control) ||
        (b.kind == Val::Kind::Pattern && b.control)) {
      // Audio: sounds mix and scale as signals.
      const Val sa = a.kind == Val::Kind::Number ? a : signal_of(a);
      const Val sb = b.kind == Val::Kind::Number ? b : signal_of(b);
      json params;
      std::string type = op == "+" ? "add" : op == "-" ? "sub" : "mul";
      params["a"] = node_param(sa, op);
      if (op == "/") {
        if (sb.kind != Val::Kind::Number || sb.number == 0)
          throw Error("a signal can only be divided by a number other than 0", r.pos);
        params["b"] = number_json(1.0 / sb.number);
      } else {
        params["b"] = node_param(sb, op);
      }
      Val s;
      s.kind = Val::Kind::Signal;
      s.pos = pos;
      s.node = add_node(type, params, nullptr, {{"a", l.pos}, {"b", r.pos}});
      return s;
    }
    const std::string call = op == "+" ? "add" : op == "-" ? "sub" : op == "*" ? "mul" : "div";
    Val p;
    p.kind = Val::Kind::Pattern;
    p.pos = pos;
    p.expr = json{{"call", call}, {"args", {pattern_arg(b, op), pattern_arg(a, op)}}};
    return p;
  }

  // Sound parameters each voice plays (lpf, shape, ... with a filter or
  // waveshaper of its own); others (room, delay, coarse) act as effects on
  // the line's sound.
  static bool voices_use(const Val& control) {
    static const std::set<std::string> used = {"s",       "n",   "note", "gain",   "velocity",  "pan",   "speed",
                                               "begin",   "end", "cut",  "legato", "attack",    "decay", "sustain",
                                               "release", "up",  "lpf",  "hpf",    "resonance", "shape", "crush"};
    return control.kind == Val::Kind::Pattern && control.expr.contains("call") &&
           used.count(control.expr["call"].get<std::string>());
  }

  Val hash(const Val& l_in, const Val& r, SourcePos pos) {
    Val l = l_in;
    const Val* effect_side =
        r.kind == Val::Kind::Ambiguous ? r.as_effect.get() : (r.kind == Val::Kind::NodeCtor ? &r : nullptr);
    const bool control_used = r.kind == Val::Kind::Ambiguous && r.as_control && voices_use(*r.as_control);
    if (l.kind == Val::Kind::Pattern && l.control && effect_side && !control_used) l = signal_of(l);
    const bool left_is_sound = l.kind == Val::Kind::Signal;
    if (left_is_sound) {
      const Val* effect = r.kind == Val::Kind::Ambiguous ? r.as_effect.get() : &r;
      if (!effect || effect->kind != Val::Kind::NodeCtor || !is_effect(*effect)) {
        throw Error(
            "after a signal, '#' takes an effect (lpf, hpf, bpf, notch, ladder, delay, room, comp, shape, crush, "
            "coarse, slew, sah, gain, pan), "
            "got " +
                std::string(kind_name(r.kind)),
            r.pos);
      }
      json params = effect->params;
      params["in"] = json{{"node", l.node}};
      Val s;
      s.kind = Val::Kind::Signal;
      s.pos = pos;
      if (effect->ctor_name == "room") {
        // `x # room 0.3` is the dry signal plus 0.3 of its reverb (Tidal's room).
        const std::string wet = add_node("reverb", params, nullptr, effect->param_pos);
        s.node = add_node("add", json{{"a", json{{"node", l.node}}}, {"b", json{{"node", wet}}}});
      } else if (effect->ctor_name == "delay") {
        // `x # delay t fb` is the dry signal plus the delayed one; `# delayed`
        // is the delayed signal alone (for feedback loops).
        if (!params.contains("wet")) params["wet"] = number_json(0.5);
        const std::string wet = add_node("delay", params, nullptr, effect->param_pos);
        s.node = add_node("add", json{{"a", json{{"node", l.node}}}, {"b", json{{"node", wet}}}});
      } else {
        s.node = add_node(std::string(effect->spec->type), params, nullptr, effect->param_pos);
      }
      return s;
    }
    const Val& a = l.kind == Val::Kind::Ambiguous ? *l.as_control : l;
    const Val* b = r.kind == Val::Kind::Ambiguous ? r.as_control.get() : &r;
    if (a.kind == Val::Kind::Pattern && a.control && b && b->kind == Val::Kind::Pattern && b->control) {
      Val p;
      p.kind = Val::Kind::Pattern;
      p.pos = pos;
      p.control = true;
      p.expr = json{{"call", "set"}, {"args", {b->expr, a.expr}}};
      return p;
    }
    throw Error(
        "'#' joins sound parameters (s \"bd\" # gain 0.8) or adds an effect to a signal (~pad # lpf 800); got " +
            std::string(kind_name(l.kind)) + " # " + kind_name(r.kind),
        pos);
  }

  Val section(const std::string& op, const Val& r, SourcePos pos) {
    Val f;
    f.kind = Val::Kind::Function;
    f.pos = pos;
    if (op == "#") {
      const Val* b = r.kind == Val::Kind::Ambiguous ? r.as_control.get() : &r;
      if (!b || b->kind != Val::Kind::Pattern || !b->control)
        throw Error("(# ...) takes sound parameters, such as (# speed 2)", r.pos);
      f.expr = json{{"call", "set"}, {"args", {b->expr}}};
      return f;
    }
    const std::string call = op == "+" ? "add" : op == "-" ? "sub" : op == "*" ? "mul" : op == "/" ? "div" : "";
    if (call.empty()) throw Error("a section is (# ...), (+ ...), (- ...), (* ...) or (/ ...)", pos);
    f.expr = json{{"call", call}, {"args", {pattern_arg(r, op)}}};
    return f;
  }

  std::string root_of(const Val& v, const Statement& s) {
    switch (v.kind) {
      case Val::Kind::Signal:
        return v.node;
      case Val::Kind::Pattern:
      case Val::Kind::Number:
        return signal_of(v).node;
      case Val::Kind::Ambiguous:
        if (v.as_control) return signal_of(*v.as_control).node;
        [[fallthrough]];
      default:
        throw Error(s.name + ": expected a sound, a signal or a pattern, got " + kind_name(v.kind) +
                        " (is an argument missing?)",
                    s.value->pos);
    }
  }

  std::string resolve(const std::string& ref, int hops = 0) const {
    if (ref.empty() || ref[0] != '@') return ref;
    if (hops > static_cast<int>(roots_.size())) throw Error("bus " + ref.substr(1) + " is defined only by itself");
    return resolve(roots_.at(ref.substr(1)), hops + 1);
  }

  void resolve_buses() {
    for (auto& n : nodes_) {
      if (!n.contains("params")) continue;
      for (auto& [name, p] : n["params"].items()) {
        if (p.is_object() && p.contains("node")) p["node"] = resolve(p["node"].get<std::string>());
      }
    }
  }

  json outputs() {
    json out = json::object();
    std::vector<std::string> sum;
    for (const auto& [bus, root] : roots_) {
      if (is_output_name(bus)) out[bus] = resolve(root);
    }
    if (!out.empty()) return out;
    // No out line: every bus not named with '~' is heard.
    for (const auto& [bus, root] : roots_) {
      if (bus[0] != '~') sum.push_back(resolve(root));
    }
    if (sum.empty()) return out;
    bus_ = "out";
    bus_pos_ = {};
    std::string acc = sum[0];
    for (std::size_t i = 1; i < sum.size(); ++i) {
      acc = add_node("add", json{{"a", json{{"node", acc}}}, {"b", json{{"node", sum[i]}}}});
    }
    out["out"] = acc;
    return out;
  }
};

}  // namespace

json compile_program(const std::string& source, const Limits& limits) { return Compiler(source, limits).run(); }

json graph_of(const std::string& text, const Limits& limits) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return parse_graph_text(text, limits);
  return compile_program(text, limits);
}

}  // namespace tala::lang
