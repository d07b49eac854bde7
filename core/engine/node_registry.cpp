#include "engine/nodes/nodes.hpp"

namespace tala {

const std::vector<NodeSpec>& node_specs() {
  static const std::vector<NodeSpec> specs = [] {
    std::vector<NodeSpec> s;
    add_oscillator_specs(s);
    add_arithmetic_specs(s);
    add_filter_specs(s);
    add_delay_specs(s);
    add_distortion_specs(s);
    add_reverb_specs(s);
    add_utility_specs(s);
    add_dynamics_specs(s);
    add_envelope_specs(s);
    add_pattern_specs(s);
    return s;
  }();
  return specs;
}

const NodeSpec* find_node_spec(std::string_view type) {
  for (const auto& s : node_specs()) {
    if (s.type == type) return &s;
  }
  return nullptr;
}

}  // namespace tala
