// A stable sort that allocates nothing for the short ranges the audio thread
// sorts (a block's events, a control map's entries): std::stable_sort asks
// for a temporary buffer first, even for two elements. Ranges over 32 go to
// std::stable_sort; already sorted ones are left alone.
#pragma once

#include <algorithm>
#include <iterator>
#include <utility>

namespace tala {

template <typename It, typename Less>
void stable_sort_small(It first, It last, Less less) {
  if (std::is_sorted(first, last, less)) return;
  if (std::distance(first, last) > 32) {
    std::stable_sort(first, last, less);
    return;
  }
  for (It i = std::next(first); i != last; ++i) {
    for (It j = i; j != first && less(*j, *std::prev(j)); --j) std::iter_swap(j, std::prev(j));
  }
}

}  // namespace tala
