// Every limit on input in one place: what it bounds, its default, and how far
// `--limit NAME=VALUE` may raise it. Code that checks a limit takes a
// `const Limits&` (a default-constructed one gives today's defaults), the CLI
// sets it, and `tala limits` and docs/limits.md read the same table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tala {

struct Limits {
  std::int64_t events_per_query = 200'000;       // events one query of tala events may make
  std::int64_t mini_nesting = 64;                // bracket nesting in mini-notation
  std::int64_t mini_ops = 64;                    // operators on one mini-notation step
  std::int64_t pattern_bytes = 1 << 20;          // mini-notation text
  std::int64_t program_bytes = 8 << 20;          // tala program text
  std::int64_t expr_depth = 256;                 // expression nesting in the language
  std::int64_t chain_operands = 1024;            // operands of one chain (a + b + c, f a b c)
  std::int64_t graph_bytes = 64 << 20;           // JSON graph text
  std::int64_t graph_nodes = 100'000;            // nodes in a graph
  std::int64_t graph_expr_depth = 256;           // pattern expression nesting in a graph
  std::int64_t events_per_block = 2'000;         // events one audio block's queries may make, per pattern
  std::int64_t voices = 4096;                    // voices sounding at once per voices node
  std::int64_t sample_seconds = 60;              // length of one sample file (--samples)
  std::int64_t request_target_bytes = 8 << 10;   // tala serve: the URL of one request
  std::int64_t request_header_bytes = 16 << 10;  // tala serve: the headers of one request
  std::int64_t request_body_bytes = 1 << 20;     // tala serve: the body of one request
};

// Fixed limits: part of what a program means, so the same in every engine
// (a program valid in the CLI plays in the browser).
inline constexpr std::int64_t kMaxWholeArgument = 1 << 16;  // Euclid steps, counts (every, iter ...), '..' values
inline constexpr double kMaxDelaySeconds = 4.0;             // the delay node's time parameter

struct LimitInfo {
  std::string_view name;                  // the CLI's name: --limit NAME=VALUE
  std::int64_t Limits::*field = nullptr;  // null: fixed (see `fixed_because`)
  std::int64_t value = 0;                 // the default
  std::int64_t max = 0;                   // the hard maximum --limit may raise it to
  std::string_view unit;                  // "events", "bytes", "levels", ...
  std::string_view bounds;                // what it bounds
  std::string_view commands;              // the subcommands it applies to
  std::string_view fixed_because;         // why it cannot be set (fixed limits only)
};

// Every limit, settable ones first, in the order `tala limits` prints them.
const std::vector<LimitInfo>& limit_table();

// Applies "NAME=VALUE" to `limits`; the error (without "error: ") when the
// name is unknown or fixed, or the value not a whole number from 1 to the
// limit's maximum.
std::optional<std::string> set_limit(Limits& limits, std::string_view assignment);

// "8 MiB" for a whole number of MiB, else "N bytes": how errors quote sizes.
std::string bytes_text(std::int64_t bytes);

}  // namespace tala
