// Waveshaping and lo-fi: shape, crush (bit depth), coarse (rate reduction).
#include <cmath>

#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

// SuperDirt's shape: (1 + k) x / (1 + k |x|), k = 2a / (1 - a).
class Shape final : public Node {
 public:
  explicit Shape(const NodeBuild&) {}
  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    for (int i = 0; i < ctx.frames; ++i) {
      const double a = std::min(0.99, std::max(0.0, static_cast<double>(p[1].left[i])));
      const double k = 2 * a / (1 - a);
      const double l = p[0].left[i], r = p[0].right[i];
      out_l[i] = static_cast<float>((1 + k) * l / (1 + k * std::fabs(l)));
      out_r[i] = static_cast<float>((1 + k) * r / (1 + k * std::fabs(r)));
    }
  }
  void take_state(Node&) override {}
};

// Rounds to 2^(bits-1) steps per unit: fewer bits, coarser steps.
class Crush final : public Node {
 public:
  explicit Crush(const NodeBuild&) {}
  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    for (int i = 0; i < ctx.frames; ++i) {
      const double bits = std::min(16.0, std::max(1.0, static_cast<double>(p[1].left[i])));
      const double steps = std::ldexp(1.0, static_cast<int>(bits) - 1) * std::exp2(bits - std::floor(bits));
      out_l[i] = static_cast<float>(std::round(p[0].left[i] * steps) / steps);
      out_r[i] = static_cast<float>(std::round(p[0].right[i] * steps) / steps);
    }
  }
  void take_state(Node&) override {}
};

// Holds every n-th sample for n samples.
class Coarse final : public Node {
 public:
  explicit Coarse(const NodeBuild&) {}
  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    for (int i = 0; i < ctx.frames; ++i) {
      const int n = std::max(1, static_cast<int>(p[1].left[i]));
      if (count_ <= 0) {
        held_l_ = p[0].left[i];
        held_r_ = p[0].right[i];
        count_ = n;
      }
      --count_;
      out_l[i] = held_l_;
      out_r[i] = held_r_;
    }
  }
  void take_state(Node& old) override {
    auto& o = static_cast<Coarse&>(old);
    held_l_ = o.held_l_, held_r_ = o.held_r_, count_ = o.count_;
  }

 private:
  float held_l_ = 0, held_r_ = 0;
  int count_ = 0;
};

}  // namespace

void add_distortion_specs(std::vector<NodeSpec>& specs) {
  const ParamSpec in{"in", 0, -1e9, 1e9, "", "signal"};
  specs.push_back({"shape",
                   "waveshaper: soft saturation, harder as the amount rises",
                   {in, {"amount", 0, 0, 0.99, "", "0 clean .. 0.99 very distorted"}},
                   false,
                   false,
                   make_node<Shape>});
  specs.push_back({"crush",
                   "bit crusher",
                   {in, {"bits", 16, 1, 16, "bits", "bit depth (fractional values step smoothly)"}},
                   false,
                   false,
                   make_node<Crush>});
  specs.push_back({"coarse",
                   "sample-rate reducer: holds every n-th sample",
                   {in, {"factor", 1, 1, 64, "", "samples held"}},
                   false,
                   false,
                   make_node<Coarse>});
}

}  // namespace tala
