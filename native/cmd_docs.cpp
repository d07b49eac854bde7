// `tala schema` and `tala nodes`: the graph format's JSON Schema and the node
// reference, both made from the registries.
#include <iostream>

#include "cli.hpp"
#include "graph/schema.hpp"

namespace tala::cli {

int schema_command(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "error: tala schema takes no arguments\n";
    return kBadInput;
  }
  std::cout << graph_schema().dump(2) << "\n";
  return kOk;
}

int nodes_command(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "error: tala nodes takes no arguments\n";
    return kBadInput;
  }
  std::cout << nodes_markdown();
  return kOk;
}

}  // namespace tala::cli
