// Each node family adds its definitions to the registry (node_registry.cpp).
#pragma once

#include <algorithm>
#include <memory>
#include <vector>

#include "engine/node.hpp"

namespace tala {

// The `make` of a NodeSpec for node class N.
template <class N>
std::unique_ptr<Node> make_node(const NodeBuild& b) {
  return std::make_unique<N>(b);
}

void add_oscillator_specs(std::vector<NodeSpec>& specs);
void add_arithmetic_specs(std::vector<NodeSpec>& specs);
void add_filter_specs(std::vector<NodeSpec>& specs);
void add_delay_specs(std::vector<NodeSpec>& specs);
void add_pattern_specs(std::vector<NodeSpec>& specs);
void add_distortion_specs(std::vector<NodeSpec>& specs);
void add_reverb_specs(std::vector<NodeSpec>& specs);
void add_utility_specs(std::vector<NodeSpec>& specs);
void add_dynamics_specs(std::vector<NodeSpec>& specs);
void add_envelope_specs(std::vector<NodeSpec>& specs);

// Not in the registry (no program names it): the node a chain of `add`s
// becomes (engine/fused_sums.hpp), adding any number of inputs in order.
const NodeSpec& sum_spec();

}  // namespace tala
