#include "render_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>

namespace tala {

namespace {

std::string us(double seconds) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", seconds * 1e6);
  return b;
}

double percentile(const std::vector<double>& sorted, double p) {
  const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

}  // namespace

void print_realtime_report(std::ostream& out, std::vector<double> t, int block_frames, double rate, int threads) {
  if (t.empty()) return;
  const double budget = block_frames / rate;
  const double total = std::accumulate(t.begin(), t.end(), 0.0);
  std::sort(t.begin(), t.end());
  const double audio = static_cast<double>(t.size()) * budget;
  char line[160];
  out << "real-time report (" << t.size() << " blocks of " << block_frames << " frames, " << threads
      << (threads == 1 ? " thread)\n" : " threads)\n");
  out << "  block time (us)   average " << us(total / static_cast<double>(t.size())) << "   min " << us(t.front())
      << "   p99 " << us(percentile(t, 0.99)) << "   p99.9 " << us(percentile(t, 0.999)) << "   max " << us(t.back())
      << "\n";
  std::snprintf(line, sizeof line, "  budget per block  %.1f us\n  CPU of real time  %.2f %%\n", budget * 1e6,
                100 * total / audio);
  out << line;
  std::snprintf(line, sizeof line, "  real-time factor  %.1fx\n", audio / total);
  out << line;
  const double worst = percentile(t, 0.999);
  out << "  live on this machine: "
      << (worst < 0.5 * budget ? "yes (p99.9 under half the budget)"
          : worst < budget     ? "barely (p99.9 within the budget, under half is safe)"
                               : "no (p99.9 over the budget: expect dropouts)")
      << "\n";
}

void print_profile(std::ostream& out, const std::vector<Program::NodeTime>& nodes, std::size_t blocks, double rate,
                   int block_frames) {
  double total = 0;
  std::map<std::size_t, double> stages;
  for (const auto& n : nodes) {
    total += n.seconds;
    stages[n.stage] += n.seconds;
  }
  auto sorted = nodes;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.seconds > b.seconds; });
  const double per_block = blocks ? 1.0 / static_cast<double>(blocks) : 0;
  char line[256];
  out << "profile: time per node, largest first (" << blocks << " blocks; budget " << us(block_frames / rate)
      << " us per block)\n";
  std::snprintf(line, sizeof line, "  %-28s %-16s %6s %12s %8s\n", "node", "type", "stage", "us/block", "share");
  out << line;
  for (const auto& n : sorted) {
    std::snprintf(line, sizeof line, "  %-28s %-16s %6zu %12.2f %7.1f%%\n", n.id.c_str(), n.type.c_str(), n.stage,
                  n.seconds * per_block * 1e6, total > 0 ? 100 * n.seconds / total : 0.0);
    out << line;
  }
  std::vector<std::pair<std::size_t, double>> by_stage(stages.begin(), stages.end());
  std::sort(by_stage.begin(), by_stage.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  out << "profile: time per stage, largest first\n";
  std::snprintf(line, sizeof line, "  %6s %12s %8s\n", "stage", "us/block", "share");
  out << line;
  for (const auto& [stage, seconds] : by_stage) {
    std::snprintf(line, sizeof line, "  %6zu %12.2f %7.1f%%\n", stage, seconds * per_block * 1e6,
                  total > 0 ? 100 * seconds / total : 0.0);
    out << line;
  }
}

}  // namespace tala
