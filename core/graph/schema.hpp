// The JSON Schema of graph format v1, made from the node and pattern-function
// registries (so it cannot drift from them). docs/graph.schema.json is this
// output, checked by a test; `tala schema` prints it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tala {

nlohmann::json graph_schema();

// docs/nodes.md: every node type with its parameters, from the registry.
std::string nodes_markdown();

}  // namespace tala
