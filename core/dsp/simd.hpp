// The small SIMD type the voice engine is written against: W float lanes and
// W int32 lanes, as compiler vector extensions (g++ and Emscripten's clang
// both understand them). W = 8 fills an AVX2 register, 4 a SIMD128 one, 1 is
// the scalar path. Every operation is defined lane by lane with IEEE single
// precision and no fused multiply-add, so all widths give identical samples.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace tala::dsp {

// Spelled out per width: g++ 12 does not treat a vector_size that depends on
// a template parameter as a vector inside the template.
template <int W>
struct VectorTypes;
template <>
struct VectorTypes<1> {
  typedef float F __attribute__((vector_size(4)));
  typedef std::int32_t I __attribute__((vector_size(4)));
};
template <>
struct VectorTypes<4> {
  typedef float F __attribute__((vector_size(16)));
  typedef std::int32_t I __attribute__((vector_size(16)));
};
template <>
struct VectorTypes<8> {
  typedef float F __attribute__((vector_size(32)));
  typedef std::int32_t I __attribute__((vector_size(32)));
};

template <int W>
struct Lanes {
  static constexpr int width = W;
  using F = typename VectorTypes<W>::F;
  using I = typename VectorTypes<W>::I;
  using M = I;  // a mask: every lane all ones (true) or zero (false)

  static F splat(float x) { return F{} + x; }
  static I splat_int(std::int32_t x) { return I{} + x; }
  static F load(const float* p) {
    F v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  static I load(const std::int32_t* p) {
    I v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  static void store(float* p, F v) { std::memcpy(p, &v, sizeof v); }
  static void store(std::int32_t* p, I v) { std::memcpy(p, &v, sizeof v); }

  // Masks are all ones or all zeros per lane, so a lane-wise choice and a
  // bitwise one agree. g++ turns the choice into one blend; written bitwise it
  // keeps three operations (and/andn/or) on the envelope's critical path.
  // clang (wasm) matches the bitwise form to v128.bitselect either way.
#if defined(__clang__)
  static F select(M m, F yes, F no) {
    return reinterpret_cast<F>((m & reinterpret_cast<I>(yes)) | (~m & reinterpret_cast<I>(no)));
  }
  static I select(M m, I yes, I no) { return (m & yes) | (~m & no); }
#else
  static F select(M m, F yes, F no) { return m ? yes : no; }
  static I select(M m, I yes, I no) { return m ? yes : no; }
#endif
  // a < b ? a : b and a > b ? a : b, as x86's minps/maxps and wasm's pmin/pmax
  // (with swapped operands) define them: the same lane results on every path.
  static F min(F a, F b) { return select(a < b, a, b); }
  static F max(F a, F b) { return select(a > b, a, b); }
  static I min(I a, I b) { return select(a < b, a, b); }
  static I max(I a, I b) { return select(a > b, a, b); }
  static F abs(F a) { return reinterpret_cast<F>(reinterpret_cast<I>(a) & splat_int(0x7fffffff)); }
  static F to_float(I a) { return __builtin_convertvector(a, F); }
  static I truncate(F a) { return __builtin_convertvector(a, I); }  // towards zero, for |a| < 2^31
  // Rounds to the nearest integer (halves away from zero), for |a| < 2^31.
  static F round(F a) {
    const F half = select(a < 0, splat(-0.5f), splat(0.5f));
    return to_float(__builtin_convertvector(a + half, I));
  }
  // 1.0 where the mask is true, else 0.0.
  static F ones(M m) { return reinterpret_cast<F>(m & reinterpret_cast<I>(splat(1.0f))); }
  // Lane w reads base[w][index[w] + offset]: each lane from its own array.
  static F gather(const float* const* base, I index, int offset) {
#if defined(__AVX2__)
    if constexpr (W == 8) {
      // Absolute addresses as 64-bit gather indices from a null base: two
      // four-lane gathers instead of eight loads and a reload through memory.
      const __m256i k = reinterpret_cast<__m256i>(index + offset);
      const __m256i lo = _mm256_add_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(base)),
                                          _mm256_slli_epi64(_mm256_cvtepi32_epi64(_mm256_castsi256_si128(k)), 2));
      const __m256i hi = _mm256_add_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(base + 4)),
                                          _mm256_slli_epi64(_mm256_cvtepi32_epi64(_mm256_extracti128_si256(k, 1)), 2));
      const __m128 a = _mm256_i64gather_ps(static_cast<const float*>(nullptr), lo, 1);
      const __m128 b = _mm256_i64gather_ps(static_cast<const float*>(nullptr), hi, 1);
      return reinterpret_cast<F>(_mm256_set_m128(b, a));
    }
#endif
    if constexpr (W == 1) {
      return F{base[0][index[0] + offset]};
    } else if constexpr (W == 4) {
      return F{base[0][index[0] + offset], base[1][index[1] + offset], base[2][index[2] + offset],
               base[3][index[3] + offset]};
    } else {
      F v;
      for (int w = 0; w < W; ++w) v[w] = base[w][index[w] + offset];
      return v;
    }
  }

  // Lane w reads base[w][index[w]] into `at` and base[w][index[w] + 1] into
  // `next`: the two points of a linear interpolation. Lanes from `used` on
  // may read 0 instead (callers pass the lanes past the last live voice):
  // fewer loads when a batch is sparse. Always inlined: as a call (g++'s choice once the voice
  // kernel used it in two loops) it cost the 64-voice W2 17 %.
  [[gnu::always_inline]] static void gather_pair(const float* const* base, I index, F& at, F& next, int used = W) {
#if defined(__AVX2__)
    if constexpr (W == 8) {
      // Each lane's two neighbours are one 64-bit load; even and odd floats
      // are then split by two shuffles. Cheaper than four gathers.
      alignas(32) const float* p[8];
      for (int w = 0; w < 8; ++w) p[w] = base[w] + index[w];
      auto pair = [&](int w) {  // 8 bytes at any float alignment
        long long bits;
        std::memcpy(&bits, p[w], sizeof bits);
        return _mm_castsi128_ps(_mm_cvtsi64_si128(bits));
      };
      auto two = [&](int a, int b) { return _mm_movelh_ps(pair(a), pair(b)); };  // a0 a1 b0 b1
      const __m128 zero = _mm_setzero_ps();
      const __m128 lanes01 = two(0, 1);
      const __m128 lanes23 = used > 2 ? two(2, 3) : zero;
      const __m256 x = _mm256_set_m128(used > 4 ? two(4, 5) : zero, lanes01);
      const __m256 y = _mm256_set_m128(used > 6 ? two(6, 7) : zero, lanes23);
      at = reinterpret_cast<F>(_mm256_shuffle_ps(x, y, _MM_SHUFFLE(2, 0, 2, 0)));
      next = reinterpret_cast<F>(_mm256_shuffle_ps(x, y, _MM_SHUFFLE(3, 1, 3, 1)));
      return;
    }
#endif
    if constexpr (W == 1) {
      at = gather(base, index, 0);
      next = gather(base, index, 1);
    } else {
      at = F{}, next = F{};
      for (int w = 0; w < used; ++w) {
        at[w] = base[w][index[w]];
        next[w] = base[w][index[w] + 1];
      }
    }
  }

  static bool any(M m) {
    for (int i = 0; i < W; ++i) {
      if (m[i]) return true;
    }
    return false;
  }
};

}  // namespace tala::dsp
