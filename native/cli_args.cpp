#include "cli_args.hpp"

#include <iostream>

#include "cli.hpp"

namespace po = boost::program_options;

namespace tala::cli {

std::optional<int> parse_args(const std::vector<std::string>& args, po::options_description& options,
                              const char* positional, const char* command, const char* help, po::variables_map& vm,
                              int positional_count) {
  options.add_options()("help,h", "");
  if (positional_count == 1) {
    options.add_options()(positional, po::value<std::string>(), "");
  } else {
    options.add_options()(positional, po::value<std::vector<std::string>>(), "");
  }
  po::positional_options_description pos;
  pos.add(positional, positional_count);
  try {
    po::store(po::command_line_parser(args).options(options).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "error: " << e.what() << " (try: tala " << command << " --help)\n";
    return kBadInput;
  }
  if (vm.count("help")) {
    std::cout << help;
    return kOk;
  }
  return std::nullopt;
}

}  // namespace tala::cli
