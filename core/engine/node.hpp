// A node type is defined once, here and in its nodes/*.cpp file: parameters
// (defaults, ranges, units), its state and its block process. The language,
// the graph schema and docs/nodes.md all read these definitions.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "pattern/pattern.hpp"

namespace tala {

// One block of a stereo signal: `frames` samples per channel.
struct Signal {
  const float* left;
  const float* right;
  bool constant = false;  // a number: the same value in every frame of every block
};

struct BlockContext {
  int frames = 0;
  double sample_rate = 48000;
  Rational cycle_begin;       // cycle position of the block's first frame
  Rational cycles_per_frame;  // cps / sample rate
  Rational cycle_end;         // cycle_at(frames), where the next block begins: the engine works it out once
  Rational cycle_at(std::int64_t frame) const { return cycle_begin + Rational(frame) * cycles_per_frame; }
  // The frame (0..frames) at which cycle position t falls, rounded up.
  std::int64_t frame_of(const Rational& t) const;
};

class Node {
 public:
  virtual ~Node() = default;
  // Renders one block. `params` holds one signal per ParamSpec, in order.
  virtual void process(const BlockContext& ctx, const Signal* params, float* out_left, float* out_right) = 0;
  // Called after every node has processed the block (delays record their input),
  // for the nodes that say they need it: asked once, so the other nodes of a
  // 500-node program cost no call per block.
  virtual void after_block(const BlockContext&, const Signal*) {}
  virtual bool needs_after_block() const { return false; }
  // Takes over the running state of a node of the same type from the
  // program being replaced (phase, filter memory, delay lines, voices).
  virtual void take_state(Node& old) = 0;
  // Back to silence after producing NaN or infinity (filters and delays clear
  // their memory; most nodes have nothing to clear).
  virtual void reset() {}
  // A warning to report once (say, an unknown sound name), or null; asked
  // only of nodes that say they may warn.
  virtual const char* take_warning() { return nullptr; }
  virtual bool may_warn() const { return false; }
  // For node types whose spec says OutputCheck::ByNode: whether the block just
  // written holds no NaN or infinity, found while writing it.
  bool output_finite() const { return output_finite_; }

 protected:
  bool output_finite_ = true;
};

class SampleBank;

struct ParamSpec {
  std::string_view name;
  double default_value;
  double min;
  double max;
  std::string_view unit;
  std::string_view meaning;
};

struct NodeBuild {
  double sample_rate;
  int block_size;
  const Pattern* pattern;     // for node types with a pattern
  std::uint32_t seed;         // from the node id: noise differs per node, and per run not at all
  const SampleBank* samples;  // the sounds `voices` can play
  std::size_t max_voices;     // polyphony of each `voices` node
  std::int64_t block_events;  // what one block's pattern query may make
  bool scalar_voices;         // the scalar voice kernel even where SIMD is available
  std::size_t inputs = 0;     // signals process() gets: the spec's params, or a fused sum's terms
};

// Whether a node's output has two channels. A mono output is one block that
// readers see as both channels: half the work, the copy and the checks for
// oscillators and the mixing of mono sources (W1's 256 summed sines).
enum class Channels {
  Stereo,
  Mono,      // always one channel; process() gets out_right == out_left
  AsInputs,  // mono when every signal input is mono (stateless nodes only)
};

// NaN and infinity are the floats whose magnitude bits are at least those of
// infinity: a max of these over a block finds one, in a loop that vectorises
// (std::isfinite per sample cost a quarter of a small node).
inline std::uint32_t magnitude_bits(float x) {
  std::uint32_t bits;  // memcpy, not std::bit_cast: Emscripten's libc++ has none
  std::memcpy(&bits, &x, sizeof bits);
  return bits & 0x7fffffffu;
}
inline constexpr std::uint32_t kInfinityBits = 0x7f800000u;

// The largest magnitude_bits of a block: below kInfinityBits when every sample
// is finite, at most magnitude_bits(t) when every sample is within +-t.
inline std::uint32_t largest_magnitude_bits(const float* x, std::size_t n) {
  std::uint32_t largest = 0;
  for (std::size_t i = 0; i < n; ++i) largest = std::max(largest, magnitude_bits(x[i]));
  return largest;
}

// Who makes sure a block holds no NaN or infinity before others read it.
enum class OutputCheck {
  ByEngine,   // the engine scans the block after process()
  NotNeeded,  // the node cannot produce one (oscillators, noise)
  ByNode,     // the node finds out while writing, in the same pass (mixing): Node::output_finite()
};

struct NodeSpec {
  std::string_view type;
  std::string_view summary;
  std::vector<ParamSpec> params;
  bool has_pattern = false;   // takes a "pattern" (voices, pattern signals)
  bool delays_input = false;  // reads its "in" one block late: may close a feedback loop
  std::unique_ptr<Node> (*make)(const NodeBuild&) = nullptr;
  Channels channels = Channels::Stereo;
  OutputCheck output_check = OutputCheck::ByEngine;

  // Whether parameter `param` is read one block late (a delay's "in"): a
  // loop through it is allowed, any other loop is not (graph/feedback.cpp).
  bool reads_late(std::size_t param) const { return delays_input && params[param].name == "in"; }

  std::optional<std::size_t> param_index(std::string_view name) const {
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i].name == name) return i;
    }
    return std::nullopt;
  }
};

const std::vector<NodeSpec>& node_specs();
const NodeSpec* find_node_spec(std::string_view type);

}  // namespace tala
