// Runs compiled programs block by block and swaps in new ones while playing:
// built off the audio thread, handed over through a lock-free queue, swapped
// at a block boundary (or the next cycle start), running state carried over,
// changed outputs cross-faded.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/program.hpp"
#include "engine/spsc_queue.hpp"

namespace tala {

struct EngineConfig {
  double sample_rate = 48000;
  int block_size = 128;
  double crossfade_seconds = 0.005;
  // A safety limiter on every output: peaks above -0.2 dBFS are turned down
  // (instant attack, 50 ms release), and no NaN or infinity ever leaves.
  bool limiter = true;
  // Threads for the independent nodes of a stage (native: a thread pool); the
  // output is the same with or without.
  ParallelFor* parallel = nullptr;
};

enum class SwapAt { Block, Cycle };

class Engine {
 public:
  explicit Engine(EngineConfig config);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  ProgramConfig program_config() const { return {config_.sample_rate, config_.block_size}; }

  // Control thread. False when too many programs wait (the caller may retry).
  bool submit(std::unique_ptr<Program> program, SwapAt when = SwapAt::Block);
  // Control thread: programs the audio thread is done with, to be freed here.
  void free_retired();

  // Audio thread. Renders `frames` frames into `pairs` stereo channel pairs:
  // channels[0..1] = out, channels[2k..2k+1] = out<k> (no two overlapping).
  // Given many blocks at once, a program of independent parts renders up to
  // kBlocksAhead blocks of each part in a row, on threads if there are any
  // (Program::process_ahead): the same samples, sooner. A program submitted
  // meanwhile is swapped in at the first block after the run.
  void process(float* const* channels, int pairs, int frames);
  static constexpr int kBlocksAhead = 64;

  // Control thread: errors raised while playing (one per program), e.g.
  // "d1/voices1: cannot use \"loud\" as a number". The program plays on.
  std::vector<std::string> take_errors();

  Rational cycle() const { return cycle_; }  // cycle position of the next frame
  const Program* current() const { return current_.get(); }

 private:
  // Renders one block: pairs [0, direct_pairs) straight into the caller's
  // channels at `offset`, the others into block_.
  void render_block(float* const* direct, int direct_pairs, int offset);
  // How many of `whole` blocks the next render can take at once (1 or up to kBlocksAhead).
  int blocks_ahead(int whole);
  // Renders `blocks` blocks at once into the caller's channels (process_ahead).
  void render_ahead(float* const* direct, int direct_pairs, int offset, int blocks);
  // Points each output at where its next `blocks` blocks go, zeroes those no program plays.
  void route_outputs(float* const* direct, int direct_pairs, int offset, int blocks);
  // Restarts the clock at cycle 0 (and says so) when `blocks` more would overflow it.
  void keep_clock_in_range(int blocks);
  BlockContext first_context() const;
  // Copies block `block` of output k into its destination, cross-fades it, limits it.
  void finish_output(std::size_t k, std::size_t block);
  Program::OutputReady finish_hook();  // finish_output as the program's hook
  void report_error();                 // the program's error, if it raised one, to take_errors()
  void maybe_swap();

  EngineConfig config_;
  std::unique_ptr<Program> current_;
  std::unique_ptr<Program> fading_;  // the replaced program, while outputs cross-fade
  int fade_done_ = 0;
  int fade_frames_ = 0;
  std::vector<bool> fade_output_;  // per output: cross-fade (changed) or not
  struct Pending {
    Program* program;
    SwapAt when;
  };
  SpscQueue<Pending, 8> incoming_;
  SpscQueue<Program*, 64> retired_;
  SpscQueue<Program::ErrorText, 8> errors_;
  Pending waiting_{nullptr, SwapAt::Block};
  Rational cycle_{0};
  Rational swap_cycle_{0};
  std::vector<float> block_;                         // one block of every output pair, interleaved by channel
  float* destination_[2 * kOutputCount] = {};        // this block: where each output's left and right go
  std::size_t destination_step_[kOutputCount] = {};  // from one block to the next: 0 in block_
  BlockContext ahead_[kBlocksAhead];                 // render_ahead's blocks
  std::vector<float> limiter_gain_;                  // per output pair
  float limiter_release_;                            // per-sample approach back to unity gain (50 ms)
  std::vector<bool> live_;                           // this block: the output exists in a playing program
  std::vector<bool> zeroed_;                         // its part of block_ holds zeros already
  int block_pos_ = 0;                                // frames of block_ already handed out
};

}  // namespace tala
