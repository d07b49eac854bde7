// Argument parsing shared by the subcommands (Boost.Program_options).
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tala::cli {

// Parses a subcommand's arguments, with `positional_count` positional
// arguments named `positional` (one: a string; more: a vector of strings).
// Handles --help (prints `help`) and bad options (one error line); returns
// the exit code then, or nullopt to go on with `vm`.
std::optional<int> parse_args(const std::vector<std::string>& args,
                              boost::program_options::options_description& options, const char* positional,
                              const char* command, const char* help, boost::program_options::variables_map& vm,
                              int positional_count = 1);

}  // namespace tala::cli
