// Shared pieces of the `tala` subcommands: exit codes, the entry points, reading
// a program or graph file. Each subcommand prints its own errors.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "limits.hpp"

namespace tala::cli {

enum ExitCode { kOk = 0, kInternalError = 1, kBadInput = 2 };

// Every subcommand: takes its own arguments (after the subcommand name).
int events_command(const std::vector<std::string>& args);
int compile_command(const std::vector<std::string>& args);
int render_command(const std::vector<std::string>& args);
int schema_command(const std::vector<std::string>& args);
int nodes_command(const std::vector<std::string>& args);
int serve_command(const std::vector<std::string>& args);
int limits_command(const std::vector<std::string>& args);

// Reads a whole file; false when it cannot be read.
bool read_file(const std::string& path, std::string& text);

// The JSON graph of a file's text: a .json file is a graph, anything else a
// program (or a graph, when it starts with '{'), within `limits`.
nlohmann::json graph_of_file(const std::string& path, const std::string& text, const Limits& limits);

}  // namespace tala::cli
