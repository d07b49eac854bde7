// Compiles a tala program to its JSON graph (format v1, docs/graph-format.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tala::lang {

// Throws tala::Error with the line and column of the problem.
nlohmann::json compile_program(const std::string& source);

// Reads a program as either a .tala source or a JSON graph (by its first
// character) and returns the graph.
nlohmann::json graph_of(const std::string& text);

}  // namespace tala::lang
