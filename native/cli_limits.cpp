#include "cli_limits.hpp"

#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace po = boost::program_options;

namespace tala::cli {

void add_limit_option(po::options_description& options) {
  options.add_options()("limit", po::value<std::vector<std::string>>()->composing(), "");
}

std::optional<int> read_limits(const po::variables_map& vm, Limits& limits) {
  if (!vm.count("limit")) return std::nullopt;
  for (const std::string& assignment : vm["limit"].as<std::vector<std::string>>()) {
    if (const auto error = set_limit(limits, assignment)) {
      std::cerr << "error: " << *error << "\n";
      return kBadInput;
    }
  }
  return std::nullopt;
}

}  // namespace tala::cli
