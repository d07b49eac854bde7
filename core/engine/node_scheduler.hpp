// Runs one block's nodes on several threads in dependency order, in the
// spirit of SuperCollider's supernova: every task counts the tasks it waits
// for, and the thread that finishes a task's last dependency makes it ready.
// The pool is handed the block once, instead of once per stage with a barrier
// after each (which cost more than small nodes themselves).
//
// A task is a chain of nodes where each waits only for the one before, and
// that one is waited for by nobody else: running such a chain on one thread
// loses no parallelism and saves a hand-over per link.
//
// A graph of independent parts (16 outputs that share nothing, say) runs
// part by part instead, each part's tasks in order on one thread. The parts
// are dealt out like cards, largest first: thread t takes parts t, t + T,
// t + 2T ... through a count of its own, and only when its own are done takes
// another thread's. Between two cores of a virtual machine a cache line can
// take a microsecond to move: stress_extreme's 96 tasks a block cost more in
// hand-overs than they gained, and even one shared count per part was felt.
//
// Parts can also run ahead: each renders a run of blocks on its own before
// the threads meet again (`run_ahead`), so that the hand-over, the late start
// of a woken thread and the wait for the last part are paid once per run
// instead of once per block, and a part's state stays in one core's cache
// (which pays on one thread too).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "engine/parallel_for.hpp"

namespace tala {

class NodeScheduler {
 public:
  // `waits_for[i]` lists the nodes node i must wait for; every one is below i
  // (the nodes come in an order that runs correctly on one thread).
  // `together` pairs nodes that must be in one part although neither waits
  // for the other (a delay reads its input after the block).
  using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  explicit NodeScheduler(const std::vector<std::vector<std::uint32_t>>& waits_for, const Pairs& together = {});

  // Whether two tasks could ever run at the same time (a single chain never could).
  bool has_parallelism() const { return task_count_ > 1; }
  std::size_t task_count() const { return task_count_; }
  // Whether blocks run whole independent parts, each on one thread.
  bool runs_by_part() const { return !part_begin_.empty(); }
  std::size_t part_count() const { return runs_by_part() ? part_begin_.size() - 1 : 0; }
  // The part node i belongs to (when runs_by_part()).
  std::size_t part_of(std::uint32_t node) const { return part_of_node_[node]; }

  // Calls task(context, i, 0) for every node once, each after the nodes it
  // waits for have returned, on the threads of `parallel`. No allocation, no lock.
  using Task = void (*)(void* context, std::size_t node, std::size_t block);
  void run(ParallelFor& parallel, Task task, void* context);
  // Only when runs_by_part(): `blocks` blocks, each part on one thread (the
  // caller's, part after part, without `parallel`) from its first block to its
  // last: task(context, node, block) for its nodes in order, then
  // done(context, part, block), block after block.
  using PartDone = void (*)(void* context, std::size_t part, std::size_t block);
  void run_ahead(ParallelFor* parallel, std::size_t blocks, Task task, PartDone done, void* context);

 private:
  // Padded: threads count down different tasks without sharing a cache line.
  struct alignas(64) Counter {
    std::atomic<std::int32_t> value{0};
  };

  void work();
  bool take(std::uint32_t& task);
  void push(std::uint32_t task);
  std::uint32_t run_task(std::uint32_t task, bool& follows);
  void run_part(std::size_t part);
  void run_parts(std::size_t thread);
  void find_parts(const std::vector<std::uint32_t>& task_of, const Pairs& together);
  void run_by_part(ParallelFor& parallel);

  std::uint32_t task_count_ = 0;
  std::vector<std::uint32_t> node_begin_;  // task t runs nodes_[node_begin_[t] .. node_begin_[t+1])
  std::vector<std::uint32_t> nodes_;
  std::vector<std::uint32_t> successor_begin_;  // task t counts down successors_[successor_begin_[t] ..)
  std::vector<std::uint32_t> successors_;
  std::vector<std::int32_t> dependencies_;
  std::vector<std::uint32_t> sources_;  // the tasks that wait for none
  // Part p runs tasks part_tasks_[part_begin_[p] .. part_begin_[p+1]), in that
  // order (each after those it waits for); empty when not run by part.
  std::vector<std::uint32_t> part_begin_;
  std::vector<std::uint32_t> part_tasks_;
  std::vector<std::uint32_t> part_of_node_;
  // Per thread (up to one per part): how many of its parts have been taken.
  std::unique_ptr<Counter[]> parts_taken_;
  std::size_t dealt_to_ = 1;  // this block's number of threads

  // One block's run. Every counter is back at its task's dependency count
  // when the block ends (the thread that takes a task resets it), so a block
  // starts without touching them. Each task is queued at most once per
  // block: the queue is an array filled front to back (-1: not yet written).
  std::unique_ptr<Counter[]> pending_;
  std::unique_ptr<std::atomic<std::int32_t>[]> queue_;
  alignas(64) std::atomic<std::uint32_t> head_{0};
  alignas(64) std::atomic<std::uint32_t> tail_{0};
  alignas(64) std::atomic<std::uint32_t> done_{0};  // tasks finished, added up when a thread runs dry
  ParallelFor* parallel_ = nullptr;
  Task task_ = nullptr;
  void* context_ = nullptr;
  // run_ahead's: how many blocks each part runs, and what is called after each (1 and null in run()).
  std::size_t blocks_ = 1;
  PartDone part_done_ = nullptr;
};

}  // namespace tala
