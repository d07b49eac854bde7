// What `tala render --realtime` and `--profile` print after a render.
#pragma once

#include <ostream>
#include <vector>

#include "engine/program.hpp"

namespace tala {

// Block times in seconds, against the budget of one block (frames / rate).
void print_realtime_report(std::ostream& out, std::vector<double> block_seconds, int block_frames, double rate,
                           int threads);

// Time per node and per stage, largest first, over `blocks` blocks.
void print_profile(std::ostream& out, const std::vector<Program::NodeTime>& nodes, std::size_t blocks, double rate,
                   int block_frames);

}  // namespace tala
