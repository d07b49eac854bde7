// Which nodes of a graph come before which: one bit row per node, filled in an
// order where every node's inputs come first. The scheduler uses it to drop
// waits that others already imply, the compiler to pick reusable buffers
// that add no wait. Rows grow with the square of the node count, so past
// kMaxNodes it knows nothing (every answer is "no"): correct, less parallel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tala {

class Ancestors {
 public:
  static constexpr std::size_t kMaxNodes = 4096;  // 2 MiB of bits

  explicit Ancestors(std::size_t nodes)
      : words_(nodes <= kMaxNodes ? (nodes + 63) / 64 : 0), bits_(words_ * nodes, 0) {}

  // `input` and everything before it come before `node`.
  void add(std::size_t node, std::size_t input) {
    if (words_ == 0) return;
    std::uint64_t* to = &bits_[node * words_];
    const std::uint64_t* from = &bits_[input * words_];
    for (std::size_t w = 0; w < words_; ++w) to[w] |= from[w];
    to[input / 64] |= std::uint64_t{1} << (input % 64);
  }

  bool comes_before(std::size_t a, std::size_t node) const {
    return words_ != 0 && (bits_[node * words_ + a / 64] >> (a % 64) & 1) != 0;
  }

 private:
  std::size_t words_;
  std::vector<std::uint64_t> bits_;
};

}  // namespace tala
