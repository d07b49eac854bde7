// The `voices` node type's constructor (its spec is in nodes/pattern_nodes.cpp).
#pragma once

#include <memory>

#include "engine/node.hpp"

namespace tala {

std::unique_ptr<Node> make_voices(const NodeBuild& build);

}  // namespace tala
