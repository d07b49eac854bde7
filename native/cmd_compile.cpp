// `tala compile`: a .tala program (or a .json graph, re-validated) to its JSON graph.
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "cli_args.hpp"
#include "cli_limits.hpp"
#include "dsp/samples.hpp"
#include "engine/program.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"
#include "util/error.hpp"

namespace po = boost::program_options;

namespace tala::cli {

namespace {

const char* kHelp =
    "usage: tala compile FILE.tala|FILE.json [-o GRAPH.json] [--limit NAME=VALUE ...]\n"
    "\n"
    "Compiles a tala program to its JSON graph (format v1, docs/graph-format.md), validates it\n"
    "and checks that it builds a program (no feedback loop without a delay).\n"
    "  -o FILE   write the graph there instead of printing it\n"
    "  --limit NAME=VALUE  lower a limit, or raise it up to its maximum; repeatable (tala limits)\n";

}  // namespace

bool read_file(const std::string& path, std::string& text) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  text = s.str();
  return true;
}

nlohmann::json graph_of_file(const std::string& path, const std::string& text, const Limits& limits) {
  const bool json_file = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  return json_file ? parse_graph_text(text, limits) : lang::graph_of(text, limits);
}

int compile_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("output,o", po::value<std::string>(), "");
  add_limit_option(options);
  po::variables_map vm;
  if (auto done = parse_args(args, options, "input", "compile", kHelp, vm)) return *done;
  Limits limits;
  if (auto done = read_limits(vm, limits)) return *done;
  if (!vm.count("input")) {
    std::cerr << "error: missing FILE (try: tala compile --help)\n";
    return kBadInput;
  }
  const std::string path = vm["input"].as<std::string>();
  std::string source;
  if (!read_file(path, source)) {
    std::cerr << "error: " << path << ": cannot read the file\n";
    return kBadInput;
  }
  nlohmann::json graph;
  try {
    graph = graph_of_file(path, source, limits);
    const GraphDef def = load_graph(graph, limits);
    // Compiled only to check it (a loop without a delay, say): no sample is
    // played, so an empty bank spares building the built-in kit.
    const SampleBank no_samples;
    ProgramConfig config;
    config.samples = &no_samples;
    config.max_voices = static_cast<std::size_t>(limits.voices);
    config.block_events = limits.events_per_block;
    Program::compile(def, config);
  } catch (const Error& e) {
    std::cerr << path << ": " << format_error(e, source).substr(0) << "\n";
    return kBadInput;
  }
  const std::string text = graph.dump(2) + "\n";
  if (vm.count("output")) {
    std::ofstream out(vm["output"].as<std::string>(), std::ios::binary);
    if (!out || !(out << text)) {
      std::cerr << "error: " << vm["output"].as<std::string>() << ": cannot write the file\n";
      return kBadInput;
    }
    return kOk;
  }
  std::cout << text;
  return kOk;
}

}  // namespace tala::cli
