// Envelope generators driven by a gate signal: a rise through 0 starts the
// attack, a fall to 0 or below starts the release. Output 0..1, to multiply
// a sound with (sawosc 110 * adsr ~gate 0.01 0.2 0.5 0.3).
#include "engine/nodes/nodes.hpp"

namespace tala {

namespace {

// Linear segments: attack to 1, decay to the sustain level, held while the
// gate is open, release to 0. perc is the same without decay or sustain:
// it falls right after the attack, gate or not.
template <bool Percussive>
class Envelope final : public Node {
 public:
  explicit Envelope(const NodeBuild& b) : rate_(b.sample_rate) {}

  void process(const BlockContext& ctx, const Signal* p, float* out_l, float* out_r) override {
    const float* gate = p[0].left;
    for (int i = 0; i < ctx.frames; ++i) {
      const bool open = gate[i] > 0;
      const double attack = frames(p[1].left[i]);
      if (open && !was_open_) stage_ = Stage::Attack;
      if (!open && was_open_ && !Percussive && stage_ != Stage::Idle) stage_ = Stage::Release;
      was_open_ = open;
      const double sustain = Percussive ? 0.0 : std::min(1.0, std::max(0.0, static_cast<double>(p[3].left[i])));
      const double release = frames(Percussive ? p[2].left[i] : p[4].left[i]);
      switch (stage_) {
        case Stage::Attack:
          level_ += 1.0 / attack;
          if (level_ >= 1.0) level_ = 1.0, stage_ = Percussive ? Stage::Release : Stage::Decay;
          break;
        case Stage::Decay:
          level_ -= (1.0 - sustain) / frames(p[2].left[i]);
          if (level_ <= sustain) level_ = sustain, stage_ = Stage::Sustain;
          break;
        case Stage::Sustain:
          level_ = sustain;
          break;
        case Stage::Release:
          level_ -= 1.0 / release;  // from 1 to 0 in `release`, faster from lower
          if (level_ <= 0) level_ = 0, stage_ = Stage::Idle;
          break;
        case Stage::Idle:
          break;
      }
      out_l[i] = out_r[i] = static_cast<float>(level_);
    }
  }
  void reset() override { level_ = 0, stage_ = Stage::Idle; }
  void take_state(Node& old) override {
    const auto& o = static_cast<Envelope&>(old);
    level_ = o.level_, stage_ = o.stage_, was_open_ = o.was_open_;
  }

 private:
  enum class Stage { Idle, Attack, Decay, Sustain, Release };
  double frames(float seconds) const { return std::max(1.0, static_cast<double>(seconds) * rate_); }

  double rate_;
  double level_ = 0;
  Stage stage_ = Stage::Idle;
  bool was_open_ = false;
};

const ParamSpec kGate{"gate", 0, -1e9, 1e9, "", "opens above 0 (a signal or a pattern: \"1 0 1 1\")"};

}  // namespace

void add_envelope_specs(std::vector<NodeSpec>& specs) {
  specs.push_back({"adsr",
                   "attack-decay-sustain-release envelope (0..1) of a gate",
                   {kGate,
                    {"attack", 0.01, 0, 10, "s", "rise time to 1"},
                    {"decay", 0.1, 0, 10, "s", "fall time to the sustain level"},
                    {"sustain", 0.7, 0, 1, "", "level held while the gate is open"},
                    {"release", 0.2, 0, 10, "s", "fall time to 0 once the gate closes"}},
                   false,
                   false,
                   make_node<Envelope<false>>});
  specs.push_back(
      {"perc",
       "percussive envelope (0..1): attack to 1 at each gate opening, then release at once",
       {kGate, {"attack", 0.005, 0, 10, "s", "rise time to 1"}, {"release", 0.3, 0, 10, "s", "fall time to 0"}},
       false,
       false,
       make_node<Envelope<true>>});
}

}  // namespace tala
