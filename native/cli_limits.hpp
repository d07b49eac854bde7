// `--limit NAME=VALUE` (repeatable), shared by the subcommands that input
// limits bound: events, compile, render, serve.
#pragma once

#include <boost/program_options.hpp>
#include <optional>

#include "limits.hpp"

namespace tala::cli {

void add_limit_option(boost::program_options::options_description& options);

// Applies each --limit in order over `limits`; prints the one-line error and
// returns the exit code when one is bad.
std::optional<int> read_limits(const boost::program_options::variables_map& vm, Limits& limits);

}  // namespace tala::cli
