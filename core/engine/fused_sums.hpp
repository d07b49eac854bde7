// Chains of `add` nodes, (((a + b) + c) + d), become one `sum` node that adds
// its inputs in the same order: the same samples, without a node, a pass over
// the block and a buffer per `+` (W1 mixes 256 sines through 255 adds). A
// node is taken into the sum only when the next add of the chain is its one
// reader: outputs (and the page's taps, which are outputs) keep their nodes.
// The sum keeps the id of the chain's last add, and is silenced as one node.
#pragma once

#include "graph/graph.hpp"

namespace tala {

GraphDef fuse_sums(const GraphDef& g);

}  // namespace tala
