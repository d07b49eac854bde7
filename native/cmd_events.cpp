// `tala events`: the onset events of a mini-notation pattern, as a table or as
// the conformance corpus's JSON.
#include <boost/program_options.hpp>
#include <iostream>
#include <string>

#include "cli.hpp"
#include "cli_args.hpp"
#include "cli_limits.hpp"
#include "mini/mini.hpp"
#include "pattern/event_query.hpp"
#include "util/error.hpp"
#include "util/js_number.hpp"

namespace po = boost::program_options;

namespace tala::cli {

namespace {

const char* kHelp =
    "usage: tala events PATTERN [--cycles N] [--from C] [--json] [--limit NAME=VALUE ...]\n"
    "       tala events --stdin [--limit NAME=VALUE ...]\n"
    "\n"
    "Prints the events that start in [C, C+N) cycles, sorted by start time, then value.\n"
    "  --cycles N   how many cycles to query (default 1; fractions like 1/2 work)\n"
    "  --from C     first cycle (default 0)\n"
    "  --json       one JSON object in the shape of the conformance corpus\n"
    "  --stdin      read request lines {\"pattern\": ..., \"cycles\": N, \"from\": C}\n"
    "               and answer each with one JSON line\n"
    "  --limit NAME=VALUE  lower a limit, or raise it up to its maximum; repeatable (tala limits)\n";

// "3", "1.5", "1/3" or "-2" as an exact time.
Rational parse_time(const std::string& text, const char* flag) {
  const auto slash = text.find('/');
  try {
    if (slash != std::string::npos) {
      const auto n = js_number(text.substr(0, slash));
      const auto d = js_number(text.substr(slash + 1));
      if (n && d && *n == static_cast<double>(static_cast<std::int64_t>(*n)) &&
          *d == static_cast<double>(static_cast<std::int64_t>(*d))) {
        return Rational(static_cast<std::int64_t>(*n), static_cast<std::int64_t>(*d));
      }
    } else if (const auto x = js_number(text)) {
      return Rational::from_double(*x);
    }
  } catch (const Error&) {
  }
  throw Error(std::string(flag) + ": expected a number such as 4, 1.5 or 1/3, got '" + text + "'");
}

void print_table(const std::string& pattern, const Events& events) {
  std::cout << "pattern: " << pattern << "\n";
  if (events.empty()) {
    std::cout << "(no events)\n";
    return;
  }
  std::size_t width = 5;
  for (const Event& e : events) width = std::max(width, e.whole->begin.str().size() + e.whole->end.str().size() + 3);
  std::cout << "whole" << std::string(width - 5 + 2, ' ') << "value\n";
  for (const Event& e : events) {
    const std::string whole = e.whole->begin.str() + " - " + e.whole->end.str();
    std::cout << whole << std::string(width - whole.size() + 2, ' ') << e.value.json();
    if (!(e.part == *e.whole)) std::cout << "  (heard " << e.part.begin.str() << " - " << e.part.end.str() << ")";
    std::cout << "\n";
  }
}

int answer_stdin(const Limits& limits) {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::cout << answer_request_line(line, limits) << "\n";
  }
  return kOk;
}

}  // namespace

int events_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("json", "")("stdin", "")("cycles", po::value<std::string>()->default_value("1"), "")(
      "from", po::value<std::string>()->default_value("0"), "");
  add_limit_option(options);
  po::variables_map vm;
  if (auto done = parse_args(args, options, "pattern", "events", kHelp, vm)) return *done;
  Limits limits;
  if (auto done = read_limits(vm, limits)) return *done;
  if (vm.count("stdin")) return answer_stdin(limits);
  if (!vm.count("pattern")) {
    std::cerr << "error: missing PATTERN (try: tala events --help)\n";
    return kBadInput;
  }

  EventQuery q;
  q.pattern = vm["pattern"].as<std::string>();
  try {
    q.cycles = parse_time(vm["cycles"].as<std::string>(), "--cycles");
    q.from = parse_time(vm["from"].as<std::string>(), "--from");
    q.from_given = !vm["from"].defaulted();
    if (q.cycles < Rational(0)) throw Error("--cycles: cannot be negative");
  } catch (const Error& e) {
    std::cerr << format_error(e) << "\n";
    return kBadInput;
  }
  if (vm.count("json")) {
    bool ok = true;
    std::cout << answer_json(q, &ok, limits) << "\n";
    return ok ? kOk : kBadInput;
  }
  try {
    print_table(q.pattern, onset_events(q, limits));
  } catch (const Error& e) {
    std::cerr << format_error(e, q.pattern) << "\n";
    return kBadInput;
  }
  return kOk;
}

}  // namespace tala::cli
