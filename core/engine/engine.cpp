#include "engine/engine.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "dsp/math.hpp"
#include "engine/clock.hpp"

namespace tala {

Engine::Engine(EngineConfig config)
    : config_(config),
      fade_frames_(std::max(1, static_cast<int>(config.crossfade_seconds * config.sample_rate))),
      fade_output_(kOutputCount, false),
      block_(kOutputCount * 2 * static_cast<std::size_t>(config.block_size), 0.0f),
      limiter_gain_(kOutputCount, 1.0f),
      // e^-x as the core's own 2^(-x / ln 2): libm's exp may differ in wasm.
      limiter_release_(static_cast<float>(1.0 - dsp::exp2(-1.0 / (0.05 * config.sample_rate) / 0.6931471805599453))),
      live_(kOutputCount, false),
      zeroed_(kOutputCount, true),
      block_pos_(config.block_size) {}

Engine::~Engine() {
  free_retired();
  while (auto p = incoming_.pop()) delete p->program;
  delete waiting_.program;
}

bool Engine::submit(std::unique_ptr<Program> program, SwapAt when) {
  if (!incoming_.push(Pending{program.get(), when})) return false;
  program.release();  // now owned by the queue
  return true;
}

std::vector<std::string> Engine::take_errors() {
  std::vector<std::string> out;
  while (auto e = errors_.pop()) out.emplace_back(e->data());
  return out;
}

void Engine::free_retired() {
  while (auto p = retired_.pop()) delete *p;
}

void Engine::maybe_swap() {
  // The newest program wins; any older one waiting is retired unheard.
  while (auto p = incoming_.pop()) {
    if (waiting_.program && !retired_.push(waiting_.program)) delete waiting_.program;  // queue full: rare
    waiting_ = *p;
    if (p->when == SwapAt::Cycle) swap_cycle_ = cycle_.ceil();
  }
  if (!waiting_.program || fading_) return;
  if (waiting_.when == SwapAt::Cycle && cycle_ < swap_cycle_) return;

  std::unique_ptr<Program> next(waiting_.program);
  waiting_.program = nullptr;
  if (!current_ || !(current_->cycles_per_frame() == next->cycles_per_frame())) {
    cycle_ = clock::on_frame_grid(cycle_, next->cycles_per_frame());  // a new tempo (clock.hpp)
  }
  if (current_) {
    next->take_state_from(*current_);
    bool any = false;
    for (std::size_t k = 0; k < kOutputCount; ++k) {
      fade_output_[k] = !next->same_output(*current_, output_names()[k]);
      any = any || fade_output_[k];
    }
    if (any) {
      fading_ = std::move(current_);
      fade_done_ = 0;
    } else {
      Program* old = current_.release();
      if (!retired_.push(old)) delete old;  // only when the control thread never frees: rare
    }
  }
  current_ = std::move(next);
}

namespace {
// Whether every sample is finite and at most `threshold` in magnitude.
bool quiet(const float* l, const float* r, int frames, float threshold) {
  const auto n = static_cast<std::size_t>(frames);
  return std::max(largest_magnitude_bits(l, n), largest_magnitude_bits(r, n)) <= magnitude_bits(threshold);
}
}  // namespace

void Engine::route_outputs(float* const* direct, int direct_pairs, int offset, int blocks) {
  const int frames = config_.block_size;
  const std::size_t stride = 2 * static_cast<std::size_t>(frames);
  for (std::size_t k = 0; k < kOutputCount; ++k) {
    const bool to_caller = static_cast<int>(k) < direct_pairs;
    float* l = to_caller ? direct[2 * k] + offset : block_.data() + k * stride;
    float* r = to_caller ? direct[2 * k + 1] + offset : l + frames;
    destination_[2 * k] = l;
    destination_[2 * k + 1] = r;
    destination_step_[k] = to_caller ? static_cast<std::size_t>(frames) : 0;
    // Most programs use one or two of the 17 outputs: the others are zeroed
    // (in block_ once, and skipped until a program uses them), not limited.
    live_[k] = current_ && (current_->has_output(k) || (fading_ && fading_->has_output(k)));
    if (live_[k]) {
      if (!to_caller) zeroed_[k] = false;
      continue;
    }
    const int n = to_caller ? blocks * frames : frames;
    if (to_caller || !zeroed_[k]) {
      std::fill(l, l + n, 0.0f);
      std::fill(r, r + n, 0.0f);
    }
    if (!to_caller) zeroed_[k] = true;
    limiter_gain_[k] = 1.0f;
  }
}

void Engine::keep_clock_in_range(int blocks) {
  const double frames = static_cast<double>(blocks + 1) * config_.block_size;
  if (clock::has_room(cycle_, current_->cycles_per_frame(), frames) &&
      (!fading_ || clock::has_room(cycle_, fading_->cycles_per_frame(), frames))) {
    return;
  }
  // Hours of an odd tempo at a high rate: the patterns start again rather than
  // the exact clock overflowing (clock.hpp).
  cycle_ = Rational(0);
  swap_cycle_ = Rational(0);
  static constexpr char kRestart[] =
      "the clock restarted at cycle 0: 64-bit fractions of a cycle ran out at this tempo";
  Program::ErrorText text{};
  std::copy(std::begin(kRestart), std::end(kRestart), text.begin());
  errors_.push(text);
}

BlockContext Engine::first_context() const {
  BlockContext ctx;
  ctx.frames = config_.block_size;
  ctx.sample_rate = config_.sample_rate;
  ctx.cycle_begin = cycle_;
  ctx.cycles_per_frame = current_->cycles_per_frame();
  ctx.cycle_end = cycle_ + current_->cycles_per_block();
  return ctx;
}

void Engine::render_block(float* const* direct, int direct_pairs, int offset) {
  maybe_swap();
  route_outputs(direct, direct_pairs, offset, 1);
  if (!current_) return;
  keep_clock_in_range(1);
  const BlockContext ctx = first_context();
  const int frames = config_.block_size;
  if (!fading_) {
    current_->process(ctx, config_.parallel, finish_hook());
  } else {
    current_->process(ctx, config_.parallel);
    // The old program keeps its own tempo, so its own frame grid (clock.hpp).
    BlockContext old_ctx = ctx;
    old_ctx.cycles_per_frame = fading_->cycles_per_frame();
    old_ctx.cycle_begin = clock::on_frame_grid(cycle_, old_ctx.cycles_per_frame);
    old_ctx.cycle_end = old_ctx.cycle_begin + fading_->cycles_per_block();
    fading_->process(old_ctx, config_.parallel);
    for (std::size_t k = 0; k < kOutputCount; ++k) {
      if (live_[k]) finish_output(k, 0);
    }
  }
  report_error();
  if (fading_) {
    fade_done_ += frames;
    if (fade_done_ >= fade_frames_ && retired_.push(fading_.get())) fading_.release();
  }
  cycle_ = ctx.cycle_end;
}

int Engine::blocks_ahead(int whole) {
  if (whole < 2) return 1;
  maybe_swap();
  // A cross-fade, or a swap waiting for its cycle, is worked out block by block.
  if (!current_ || fading_ || waiting_.program || !current_->runs_ahead()) return 1;
  return std::min(whole, kBlocksAhead);
}

void Engine::render_ahead(float* const* direct, int direct_pairs, int offset, int blocks) {
  route_outputs(direct, direct_pairs, offset, blocks);
  keep_clock_in_range(blocks);
  ahead_[0] = first_context();
  for (int b = 1; b < blocks; ++b) {
    BlockContext& ctx = ahead_[b];
    ctx = ahead_[b - 1];
    ctx.cycle_begin = ctx.cycle_end;
    ctx.cycle_end = ctx.cycle_begin + current_->cycles_per_block();
  }
  current_->process_ahead(ahead_, static_cast<std::size_t>(blocks), config_.parallel, finish_hook());
  report_error();
  cycle_ = ahead_[blocks - 1].cycle_end;
}

// Each output is finished on the thread that rendered it, as soon as it is done.
Program::OutputReady Engine::finish_hook() {
  return {[](void* engine, std::size_t k, std::size_t block) { static_cast<Engine*>(engine)->finish_output(k, block); },
          this};
}

void Engine::report_error() {
  Program::ErrorText error;
  if (current_->take_error(error)) errors_.push(error);  // dropped if 8 are unread
}

void Engine::finish_output(std::size_t k, std::size_t block) {
  const int frames = config_.block_size;
  float* l = destination_[2 * k] + block * destination_step_[k];
  float* r = destination_[2 * k + 1] + block * destination_step_[k];
  const Signal now = current_->output(k);
  std::copy(now.left, now.left + frames, l);
  std::copy(now.right, now.right + frames, r);
  if (fading_ && fade_output_[k]) {
    const Signal before = fading_->output(k);
    for (int i = 0; i < frames; ++i) {
      const float g = std::min(1.0f, static_cast<float>(fade_done_ + i) / static_cast<float>(fade_frames_));
      l[i] = before.left[i] + g * (l[i] - before.left[i]);
      r[i] = before.right[i] + g * (r[i] - before.right[i]);
    }
  }
  if (!config_.limiter) return;
  const float threshold = 0.977f;  // -0.2 dBFS
  float g = limiter_gain_[k];
  // Most blocks are below the threshold with the gain at rest (at 1, or
  // where the release no longer moves it in float): each sample is then
  // x g clamped, with no chain from one sample to the next.
  if (g + (1.0f - g) * limiter_release_ == g && quiet(l, r, frames, threshold)) {
    if (g != 1.0f) {
      for (int i = 0; i < frames; ++i) {
        l[i] = std::min(1.0f, std::max(-1.0f, l[i] * g));
        r[i] = std::min(1.0f, std::max(-1.0f, r[i] * g));
      }
    }
    return;
  }
  for (int i = 0; i < frames; ++i) {
    if (!std::isfinite(l[i])) l[i] = 0;
    if (!std::isfinite(r[i])) r[i] = 0;
    const float peak = std::max(std::fabs(l[i]), std::fabs(r[i]));
    const float target = peak > threshold ? threshold / peak : 1.0f;
    g = target < g ? target : g + (1.0f - g) * limiter_release_;
    l[i] = std::min(1.0f, std::max(-1.0f, l[i] * g));
    r[i] = std::min(1.0f, std::max(-1.0f, r[i] * g));
  }
  limiter_gain_[k] = g;
}

void Engine::process(float* const* channels, int pairs, int frames) {
  const int block = config_.block_size;
  const std::size_t stride = 2 * static_cast<std::size_t>(block);
  pairs = std::min<int>(pairs, static_cast<int>(kOutputCount));
  int done = 0;
  while (done < frames) {
    if (block_pos_ == block && frames - done >= block) {
      // Whole blocks: straight into the caller's channels, no copy through block_.
      const int blocks = blocks_ahead((frames - done) / block);
      if (blocks > 1) {
        render_ahead(channels, pairs, done, blocks);
      } else {
        render_block(channels, pairs, done);
      }
      done += blocks * block;
      continue;
    }
    if (block_pos_ == block) {
      render_block(nullptr, 0, 0);
      block_pos_ = 0;
    }
    const int n = std::min(frames - done, block - block_pos_);
    for (int k = 0; k < pairs; ++k) {
      const float* l = block_.data() + static_cast<std::size_t>(k) * stride + block_pos_;
      std::copy(l, l + n, channels[2 * k] + done);
      std::copy(l + block, l + block + n, channels[2 * k + 1] + done);
    }
    block_pos_ += n;
    done += n;
  }
}

}  // namespace tala
