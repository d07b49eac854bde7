#include "limits.hpp"

#include <charconv>

#include "engine/render_plan.hpp"
#include "pattern/pattern.hpp"
#include "pattern/value.hpp"

namespace tala {

namespace {

constexpr Limits kDefaults{};

// A settable limit: its default is the field's initializer in Limits.
LimitInfo settable(std::string_view name, std::int64_t Limits::*field, std::int64_t max, std::string_view unit,
                   std::string_view bounds, std::string_view commands) {
  return {name, field, kDefaults.*field, max, unit, bounds, commands, {}};
}

LimitInfo fixed(std::string_view name, std::int64_t value, std::string_view unit, std::string_view bounds,
                std::string_view because) {
  return {name, nullptr, value, value, unit, bounds, {}, because};
}

std::vector<LimitInfo> make_table() {
  // Hard maxima: where a raised limit still ends in an error, not a crash:
  // nesting and chains are recursion depth (4096 chain operands overflow an
  // 8 MB stack under AddressSanitizer), the rest memory or time (a query of
  // 1,000,000 events takes about a second).
  return {
      settable("events-per-query", &Limits::events_per_query, 1'000'000, "events",
               "events one query of tala events may make, and 4x as many cycle visits (audio blocks: events-per-block)",
               "events"),
      settable("mini-nesting", &Limits::mini_nesting, 256, "levels", "bracket nesting in mini-notation",
               "events, compile, render"),
      settable("mini-ops", &Limits::mini_ops, 256, "operators", "operators on one mini-notation step",
               "events, compile, render"),
      settable("pattern-bytes", &Limits::pattern_bytes, 16 << 20, "bytes", "mini-notation text of one pattern",
               "events, compile, render"),
      settable("program-bytes", &Limits::program_bytes, 64 << 20, "bytes", "tala program text", "compile, render"),
      settable("expr-depth", &Limits::expr_depth, 512, "levels", "expression nesting in a tala program",
               "compile, render"),
      settable("chain-operands", &Limits::chain_operands, 2048, "operands",
               "operands of one chain (a + b + c, f a b c) along the path from the root", "compile, render"),
      settable("graph-bytes", &Limits::graph_bytes, 256 << 20, "bytes", "JSON graph text", "compile, render"),
      settable("graph-nodes", &Limits::graph_nodes, 1'000'000, "nodes", "nodes in a graph", "compile, render"),
      settable("graph-expr-depth", &Limits::graph_expr_depth, 1024, "levels",
               "pattern expression nesting in a JSON graph", "compile, render"),
      settable("voices", &Limits::voices, 65536, "voices",
               "voices sounding at once per voices node (past it the oldest is stolen)", "compile, render"),
      settable("events-per-block", &Limits::events_per_block, 200'000, "events",
               "events one audio block's queries may make, per pattern, and 4x as many cycle visits (past it the node "
               "is silent for the block)",
               "compile, render"),
      settable("sample-seconds", &Limits::sample_seconds, 600, "seconds",
               "length of one sample file loaded with --samples", "render"),
      settable("request-target-bytes", &Limits::request_target_bytes, 64 << 10, "bytes",
               "the URL of one HTTP request (past it: 431)", "serve"),
      settable("request-header-bytes", &Limits::request_header_bytes, 1 << 20, "bytes",
               "the headers of one HTTP request (past it: 431)", "serve"),
      settable("request-body-bytes", &Limits::request_body_bytes, 64 << 20, "bytes",
               "the body of one HTTP request (past it: 413)", "serve"),
      fixed("list-values", Value::kMaxListSize, "values", "values in a ':' list",
            "sizes the array inside every event value (no heap memory per event)"),
      fixed("whole-argument", kMaxWholeArgument, "", "Euclid steps, counts (every, iter, chunk ...), '..' values",
            "an argument range: a pattern means the same in every engine"),
      fixed("delay-seconds", static_cast<std::int64_t>(kMaxDelaySeconds), "seconds", "delay time (clamped)",
            "the delay node's parameter range in the graph schema"),
      fixed("render-seconds", static_cast<std::int64_t>(kMaxRenderSeconds), "seconds", "length of one tala render",
            "the range of --seconds; choose the length with --seconds or --cycles"),
  };
}

}  // namespace

const std::vector<LimitInfo>& limit_table() {
  static const std::vector<LimitInfo> table = make_table();
  return table;
}

std::optional<std::string> set_limit(Limits& limits, std::string_view assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos) return "--limit: expected NAME=VALUE (got '" + std::string(assignment) + "')";
  const std::string_view name = assignment.substr(0, eq), text = assignment.substr(eq + 1);
  for (const LimitInfo& info : limit_table()) {
    if (info.name != name) continue;
    const std::string flag = "--limit " + std::string(name) + ": ";
    if (!info.field)
      return flag + "fixed at " + std::to_string(info.value) + " (" + std::string(info.fixed_because) + ")";
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1 || value > info.max) {
      return flag + "must be a whole number from 1 to " + std::to_string(info.max) + " (got " +
             (text.empty() ? "nothing" : std::string(text)) + ")";
    }
    limits.*info.field = value;
    return std::nullopt;
  }
  return "--limit: unknown limit '" + std::string(name) + "' (tala limits lists them)";
}

std::string bytes_text(std::int64_t bytes) {
  constexpr std::int64_t kMiB = 1 << 20;
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace tala
