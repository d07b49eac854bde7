#include "engine/node_scheduler.hpp"

#include <algorithm>

#include "engine/ancestors.hpp"

namespace tala {

namespace {
void sort_unique(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}
}  // namespace

NodeScheduler::NodeScheduler(const std::vector<std::vector<std::uint32_t>>& waits_for, const Pairs& together) {
  const auto n = static_cast<std::uint32_t>(waits_for.size());
  // Only the waits no other wait implies: a node waiting for lpf1 need not
  // also wait for what lpf1 read (the buffer it reuses, say). Fewer waits
  // mean fewer counts on the audio thread and longer chains.
  Ancestors ancestors(n);
  std::vector<std::vector<std::uint32_t>> before(n), after(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::vector<std::uint32_t> waits = waits_for[i];
    sort_unique(waits);
    for (std::uint32_t w : waits) {
      const bool implied = std::any_of(waits.begin(), waits.end(),
                                       [&](std::uint32_t other) { return ancestors.comes_before(w, other); });
      if (!implied) before[i].push_back(w);
    }
    for (std::uint32_t w : waits) ancestors.add(i, w);
    for (std::uint32_t b : before[i]) after[b].push_back(i);
  }
  // Chains: node i continues the task of the one node it waits for when
  // nothing else waits for that node.
  std::vector<std::uint32_t> task_of(n);
  std::vector<std::vector<std::uint32_t>> chains;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (before[i].size() == 1 && after[before[i][0]].size() == 1) {
      task_of[i] = task_of[before[i][0]];
    } else {
      task_of[i] = static_cast<std::uint32_t>(chains.size());
      chains.emplace_back();
    }
    chains[task_of[i]].push_back(i);
  }
  task_count_ = static_cast<std::uint32_t>(chains.size());
  node_begin_.push_back(0);
  for (const auto& chain : chains) {
    nodes_.insert(nodes_.end(), chain.begin(), chain.end());
    node_begin_.push_back(static_cast<std::uint32_t>(nodes_.size()));
  }
  // A chain waits for what its first node waits for and releases what its last node releases.
  std::vector<std::vector<std::uint32_t>> released(task_count_);
  dependencies_.assign(task_count_, 0);
  for (std::uint32_t t = 0; t < task_count_; ++t) {
    std::vector<std::uint32_t> waits;
    for (std::uint32_t b : before[chains[t].front()]) waits.push_back(task_of[b]);
    sort_unique(waits);
    dependencies_[t] = static_cast<std::int32_t>(waits.size());
    for (std::uint32_t w : waits) released[w].push_back(t);
    if (waits.empty()) sources_.push_back(t);
  }
  successor_begin_.push_back(0);
  for (const auto& r : released) {
    successors_.insert(successors_.end(), r.begin(), r.end());
    successor_begin_.push_back(static_cast<std::uint32_t>(successors_.size()));
  }
  find_parts(task_of, together);
  pending_.reset(new Counter[task_count_]);
  queue_.reset(new std::atomic<std::int32_t>[task_count_]);
  for (std::uint32_t t = 0; t < task_count_; ++t) {
    pending_[t].value.store(dependencies_[t], std::memory_order_relaxed);
    queue_[t].store(-1, std::memory_order_relaxed);
  }
}

// The independent parts of the task graph, largest first (so that the
// last ones, taken when the others are done, are small), when no part holds
// more than half of the nodes: a larger one would leave the other threads idle
// for most of the block, and the task by task run spreads it better.
void NodeScheduler::find_parts(const std::vector<std::uint32_t>& task_of, const Pairs& together) {
  std::vector<std::uint32_t> root(task_count_);
  for (std::uint32_t t = 0; t < task_count_; ++t) root[t] = t;
  const auto find = [&](std::uint32_t t) {
    while (root[t] != t) t = root[t] = root[root[t]];
    return t;
  };
  for (std::uint32_t t = 0; t < task_count_; ++t) {
    for (std::uint32_t k = successor_begin_[t]; k < successor_begin_[t + 1]; ++k) root[find(successors_[k])] = find(t);
  }
  for (auto [a, b] : together) root[find(task_of[a])] = find(task_of[b]);
  std::vector<std::uint32_t> nodes_in(task_count_, 0);
  for (std::uint32_t t = 0; t < task_count_; ++t) nodes_in[find(t)] += node_begin_[t + 1] - node_begin_[t];
  std::vector<std::uint32_t> parts;
  for (std::uint32_t t = 0; t < task_count_; ++t) {
    if (find(t) == t) parts.push_back(t);
  }
  const auto total = static_cast<std::uint32_t>(nodes_.size());
  if (parts.size() < 2 || 2 * *std::max_element(nodes_in.begin(), nodes_in.end()) > total) return;
  std::stable_sort(parts.begin(), parts.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return nodes_in[a] > nodes_in[b]; });
  part_of_node_.assign(nodes_.size(), 0);
  for (std::uint32_t part : parts) {
    part_begin_.push_back(static_cast<std::uint32_t>(part_tasks_.size()));
    for (std::uint32_t t = 0; t < task_count_; ++t) {  // ascending: each task after those it waits for
      if (find(t) != part) continue;
      part_tasks_.push_back(t);
      for (std::uint32_t k = node_begin_[t]; k < node_begin_[t + 1]; ++k)
        part_of_node_[nodes_[k]] = static_cast<std::uint32_t>(part_begin_.size() - 1);
    }
  }
  part_begin_.push_back(static_cast<std::uint32_t>(part_tasks_.size()));
  parts_taken_.reset(new Counter[parts.size()]);
}

void NodeScheduler::run(ParallelFor& parallel, Task task, void* context) {
  parallel_ = &parallel;
  task_ = task;
  context_ = context;
  if (runs_by_part()) {
    blocks_ = 1;
    part_done_ = nullptr;
    run_by_part(parallel);
    return;
  }
  for (std::uint32_t k = 0; k < sources_.size(); ++k)
    queue_[k].store(static_cast<std::int32_t>(sources_[k]), std::memory_order_relaxed);
  head_.store(0, std::memory_order_relaxed);
  tail_.store(static_cast<std::uint32_t>(sources_.size()), std::memory_order_relaxed);
  done_.store(0, std::memory_order_relaxed);
  // The pool publishes these stores to its threads (release on hand-over)
  // and returns once every thread is back (acquire): the next block's stores
  // cannot race with this block's readers.
  parallel.run(
      static_cast<std::size_t>(parallel.threads()),
      [](void* self, std::size_t) { static_cast<NodeScheduler*>(self)->work(); }, this);
}

void NodeScheduler::run_ahead(ParallelFor* parallel, std::size_t blocks, Task task, PartDone done, void* context) {
  parallel_ = parallel;
  task_ = task;
  context_ = context;
  blocks_ = blocks;
  part_done_ = done;
  if (parallel) {
    run_by_part(*parallel);
  } else {
    for (std::size_t part = 0; part < part_count(); ++part) run_part(part);
  }
}

void NodeScheduler::run_by_part(ParallelFor& parallel) {
  dealt_to_ = std::min(part_count(), static_cast<std::size_t>(parallel.threads()));
  for (std::size_t t = 0; t < dealt_to_; ++t) parts_taken_[t].value.store(0, std::memory_order_relaxed);
  parallel.run(
      dealt_to_, [](void* self, std::size_t thread) { static_cast<NodeScheduler*>(self)->run_parts(thread); }, this);
}

// Thread t's parts first, then what the others have left.
void NodeScheduler::run_parts(std::size_t thread) {
  const std::size_t parts = part_begin_.size() - 1;
  for (std::size_t k = 0; k < dealt_to_; ++k) {
    const std::size_t t = (thread + k) % dealt_to_;
    for (;;) {
      const auto taken = static_cast<std::size_t>(parts_taken_[t].value.fetch_add(1, std::memory_order_relaxed));
      const std::size_t part = t + taken * dealt_to_;
      if (part >= parts) break;
      run_part(part);
    }
  }
}

void NodeScheduler::run_part(std::size_t part) {
  for (std::size_t block = 0; block < blocks_; ++block) {
    for (std::uint32_t k = part_begin_[part]; k < part_begin_[part + 1]; ++k) {
      const std::uint32_t t = part_tasks_[k];
      for (std::uint32_t i = node_begin_[t]; i < node_begin_[t + 1]; ++i) task_(context_, nodes_[i], block);
    }
    if (part_done_) part_done_(context_, part, block);
  }
}

void NodeScheduler::push(std::uint32_t task) {
  const std::uint32_t k = tail_.fetch_add(1, std::memory_order_acq_rel);
  queue_[k].store(static_cast<std::int32_t>(task), std::memory_order_release);
}

bool NodeScheduler::take(std::uint32_t& task) {
  for (int spin = 0;; ++spin) {
    std::uint32_t h = head_.load(std::memory_order_acquire);
    if (h < tail_.load(std::memory_order_acquire)) {
      if (!head_.compare_exchange_weak(h, h + 1, std::memory_order_acq_rel)) continue;
      // The slot is ours; its writer may still be between fetch_add and store.
      std::int32_t v;
      for (int wait = 0; (v = queue_[h].load(std::memory_order_acquire)) < 0; ++wait) parallel_->relax(wait);
      queue_[h].store(-1, std::memory_order_relaxed);
      task = static_cast<std::uint32_t>(v);
      return true;
    }
    if (done_.load(std::memory_order_acquire) == task_count_) return false;
    parallel_->relax(spin);
  }
}

// Runs one task, then counts down its successors: of those it makes ready,
// this thread runs one itself (its inputs are still in this core's cache)
// and queues the others. Returns the one to run next, if `follows`.
std::uint32_t NodeScheduler::run_task(std::uint32_t task, bool& follows) {
  if (dependencies_[task] > 1)
    pending_[task].value.store(dependencies_[task], std::memory_order_relaxed);  // for the next block
  for (std::uint32_t k = node_begin_[task]; k < node_begin_[task + 1]; ++k) task_(context_, nodes_[k], 0);
  follows = false;
  std::uint32_t next = 0;
  for (std::uint32_t k = successor_begin_[task]; k < successor_begin_[task + 1]; ++k) {
    const std::uint32_t s = successors_[k];
    // A task with one dependency needs no count: this is it.
    if (dependencies_[s] > 1 && pending_[s].value.fetch_sub(1, std::memory_order_acq_rel) != 1) continue;
    if (follows) {
      push(s);
    } else {
      follows = true;
      next = s;
    }
  }
  return next;
}

void NodeScheduler::work() {
  std::uint32_t task;
  while (take(task)) {
    std::uint32_t finished = 0;
    for (bool follows = true; follows; ++finished) task = run_task(task, follows);
    done_.fetch_add(finished, std::memory_order_acq_rel);
  }
}

}  // namespace tala
