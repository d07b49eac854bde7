// Per-frame coefficients for filters whose cutoff and resonance may move at
// audio rate. The costly part (a tangent and a division) runs as a loop with
// no state carried between frames, which the compiler vectorises, ahead of
// the filter's own recurrence; frames that repeat the previous inputs reuse
// the coefficients already held, as one computation per change always did.
#pragma once

#include <algorithm>

namespace tala {

// `C` provides: `Held` (one frame's coefficients), `static Held make(rate,
// cutoff, resonance)`, `set(i, Held)`, `get(i)`, and `compute(rate, cutoff,
// resonance, from, to)` filling frames [from, to) from the inputs.
template <class C>
class ModulatedCoefficients {
 public:
  static constexpr int kChunk = C::kChunk;

  // Fills `out` for frames [0, n), n <= kChunk.
  void fill(double rate, const float* cutoff, const float* resonance, int n, C& out) {
    int i = 0;
    while (i < n && cutoff[i] == last_cutoff_ && resonance[i] == last_resonance_) out.set(i++, held_);
    if (i == n) return;
    if (holds_still(cutoff + i, resonance + i, n - i)) {
      held_ = C::make(rate, cutoff[i], resonance[i]);
      for (; i < n; ++i) out.set(i, held_);
    } else {
      out.compute(rate, cutoff, resonance, i, n);
      held_ = out.get(n - 1);
    }
    last_cutoff_ = cutoff[n - 1];
    last_resonance_ = resonance[n - 1];
  }

 private:
  float last_cutoff_ = -1, last_resonance_ = -1;  // -1: none yet
  typename C::Held held_{};

  // Stops at the first change: a cutoff moving at audio rate is told from the second frame (a scan
  // of the whole chunk cost a tenth of such a filter).
  static bool holds_still(const float* cutoff, const float* resonance, int n) {
    for (int i = 1; i < n; ++i) {
      if (cutoff[i] != cutoff[0] || resonance[i] != resonance[0]) return false;
    }
    return true;
  }
};

}  // namespace tala
