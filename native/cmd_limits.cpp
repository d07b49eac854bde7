// `tala limits`: every limit on input, its value and what it bounds, as a
// table (or as the Markdown table docs/limits.md holds), from limit_table().
#include <boost/program_options.hpp>
#include <iomanip>
#include <iostream>

#include "cli.hpp"
#include "cli_args.hpp"
#include "cli_limits.hpp"

namespace po = boost::program_options;

namespace tala::cli {

namespace {

const char* kHelp =
    "usage: tala limits [--limit NAME=VALUE ...] [--markdown]\n"
    "\n"
    "Prints every limit on input: its name, the value in effect (the default, or as --limit sets it),\n"
    "the most --limit may raise it to, and what it bounds. Fixed limits follow, with why.\n"
    "  --markdown   the tables of docs/limits.md\n";

std::string with_unit(std::int64_t value, std::string_view unit) {
  return std::to_string(value) + (unit.empty() ? "" : " " + std::string(unit));
}

void print_text(const Limits& limits) {
  std::cout << std::left << std::setw(22) << "limit" << std::setw(18) << "value" << std::setw(18) << "maximum"
            << "what it bounds (commands)\n";
  for (const LimitInfo& l : limit_table()) {
    if (!l.field) continue;
    std::cout << std::setw(22) << l.name << std::setw(18) << with_unit(limits.*l.field, l.unit) << std::setw(18)
              << with_unit(l.max, l.unit) << l.bounds << " (" << l.commands << ")\n";
  }
  std::cout << "\nfixed (--limit cannot set them):\n";
  for (const LimitInfo& l : limit_table()) {
    if (l.field) continue;
    std::cout << std::setw(22) << l.name << std::setw(18) << with_unit(l.value, l.unit) << l.bounds << ": "
              << l.fixed_because << "\n";
  }
}

void print_markdown() {
  std::cout << "| `--limit` name | default | maximum | what it bounds | commands |\n"
               "| --- | --- | --- | --- | --- |\n";
  for (const LimitInfo& l : limit_table()) {
    if (!l.field) continue;
    std::cout << "| `" << l.name << "` | " << with_unit(l.value, l.unit) << " | " << with_unit(l.max, l.unit) << " | "
              << l.bounds << " | " << l.commands << " |\n";
  }
  std::cout << "\n| fixed limit | value | what it bounds | why it is fixed |\n"
               "| --- | --- | --- | --- |\n";
  for (const LimitInfo& l : limit_table()) {
    if (l.field) continue;
    std::cout << "| `" << l.name << "` | " << with_unit(l.value, l.unit) << " | " << l.bounds << " | "
              << l.fixed_because << " |\n";
  }
}

}  // namespace

int limits_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("markdown", "");
  add_limit_option(options);
  po::variables_map vm;
  if (auto done = parse_args(args, options, "unused", "limits", kHelp, vm, 0)) return *done;
  Limits limits;
  if (auto done = read_limits(vm, limits)) return *done;
  if (vm.count("markdown")) {
    print_markdown();
  } else {
    print_text(limits);
  }
  return kOk;
}

}  // namespace tala::cli
