// Mini-notation syntax tree. It mirrors Strudel's grammar (krill) node for
// node, because Strudel's event timing and random seeds follow that shape.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tala::mini {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Op {
  enum class Kind { Fast, Slow, Replicate, Euclid, Degrade, Tail, Range };
  Kind kind;
  NodePtr a, b, c;               // Fast/Slow/Tail/Range: a; Euclid: pulses, steps, rotation
  std::optional<double> amount;  // Replicate (count) and Degrade (probability)
  int seed = 0;                  // Degrade
};

// What a group of children becomes.
enum class Alignment {
  Sequence,      // a b c       (the children are elements)
  Stack,         // a, b        (the children are sequences)
  Choose,        // a | b       (random choice each cycle)
  Feet,          // a . b
  Polymeter,     // {a b, c d e}%n
  SlowSequence,  // <a b, c d e>
};

struct Node {
  enum class Kind { Atom, Group, Element };
  Kind kind = Kind::Atom;
  std::size_t offset = 0;  // byte offset in the pattern text, for errors

  // Atom
  std::string text;

  // Group
  Alignment alignment = Alignment::Sequence;
  std::vector<NodePtr> children;
  NodePtr steps_per_cycle;  // Polymeter's %n
  int seed = 0;             // Choose

  // Element: a slice (`body`) with its operators, in source order
  NodePtr body;
  std::vector<Op> ops;
  double weight = 1;
};

}  // namespace tala::mini
