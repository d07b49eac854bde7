// Compiles a tala program to its JSON graph (format v1, docs/graph-format.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "limits.hpp"

namespace tala::lang {

// Throws tala::Error with the line and column of the problem, or past one of
// the language's `limits` (program text, nesting, chains, mini-notation).
nlohmann::json compile_program(const std::string& source, const Limits& limits = {});

// Reads a program as either a .tala source or a JSON graph (by its first
// character) and returns the graph.
nlohmann::json graph_of(const std::string& text, const Limits& limits = {});

}  // namespace tala::lang
