// What the graph loader and the engine would refuse in a compiled program,
// checked by the language while it still knows where each value came from,
// so the error carries the program's line and column.
//
// Why here and not by mapping errors back: the graph is the one format that
// crosses to the engine (the editor's live engine gets it without the source),
// and data flows one way, source -> graph -> program. Carrying source
// positions in the graph only to translate JSON paths and node ids back would
// make every later stage know about the language. Instead the language asks
// the same single definitions the later stages use (the node registry's ranges,
// the pattern functions themselves, graph/feedback.cpp's loop search), so it
// cannot disagree with them; the loader and Program::compile still check every
// graph, and a JSON graph's errors keep naming their JSON path.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/node.hpp"
#include "pattern/registry.hpp"
#include "util/error.hpp"

namespace tala::lang {

// A number given to a node's parameter: "sinosc freq: expected a number from
// 0 to 20000, got 30000" at `pos` when it is out of the parameter's range.
void check_node_number(const NodeSpec& spec, const std::string& param, double x, SourcePos pos);

// Applies pattern function `f` to `args` (the expression trees the compiler
// made; the pattern transformed may be missing, as in `every 0 (fast 2)` used
// as a function) the way the graph loader will, and reports what the function
// refuses, such as `every 0`, at `pos`. Arguments that are calls themselves
// were checked when they were made: they stand in as silence here, so the
// check costs the same at any depth.
void check_pattern_call(const PatternFunction& f, const std::vector<nlohmann::json>& args, SourcePos pos);

// The graph's nodes (ids resolved) and, for each, the position of the bus
// definition that made it: a loop without a delay is reported at the bus of
// the node the loop starts from, with the engine's message.
void check_feedback(const nlohmann::json& nodes, const std::vector<SourcePos>& node_pos);

}  // namespace tala::lang
