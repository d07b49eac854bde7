// The tala command line: `tala SUBCOMMAND ...`.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace {

const char* kUsage =
    "usage: tala <command> [options]\n"
    "\n"
    "commands:\n"
    "  events PATTERN   print the events of a mini-notation pattern (tala events --help)\n"
    "  compile FILE     compile a .tala program to its JSON graph (tala compile --help)\n"
    "  render IN OUT    render a program to a WAV file (tala render --help)\n"
    "  schema           print the JSON Schema of the graph format\n"
    "  nodes            print the node reference (docs/nodes.md)\n"
    "  serve [DIR]      serve the browser page (build/web) on http://127.0.0.1:8080/ (tala serve --help)\n"
    "  limits           print every limit on input; events, compile, render and serve take\n"
    "                   --limit NAME=VALUE to lower one or raise it up to its maximum\n"
    "\n"
    "tala is a live-coding audio engine: Tidal/Strudel-style patterns and a signal graph.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? tala::cli::kBadInput : tala::cli::kOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "events") return tala::cli::events_command(args);
    if (command == "compile") return tala::cli::compile_command(args);
    if (command == "render") return tala::cli::render_command(args);
    if (command == "schema") return tala::cli::schema_command(args);
    if (command == "nodes") return tala::cli::nodes_command(args);
    if (command == "serve") return tala::cli::serve_command(args);
    if (command == "limits") return tala::cli::limits_command(args);
    std::cerr << "error: unknown command '" << command << "' (try: tala --help)\n";
    return tala::cli::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "error: internal: " << e.what() << "\n";
    return tala::cli::kInternalError;
  }
}
