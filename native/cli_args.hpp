// Argument parsing shared by the subcommands (Boost.Program_options).
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tala::cli {

// Parses a subcommand's arguments, with one positional argument named
// `positional`. Handles --help (prints `help`) and bad options (one error
// line); returns the exit code then, or nullopt to go on with `vm`.
std::optional<int> parse_args(const std::vector<std::string>& args,
                              boost::program_options::options_description& options, const char* positional,
                              const char* command, const char* help, boost::program_options::variables_map& vm);

}  // namespace tala::cli
