// Pattern expression trees, as they travel inside a graph:
//   0.5 | {"mini": "bd sd"} | {"call": "fast", "args": [2, {"mini": "bd sd"}]} | {"compose": [f, g]}
#include "graph/graph.hpp"
#include "mini/mini.hpp"
#include "pattern/registry.hpp"
#include "util/error.hpp"

namespace tala {

namespace {

// "path: message"; the whole expression (path "", as the language checks a call) has no prefix.
[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw Error(path.empty() ? message : path + ": " + message);
}

PatternOrFunction build(const nlohmann::json& e, const std::string& path, int depth, const Limits& limits) {
  if (depth > limits.graph_expr_depth) {
    fail(path, "pattern expression nests deeper than " + std::to_string(limits.graph_expr_depth) + " levels");
  }
  if (e.is_number()) return {pure(Value::number(e.get<double>())), {}};
  if (!e.is_object()) fail(path, "expected a number, {\"mini\": ...}, {\"call\": ...} or {\"compose\": ...}");
  if (e.contains("mini")) {
    if (!e["mini"].is_string()) fail(path + "/mini", "expected a string");
    const std::string text = e["mini"].get<std::string>();
    try {
      return {parse_mini(text, limits), {}};
    } catch (const Error& err) {
      const SourcePos p = err.pos();
      fail(path + "/mini",
           (p.line > 0 ? std::to_string(p.line) + ":" + std::to_string(p.column) + ": " : "") + err.what());
    }
  }
  if (e.contains("compose")) {
    const auto& parts = e["compose"];
    if (!parts.is_array() || parts.empty()) fail(path + "/compose", "expected a non-empty array of functions");
    std::vector<std::function<Pattern(const Pattern&)>> fns;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      auto part = build(parts[i], path + "/compose/" + std::to_string(i), depth + 1, limits);
      if (!part.function) fail(path + "/compose/" + std::to_string(i), "expected a function, got a pattern");
      fns.push_back(part.function);
    }
    // (f . g) p = f (g p): the last function applies first.
    return {std::nullopt, [fns](const Pattern& p) {
              Pattern out = p;
              for (auto it = fns.rbegin(); it != fns.rend(); ++it) out = (*it)(out);
              return out;
            }};
  }
  if (!e.contains("call")) fail(path, "expected \"mini\", \"call\" or \"compose\"");
  if (!e["call"].is_string()) fail(path + "/call", "expected a function name");
  const std::string name = e["call"].get<std::string>();
  const PatternFunction* f = find_pattern_function(name);
  if (!f) fail(path + "/call", "unknown pattern function '" + name + "'");
  static const nlohmann::json kNoArgs = nlohmann::json::array();
  const nlohmann::json& args = e.contains("args") ? e["args"] : kNoArgs;  // a copy would be quadratic in the depth
  if (!args.is_array()) fail(path + "/args", "expected an array");

  std::vector<PatternOrFunction> built;
  for (std::size_t i = 0; i < args.size(); ++i)
    built.push_back(build(args[i], path + "/args/" + std::to_string(i), depth + 1, limits));

  if (!f->params.empty() && f->params[0] == Param::Patterns) {
    FunctionArg a;
    for (std::size_t i = 0; i < built.size(); ++i) {
      if (!built[i].pattern) fail(path + "/args/" + std::to_string(i), "expected a pattern, got a function");
      a.patterns.push_back(*built[i].pattern);
    }
    return {f->apply({a}), {}};
  }
  const std::size_t arity = f->params.size();
  const bool partial = built.size() + 1 == arity && f->params.back() == Param::Pattern;
  if (built.size() != arity && !partial) {
    fail(path + "/args", name + " takes " + std::to_string(arity) + " argument" + (arity == 1 ? "" : "s") + ", got " +
                             std::to_string(built.size()));
  }
  std::vector<FunctionArg> converted(arity);
  for (std::size_t i = 0; i < built.size(); ++i) {
    const std::string at = path + "/args/" + std::to_string(i);
    if (f->params[i] == Param::Transform) {
      if (!built[i].function) fail(at, name + " needs a function here (such as fast 2 or rev), got a pattern");
      converted[i].transform = built[i].function;
    } else {
      if (!built[i].pattern) fail(at, name + " needs a pattern here, got a function");
      converted[i].pattern = *built[i].pattern;
    }
  }
  if (partial) {
    return {std::nullopt, [f, converted](const Pattern& p) {
              std::vector<FunctionArg> all = converted;
              all.back().pattern = p;
              return f->apply(all);
            }};
  }
  try {
    return {f->apply(converted), {}};
  } catch (const Error& err) {
    fail(path, err.what());
  }
}

}  // namespace

PatternOrFunction build_pattern_expr(const nlohmann::json& expr, const std::string& path, const Limits& limits) {
  return build(expr, path, 0, limits);
}

}  // namespace tala
