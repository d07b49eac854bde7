#include "engine/program.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <unordered_map>
#include <utility>

#include "dsp/samples.hpp"
#include "engine/ancestors.hpp"
#include "engine/fused_sums.hpp"
#include "engine/node_scheduler.hpp"
#include "engine/pattern_render.hpp"
#include "util/error.hpp"

namespace tala {

const std::vector<std::string>& output_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n{"out"};
    for (std::size_t k = 1; k < kOutputCount; ++k) n.push_back("out" + std::to_string(k));
    return n;
  }();
  return names;
}

namespace {

constexpr std::size_t kForever = static_cast<std::size_t>(-1);
// Buffers (1 KiB each at 128 frames) a program may add rather than make one
// node wait for an unrelated one whose buffer it would reuse.
constexpr std::size_t kFreshBuffersFirst = 1024;

// Seeds must not depend on the standard library (std::hash differs between
// libstdc++ and Emscripten's libc++): noise must be the same in both builds.
std::uint32_t fnv1a(const std::string& s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

bool is_delayed_edge(const NodeDef& n, std::size_t param) { return n.spec->reads_late(param); }

}  // namespace

std::unique_ptr<Program> Program::compile(const GraphDef& graph, const ProgramConfig& config) {
  const GraphDef g = fuse_sums(graph);
  auto p = std::unique_ptr<Program>(new Program());
  p->config_ = config;
  p->block_ = static_cast<std::size_t>(config.block_size);
  p->cps_ = g.cps;
  p->cycles_per_frame_ = g.cps / Rational::from_double(config.sample_rate);
  p->cycles_per_block_ = Rational(config.block_size) * p->cycles_per_frame_;

  const std::size_t n = g.nodes.size();
  std::unordered_map<std::string, int> index;
  for (std::size_t i = 0; i < n; ++i) index[g.nodes[i].id] = static_cast<int>(i);

  // Stages: a node runs one stage after the last node it reads (Kahn's algorithm).
  std::vector<std::vector<int>> readers(n), inputs(n);
  std::vector<int> waiting(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const NodeDef& d = g.nodes[i];
    for (std::size_t k = 0; k < d.params.size(); ++k) {
      if (d.params[k] && d.params[k]->kind == ParamDef::Kind::Node && !is_delayed_edge(d, k)) {
        readers[static_cast<std::size_t>(index[d.params[k]->node])].push_back(static_cast<int>(i));
        inputs[i].push_back(index[d.params[k]->node]);
        ++waiting[i];
      }
    }
  }
  std::vector<std::size_t> stage(n, 0);
  std::vector<int> order, ready;
  for (std::size_t i = 0; i < n; ++i) {
    if (waiting[i] == 0) ready.push_back(static_cast<int>(i));
  }
  while (!ready.empty()) {
    const int v = ready.back();
    ready.pop_back();
    order.push_back(v);
    for (int r : readers[static_cast<std::size_t>(v)]) {
      stage[static_cast<std::size_t>(r)] =
          std::max(stage[static_cast<std::size_t>(r)], stage[static_cast<std::size_t>(v)] + 1);
      if (--waiting[static_cast<std::size_t>(r)] == 0) ready.push_back(r);
    }
  }
  if (order.size() != n) {
    // The nodes Kahn's algorithm could not order close a loop; the language
    // names the same one (graph/feedback.cpp) at its bus's line.
    std::vector<std::string> loop;
    for (std::size_t v : find_feedback_loop(g)) loop.push_back(g.nodes[v].id);
    throw Error(feedback_loop_message(loop));
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return stage[static_cast<std::size_t>(a)] < stage[static_cast<std::size_t>(b)];
  });
  const std::size_t stages = n ? stage[static_cast<std::size_t>(order.back())] + 1 : 0;

  // When each node's output is read for the last time (kForever: outputs and delay inputs).
  // An output nobody reads is still written in its own stage: it stays busy
  // that long, or two nodes of one stage (on two threads) could share it.
  std::vector<std::size_t> last_use(stage.begin(), stage.begin() + static_cast<std::ptrdiff_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const NodeDef& d = g.nodes[i];
    for (std::size_t k = 0; k < d.params.size(); ++k) {
      if (!d.params[k] || d.params[k]->kind != ParamDef::Kind::Node) continue;
      auto& last = last_use[static_cast<std::size_t>(index[d.params[k]->node])];
      last = is_delayed_edge(d, k) ? kForever : std::max(last, stage[i]);
    }
  }
  for (const auto& [name, id] : g.outputs) last_use[static_cast<std::size_t>(index[id])] = kForever;

  // Buffers: node outputs reuse a buffer once its last reader's stage is over;
  // constants and pattern parameters get their own.
  std::vector<std::size_t> busy_until;
  std::vector<int> owner;  // the node that last wrote each buffer, or -1
  auto fresh = [&](std::size_t until) {
    busy_until.push_back(until);
    owner.push_back(-1);
    return static_cast<int>(busy_until.size() - 1);
  };
  // A node takes, first, a free buffer whose last writer and readers come
  // before it anyway (on several threads that adds no wait); else, while
  // buffers are few, a fresh one; else any free one (a wait more).
  Ancestors comes_before(n);
  for (int v : order) {
    for (int input : inputs[static_cast<std::size_t>(v)])
      comes_before.add(static_cast<std::size_t>(v), static_cast<std::size_t>(input));
  }
  auto reuse = [&](std::size_t node, std::size_t until) {
    auto free_since_before = [&](std::size_t b) {
      const auto previous = static_cast<std::size_t>(owner[b]);
      return comes_before.comes_before(previous, node) &&
             std::all_of(readers[previous].begin(), readers[previous].end(),
                         [&](int r) { return comes_before.comes_before(static_cast<std::size_t>(r), node); });
    };
    int any = -1;
    for (std::size_t b = 0; b < busy_until.size(); ++b) {
      if (busy_until[b] == kForever || busy_until[b] >= stage[node]) continue;
      if (free_since_before(b)) {
        busy_until[b] = until;
        return static_cast<int>(b);
      }
      if (any < 0) any = static_cast<int>(b);
    }
    if (any < 0 || busy_until.size() < kFreshBuffersFirst) return fresh(until);
    busy_until[static_cast<std::size_t>(any)] = until;
    return any;
  };
  std::map<double, int> constants;
  std::vector<std::pair<int, float>> constant_fill;
  std::vector<int> out_buffer(n, -1);
  std::vector<int> slot_of(n, -1);
  // Mono outputs, sources first (a delayed edge's source comes later, but
  // only stateless nodes follow their inputs and none of them delays).
  std::vector<char> mono(n, 0);
  for (int v : order) {
    const auto i = static_cast<std::size_t>(v);
    const NodeDef& d = g.nodes[i];
    bool all_mono = true;
    for (const auto& param : d.params) {
      if (param && param->kind == ParamDef::Kind::Node)
        all_mono &= mono[static_cast<std::size_t>(index[param->node])] != 0;
    }
    mono[i] = d.spec->channels == Channels::Mono || (d.spec->channels == Channels::AsInputs && all_mono);
  }
  // On several threads a node runs as soon as what it waits for is done, not
  // stage by stage: it waits for the nodes it reads and, when it reuses a
  // buffer, for that buffer's last writer and its readers.
  std::vector<std::vector<std::uint32_t>> waits_for(n);
  for (int v : order) {
    const auto i = static_cast<std::size_t>(v);
    out_buffer[i] = reuse(i, last_use[i]);
    auto& waits = waits_for[p->nodes_.size()];
    if (const int previous = std::exchange(owner[static_cast<std::size_t>(out_buffer[i])], v); previous >= 0) {
      waits.push_back(static_cast<std::uint32_t>(slot_of[static_cast<std::size_t>(previous)]));
      for (int r : readers[static_cast<std::size_t>(previous)])
        waits.push_back(static_cast<std::uint32_t>(slot_of[static_cast<std::size_t>(r)]));
    }
    for (int r : inputs[i]) waits.push_back(static_cast<std::uint32_t>(slot_of[static_cast<std::size_t>(r)]));
    slot_of[i] = static_cast<int>(p->nodes_.size());
    p->nodes_.emplace_back();
    p->nodes_.back().out = out_buffer[i];
    p->nodes_.back().mono = mono[i] != 0;
  }
  p->silent_buffer_ = fresh(kForever);
  constant_fill.emplace_back(p->silent_buffer_, 0.0f);

  std::vector<std::uint64_t> tree_hash(n, 0);
  for (int v : order) {
    const auto i = static_cast<std::size_t>(v);
    const NodeDef& d = g.nodes[i];
    NodeSlot& slot = p->nodes_[static_cast<std::size_t>(slot_of[i])];
    slot.id = d.id;
    slot.spec = d.spec;
    slot.stage = stage[i];
    std::uint64_t h = std::hash<std::string>{}(d.definition);
    for (std::size_t k = 0; k < d.params.size(); ++k) {
      ParamSlot ps;
      const ParamDef* def = d.params[k] ? &*d.params[k] : nullptr;
      ps.mono = true;  // numbers and patterns are one channel
      ps.kind = def ? def->kind : ParamDef::Kind::Number;
      if (ps.kind == ParamDef::Kind::Node) {
        const auto src = static_cast<std::size_t>(index[def->node]);
        ps.buffer = out_buffer[src];
        ps.mono = mono[src] != 0;
        // A delay's input is not yet computed when its hash is: use the id.
        h = h * 1099511628211ull ^ (is_delayed_edge(d, k) ? std::hash<std::string>{}(def->node) : tree_hash[src]);
      } else if (ps.kind == ParamDef::Kind::Pattern) {
        ps.pattern = def->pattern;
        ps.buffer = fresh(kForever);
      } else {
        const double value = def ? def->number : k < d.spec->params.size() ? d.spec->params[k].default_value : 0.0;
        auto [it, inserted] = constants.try_emplace(value, -1);
        if (inserted) {
          it->second = fresh(kForever);
          constant_fill.emplace_back(it->second, static_cast<float>(value));
        }
        ps.buffer = it->second;
      }
      slot.params.push_back(std::move(ps));
    }
    tree_hash[i] = h;
    slot.tree_hash = h;
    const std::uint32_t seed = fnv1a(d.id) ^ config.seed;
    NodeBuild build{config.sample_rate, config.block_size, d.pattern ? &*d.pattern : nullptr, seed,
                    // The kit is built on first use: a program without voices never waits for it.
                    config.samples        ? config.samples
                    : d.spec->has_pattern ? &builtin_kit()
                                          : nullptr,
                    config.max_voices, config.block_events, config.scalar_voices, d.params.size()};
    slot.node = d.spec->make(build);
    slot.may_warn = slot.node->may_warn();
  }

  p->buffer_count_ = busy_until.size();
  p->pool_.assign(p->buffer_count_ * 2 * p->block_, 0.0f);
  for (auto [buffer, value] : constant_fill) {
    std::fill(p->left(buffer), p->left(buffer) + 2 * p->block_, value);
  }
  for (NodeSlot& slot : p->nodes_) {
    for (const ParamSlot& ps : slot.params) {
      const float* l = p->left(ps.buffer);
      slot.signals.push_back(Signal{l, ps.mono ? l : l + p->block_, ps.kind == ParamDef::Kind::Number});
    }
  }
  p->stage_begin_.assign(1, 0);
  for (std::size_t s = 1; s <= stages; ++s) {
    std::size_t k = p->stage_begin_.back();
    while (k < p->nodes_.size() && p->nodes_[k].stage < s) ++k;
    p->stage_begin_.push_back(k);
  }
  if (stages == 0) p->stage_begin_.push_back(0);
  // A delay reads its input after the block: both must be in one part, or a
  // part running ahead could overwrite the input before the delay read it.
  NodeScheduler::Pairs together;
  for (std::size_t i = 0; i < n; ++i) {
    const NodeDef& d = g.nodes[i];
    for (std::size_t k = 0; k < d.params.size(); ++k) {
      if (d.params[k] && d.params[k]->kind == ParamDef::Kind::Node && is_delayed_edge(d, k))
        together.emplace_back(static_cast<std::uint32_t>(slot_of[i]),
                              static_cast<std::uint32_t>(slot_of[static_cast<std::size_t>(index[d.params[k]->node])]));
    }
  }
  p->scheduler_ = std::make_unique<NodeScheduler>(waits_for, together);
  for (const auto& [name, id] : g.outputs) p->outputs_.emplace_back(name, slot_of[static_cast<std::size_t>(index[id])]);
  p->output_by_index_.assign(kOutputCount, -1);
  for (std::size_t k = 0; k < kOutputCount; ++k) {
    for (const auto& [name, node] : p->outputs_) {
      if (name == output_names()[k]) p->output_by_index_[k] = node;
    }
    if (p->output_by_index_[k] >= 0) p->nodes_[static_cast<std::size_t>(p->output_by_index_[k])].outputs.push_back(k);
  }
  for (std::size_t i = 0; i < p->nodes_.size(); ++i) {
    p->by_id_.push_back(i);
    if (p->nodes_[i].node->needs_after_block()) p->after_block_nodes_.push_back(i);
  }
  std::sort(p->by_id_.begin(), p->by_id_.end(),
            [&](std::size_t a, std::size_t b) { return p->nodes_[a].id < p->nodes_[b].id; });
  for (std::size_t part = 0; part < p->scheduler_->part_count(); ++part) {
    p->after_block_part_begin_.push_back(p->after_block_by_part_.size());
    for (std::size_t i : p->after_block_nodes_) {
      if (p->scheduler_->part_of(static_cast<std::uint32_t>(i)) == part) p->after_block_by_part_.push_back(i);
    }
  }
  p->after_block_part_begin_.push_back(p->after_block_by_part_.size());
  return p;
}

Program::~Program() = default;

void Program::process(const BlockContext& ctx, ParallelFor* parallel) { process(ctx, parallel, {nullptr, nullptr}); }

void Program::run_node(std::size_t i, const BlockContext& ctx, const OutputReady& ready, std::size_t block) {
  NodeSlot& slot = nodes_[i];
  process_node(slot, ctx);
  if (ready.ready) {
    for (std::size_t k : slot.outputs) ready.ready(ready.context, k, block);
  }
}

void Program::run_node_in(void* blocks, std::size_t node, std::size_t block) {
  auto* r = static_cast<Blocks*>(blocks);
  r->program->run_node(node, r->ctx[block], *r->ready, block);
}

void Program::process(const BlockContext& ctx, ParallelFor* parallel, OutputReady ready) {
  if (parallel && parallel->threads() > 1 && scheduler_->has_parallelism()) {
    Blocks one{this, &ctx, &ready};
    scheduler_->run(*parallel, &Program::run_node_in, &one);
  } else {
    for (std::size_t i = 0; i < nodes_.size(); ++i) run_node(i, ctx, ready, 0);
  }
  for (std::size_t i : after_block_nodes_) nodes_[i].node->after_block(ctx, nodes_[i].signals.data());
}

bool Program::runs_ahead() const { return scheduler_->runs_by_part(); }

void Program::process_ahead(const BlockContext* ctx, std::size_t blocks, ParallelFor* parallel, OutputReady ready) {
  Blocks run{this, ctx, &ready};
  scheduler_->run_ahead(
      parallel, blocks, &Program::run_node_in,
      [](void* c, std::size_t part, std::size_t block) {
        auto* r = static_cast<Blocks*>(c);
        Program& p = *r->program;
        for (std::size_t k = p.after_block_part_begin_[part]; k < p.after_block_part_begin_[part + 1]; ++k) {
          NodeSlot& slot = p.nodes_[p.after_block_by_part_[k]];
          slot.node->after_block(r->ctx[block], slot.signals.data());
        }
      },
      &run);
}

namespace {
bool all_finite(const float* x, std::size_t n) { return largest_magnitude_bits(x, n) < kInfinityBits; }
}  // namespace

void Program::process_node(NodeSlot& slot, const BlockContext& ctx) {
  const double start = clock_ ? clock_() : 0;
  float* out = left(slot.out);
  const std::size_t size = slot.mono ? block_ : 2 * block_;
  try {
    for (ParamSlot& ps : slot.params) {
      if (ps.kind == ParamDef::Kind::Pattern)
        render_pattern_values(ps.pattern, ctx, left(ps.buffer), ps.last, ps.events, config_.block_events);
    }
    slot.node->process(ctx, slot.signals.data(), out, slot.mono ? out : out + block_);
    if (slot.may_warn) {
      if (const char* warning = slot.node->take_warning()) record_error(slot, warning);
    }
    // A node that produces NaN or infinity is silenced for the block (and its
    // state reset where it has one), so nothing downstream is poisoned.
    const OutputCheck check = slot.spec->output_check;
    if (check != OutputCheck::NotNeeded &&
        (check == OutputCheck::ByNode ? !slot.node->output_finite() : !all_finite(out, size))) {
      std::fill(out, out + size, 0.0f);
      slot.node->reset();
      record_error(slot, "produced NaN or infinity; silenced and reset");
    }
  } catch (const std::exception& e) {
    // A pattern that fails while playing (a bad value at some cycle) silences
    // its node for the block; the rest plays on and the error is reported.
    std::fill(out, out + size, 0.0f);
    record_error(slot, e.what());
  }
  if (clock_) slot.seconds += clock_() - start;
}

void Program::record_error(const NodeSlot& slot, const char* what) {
  if (error_claimed_.exchange(true, std::memory_order_acq_rel)) return;
  std::snprintf(error_.data(), error_.size(), "%s: %s", slot.id.c_str(), what);
  error_ready_.store(true, std::memory_order_release);
}

bool Program::take_error(ErrorText& out) {
  if (error_taken_ || !error_ready_.load(std::memory_order_acquire)) return false;
  error_taken_ = true;
  out = error_;
  return true;
}

Signal Program::output(std::size_t k) const {
  const int node = has_output(k) ? output_by_index_[k] : -1;
  if (node >= 0) return signal_of(nodes_[static_cast<std::size_t>(node)]);
  const float* silent = left(silent_buffer_);
  return Signal{silent, silent};
}

Signal Program::output(const std::string& name) const {
  for (const auto& [n, node] : outputs_) {
    if (n == name) return signal_of(nodes_[static_cast<std::size_t>(node)]);
  }
  const float* silent = left(silent_buffer_);
  return Signal{silent, silent};
}

bool Program::same_output(const Program& other, const std::string& name) const {
  auto find = [&](const Program& p) -> const NodeSlot* {
    for (const auto& [n, node] : p.outputs_) {
      if (n == name) return &p.nodes_[static_cast<std::size_t>(node)];
    }
    return nullptr;
  };
  const NodeSlot* a = find(*this);
  const NodeSlot* b = find(other);
  if (!a || !b) return a == b;
  return a->id == b->id && a->tree_hash == b->tree_hash;
}

void Program::take_state_from(Program& old) {
  // A merge of the two id-sorted lists: no allocation on the audio thread.
  std::size_t j = 0;
  for (std::size_t i : by_id_) {
    NodeSlot& s = nodes_[i];
    while (j < old.by_id_.size() && old.nodes_[old.by_id_[j]].id < s.id) ++j;
    if (j == old.by_id_.size()) break;
    NodeSlot& o = old.nodes_[old.by_id_[j]];
    if (o.id != s.id || o.spec != s.spec) continue;
    s.node->take_state(*o.node);
    for (std::size_t k = 0; k < s.params.size() && k < o.params.size(); ++k) s.params[k].last = o.params[k].last;
  }
}

void Program::enable_profile(double (*clock)()) { clock_ = clock; }

std::vector<Program::NodeTime> Program::profile() const {
  std::vector<NodeTime> out;
  for (const NodeSlot& s : nodes_) out.push_back({s.id, std::string(s.spec->type), s.stage, s.seconds});
  std::sort(out.begin(), out.end(), [](const NodeTime& a, const NodeTime& b) { return a.seconds > b.seconds; });
  return out;
}

}  // namespace tala
