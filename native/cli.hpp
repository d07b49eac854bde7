// Shared pieces of the `tala` subcommands: exit codes and error printing.
#pragma once

#include <string>
#include <vector>

namespace tala::cli {

enum ExitCode { kOk = 0, kInternalError = 1, kBadInput = 2 };

// Every subcommand: takes its own arguments (after the subcommand name).
int events_command(const std::vector<std::string>& args);

}  // namespace tala::cli
