// A graph compiled for the audio thread: nodes in dependency stages (nodes of
// one stage do not depend on each other), every buffer assigned up front and
// reused once its last reader has run, and per-block processing with no
// recursion, no allocation and no lock (pattern queries aside: see docs/perf.md).
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/node.hpp"
#include "engine/parallel_for.hpp"
#include "graph/graph.hpp"

namespace tala {

class NodeScheduler;
class SampleBank;

// The names of the outputs, in channel-pair order: out, out1 .. out16.
const std::vector<std::string>& output_names();
// How many there are: a constant for loops that run every block.
inline constexpr std::size_t kOutputCount = 17;

struct ProgramConfig {
  double sample_rate = 48000;
  int block_size = 128;
  const SampleBank* samples = nullptr;                    // null: the built-in kit
  std::size_t max_voices = 4096;                          // per voices node; the oldest is stolen past it
  std::int64_t block_events = QueryBudget::kBlockEvents;  // per pattern query of one block (--limit events-per-block)
  bool scalar_voices = false;                             // tests and benchmarks compare the voice kernels
  std::uint32_t seed = 0;                                 // mixed into every node's noise seed (tala render --seed)
};

class Program {
 public:
  // Throws tala::Error for a feedback loop without a delay (naming the loop).
  static std::unique_ptr<Program> compile(const GraphDef& graph, const ProgramConfig& config);
  ~Program();

  // Renders one block. With `parallel`, independent nodes run on its threads
  // (each once the nodes it reads, and the users of the buffer it reuses,
  // are done); the samples are the same either way.
  void process(const BlockContext& ctx, ParallelFor* parallel = nullptr);
  // The same, calling ready(context, k, 0) for each output k the program has
  // as soon as its node has run, on the thread that ran it: the engine
  // finishes an output (copy, limiter) there while other threads still render.
  struct OutputReady {
    void (*ready)(void* context, std::size_t output, std::size_t block);
    void* context;
  };
  void process(const BlockContext& ctx, ParallelFor* parallel, OutputReady ready);
  // Whether process_ahead can render several blocks at once: the graph is
  // independent parts (node_scheduler.hpp).
  bool runs_ahead() const;
  // Renders blocks ctx[0 .. blocks), each independent part from its first
  // block to its last (on one of the threads of `parallel`, if given);
  // ready(context, k, b) as each output's block b is done. The same samples
  // as process() block after block, sooner: fewer meetings of the threads,
  // and a part's state stays in one core's cache.
  void process_ahead(const BlockContext* ctx, std::size_t blocks, ParallelFor* parallel, OutputReady ready);
  // This block's samples of an output (silence when the program lacks it).
  Signal output(const std::string& name) const;
  // The same by position in output_names() (out, out1 .. out16), without a
  // string comparison: what the engine reads every block.
  Signal output(std::size_t k) const;
  bool has_output(std::size_t k) const { return k < output_by_index_.size() && output_by_index_[k] >= 0; }
  // Whether the output's node and everything feeding it are the same in both programs.
  bool same_output(const Program& other, const std::string& name) const;
  // Hands running state to this program's nodes from the nodes of `old` with
  // the same id and type.
  void take_state_from(Program& old);

  const Rational& cps() const { return cps_; }
  // cps / sample rate, and that times the block size: exact time arithmetic with a gcd or two, done
  // once here rather than every block (and a cps they overflow is an error here, not while playing).
  const Rational& cycles_per_frame() const { return cycles_per_frame_; }
  const Rational& cycles_per_block() const { return cycles_per_block_; }
  const ProgramConfig& config() const { return config_; }
  std::size_t stage_count() const { return stage_begin_.size() - 1; }
  std::size_t buffer_count() const { return buffer_count_; }
  std::size_t node_count() const { return nodes_.size(); }

  // Per-node timing, off by default. `clock` returns seconds (the host's
  // clock: the core has no OS calls).
  void enable_profile(double (*clock)());
  struct NodeTime {
    std::string id;
    std::string type;
    std::size_t stage;
    double seconds;
  };
  std::vector<NodeTime> profile() const;

  // The first error raised while playing (say, a pattern value that is not a
  // number at some cycle), once: a fixed-size text, so that reporting it
  // allocates nothing on the audio thread. Empty when there is none (yet).
  using ErrorText = std::array<char, 256>;
  bool take_error(ErrorText& out);

 private:
  struct ParamSlot {
    ParamDef::Kind kind = ParamDef::Kind::Number;
    int buffer = -1;  // where its block of samples is
    bool mono = false;
    Pattern pattern;
    float last = 0;
    Events events;  // scratch for the pattern's events, reused block to block
  };
  struct NodeSlot {
    std::string id;
    const NodeSpec* spec = nullptr;
    std::uint64_t tree_hash = 0;  // this node's definition and all that feeds it
    std::unique_ptr<Node> node;
    std::vector<ParamSlot> params;
    std::vector<Signal> signals;  // one per param, pointing into the pool
    int out = -1;
    bool mono = false;  // one channel: out_right is out_left
    bool may_warn = false;
    std::vector<std::size_t> outputs;  // the positions in output_names() this node is
    std::size_t stage = 0;
    double seconds = 0;
  };

  Signal signal_of(const NodeSlot& slot) const {
    const float* l = left(slot.out);
    return Signal{l, slot.mono ? l : l + block_};
  }
  float* left(int buffer) { return pool_.data() + static_cast<std::size_t>(buffer) * 2 * block_; }
  const float* left(int buffer) const { return pool_.data() + static_cast<std::size_t>(buffer) * 2 * block_; }

  ProgramConfig config_;
  std::size_t block_ = 128;
  Rational cps_{1, 2};
  Rational cycles_per_frame_, cycles_per_block_;
  std::vector<NodeSlot> nodes_;                 // in stage order
  std::vector<std::size_t> after_block_nodes_;  // those that need after_block
  // The same by part (process_ahead): part p's are after_block_by_part_[begin[p] .. begin[p+1]).
  std::vector<std::size_t> after_block_by_part_, after_block_part_begin_;
  std::vector<std::size_t> by_id_;  // node indices sorted by id
  std::vector<std::size_t> stage_begin_;
  std::unique_ptr<NodeScheduler> scheduler_;  // the order on several threads
  std::vector<float> pool_;
  std::size_t buffer_count_ = 0;
  std::vector<std::pair<std::string, int>> outputs_;  // name -> node index
  std::vector<int> output_by_index_;                  // position in output_names() -> node index, or -1
  double (*clock_)() = nullptr;
  int silent_buffer_ = -1;
  ErrorText error_{};
  std::atomic<bool> error_claimed_{false};  // nodes of a stage may fail on several threads at once
  std::atomic<bool> error_ready_{false};
  bool error_taken_ = false;  // audio thread only: report one error per program

  void record_error(const NodeSlot& slot, const char* what);
  void process_node(NodeSlot& slot, const BlockContext& ctx);
  void run_node(std::size_t i, const BlockContext& ctx, const OutputReady& ready, std::size_t block);

  // What a scheduler task needs to run a node: process() passes one block, process_ahead() several.
  struct Blocks {
    Program* program;
    const BlockContext* ctx;
    const OutputReady* ready;
  };
  static void run_node_in(void* blocks, std::size_t node, std::size_t block);
};

}  // namespace tala
